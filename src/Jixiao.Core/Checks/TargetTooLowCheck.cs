using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>TGT-TOO-LOW: a target exceeded many times over — probably set too low.</summary>
public sealed class TargetTooLowCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "TGT-TOO-LOW", Severity.Info, CheckCategory.TargetQuality, FormKinds.SelfEvaluation, "indicators[i].target",
        "实际完成值达到指标值的数倍（默认2倍以上），指标值可能设置偏低。",
        "The actual is a multiple of the target (2× or more by default): the target was probably set too low.",
        "10号 第十八条 [U]: where completion far exceeds a target set too low, points should be cut — rules-reference §1.3.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            if (!IndicatorJudgement.FarAboveTarget(s, context.Rules))
            {
                continue;
            }

            var ind = s.Indicator;
            var times = s.Completion!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            context.ReportIndicator(Rule, s.Index, "target",
                $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 是指标值 {s.Target.Raw} 的 {times} 倍，指标值可能偏低（得分 {N(s.Printed)}/{N(s.Weight)}）。",
                $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} is {times}× the target {s.Target.Raw}; the target may be set too low (scored {N(s.Printed)}/{N(s.Weight)}).");
        }
    }
}
