using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>The judgements on a printed indicator score that several checks share, so that each row gets one verdict.</summary>
internal static class IndicatorJudgement
{
    /// <summary>A clearly missed target scored full marks, where the ratio formula gives less.</summary>
    public static bool MissedButFull(IndicatorScore s, RuleSet rules) =>
        s.IsClearlyMissed && s.Raw is { } raw && s.Printed is { } p && s.Weight is { } w
        && p >= w - rules.Tolerances.Score
        && Rounding.Compare(p, raw, rules.Rounding, rules.Tolerances.Score) == PrintedMatch.Mismatch;

    /// <summary>A clearly missed target whose printed score is not the ratio formula's (and not full marks).</summary>
    public static bool FormulaMismatch(IndicatorScore s, RuleSet rules) =>
        s.IsClearlyMissed && s.Raw is { } raw && s.Printed is { } p
        && Rounding.Compare(p, raw, rules.Rounding, rules.Tolerances.Score) == PrintedMatch.Mismatch
        && !MissedButFull(s, rules);

    /// <summary>A met target scored below full marks (not at a strict boundary, not far above a low target).</summary>
    public static bool MetButDeducted(IndicatorScore s, RuleSet rules) =>
        s.Outcome == IndicatorOutcome.Met && s.Basis == ScoreBasis.FullWeight && !s.AtStrictBoundary
        && s.Printed is { } p && s.Weight is { } w && p < w
        && Rounding.Compare(p, w, rules.Rounding, rules.Tolerances.Score) == PrintedMatch.Mismatch
        && !FarAboveTarget(s, rules);

    /// <summary>A met ≥ / = target exceeded by the rule set's over-achievement factor (target probably set too low).</summary>
    public static bool FarAboveTarget(IndicatorScore s, RuleSet rules) =>
        s.Outcome == IndicatorOutcome.Met
        && s.Target.Operator is not (ComparisonOperator.LessOrEqual or ComparisonOperator.Less)
        && s.Target.Number is > 0
        && s.Completion is { } c && c >= rules.OverachievementFactor;
}
