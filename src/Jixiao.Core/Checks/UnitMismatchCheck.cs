using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>UNIT-MISMATCH: target and actual in different units, or a rate (…率) measured in something other than %.</summary>
public sealed class UnitMismatchCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "UNIT-MISMATCH", Severity.Warning, CheckCategory.Consistency, FormKinds.Both, "indicators[i].actual / indicators[i].target",
        "计量单位不符：实际完成值与年度指标值单位不同，或“率”类指标的指标值不以%计。",
        "Units do not fit: the actual is in another unit than the target, or a rate (…率) indicator is not measured in %.",
        "Defect seen in real forms: =365.00(天) against 1(%) given full marks (corpus police-2024 l.509) — rules-reference §2.1, §7.8.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            var ind = s.Indicator;
            if (Units.RateNameWithNonPercentUnit(ind.Name, s.Target))
            {
                context.ReportIndicator(Rule, s.Index, "target",
                    $"“率”类指标{Fields.Name(ind)}的指标值 {s.Target.Raw} 以“{Units.Label(s.Target)}”计，而非%。",
                    $"The rate indicator \"{ind.Name}\" has the target {s.Target.Raw} in \"{Units.Label(s.Target)}\", not %.");
            }

            if (context.IsSelfEvaluation && Units.Differ(s.Target, s.Actual))
            {
                context.ReportIndicator(Rule, s.Index, "actual",
                    $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw}（{Units.Label(s.Actual)}）与指标值 {s.Target.Raw}（{Units.Label(s.Target)}）单位不同，无法比较；表中得分 {N(s.Printed)}/{N(s.Weight)}。",
                    $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} ({Units.Label(s.Actual)}) is in another unit than the target {s.Target.Raw} ({Units.Label(s.Target)}) and cannot be compared; printed score {N(s.Printed)}/{N(s.Weight)}.");
            }
        }
    }
}
