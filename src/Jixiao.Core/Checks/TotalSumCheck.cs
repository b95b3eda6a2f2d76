using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>TOTAL-SUM: 总分 得分 is not the sum of the printed indicator scores and the execution score.</summary>
public sealed class TotalSumCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "TOTAL-SUM", Severity.Error, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "totalScore",
        "总分不等于各指标得分与预算执行得分之和。",
        "The total score is not the sum of the indicator scores and the execution score.",
        "The total is the sum of the indicator scores — rules-reference §1.3 (10号 第十八条 [U]), §7.2.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        if (context.Form.TotalScore is not { } total || context.Score.PrintedSum is not { } sum)
        {
            return;
        }

        if (Math.Abs(total - sum) <= context.Rules.Tolerances.Score)
        {
            return;
        }

        context.Report(Rule, Fields.TotalScore,
            $"总分为 {N(total)}，但各指标得分与预算执行得分之和为 {N(sum)}。",
            $"The total score is {N(total)}, but the indicator and execution scores add up to {N(sum)}.");
    }
}
