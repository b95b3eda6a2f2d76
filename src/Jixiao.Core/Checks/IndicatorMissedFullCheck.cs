using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-MISSED-FULL: the actual misses the target, yet the indicator got full marks.</summary>
public sealed class IndicatorMissedFullCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-MISSED-FULL", Severity.Error, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].score",
        "实际完成值未达到指标值，却得满分（按比例计分的结果舍入后也低于分值）。",
        "The actual value misses the target, yet the indicator has full marks (the proportional score, rounded, is below the weight).",
        "10号 第十八条 [U]: missed targets score in proportion to completion (rules-reference §1.3, §7.4).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            if (!IndicatorJudgement.MissedButFull(s, context.Rules))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "score",
                $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 未达到指标值 {s.Target.Raw}，却得满分 {N(s.Printed)}；按比例应得 {F2(s.Min)}。",
                $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} misses the target {s.Target.Raw}, yet it scores the full {N(s.Printed)}; the proportional score is {F2(s.Min)}.");
        }
    }
}
