using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>TGT-VACUOUS: a target met by definition (≥0, &gt;0%).</summary>
public sealed class TargetVacuousCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "TGT-VACUOUS", Severity.Warning, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].target",
        "年度指标值形同虚设：“≥0”或“>0”，任何结果（或任何一点进展）都算完成。",
        "The target is met by definition: \"≥0\" or \">0\" is satisfied by any result (or by any progress at all).",
        "Targets must be measurable and reasonable (88号 [U]); vacuous targets seen in the corpus (police-2024 l.485–486) — rules-reference §7.8.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            var t = s.Target;
            if (t.Kind is not (TargetValueKind.Quantitative or TargetValueKind.Growth) || t.Number != 0m
                || t.Operator is not (ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "target",
                $"指标{Fields.Name(ind)}的指标值 {t.Raw} 没有实质要求：{(t.Operator == ComparisonOperator.Greater ? "任何正值" : "任何结果")}都算完成。",
                $"The target {t.Raw} of indicator \"{ind.Name}\" sets no real level: {(t.Operator == ComparisonOperator.Greater ? "any positive value" : "any result")} meets it.");
        }
    }
}
