using System.Globalization;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Scoring;

/// <summary>Number formatting and explanations shared by scores and findings (invariant culture).</summary>
public static class ScoreText
{
    /// <summary>A number as printed (its own scale), or — for null.</summary>
    public static string N(decimal? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "—";

    /// <summary>A recomputed number with two to four decimals (99.4475).</summary>
    public static string X(decimal? value) => value is { } v ? v.ToString("0.00##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A number with two decimals.</summary>
    public static string F2(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A percentage of a fraction (0.8 → 80%).</summary>
    public static string Pct(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Range(decimal min, decimal max) => min == max ? F2(min) : $"[{F2(min)}, {F2(max)}]";

    public static string BandZh(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => "达成",
        QualitativeBand.PartiallyAchieved => "部分达成",
        QualitativeBand.NotAchieved => "未达成",
        _ => "未说明档次",
    };

    public static string BandEn(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => "achieved",
        QualitativeBand.PartiallyAchieved => "partly achieved",
        QualitativeBand.NotAchieved => "not achieved",
        _ => "no band stated",
    };

    public static string IssueEn(AssessmentIssue issue) => issue switch
    {
        AssessmentIssue.NotSelfEvaluation => "a target declaration is not scored",
        AssessmentIssue.WeightMissing => "no weight printed",
        AssessmentIssue.TargetMissing => "no target printed",
        AssessmentIssue.TargetUnreadable => "the target cannot be read",
        AssessmentIssue.TargetNegative => "the target is negative",
        AssessmentIssue.ActualMissing => "no actual value printed",
        AssessmentIssue.ActualNotNumeric => "the actual value gives no number comparable with the target",
        AssessmentIssue.ActualNotMeasured => "the actual value restates a comparison instead of a measured value",
        AssessmentIssue.UnitMismatch => "target and actual are in different units",
        AssessmentIssue.FundsMissing => "no 年度资金总额 row",
        AssessmentIssue.AmountsMissing => "budget or executed amount missing",
        AssessmentIssue.BudgetZero => "the full-year budget is 0",
        _ => "",
    };

    public static string IssueZh(AssessmentIssue issue) => issue switch
    {
        AssessmentIssue.NotSelfEvaluation => "申报表不计分",
        AssessmentIssue.WeightMissing => "未填分值",
        AssessmentIssue.TargetMissing => "未填年度指标值",
        AssessmentIssue.TargetUnreadable => "年度指标值无法识别",
        AssessmentIssue.TargetNegative => "年度指标值为负数",
        AssessmentIssue.ActualMissing => "未填实际完成值",
        AssessmentIssue.ActualNotNumeric => "实际完成值无可与指标值比较的数值",
        AssessmentIssue.ActualNotMeasured => "实际完成值为比较式而非实测值",
        AssessmentIssue.UnitMismatch => "指标值与完成值计量单位不一致",
        AssessmentIssue.FundsMissing => "缺少年度资金总额行",
        AssessmentIssue.AmountsMissing => "缺少全年预算数或全年执行数",
        AssessmentIssue.BudgetZero => "全年预算数为0",
        _ => "",
    };

    internal static string ExplainEn(IndicatorScore s) => s.Outcome switch
    {
        IndicatorOutcome.CannotAssess => "cannot assess: " + IssueEn(s.Issue),
        IndicatorOutcome.Qualitative => $"qualitative, {BandEn(s.Band)}{(s.Basis == ScoreBasis.BandFromRepeatedWord ? " (actual repeats the target)" : "")}: {Range(s.Min, s.Max)}",
        _ => s.Basis switch
        {
            ScoreBasis.FullWeight => $"met ({s.Actual.Raw} against {s.Target.Raw}): full weight {F2(s.Max)}",
            ScoreBasis.StrictBoundary => $"actual on the strict target {s.Target.Raw}: met if read as ≥/≤, missed if strict: {Range(s.Min, s.Max)}",
            ScoreBasis.Ratio => $"missed: {N(s.Weight)} × {X(s.ActualNumber)} / {N(s.Target.Number)} = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ReverseTargetOverActual => $"missed reverse target: {N(s.Weight)} × {N(s.Target.Number)} / {X(s.ActualNumber)} = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ReverseLinearPenalty => $"missed reverse target: {N(s.Weight)} × (1 − ({X(s.ActualNumber)} − {N(s.Target.Number)}) / {N(s.Target.Number)}) = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ZeroTarget => $"missed target of 0 ({s.Target.Raw}, actual {s.Actual.Raw}): 0",
            ScoreBasis.GrowthOpposite => $"change in the opposite direction ({s.Actual.Raw} against {s.Target.Raw}): 0",
            _ => $"{s.Outcome}: {Range(s.Min, s.Max)}",
        },
    };

    internal static string ExplainZh(IndicatorScore s) => s.Outcome switch
    {
        IndicatorOutcome.CannotAssess => "无法评定：" + IssueZh(s.Issue),
        IndicatorOutcome.Qualitative => $"定性指标，{BandZh(s.Band)}{(s.Basis == ScoreBasis.BandFromRepeatedWord ? "（完成值与指标值相同）" : "")}：{Range(s.Min, s.Max)}",
        _ => s.Basis switch
        {
            ScoreBasis.FullWeight => $"已完成（{s.Actual.Raw}，指标值{s.Target.Raw}）：得满分{F2(s.Max)}",
            ScoreBasis.StrictBoundary => $"完成值恰等于严格指标值{s.Target.Raw}：按“≥/≤”理解为完成，按严格理解为未完成：{Range(s.Min, s.Max)}",
            ScoreBasis.Ratio => $"未完成：{N(s.Weight)} × {X(s.ActualNumber)} / {N(s.Target.Number)} = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ReverseTargetOverActual => $"反向指标未完成：{N(s.Weight)} × {N(s.Target.Number)} / {X(s.ActualNumber)} = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ReverseLinearPenalty => $"反向指标未完成：{N(s.Weight)} × (1 − ({X(s.ActualNumber)} − {N(s.Target.Number)}) / {N(s.Target.Number)}) = {X(s.Raw)} → {F2(s.Min)}",
            ScoreBasis.ZeroTarget => $"指标值为0未完成（{s.Target.Raw}，实际{s.Actual.Raw}）：0分",
            ScoreBasis.GrowthOpposite => $"变动方向与指标相反（{s.Actual.Raw}，指标值{s.Target.Raw}）：0分",
            _ => $"{s.Outcome}：{Range(s.Min, s.Max)}",
        },
    };
}
