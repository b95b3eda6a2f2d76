using Jixiao.Core.Forms;

namespace Jixiao.Core.Scoring;

/// <summary>The rate of one fund line, computed once per form and shared by FUND-RATE, FUND-SCORE and ROUNDING.</summary>
/// <param name="Line">The fund line (null when the form has none).</param>
/// <param name="Defined">False when the rate is undefined (no budget, no executed amount).</param>
/// <param name="Exact">全年执行数 / 全年预算数 × 100, unrounded.</param>
/// <param name="Match">How the printed rate relates to the exact one (Exact when nothing is printed).</param>
/// <param name="HalfUnit">Half the last printed digit of an amount, in yuan.</param>
public readonly record struct FundRate(FundLine? Line, bool Defined, decimal Exact, PrintedMatch Match, decimal HalfUnit)
{
    /// <summary>Lowest rate the rounded printed amounts allow.</summary>
    public decimal Low => Defined ? Math.Max(0m, Line!.Executed!.Value - HalfUnit) / (Line.AnnualBudget!.Value + HalfUnit) * 100m : 0m;

    /// <summary>Highest rate the rounded printed amounts allow.</summary>
    public decimal High => !Defined ? 0m
        : Line!.AnnualBudget!.Value > HalfUnit ? (Line.Executed!.Value + HalfUnit) / (Line.AnnualBudget.Value - HalfUnit) * 100m
        : Exact * 2m;
}

/// <summary>The four rows of the self-evaluation fund table and how their rates are computed.</summary>
public static class FundRates
{
    public const int LineCount = 4;

    /// <summary>Field names of the rows: total, appropriation, carryover, other.</summary>
    public static readonly string[] Names = ["total", "appropriation", "carryover", "other"];

    /// <summary>The row at <paramref name="index"/> (0 = 年度资金总额).</summary>
    public static FundLine? LineAt(SelfEvaluationFunds? funds, int index) => funds is null ? null : index switch
    {
        0 => funds.Total,
        1 => funds.Appropriation,
        2 => funds.Carryover,
        _ => funds.Other,
    };

    /// <summary>Half the last printed digit of an amount, in yuan (0.005 万元 = 50 元).</summary>
    public static decimal HalfUnit(RuleSet rules, MoneyUnit unit) => rules.Tolerances.MoneyHalfUnit * unit.YuanPerUnit();

    internal static FundRate Compute(FundLine? line, RuleSet rules, MoneyUnit unit)
    {
        var h = HalfUnit(rules, unit);
        if (line?.AnnualBudget is not { } b || line.Executed is not { } e || b <= 0 || e < 0)
        {
            return new FundRate(line, false, 0, PrintedMatch.Exact, h);
        }

        var exact = e / b * 100m;
        var rate = new FundRate(line, true, exact, PrintedMatch.Exact, h);
        if (line.ExecutionRate is not { } printed)
        {
            return rate;
        }

        var match = Rounding.Compare(printed, exact, rules.Rounding, rules.Tolerances.Rate);
        if (match == PrintedMatch.Mismatch)
        {
            match = Rounding.Compare(printed, exact, rate.Low, rate.High, rules.Rounding, rules.Tolerances.Rate);
        }

        return rate with { Match = match };
    }
}
