using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>FUND-SCORE: the execution 得分 is not min(rate, 100%) × 分值.</summary>
public sealed class FundScoreCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-SCORE", Severity.Error, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "funds.total.score",
        "预算执行得分不等于 执行率 × 分值（封顶为分值），无论按计算的执行率还是表中执行率、四舍五入还是截尾。",
        "The execution score is not rate × weight (capped at the weight), whether from the computed or the printed rate, rounded or truncated.",
        "Execution score = 执行率 × 分值, never above the weight — rules-reference §1.5, §7.6 (S10 formula, S8 cap).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var line = context.Form.SelfEvaluationFunds?.Total;
        if (line?.Score is not { } printed)
        {
            return;
        }

        var w = context.Score.Execution.Weight;
        var rules = context.Rules;
        var tol = rules.Tolerances.Score;
        decimal? expectedFromAmounts = null;
        var r = context.FundRate(0);
        if (r.Defined)
        {
            var raw = Math.Min(r.Exact, 100m) * w / 100m;
            if (Rounding.Compare(printed, raw, rules.Rounding, tol) != PrintedMatch.Mismatch
                || Rounding.Compare(printed, raw, Math.Min(r.Low, 100m) * w / 100m, Math.Min(r.High, 100m) * w / 100m, rules.Rounding, tol) != PrintedMatch.Mismatch)
            {
                return;
            }

            expectedFromAmounts = Rounding.Apply(raw, rules.Decimals, rules.Rounding);
        }

        decimal? expectedFromRate = null;
        if (line.ExecutionRate is { } rate)
        {
            var raw = Math.Min(rate, 100m) * w / 100m;
            if (Rounding.Compare(printed, raw, rules.Rounding, tol) != PrintedMatch.Mismatch)
            {
                return;
            }

            expectedFromRate = Rounding.Apply(raw, rules.Decimals, rules.Rounding);
        }

        if (expectedFromAmounts is null && expectedFromRate is null)
        {
            return;
        }

        var expected = expectedFromAmounts ?? expectedFromRate!.Value;
        var rateText = expectedFromAmounts is not null ? X(r.Exact) : N(line.ExecutionRate);
        context.ReportFund(Rule, line, "total", "score",
            $"预算执行得分应为 {F2(expected)}（执行率 {rateText}% × 分值 {N(w)}），表中为 {N(printed)}。",
            $"Execution score should be {F2(expected)} (rate {rateText}% × weight {N(w)}), printed {N(printed)}.");
    }
}
