using System.Globalization;

namespace Jixiao.Core.Forms;

/// <summary>
/// Reads numbers as forms print them: <c>322.13</c>, <c>2,072.25</c>, <c>12690000</c>, <c>14, 194. 52</c>
/// (spaces left by PDF extraction), <c>05</c>, <c>100.00%</c>, full-width digits. The placeholders
/// <c>—</c>, <c>-</c>, <c>/</c> and an empty cell mean "not applicable" and read as null. Never throws.
/// </summary>
public static class PrintedNumber
{
    /// <summary>True for cells that mean "not applicable": empty, <c>—</c>, <c>-</c>, <c>–</c>, <c>/</c>, <c>无</c>.</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> cell)
    {
        var t = cell.Trim();
        return t.IsEmpty || t is "—" or "-" or "–" or "/" or "－" or "／" or "——" or "--" or "无";
    }

    /// <summary>Parses a whole cell as a number; false when the cell holds anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, out decimal value, bool allowPercent = true)
    {
        value = 0;
        Span<char> buffer = stackalloc char[64];
        var n = 0;
        var digits = 0;
        var dots = 0;
        var sawPercent = false;
        var t = cell.Trim();
        if (t.IsEmpty || t.Length > 64)
        {
            return false;
        }

        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c is >= '０' and <= '９')
            {
                c = (char)(c - '０' + '0');
            }
            else if (c == '．')
            {
                c = '.';
            }

            if (c is >= '0' and <= '9')
            {
                if (sawPercent)
                {
                    return false;
                }

                buffer[n++] = c;
                digits++;
            }
            else if (c == '.')
            {
                if (sawPercent || ++dots > 1)
                {
                    return false;
                }

                buffer[n++] = c;
            }
            else if (c is ',' or '，')
            {
                // thousands separator: must sit between digits (spaces may follow it)
                if (digits == 0 || dots > 0)
                {
                    return false;
                }
            }
            else if (c is ' ' or '\u00A0' or '\u3000')
            {
                // spaces inside a number come from PDF extraction ("14, 194. 52")
            }
            else if (c is '-' or '−' or '－' && n == 0 && digits == 0)
            {
                buffer[n++] = '-';
            }
            else if (c is '+' && n == 0)
            {
            }
            else if (c is '%' or '％' && allowPercent && digits > 0)
            {
                sawPercent = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        return decimal.TryParse(buffer[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a cell as a number, null when it is a placeholder or not a number.</summary>
    public static decimal? ParseOrNull(ReadOnlySpan<char> cell, bool allowPercent = true) =>
        TryParse(cell, out var v, allowPercent) ? v : null;
}
