using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>ROUNDING: a printed rate or score that only another rounding convention explains (truncated instead of rounded …).</summary>
public sealed class RoundingCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "ROUNDING", Severity.Info, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "funds.{line}.executionRate / funds.total.score / indicators[i].score",
        "数值与重算值只差舍入口径（截尾而非四舍五入，或金额本身已舍入）。",
        "A printed number differs from the recomputed one only by a rounding convention (truncated rather than rounded, or rounded amounts).",
        "Rules-reference §7.4/§7.6: ±0.01, round or truncate. The corpus prints truncated rates (99.44 for 99.4475) beside rounded scores.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var rules = context.Rules;
        if (context.Form.SelfEvaluationFunds is { } funds)
        {
            for (var i = 0; i < FundRates.LineCount; i++)
            {
                Rate(context, i);
            }

            ExecutionScore(context, funds.Total);
        }

        foreach (var s in context.Score.Indicators)
        {
            if (s.Raw is not { } raw || s.Printed is not { } p || s.AtStrictBoundary || s.Outcome is not (IndicatorOutcome.Met or IndicatorOutcome.NotMet))
            {
                continue;
            }

            if (Rounding.Compare(p, raw, rules.Rounding, rules.Tolerances.Score) == PrintedMatch.RoundingOnly)
            {
                var rounded = Rounding.Apply(raw, p.Scale, rules.Rounding);
                context.ReportIndicator(Rule, s.Index, "score",
                    $"指标{Fields.Name(s.Indicator)}得分 {N(p)} 与按规则计算的 {X(raw)}（{Mode(rules, true)}为 {N(rounded)}）仅差舍入。",
                    $"Indicator \"{s.Indicator.Name}\" scores {N(p)}; the rules give {X(raw)} ({Mode(rules, false)} {N(rounded)}): a rounding difference only.");
            }
        }
    }

    private static void Rate(CheckContext context, int index)
    {
        var r = context.FundRate(index);
        if (r.Match != PrintedMatch.RoundingOnly || r.Line!.ExecutionRate is not { } printed)
        {
            return;
        }

        // a sub-row printing the same amounts and rate as the total row repeats its note
        if (index > 0 && context.FundRate(0) is { Line: { } total } && total.ExecutionRate == printed
            && total.AnnualBudget == r.Line.AnnualBudget && total.Executed == r.Line.Executed)
        {
            return;
        }

        var rules = context.Rules;
        var rounded = Rounding.Apply(r.Exact, printed.Scale, rules.Rounding);
        context.ReportFund(Rule, r.Line, FundRates.Names[index], "executionRate",
            $"执行率 {N(printed)}% 与 {X(r.Exact)}%（{Mode(rules, true)}为 {N(rounded)}%）仅差舍入{Why(printed, r.Exact, rules, true)}。",
            $"Execution rate {N(printed)}% against {X(r.Exact)}% ({Mode(rules, false)} {N(rounded)}%): a rounding difference only{Why(printed, r.Exact, rules, false)}.");
    }

    private static void ExecutionScore(CheckContext context, FundLine? line)
    {
        var execution = context.Score.Execution;
        if (line?.Score is not { } printed || execution.Raw is not { } raw)
        {
            return;
        }

        var rules = context.Rules;
        var tol = rules.Tolerances.Score;
        var fromAmounts = Rounding.Compare(printed, raw, rules.Rounding, tol);
        if (fromAmounts == PrintedMatch.Mismatch)
        {
            fromAmounts = Rounding.Compare(printed, raw, Math.Min(execution.RateLow!.Value, 100m) * execution.Weight / 100m,
                Math.Min(execution.RateHigh!.Value, 100m) * execution.Weight / 100m, rules.Rounding, tol);
        }

        var fromRate = line.ExecutionRate is { } r
            ? Rounding.Compare(printed, Math.Min(r, 100m) * execution.Weight / 100m, rules.Rounding, tol)
            : PrintedMatch.Mismatch;
        if (fromAmounts == PrintedMatch.Exact || fromRate == PrintedMatch.Exact
            || (fromAmounts == PrintedMatch.Mismatch && fromRate == PrintedMatch.Mismatch))
        {
            return;
        }

        var rounded = Rounding.Apply(raw, printed.Scale, rules.Rounding);
        context.ReportFund(Rule, line, "total", "score",
            $"预算执行得分 {N(printed)} 与 {X(raw)}（{Mode(rules, true)}为 {N(rounded)}）仅差舍入{Why(printed, raw, rules, true)}。",
            $"Execution score {N(printed)} against {X(raw)} ({Mode(rules, false)} {N(rounded)}): a rounding difference only{Why(printed, raw, rules, false)}.");
    }

    private static string Mode(RuleSet rules, bool zh) => rules.Rounding == RoundingMode.HalfUp
        ? (zh ? "四舍五入" : "rounded")
        : (zh ? "截尾" : "truncated");

    private static string Why(decimal printed, decimal exact, RuleSet rules, bool zh)
    {
        var other = rules.Rounding.Other();
        if (printed == Rounding.Apply(exact, printed.Scale, other))
        {
            return other == RoundingMode.Truncate ? (zh ? "：表中为截尾" : ": the form truncates") : (zh ? "：表中为四舍五入" : ": the form rounds");
        }

        return zh ? "：可由金额本身的舍入解释" : ": explained by the rounding of the printed amounts";
    }
}
