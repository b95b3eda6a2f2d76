using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;

namespace Jixiao.Data.Forms;

/// <summary>
/// The printed precision of a stored form's numbers (<see cref="FormRecord.PrintedScales"/>): one digit per number,
/// the decimal scale it had when stored (<c>10.00</c> → <c>2</c>), in this order — the four fund lines of a
/// self-evaluation (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金), each 年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
/// 得分; 总分 分值 and 得分; the seven amounts of a declaration; then each indicator's 分值 and 得分. A missing number
/// counts as 0. The numeric columns give back the value only (<c>10</c>), so <see cref="FormMapper.ToForm"/> pads it to
/// its printed scale again: a stored form then checks exactly as the form that was read. The fund rows' source lines
/// (<see cref="FormRecord.FundSourceLines"/>), where findings about them point, are kept beside for the same reason.
/// </summary>
public static class PrintedScales
{
    /// <summary>Numbers per fund line.</summary>
    private const int LineNumbers = 6;

    /// <summary>Position of 总分 分值 (then 得分).</summary>
    private const int Totals = 4 * LineNumbers;

    /// <summary>Position of the first declaration amount.</summary>
    private const int Declaration = Totals + 2;

    /// <summary>Numbers of the form before the indicators'.</summary>
    private const int FormNumbers = Declaration + 7;

    /// <summary>The digits of <paramref name="r"/> and its indicators, from the values as they are stored.</summary>
    public static string Of(FormRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = new StringBuilder(FormNumbers + (2 * r.Indicators.Count));
        foreach (var v in Numbers(r))
        {
            text.Append(Digit(v));
        }

        foreach (var i in r.Indicators)
        {
            text.Append(Digit(i.Weight)).Append(Digit(i.Score));
        }

        return text.ToString();
    }

    /// <summary>The form's numbers in the order of the digits (not the indicators').</summary>
    private static decimal?[] Numbers(FormRecord r) =>
    [
        r.TotalInitialBudget, r.TotalAnnualBudget, r.TotalExecuted, r.TotalFundWeight, r.TotalExecutionRate, r.TotalFundScore,
        r.AppropriationInitialBudget, r.AppropriationAnnualBudget, r.AppropriationExecuted, r.AppropriationFundWeight, r.AppropriationExecutionRate, r.AppropriationFundScore,
        r.CarryoverInitialBudget, r.CarryoverAnnualBudget, r.CarryoverExecuted, r.CarryoverFundWeight, r.CarryoverExecutionRate, r.CarryoverFundScore,
        r.OtherInitialBudget, r.OtherAnnualBudget, r.OtherExecuted, r.OtherFundWeight, r.OtherExecutionRate, r.OtherFundScore,
        r.TotalWeight, r.TotalScore,
        r.ProjectTotal, r.ProjectFiscal, r.ProjectOther, r.AnnualTotal, r.AnnualAppropriation, r.AnnualCarryover, r.AnnualOther,
    ];

    private static char Digit(decimal? v) => v is { } x ? (char)('0' + Math.Min((int)x.Scale, 9)) : '0';

    /// <summary>The source lines of a self-evaluation's four fund rows (<see cref="FormRecord.FundSourceLines"/>), or null when none is known.</summary>
    public static string? FundLinesOf(SelfEvaluationFunds? funds)
    {
        var lines = new[] { funds?.Total, funds?.Appropriation, funds?.Carryover, funds?.Other }.Select(l => l?.SourceLine ?? 0).ToArray();
        return lines.All(l => l == 0) ? null : string.Join(',', lines.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The source line of fund row <paramref name="line"/> (0 年度资金总额 … 3 其他资金) in <paramref name="fundLines"/>; 0 when unknown.</summary>
    public static int FundLine(string? fundLines, int line)
    {
        var parts = fundLines?.Split(',');
        return parts is not null && line < parts.Length && int.TryParse(parts[line], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The position of number <paramref name="column"/> (0 年初预算数 … 5 得分) of fund line <paramref name="line"/> (0 年度资金总额 … 3 其他资金).</summary>
    internal static int Line(int line, int column) => (line * LineNumbers) + column;

    /// <summary>The position of 总分 分值 (<paramref name="score"/> false) or 得分.</summary>
    internal static int Total(bool score) => Totals + (score ? 1 : 0);

    /// <summary>The position of declaration amount <paramref name="index"/> (0 项目资金总额 … 6 其他资金).</summary>
    internal static int DeclarationAmount(int index) => Declaration + index;

    /// <summary>The position of indicator <paramref name="index"/>'s 分值 (<paramref name="score"/> false) or 得分.</summary>
    internal static int Indicator(int index, bool score) => FormNumbers + (2 * index) + (score ? 1 : 0);

    /// <summary>
    /// <paramref name="stored"/> at its shortest (<c>10.0000</c> → <c>10</c>), padded with zeros to the scale recorded at
    /// <paramref name="position"/> of <paramref name="scales"/> (<c>10</c> → <c>10.00</c>); at its shortest when nothing
    /// was recorded. Never rounds: a value longer than its recorded scale stays as it is.
    /// </summary>
    public static decimal? Restore(decimal? stored, string? scales, int position)
    {
        if (stored is not { } v)
        {
            return null;
        }

        var shortest = Decimals.Shortest(v);
        if (scales is null || position >= scales.Length)
        {
            return shortest;
        }

        var scale = scales[position] - '0';
        return scale > shortest.Scale && scale <= 9 ? shortest + new decimal(0, 0, 0, false, (byte)scale) : shortest;
    }
}
