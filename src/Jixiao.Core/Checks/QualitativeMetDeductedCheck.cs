using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>QUAL-MET-DEDUCTED: a qualitative actual that repeats its target word for word (及时 → 及时), yet scored below the weight.</summary>
public sealed class QualitativeMetDeductedCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "QUAL-MET-DEDUCTED", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].score",
        "定性指标的实际完成值与年度指标值完全相同（表示已达成），却被扣分。",
        "A qualitative actual repeats its target word for word (the target is reached), yet points were deducted.",
        "10号 第十八条 [U]: a reached target earns its points (rules-reference §1.3, §1.4). Quantitative rows are IND-MET-DEDUCTED; a warning, since the 达成 band allows 80–100% and the words may hide a shortfall the deviation explains.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var rules = context.Rules;
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            if (s.Target.Kind != TargetValueKind.Qualitative || s.Actual.Kind != TargetValueKind.Qualitative
                || s.Printed is not { } p || s.Weight is not { } w || p >= w
                || Rounding.Compare(p, w, rules.Rounding, rules.Tolerances.Score) != PrintedMatch.Mismatch
                || !TextKey.Same(s.Target.Raw, s.Actual.Raw) || TargetUnmeasurableCheck.IsNotApplicable(s.Target.Raw))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "score",
                $"指标{Fields.Name(ind)}实际完成值“{s.Actual.Raw}”与指标值相同，表示已达成，却只得 {N(p)}（分值 {N(w)}）。",
                $"Indicator \"{ind.Name}\": the actual \"{s.Actual.Raw}\" repeats the target, so the target is reached, yet it scores {N(p)} of {N(w)}.");
        }
    }
}
