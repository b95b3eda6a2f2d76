using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>TGT-VACUOUS: a target met by definition (≥0, &gt;0%; for satisfaction also ≤100%).</summary>
public sealed class TargetVacuousCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "TGT-VACUOUS", Severity.Warning, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].target",
        "年度指标值形同虚设：“≥0”或“>0”，任何结果（或任何一点进展）都算完成；满意度指标的“≤100%”同样如此（满意度不会超过100%）。",
        "The target is met by definition: \"≥0\" or \">0\" is satisfied by any result (or by any progress at all); so is \"≤100%\" for satisfaction, which never exceeds 100%.",
        "Targets must be measurable and reasonable (88号 [U]); vacuous targets seen in the corpus (police-2024 l.485–486) — rules-reference §7.8. Satisfaction is a share of respondents, at most 100%.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            var t = s.Target;
            if (t.Kind is not (TargetValueKind.Quantitative or TargetValueKind.Growth) || t.Number is not { } n)
            {
                continue;
            }

            var ind = s.Indicator;
            if (n == 0m && t.Operator is ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater)
            {
                context.ReportIndicator(Rule, s.Index, "target",
                    $"指标{Fields.Name(ind)}的指标值 {t.Raw} 没有实质要求：{(t.Operator == ComparisonOperator.Greater ? "任何正值" : "任何结果")}都算完成。",
                    $"The target {t.Raw} of indicator \"{ind.Name}\" sets no real level: {(t.Operator == ComparisonOperator.Greater ? "any positive value" : "any result")} meets it.");
            }
            else if (t.Kind == TargetValueKind.Quantitative && t.IsPercent && IsAnyShare(t.Operator, n) && IndicatorKinds.IsSatisfaction(s))
            {
                context.ReportIndicator(Rule, s.Index, "target",
                    $"满意度指标{Fields.Name(ind)}的指标值 {t.Raw} 没有实质要求：满意度不会超过100%，任何调查结果都算完成。",
                    $"The target {t.Raw} of the satisfaction indicator \"{ind.Name}\" sets no real level: satisfaction never exceeds 100%, so any survey result meets it.");
            }
        }
    }

    /// <summary>An upper bound every share (0–100%) meets: ≤ 100% or more, &lt; more than 100%.</summary>
    private static bool IsAnyShare(ComparisonOperator op, decimal n) =>
        (op == ComparisonOperator.LessOrEqual && n >= 100m) || (op == ComparisonOperator.Less && n > 100m);
}
