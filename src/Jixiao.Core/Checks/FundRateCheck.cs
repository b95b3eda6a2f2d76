using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>FUND-RATE: a printed 执行率 that no rounding of 全年执行数 / 全年预算数 × 100 explains.</summary>
public sealed class FundRateCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-RATE", Severity.Error, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "funds.{line}.executionRate",
        "执行率与全年执行数/全年预算数不符（已考虑四舍五入、截尾及金额本身的舍入）。",
        "The printed execution rate does not follow from executed / full-year budget × 100, even allowing for rounding, truncation and the rounding of the printed amounts.",
        "Rate = 全年执行数 / 全年预算数 (the adjusted budget) — rules-reference §1.5 [C] S24, S25 and the corpus.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        for (var i = 0; i < FundRates.LineCount; i++)
        {
            var r = context.FundRate(i);
            if (r.Match != PrintedMatch.Mismatch)
            {
                continue;
            }

            var line = r.Line!;
            var rules = context.Rules;
            var expected = Rounding.Apply(r.Exact, rules.Decimals, rules.Rounding);
            context.ReportFund(Rule, line, FundRates.Names[i], "executionRate",
                $"执行率应为 {F2(expected)}%（全年执行数 {context.Money(line.Executed!.Value)} / 全年预算数 {context.Money(line.AnnualBudget!.Value)} = {X(r.Exact)}%），表中为 {N(line.ExecutionRate)}%。",
                $"Execution rate should be {F2(expected)}% (executed {context.Money(line.Executed!.Value)} / budget {context.Money(line.AnnualBudget!.Value)} = {X(r.Exact)}%), printed {N(line.ExecutionRate)}%.");
        }
    }
}
