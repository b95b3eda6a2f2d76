using Jixiao.Core.Forms;

namespace Jixiao.Core.Scoring;

/// <summary>Weights and counts of indicators per first-level category.</summary>
public sealed class CategoryWeights
{
    private readonly decimal[] weights = new decimal[5];
    private readonly int[] counts = new int[5];

    internal void Add(IndicatorCategory category, decimal? weight)
    {
        var i = (int)category;
        counts[i]++;
        weights[i] += weight ?? 0m;
    }

    /// <summary>Σ weights of the indicators in <paramref name="category"/>.</summary>
    public decimal WeightOf(IndicatorCategory category) => weights[(int)category];

    /// <summary>Number of indicators in <paramref name="category"/>.</summary>
    public int CountOf(IndicatorCategory category) => counts[(int)category];

    public override string ToString() =>
        $"成本 {WeightOf(IndicatorCategory.Cost):0.##} / 产出 {WeightOf(IndicatorCategory.Output):0.##} / 效益 {WeightOf(IndicatorCategory.Benefit):0.##} / 满意度 {WeightOf(IndicatorCategory.Satisfaction):0.##}"
        + (CountOf(IndicatorCategory.Unknown) > 0 ? $" / ? {WeightOf(IndicatorCategory.Unknown):0.##}" : "");
}

/// <summary>
/// A form re-scored by a <see cref="RuleSet"/>: per-indicator scores, the execution score, the recomputed total
/// (a range, and a point estimate) and grade, beside what the form prints. Computed once and shared by all checks.
/// </summary>
public sealed class FormScore
{
    public required PerformanceForm Form { get; init; }

    public required RuleSet Rules { get; init; }

    public required IReadOnlyList<IndicatorScore> Indicators { get; init; }

    public required ExecutionScore Execution { get; init; }

    /// <summary>Weights and counts per first-level category.</summary>
    public required CategoryWeights Categories { get; init; }

    /// <summary>Σ indicator weights (missing weights count 0).</summary>
    public decimal IndicatorWeightSum { get; init; }

    /// <summary>False when some indicator prints no weight.</summary>
    public bool AllWeightsPresent { get; init; }

    /// <summary>Σ printed indicator scores + printed execution score; null when any of them is missing.</summary>
    public decimal? PrintedSum { get; init; }

    /// <summary>Lowest total the rules allow (cannot-assess indicators count from 0).</summary>
    public decimal RecomputedMin { get; init; }

    /// <summary>Highest total the rules allow (cannot-assess indicators count up to their weight).</summary>
    public decimal RecomputedMax { get; init; }

    /// <summary>The recomputed total: Σ <see cref="IndicatorScore.Estimate"/> + the execution estimate.</summary>
    public decimal Recomputed { get; init; }

    /// <summary>Grade of <see cref="Recomputed"/>; null on a declaration.</summary>
    public Grade? RecomputedGrade { get; init; }

    /// <summary>Number of indicators that cannot be assessed (plus 1 when the execution score cannot).</summary>
    public int CannotAssessCount { get; init; }

    /// <summary>True when every part could be assessed.</summary>
    public bool IsComplete => CannotAssessCount == 0;

    /// <summary>总分 得分 as printed.</summary>
    public decimal? PrintedTotal => Form.TotalScore;

    /// <summary>评分等级 as printed (parsed), or null.</summary>
    public Grade? PrintedGrade { get; init; }

    /// <summary>The grade the printed total earns under the rule set.</summary>
    public Grade? PrintedTotalGrade { get; init; }

    /// <summary>One line for <c>jixiao score</c>: printed vs recomputed.</summary>
    public string Describe()
    {
        if (Form.Kind == FormKind.TargetDeclaration)
        {
            return $"{Form.ProjectName}: target declaration, not scored";
        }

        var printedGrade = PrintedGrade ?? PrintedTotalGrade;
        var range = RecomputedMin == RecomputedMax ? "" : $" [{ScoreText.F2(RecomputedMin)}–{ScoreText.F2(RecomputedMax)}]";
        var missing = CannotAssessCount > 0 ? $", {CannotAssessCount} part(s) not assessable" : "";
        return $"{Form.ProjectName}: printed {ScoreText.N(PrintedTotal)} ({printedGrade?.ToChinese() ?? "—"}) | recomputed {ScoreText.F2(Recomputed)}{range} ({RecomputedGrade?.ToChinese() ?? "—"}){missing}";
    }

    public override string ToString() => Describe();
}
