using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-MET-DEDUCTED: the actual meets the target, yet points were deducted.</summary>
public sealed class IndicatorMetDeductedCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-MET-DEDUCTED", Severity.Error, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].score",
        "实际完成值已达到指标值，却被扣分（完成值远超偏低指标值的情形除外）。",
        "The actual value meets the target, yet points were deducted (except where a low target was far exceeded).",
        "10号 第十八条 [U]: a met target earns full points; only targets set too low may be cut (rules-reference §1.3). Either the score or the actual is wrong.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            if (!IndicatorJudgement.MetButDeducted(s, context.Rules))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "score",
                $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 已达到指标值 {s.Target.Raw}，应得满分 {N(s.Weight)}，表中为 {N(s.Printed)}。",
                $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} meets the target {s.Target.Raw}, so it earns the full {N(s.Weight)}; printed {N(s.Printed)}.");
        }
    }
}
