using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>WEIGHT-SUM: indicator weights + execution weight do not add up to 100 (or to the printed 总分 分值).</summary>
public sealed class WeightSumCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "WEIGHT-SUM", Severity.Error, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "totalWeight",
        "各指标分值与预算执行分值之和不等于总分分值（100）。",
        "Indicator weights plus the execution weight do not add up to the total weight (100).",
        "Σ indicator weights + execution weight = 100 — rules-reference §7.2; S25 shows weights not adding up.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var score = context.Score;
        if (!score.AllWeightsPresent || context.Form.Indicators.Count == 0)
        {
            return;
        }

        var sum = score.IndicatorWeightSum + score.Execution.Weight;
        var expected = context.Form.TotalWeight ?? context.Rules.TotalWeight;
        var tol = context.Rules.Tolerances.Score;
        if (Math.Abs(sum - expected) <= tol && Math.Abs(sum - context.Rules.TotalWeight) <= tol)
        {
            return;
        }

        context.Report(Rule, Fields.TotalWeight,
            $"指标分值合计 {N(score.IndicatorWeightSum)} + 预算执行分值 {N(score.Execution.Weight)} = {N(sum)}，总分分值应为 {N(context.Rules.TotalWeight)}（表中 {N(context.Form.TotalWeight)}）。",
            $"Indicator weights {N(score.IndicatorWeightSum)} + execution weight {N(score.Execution.Weight)} = {N(sum)}; the total weight should be {N(context.Rules.TotalWeight)} (printed {N(context.Form.TotalWeight)}).");
    }
}
