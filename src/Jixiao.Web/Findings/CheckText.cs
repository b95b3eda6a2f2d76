using Jixiao.Core.Checks;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Findings;

/// <summary>
/// A check in a few words for lists and charts (检查项简称), Chinese and English, beside its full meaning (the
/// catalogue's <see cref="CheckDefinition.MeaningZh"/>, shown as a tooltip). A check without a short text of its
/// own shows the first clause of its meaning.
/// </summary>
public static class CheckText
{
    private static readonly Dictionary<string, (string Zh, string En)> Short = new(StringComparer.Ordinal)
    {
        ["ACT-UNMEASURED"] = ("实际值非实测数值", "Actual not measured"),
        ["CAT-MISSING"] = ("缺少必设指标类别", "Required category missing"),
        ["CAT-UNKNOWN"] = ("指标类别无法判断", "Category unclear"),
        ["DATE-ORDER"] = ("完成日期早于开始日期", "End before start"),
        ["DEV-MISSING"] = ("扣分未说明原因", "Deduction without reason"),
        ["FUND-OVERSPEND"] = ("执行数超过预算数", "Spent over budget"),
        ["FUND-RATE"] = ("执行率计算不符", "Execution rate wrong"),
        ["FUND-RATE-LOW"] = ("执行率偏低", "Low execution rate"),
        ["FUND-SCORE"] = ("预算执行得分不符", "Execution score wrong"),
        ["FUND-SUM"] = ("资金合计不符", "Fund totals do not add up"),
        ["GOAL-COPIED"] = ("完成情况照抄目标", "Actual copies the goal"),
        ["GRADE-MISMATCH"] = ("等级与总分不符", "Grade does not fit total"),
        ["GRADE-RECOMPUTED"] = ("重算后等级不同", "Recomputed grade differs"),
        ["IND-MET-DEDUCTED"] = ("已完成却扣分", "Met but deducted"),
        ["IND-MISSED-FULL"] = ("未完成却满分", "Missed but full marks"),
        ["IND-SCORE-FORMULA"] = ("未按完成比例计分", "Score not proportional"),
        ["IND-SCORE-OVER-WEIGHT"] = ("得分超过分值", "Score above weight"),
        ["IND-STRICT-BOUNDARY"] = ("恰等于严格界限", "Exactly at a strict bound"),
        ["IND-WEIGHT-CONCENTRATED"] = ("分值过于集中", "Weight concentrated"),
        ["QUAL-BAND"] = ("定性得分不在档次内", "Qualitative score off band"),
        ["ROUNDING"] = ("仅舍入口径不同", "Rounding only"),
        ["TGT-TOO-LOW"] = ("指标值可能偏低", "Target maybe too low"),
        ["TGT-UNMEASURABLE"] = ("指标值无法计量", "Target not measurable"),
        ["TGT-VACUOUS"] = ("指标值形同虚设", "Vacuous target"),
        ["TOTAL-SUM"] = ("总分不等于各项之和", "Total does not add up"),
        ["UNIT-MISMATCH"] = ("计量单位不符", "Unit mismatch"),
        ["VALUE-MISSING"] = ("缺少数值", "Value missing"),
        ["WEIGHT-SPLIT"] = ("一级指标权重偏离", "Category weights off"),
        ["WEIGHT-SUM"] = ("分值合计不符", "Weights do not add up"),
    };

    /// <summary>The check in a few words, in the current language.</summary>
    public static string ShortOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Short.TryGetValue(code, out var text))
        {
            return Ui.T(text.Zh, text.En);
        }

        var definition = CheckCatalogue.Find(code)?.Definition;
        return definition is null ? code : Ui.T(FirstClause(definition.MeaningZh, "（，。；：", 16), FirstClause(definition.MeaningEn, ",.;:(", 40));
    }

    /// <summary>The check's full meaning in the current language (the code when the catalogue does not know it).</summary>
    public static string MeaningOf(string code) => Ui.CheckMeaning(code);

    private static string FirstClause(string text, string stops, int max)
    {
        var end = text.IndexOfAny(stops.ToCharArray());
        var clause = end > 0 ? text[..end] : text;
        return clause.Length > max ? clause[..max] + "…" : clause;
    }
}
