using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Filing;

/// <summary>The value cells of one indicator row as typed.</summary>
/// <param name="Index">0-based row.</param>
/// <param name="Category">The first-level category its levels give (Unknown while none is chosen).</param>
/// <param name="Target">年度指标值.</param>
/// <param name="Actual">实际完成值; null on a target declaration.</param>
public sealed record IndicatorCells(int Index, IndicatorCategory Category, ValueCell Target, ValueCell? Actual);

/// <summary>
/// A form being filled, evaluated by the rules (<see cref="LiveEvaluator"/>): every value cell as read by the target
/// grammar, the standard level names and default weights of the rule set, the running weight sums, for a
/// self-evaluation the suggested scores, total and grade, and the findings of the checks keyed by the field path of
/// the cell they concern.
/// </summary>
public sealed class LiveEvaluation
{
    private static readonly Finding[] NoFindings = [];

    /// <summary>The rule set that evaluated the form (its <see cref="RuleSet.Name"/> is what a store records).</summary>
    public required RuleSet Rules { get; init; }

    /// <summary>The form as typed.</summary>
    public required PerformanceForm Form { get; init; }

    /// <summary>
    /// The form as it would be filed: the typed form with the cells the rules compute filled in where they are empty —
    /// indicator scores the rules give as a point, the execution rate, score and weight, the total weight, the total
    /// score and grade (once no score is pending). The same instance as <see cref="Form"/> for a declaration or when
    /// nothing needed filling; otherwise a copy that shares the unchanged rows with <see cref="Form"/>.
    /// </summary>
    public required PerformanceForm AsFiled { get; init; }

    /// <summary>The scorer's result on the typed form.</summary>
    public required FormScore Score { get; init; }

    /// <summary>Each indicator row's value cells, in order.</summary>
    public required IReadOnlyList<IndicatorCells> Indicators { get; init; }

    /// <summary>The running weight sums.</summary>
    public required WeightSums Weights { get; init; }

    /// <summary>The live scores of a self-evaluation; null on a target declaration.</summary>
    public LiveScores? Scores { get; init; }

    /// <summary>What the checks find on the form as filed, less the <see cref="Deferred"/> ones, plus overrides without a reason.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Findings that wait while a cell is empty (<see cref="LiveChecks.Deferrals"/>): shown on submission.</summary>
    public required IReadOnlyList<Finding> Deferred { get; init; }

    /// <summary>The standard level names (一级 / 二级指标) of the rule set, for the editor's choices.</summary>
    public IReadOnlyList<IndicatorLevel> Levels => Rules.Levels;

    /// <summary>The default first-level weights for this form (with 成本指标 when the rule set requires one or the form has one).</summary>
    public LevelWeights DefaultWeights => Rules.DefaultWeightsFor(Weights.WithCost);

    /// <summary>The default execution weight (预算执行率, 10).</summary>
    public decimal DefaultExecutionWeight => Rules.ExecutionWeight;

    /// <summary>True when some finding, shown or deferred, is an error: the form should not be submitted as it is.</summary>
    public bool HasErrors => Any(Findings, Severity.Error) || Any(Deferred, Severity.Error);

    /// <summary>The findings on one cell or field path (<c>indicators[3].target</c>, <c>totalWeight</c>, <c>indicators</c> …).</summary>
    public IReadOnlyList<Finding> FindingsAt(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        List<Finding>? found = null;
        foreach (var f in Findings)
        {
            if (string.Equals(f.Field, field, StringComparison.Ordinal))
            {
                (found ??= []).Add(f);
            }
        }

        return found is null ? NoFindings : found;
    }

    /// <summary>The findings on any cell of indicator row <paramref name="index"/>.</summary>
    public IReadOnlyList<Finding> FindingsOfIndicator(int index)
    {
        List<Finding>? found = null;
        foreach (var f in Findings)
        {
            if (LiveChecks.IndexOf(f.Field) == index)
            {
                (found ??= []).Add(f);
            }
        }

        return found is null ? NoFindings : found;
    }

    private static bool Any(IReadOnlyList<Finding> findings, Severity severity)
    {
        foreach (var f in findings)
        {
            if (f.Severity == severity)
            {
                return true;
            }
        }

        return false;
    }
}
