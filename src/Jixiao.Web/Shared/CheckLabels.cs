namespace Jixiao.Web.Shared;

/// <summary>
/// Short names of the checks (检查项简称) for places too narrow for a check's whole meaning — the overview's chart of
/// findings by check labels each bar with one beside its code. A check without a short name here (a new one) is
/// labelled by the start of its meaning.
/// </summary>
public static class CheckLabels
{
    private const int FallbackLength = 12;

    private static readonly Dictionary<string, (string Zh, string En)> Short = new(StringComparer.Ordinal)
    {
        ["ACT-UNMEASURED"] = ("完成值非实测数值", "Actual not a measured value"),
        ["CAT-MISSING"] = ("缺少必设指标类别", "Required category missing"),
        ["CAT-UNKNOWN"] = ("指标类别无法判断", "Category unknown"),
        ["DATE-ORDER"] = ("完成日期早于开始", "Ends before it starts"),
        ["DEV-MISSING"] = ("扣分未写偏差原因", "Deduction without reason"),
        ["FUND-OVERSPEND"] = ("执行数超预算", "Spent over budget"),
        ["FUND-RATE"] = ("执行率与金额不符", "Rate differs from amounts"),
        ["FUND-RATE-LOW"] = ("执行率偏低", "Low execution rate"),
        ["FUND-SCORE"] = ("执行得分不符", "Execution score wrong"),
        ["FUND-SUM"] = ("资金分项之和不符", "Fund lines do not add up"),
        ["GOAL-COPIED"] = ("完成情况照抄目标", "Goal copied as result"),
        ["GRADE-MISMATCH"] = ("等级与总分不符", "Grade differs from total"),
        ["GRADE-RECOMPUTED"] = ("复核后等级改变", "Grade changes when recomputed"),
        ["IND-MET-DEDUCTED"] = ("达标却扣分", "Met but deducted"),
        ["IND-MISSED-FULL"] = ("未达标却满分", "Missed but full marks"),
        ["IND-SCORE-FORMULA"] = ("未达标得分不按比例", "Score not proportional"),
        ["IND-SCORE-OVER-WEIGHT"] = ("得分超过分值", "Score above weight"),
        ["IND-STRICT-BOUNDARY"] = ("恰在严格边界", "On a strict boundary"),
        ["IND-WEIGHT-CONCENTRATED"] = ("单项分值过半", "One indicator over half"),
        ["QUAL-BAND"] = ("定性得分超出档次", "Qualitative score out of band"),
        ["ROUNDING"] = ("仅舍入口径不同", "Rounding only"),
        ["TGT-TOO-LOW"] = ("指标值偏低", "Target set low"),
        ["TGT-UNMEASURABLE"] = ("指标值不可计量", "Target not measurable"),
        ["TGT-VACUOUS"] = ("指标值形同虚设", "Vacuous target"),
        ["TOTAL-SUM"] = ("总分加总不符", "Total is not the sum"),
        ["UNIT-MISMATCH"] = ("计量单位不符", "Unit mismatch"),
        ["VALUE-MISSING"] = ("必填数值缺失", "Required value missing"),
        ["WEIGHT-SPLIT"] = ("权重偏离默认分配", "Weights off the default split"),
        ["WEIGHT-SUM"] = ("分值加总不为100", "Weights do not sum to 100"),
        ["GOAL-NEAR-COPY"] = ("完成情况近似照抄", "Goal nearly copied"),
        ["IND-DUPLICATE"] = ("指标重复设置", "Indicator set twice"),
        ["SAT-UNMEASURED"] = ("满意度未实测", "Satisfaction not surveyed"),
        ["COST-FUNDS"] = ("成本指标与资金不符", "Cost differs from funds"),
        ["QUAL-MET-DEDUCTED"] = ("定性达标却扣分", "Qualitative met, deducted"),
        ["ACT-AT-THRESHOLD"] = ("完成值均卡在指标值", "Actuals on the threshold"),
        ["FUND-MIDYEAR"] = ("年中追加的预算", "Budget added mid-year"),
        ["IND-QTY-RATE"] = ("数量指标以率计", "Quantity as a rate"),
        ["IND-LEVEL-UNFIT"] = ("指标层级不当", "Level does not fit"),
        ["FORM-COPIED"] = ("照抄他项目指标表", "Table copied from another project"),
        ["GOALS-REUSED"] = ("目标文字与他项目相同", "Goal text of another project"),
        ["PROJECT-TWICE"] = ("同一项目重复自评", "Project evaluated twice"),
        ["FORM-DUPLICATE"] = ("同一表单导入两次", "Form imported twice"),
        ["DECL-BUDGET-JUMP"] = ("预算较申报大幅变化", "Budget far from declared"),
        ["DECL-INDICATORS-CHANGED"] = ("指标较申报增删", "Indicators changed since declared"),
        ["DECL-TARGET-LOWERED"] = ("指标值较申报降低", "Target lowered since declared"),
        ["DECL-WEIGHT-MOVED"] = ("分值较申报改变", "Weight moved since declared"),
    };

    /// <summary>The short name of <paramref name="code"/> in the current language.</summary>
    public static string Of(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Short.TryGetValue(code, out var name))
        {
            return Ui.T(name.Zh, name.En);
        }

        var meaning = Ui.CheckMeaning(code);
        var cut = meaning.IndexOfAny(['（', '(', '，', ',', '。', '.', '：', ':']);
        var head = cut > 0 ? meaning[..cut] : meaning;
        return head.Length <= FallbackLength || Ui.IsEnglish ? head : head[..FallbackLength] + "…";
    }
}
