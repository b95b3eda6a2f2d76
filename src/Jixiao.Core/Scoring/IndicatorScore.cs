using Jixiao.Core.Forms;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Scoring;

/// <summary>What the rules say about one indicator.</summary>
public enum IndicatorOutcome
{
    /// <summary>The quantitative target is met: full weight.</summary>
    Met,

    /// <summary>The quantitative target is missed: a proportional score (or 0 for a target of 0).</summary>
    NotMet,

    /// <summary>Qualitative: the score is a range given by the stated band (达成 / 部分达成 / 未达成), or [0, weight] when no band is stated.</summary>
    Qualitative,

    /// <summary>The rules cannot be applied (no weight, no target, no comparable actual …). Never the same as a poor score.</summary>
    CannotAssess,
}

/// <summary>Why an indicator (or the execution score) cannot be assessed.</summary>
public enum AssessmentIssue
{
    None,

    /// <summary>A target declaration: nothing is scored.</summary>
    NotSelfEvaluation,

    /// <summary>分值 missing.</summary>
    WeightMissing,

    /// <summary>年度指标值 missing.</summary>
    TargetMissing,

    /// <summary>年度指标值 the grammar cannot read.</summary>
    TargetUnreadable,

    /// <summary>A negative target number.</summary>
    TargetNegative,

    /// <summary>实际完成值 missing.</summary>
    ActualMissing,

    /// <summary>A numeric target with an actual that gives no comparable number (words, growth vs level …).</summary>
    ActualNotNumeric,

    /// <summary>The actual carries a comparison (<c>&gt;0.00(%)</c>, <c>≥90%</c>): a restated target, not a measured value.</summary>
    ActualNotMeasured,

    /// <summary>Target and actual are in units that cannot be compared (<c>天</c> vs <c>%</c>).</summary>
    UnitMismatch,

    /// <summary>年度资金总额 row missing.</summary>
    FundsMissing,

    /// <summary>全年预算数 or 全年执行数 missing.</summary>
    AmountsMissing,

    /// <summary>全年预算数 is 0: the rate is undefined.</summary>
    BudgetZero,
}

/// <summary>Which rule produced the score.</summary>
public enum ScoreBasis
{
    /// <summary>No rule applies (cannot assess).</summary>
    None,

    /// <summary>Met: full weight.</summary>
    FullWeight,

    /// <summary>Missed ≥ / = / &gt; target: weight × actual / target.</summary>
    Ratio,

    /// <summary>Missed reverse target, variant A: weight × target / actual.</summary>
    ReverseTargetOverActual,

    /// <summary>Missed reverse target, variant B: weight × (1 − (actual − target) / target).</summary>
    ReverseLinearPenalty,

    /// <summary>Missed target of 0 (<c>=0起</c>): 0 points (S9 selfequalindex).</summary>
    ZeroTarget,

    /// <summary>A change in the opposite direction to a growth target: 0 points.</summary>
    GrowthOpposite,

    /// <summary>Actual exactly on a strict target (&gt; / &lt;): the reading decides (see <see cref="StrictBoundary"/>).</summary>
    StrictBoundary,

    /// <summary>Qualitative: the band the actual names.</summary>
    Band,

    /// <summary>Qualitative: the actual repeats the target word, read as 达成.</summary>
    BandFromRepeatedWord,

    /// <summary>Qualitative: no band stated, any score in [0, weight].</summary>
    BandUnstated,
}

/// <summary>
/// One indicator re-scored: the parsed target and actual (parsed once, shared with the checks), the outcome, the
/// recomputed score as a range [<see cref="Min"/>, <see cref="Max"/>] (a point when they are equal) and the printed score.
/// </summary>
public sealed class IndicatorScore
{
    /// <summary>0-based position in <see cref="PerformanceForm.Indicators"/>.</summary>
    public required int Index { get; init; }

    public required Indicator Indicator { get; init; }

    /// <summary>First-level category.</summary>
    public required IndicatorCategory Category { get; init; }

    /// <summary>年度指标值, parsed.</summary>
    public required TargetValue Target { get; init; }

    /// <summary>实际完成值, parsed (Empty on a declaration).</summary>
    public required TargetValue Actual { get; init; }

    public required IndicatorOutcome Outcome { get; init; }

    public AssessmentIssue Issue { get; init; }

    public ScoreBasis Basis { get; init; }

    /// <summary>Lowest score the rules allow (rounded per the rule set).</summary>
    public decimal Min { get; init; }

    /// <summary>Highest score the rules allow (rounded per the rule set).</summary>
    public decimal Max { get; init; }

    /// <summary>The unrounded formula result for a point score (compare printed scores with this).</summary>
    public decimal? Raw { get; init; }

    /// <summary>
    /// The score counted in the recomputed total: the point score, or for a range the printed score moved into the
    /// range (the unit's own judgement where the rules leave one), or the printed score within [0, weight] when the
    /// indicator cannot be assessed.
    /// </summary>
    public decimal Estimate { get; init; }

    /// <summary>Completion: actual / target (target / actual for reverse targets) as a fraction, when defined.</summary>
    public decimal? Completion { get; init; }

    /// <summary>For qualitative outcomes: the band used (None when unstated).</summary>
    public QualitativeBand Band { get; init; }

    /// <summary>True when the actual sits exactly on a strict (&gt; / &lt;) target.</summary>
    public bool AtStrictBoundary { get; init; }

    /// <summary>The actual converted to the target's unit (万元 → 元 …) when numeric.</summary>
    public decimal? ActualNumber { get; init; }

    public decimal? Weight => Indicator.Weight;

    public decimal? Printed => Indicator.Score;

    /// <summary>True when the rules give one score.</summary>
    public bool IsPoint => Outcome != IndicatorOutcome.CannotAssess && Min == Max;

    /// <summary>The point score, or null for a range or when the indicator cannot be assessed.</summary>
    public decimal? Expected => IsPoint ? Min : null;

    /// <summary>True when the target is missed on a well-defined comparison (not at a strict boundary).</summary>
    public bool IsClearlyMissed => Outcome == IndicatorOutcome.NotMet && !AtStrictBoundary;

    /// <summary>English explanation of the outcome, for reports.</summary>
    public string Explanation => ScoreText.ExplainEn(this);

    /// <summary>中文说明.</summary>
    public string ExplanationZh => ScoreText.ExplainZh(this);

    public override string ToString() =>
        $"[{Index}] {Indicator.Name}: {Outcome} {ScoreText.Range(Min, Max)} (printed {ScoreText.N(Printed)}/{ScoreText.N(Weight)})";
}
