using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Filing;

/// <summary>The running sum of the weights (分值) under one first-level indicator of the rule set's scheme.</summary>
/// <param name="Category">The first-level category.</param>
/// <param name="Name">Its standard name (产出指标 …).</param>
/// <param name="Required">True when the rule set requires the category (<see cref="RuleSet.RequiredCategories"/>).</param>
/// <param name="Count">Indicators under it.</param>
/// <param name="Sum">Σ their weights typed so far (an empty weight counts 0).</param>
/// <param name="Default">The rule set's default weight of the category (0 for 成本指标 in the scheme without it).</param>
public sealed record LevelWeightSum(IndicatorCategory Category, string Name, bool Required, int Count, decimal Sum, decimal Default)
{
    /// <summary>The default less what is typed: what is left to share out (negative when over).</summary>
    public decimal Remaining => Default - Sum;
}

/// <summary>
/// The running sums of a form's weights (分值) as typed: per first-level indicator, indicators in total, with the
/// execution weight (预算执行率) and whether everything adds up to the total (100). Computed from the scorer's
/// <see cref="FormScore.Categories"/>.
/// </summary>
/// <param name="Levels">One sum per first-level indicator of the rule set, in its order (<see cref="RuleSet.Levels"/>).</param>
/// <param name="Unclassified">Σ weights of indicators whose first level is not known yet (none chosen or an unknown label).</param>
/// <param name="UnclassifiedCount">How many such indicators.</param>
/// <param name="Indicators">Σ all indicator weights.</param>
/// <param name="Execution">The execution weight: the typed 分值 of 年度资金总额, else the rule set's (10).</param>
/// <param name="Expected">What the weights must add up to (<see cref="RuleSet.TotalWeight"/>, 100).</param>
/// <param name="MissingWeights">Indicators whose weight is still empty.</param>
/// <param name="WithCost">True when the defaults are those with a first-level 成本指标 (the rule set requires one, or the form has one).</param>
/// <param name="Tolerance">The rule set's score tolerance (0.01) within which the sum counts as equal.</param>
public sealed record WeightSums(
    IReadOnlyList<LevelWeightSum> Levels,
    decimal Unclassified,
    int UnclassifiedCount,
    decimal Indicators,
    decimal Execution,
    decimal Expected,
    int MissingWeights,
    bool WithCost,
    decimal Tolerance)
{
    /// <summary>Indicators + execution.</summary>
    public decimal Total => Indicators + Execution;

    /// <summary>Expected less total: what is left to share out (negative when over).</summary>
    public decimal Remaining => Expected - Total;

    /// <summary>True when every weight is typed and the total is the expected 100 (within the tolerance).</summary>
    public bool AddsUp => MissingWeights == 0 && Math.Abs(Total - Expected) <= Tolerance;

    /// <summary>The sum of one first-level category (a zero sum when the rule set's scheme does not name it).</summary>
    public LevelWeightSum Of(IndicatorCategory category)
    {
        foreach (var l in Levels)
        {
            if (l.Category == category)
            {
                return l;
            }
        }

        return new LevelWeightSum(category, IndicatorVocabulary.NameOf(category) ?? "", false, 0, 0m, 0m);
    }

    /// <summary>The sums of a scored form under its rule set.</summary>
    internal static WeightSums Of(FormScore score)
    {
        var rules = score.Rules;
        var categories = score.Categories;
        var withCost = rules.RequiresCost || categories.CountOf(IndicatorCategory.Cost) > 0;
        var defaults = rules.DefaultWeightsFor(withCost);
        var levels = new LevelWeightSum[rules.Levels.Count];
        for (var i = 0; i < levels.Length; i++)
        {
            var level = rules.Levels[i];
            levels[i] = new LevelWeightSum(level.Category, level.Name, rules.RequiredCategories.Contains(level.Category),
                categories.CountOf(level.Category), categories.WeightOf(level.Category), defaults.Of(level.Category));
        }

        var missing = 0;
        foreach (var ind in score.Form.Indicators)
        {
            if (ind.Weight is null)
            {
                missing++;
            }
        }

        return new WeightSums(levels, categories.WeightOf(IndicatorCategory.Unknown), categories.CountOf(IndicatorCategory.Unknown),
            score.IndicatorWeightSum, score.Execution.Weight, rules.TotalWeight, missing, withCost, rules.Tolerances.Score);
    }
}
