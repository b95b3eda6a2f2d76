using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>ACT-UNMEASURED: a numeric target answered with words or a restated comparison instead of a measured value.</summary>
public sealed class ActualUnmeasuredCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "ACT-UNMEASURED", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].actual",
        "数值型指标的实际完成值不是实测数值（文字、比较式如“>0.00(%)”、或与指标值形式不符）。",
        "A numeric target is answered without a measured value (words, a comparison such as \">0.00(%)\", or a value of another form).",
        "Defect seen in real forms: ≤30万元 answered 完成 (S25), actual >0.00(%) (corpus police-2024 l.485) — rules-reference §7.8.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            if (s.Issue is not (AssessmentIssue.ActualNotMeasured or AssessmentIssue.ActualNotNumeric) || !s.Target.IsNumeric)
            {
                continue;
            }

            var ind = s.Indicator;
            var restated = s.Issue == AssessmentIssue.ActualNotMeasured;
            context.ReportIndicator(Rule, s.Index, "actual",
                restated
                    ? $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 是比较式而非实测值（指标值 {s.Target.Raw}），无法按比例计分；表中得分 {N(s.Printed)}/{N(s.Weight)}。"
                    : $"指标{Fields.Name(ind)}指标值为数值 {s.Target.Raw}，实际完成值“{s.Actual.Raw}”无可比较的数值；表中得分 {N(s.Printed)}/{N(s.Weight)}。",
                restated
                    ? $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} is a comparison, not a measured value (target {s.Target.Raw}); it cannot be scored in proportion. Printed {N(s.Printed)}/{N(s.Weight)}."
                    : $"Indicator \"{ind.Name}\" has the numeric target {s.Target.Raw}, but the actual \"{s.Actual.Raw}\" gives no comparable number. Printed {N(s.Printed)}/{N(s.Weight)}.");
        }
    }
}
