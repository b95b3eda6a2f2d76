using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Filing;

/// <summary>
/// The score the rules suggest for one indicator of a self-evaluation being filled, beside the score typed (if any).
/// The suggestion is the <see cref="Scorer"/>'s: a point (a quantitative target met or missed), a range (a qualitative
/// band, an actual on a strict target) or none (the rules cannot assess the row yet: no actual, another unit …).
/// </summary>
/// <param name="Field">The score cell, <c>indicators[i].score</c>.</param>
/// <param name="Rules">What the scorer says about the row (outcome, range, explanation).</param>
/// <param name="Entered">The score typed into the cell, or null.</param>
/// <param name="Effective">What counts in the live total: the typed score, else the point suggested, else the scorer's
/// estimate (the bottom of a band; 0 for a row that cannot be assessed).</param>
/// <param name="IsOverride">True when a typed score differs from the suggestion (beyond rounding, outside the band):
/// an override (改分), which needs a reason.</param>
/// <param name="ReasonGiven">True when a reason for the override is given.</param>
/// <param name="NeedsDeviation">True when the row loses points (typed or suggested) and its 偏差原因分析及改进措施 is
/// empty (the check DEV-MISSING on the form as filed).</param>
public sealed record IndicatorSuggestion(
    string Field,
    IndicatorScore Rules,
    decimal? Entered,
    decimal Effective,
    bool IsOverride,
    bool ReasonGiven,
    bool NeedsDeviation)
{
    /// <summary>0-based row.</summary>
    public int Index => Rules.Index;

    /// <summary>True when the rules suggest something (a point or a range).</summary>
    public bool HasSuggestion => Rules.Outcome != IndicatorOutcome.CannotAssess;

    /// <summary>The point suggested, or null for a range or no suggestion.</summary>
    public decimal? Point => Rules.Expected;

    /// <summary>Lowest score the rules allow (0 without a suggestion).</summary>
    public decimal Min => Rules.Min;

    /// <summary>Highest score the rules allow (the weight without a suggestion).</summary>
    public decimal Max => Rules.Max;

    /// <summary>True when neither a score is typed nor a point suggested: the unit still has to choose (a band) or the row cannot be scored yet.</summary>
    public bool IsPending => Entered is null && Point is null;

    /// <summary>True when an override lacks its reason.</summary>
    public bool NeedsReason => IsOverride && !ReasonGiven;

    /// <summary>How the suggestion follows from the rules, in Chinese.</summary>
    public string ExplanationZh => Rules.ExplanationZh;

    /// <summary>How the suggestion follows from the rules, in English.</summary>
    public string ExplanationEn => Rules.Explanation;
}

/// <summary>
/// The budget-execution part (预算执行率) of a self-evaluation being filled: the rate and score the rules compute from
/// the typed amounts, beside what is typed.
/// </summary>
/// <param name="Field">The score cell, <c>funds.total.score</c>.</param>
/// <param name="Rules">What the scorer computes (rate, score, or why it cannot).</param>
/// <param name="Effective">What counts in the live total: the typed score, else the computed one, else the scorer's estimate.</param>
/// <param name="IsOverride">True when a typed score is not rate × weight (the check FUND-SCORE on the form as filed).</param>
/// <param name="ReasonGiven">True when a reason for the override is given.</param>
public sealed record ExecutionSuggestion(string Field, ExecutionScore Rules, decimal Effective, bool IsOverride, bool ReasonGiven)
{
    /// <summary>The rate computed (全年执行数 / 全年预算数 × 100, rounded per the rule set), or null.</summary>
    public decimal? Rate => Rules.RateRounded;

    /// <summary>The score computed, or null when the amounts are missing.</summary>
    public decimal? Point => Rules.Expected;

    /// <summary>The score typed, or null.</summary>
    public decimal? Entered => Rules.PrintedScore;

    /// <summary>The execution weight.</summary>
    public decimal Weight => Rules.Weight;

    /// <summary>True when an override lacks its reason.</summary>
    public bool NeedsReason => IsOverride && !ReasonGiven;
}

/// <summary>
/// The live scores of a self-evaluation being filled: each indicator's suggestion, the execution part, the total and
/// grade as filed (typed scores, else the suggestions) and as the rules alone give them.
/// </summary>
/// <param name="Indicators">One suggestion per indicator row, in order.</param>
/// <param name="Execution">The execution part.</param>
/// <param name="Total">Σ <see cref="IndicatorSuggestion.Effective"/> + the execution's: the total the form will show.</param>
/// <param name="Grade">The grade of <see cref="Total"/> under the rule set's bands.</param>
/// <param name="RulesTotal">The scorer's recomputed total (<see cref="FormScore.Recomputed"/>): the rules' points, typed
/// scores kept only inside a band or where the rules cannot assess.</param>
/// <param name="RulesGrade">The grade of <see cref="RulesTotal"/>.</param>
public sealed record LiveScores(
    IReadOnlyList<IndicatorSuggestion> Indicators,
    ExecutionSuggestion Execution,
    decimal Total,
    Grade Grade,
    decimal RulesTotal,
    Grade RulesGrade)
{
    /// <summary>Rows still without a typed score or a point suggestion: while any remain, the total is provisional.</summary>
    public int Pending
    {
        get
        {
            var n = 0;
            foreach (var s in Indicators)
            {
                if (s.IsPending)
                {
                    n++;
                }
            }

            return n + (Execution.Entered is null && Execution.Point is null ? 1 : 0);
        }
    }

    /// <summary>True while some part is pending.</summary>
    public bool IsProvisional => Pending > 0;

    /// <summary>Overrides without a reason (each is also a <see cref="LiveChecks.OverrideReason"/> finding).</summary>
    public int ReasonsMissing
    {
        get
        {
            var n = Execution.NeedsReason ? 1 : 0;
            foreach (var s in Indicators)
            {
                if (s.NeedsReason)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>The field path of the execution score cell.</summary>
    public static string ExecutionField { get; } = Fields.Fund("total", "score");
}
