using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>WEIGHT-SPLIT: first-level weights off the default split (50/30/10 + 10, or 成本 10 + 40/30/10 + 10).</summary>
public sealed class WeightSplitCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "WEIGHT-SPLIT", Severity.Warning, CheckCategory.TargetQuality, FormKinds.SelfEvaluation, "indicators / funds.total.weight",
        "一级指标权重偏离默认分配（产出50/效益30/满意度10 + 执行率10；设成本指标时 成本10/产出40/效益30/满意度10 + 10）。可以调整，但应有理由。",
        "First-level weights differ from the default split (output 50 / benefit 30 / satisfaction 10 + execution 10; with cost: 10/40/30/10 + 10). Adjusting is allowed, but should be justified.",
        "Default weights S5 [P], uniform by 10号 (S4 [P]); may be adjusted in special cases. The corpus: 36 of 37 police forms and all data-bureau forms follow the default. Rules-reference §1.2, §7.1.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var score = context.Score;
        var c = score.Categories;
        if (!score.AllWeightsPresent || context.Form.Indicators.Count == 0 || c.CountOf(IndicatorCategory.Unknown) > 0)
        {
            return;
        }

        var rules = context.Rules;
        var tol = rules.Tolerances.Score;
        var expected = c.WeightOf(IndicatorCategory.Cost) > 0 ? rules.DefaultWeightsWithCost : rules.DefaultWeights;
        var actual = new LevelWeights(c.WeightOf(IndicatorCategory.Output), c.WeightOf(IndicatorCategory.Benefit),
            c.WeightOf(IndicatorCategory.Satisfaction), c.WeightOf(IndicatorCategory.Cost));
        var levelsDiffer = Math.Abs(actual.Output - expected.Output) > tol || Math.Abs(actual.Benefit - expected.Benefit) > tol
            || Math.Abs(actual.Satisfaction - expected.Satisfaction) > tol || Math.Abs(actual.Cost - expected.Cost) > tol;
        var executionDiffers = Math.Abs(score.Execution.Weight - rules.ExecutionWeight) > tol;
        if (!levelsDiffer && !executionDiffers)
        {
            return;
        }

        var zh = $"一级指标权重为 {actual} + 执行率 {N(score.Execution.Weight)}，默认为 {expected} + {N(rules.ExecutionWeight)}。";
        var en = $"First-level weights are {actual} + execution {N(score.Execution.Weight)}; the default is {expected} + {N(rules.ExecutionWeight)}.";
        if (levelsDiffer)
        {
            context.Report(Rule, Fields.Indicators, zh, en);
        }
        else
        {
            context.ReportFund(Rule, context.Form.SelfEvaluationFunds?.Total, "total", "weight", zh, en);
        }
    }
}
