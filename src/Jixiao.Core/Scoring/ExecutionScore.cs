using Jixiao.Core.Forms;

namespace Jixiao.Core.Scoring;

/// <summary>
/// The budget execution part (预算执行率): rate = 全年执行数 / 全年预算数 × 100, score = rate × weight / 100,
/// capped at the weight.
/// </summary>
public sealed class ExecutionScore
{
    /// <summary>The 年度资金总额 row, or null.</summary>
    public FundLine? Line { get; init; }

    /// <summary>The printed weight, else the rule set's execution weight.</summary>
    public required decimal Weight { get; init; }

    /// <summary>True when the rate and score can be recomputed.</summary>
    public bool CanAssess => Issue == AssessmentIssue.None;

    public AssessmentIssue Issue { get; init; }

    /// <summary>The exact rate in percent (unrounded).</summary>
    public decimal? Rate { get; init; }

    /// <summary>Half the last printed digit of an amount, in yuan: the rounding every printed amount may carry.</summary>
    public decimal AmountHalfUnit { get; init; }

    /// <summary>Lowest rate the printed (rounded) amounts allow.</summary>
    public decimal? RateLow => Rate is null ? null
        : Math.Max(0m, Line!.Executed!.Value - AmountHalfUnit) / (Line.AnnualBudget!.Value + AmountHalfUnit) * 100m;

    /// <summary>Highest rate the printed (rounded) amounts allow.</summary>
    public decimal? RateHigh => Rate is null ? null
        : Line!.AnnualBudget!.Value > AmountHalfUnit
            ? (Line.Executed!.Value + AmountHalfUnit) / (Line.AnnualBudget.Value - AmountHalfUnit) * 100m
            : Rate * 2m;

    /// <summary>The rate rounded per the rule set.</summary>
    public decimal? RateRounded { get; init; }

    /// <summary>The unrounded score: min(rate, 100) × weight / 100.</summary>
    public decimal? Raw { get; init; }

    /// <summary>The score rounded per the rule set.</summary>
    public decimal? Expected { get; init; }

    /// <summary>The score counted in the recomputed total (the printed score within [0, weight] when not assessable).</summary>
    public decimal Estimate { get; init; }

    public decimal? PrintedRate => Line?.ExecutionRate;

    public decimal? PrintedScore => Line?.Score;

    public override string ToString() => CanAssess
        ? $"execution {ScoreText.N(RateRounded)}% → {ScoreText.N(Expected)}/{ScoreText.N(Weight)} (printed {ScoreText.N(PrintedRate)}% → {ScoreText.N(PrintedScore)})"
        : $"execution cannot be assessed ({Issue}); printed {ScoreText.N(PrintedScore)}";
}
