using System.Globalization;
using System.Text;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// Gives a number stored in a workbook cell as the cell prints it (按显示格式取值): the cell's number format (数字格式)
/// applied for the common cases, so that <c>2072.25</c> formatted <c>#,##0.00</c> reads <c>2,072.25</c> and <c>1</c>
/// formatted <c>0.00%</c> reads <c>100.00%</c>, as in the published form. Shared by the .xlsx and .xls readers.
/// </summary>
/// <remarks>
/// Handled: General (the shortest form Excel shows, at most 15 significant digits: a 20-digit project code stored as a
/// number shows as <c>4.403062313915E+20</c>, never with invented digits); digit placeholders <c>0</c> and <c>#</c>
/// with decimals and thousands separators; percentages; scientific <c>0.00E+00</c>; sections for negative numbers and
/// zero (<c>"-"</c> of accounting formats); literal text in quotes or after <c>\</c>; currency such as
/// <c>[$¥-804]</c>; text format <c>@</c>; dates and times (<c>yyyy-MM-dd</c>, <c>yyyy年M月d日</c> when the format
/// prints 年, <c>HH:mm</c> or <c>HH:mm:ss</c> for times). Colours, conditions, padding (<c>_x</c>, <c>*x</c>) and
/// fractions are not printed (a fraction is given as General).
/// </remarks>
public static class CellFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The format code of a built-in number format id (内置数字格式), or null when the id is not built in.</summary>
    /// <param name="id">The numFmtId (0 to 163 are reserved for built-in formats).</param>
    public static string? BuiltIn(int id) => id switch
    {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 or 37 => "#,##0 ;(#,##0)",
        6 or 38 => "#,##0 ;[Red](#,##0)",
        7 or 39 => "#,##0.00;(#,##0.00)",
        8 or 40 => "#,##0.00;[Red](#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 or 13 => "General",
        14 => "yyyy-mm-dd",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy-mm-dd h:mm",
        // The East Asian built-in formats (zh-CN): dates with 年月日, times.
        27 or 28 or 29 or 30 or 31 or 34 or 35 or 36 or 50 or 51 or 52 or 53 or 54 or 57 or 58 => "yyyy\"年\"m\"月\"d\"日\"",
        32 or 33 or 55 or 56 => "h:mm:ss",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => null,
    };

    /// <summary>
    /// The number <paramref name="value"/> as a cell of format <paramref name="formatCode"/> prints it.
    /// </summary>
    /// <param name="value">The stored number (a date is its serial number).</param>
    /// <param name="formatCode">The format code; null or empty is General.</param>
    /// <param name="date1904">True when the workbook counts dates from 1904 (Mac workbooks).</param>
    public static string Format(double value, string? formatCode, bool date1904 = false)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "#NUM!";
        }

        if (string.IsNullOrWhiteSpace(formatCode) || formatCode.Equals("General", StringComparison.OrdinalIgnoreCase))
        {
            return General(value);
        }

        var sections = Sections(formatCode);
        var section = sections[0];
        var negative = value < 0;
        var signed = false;
        if (negative && sections.Count >= 2 && !IsConditional(sections[1]))
        {
            section = sections[1];
            value = -value;
            signed = true;
        }
        else if (value == 0 && sections.Count >= 3)
        {
            section = sections[2];
        }

        section = StripBrackets(section);
        var kind = Classify(section);
        return kind switch
        {
            Kind.Text or Kind.General => General(value),
            Kind.Date => FormatDate(value, section, date1904) ?? General(value),
            Kind.Literal => Literal(section),
            _ => FormatNumber(value, section, negative && !signed),
        };
    }

    /// <summary>True when a format code prints a date or a time (its serial number is then a date).</summary>
    /// <param name="formatCode">The format code.</param>
    public static bool IsDateFormat(string? formatCode) =>
        !string.IsNullOrEmpty(formatCode) && Classify(StripBrackets(Sections(formatCode)[0])) == Kind.Date;

    /// <summary>The General form Excel shows: at most 15 significant digits, invariant, exponent when needed.</summary>
    /// <param name="value">The number.</param>
    public static string General(double value) =>
        // G15 writes 4.403062313915E+20 and 0.3 (for 0.30000000000000004), as Excel shows them.
        value.ToString("G15", Invariant);

    private enum Kind
    {
        General,
        Text,
        Date,
        Number,
        Literal,
    }

    private static List<string> Sections(string code)
    {
        var sections = new List<string>(4);
        var start = 0;
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\\')
            {
                i++;
            }
            else if (!quoted && c == ';')
            {
                sections.Add(code[start..i]);
                start = i + 1;
            }
        }

        sections.Add(code[start..]);
        return sections;
    }

    private static bool IsConditional(string section) => section.TrimStart().StartsWith("[<", StringComparison.Ordinal)
        || section.TrimStart().StartsWith("[>", StringComparison.Ordinal) || section.TrimStart().StartsWith("[=", StringComparison.Ordinal);

    /// <summary>Removes [Red], [$-804], conditions; keeps a currency symbol of [$¥-804] as a literal; keeps [h] for elapsed hours.</summary>
    private static string StripBrackets(string section)
    {
        var sb = new StringBuilder(section.Length);
        var quoted = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                quoted = !quoted;
                sb.Append(c);
            }
            else if (!quoted && c == '\\' && i + 1 < section.Length)
            {
                sb.Append(c).Append(section[++i]);
            }
            else if (!quoted && c == '[')
            {
                var end = section.IndexOf(']', i + 1);
                if (end < 0)
                {
                    break;
                }

                var inner = section[(i + 1)..end];
                if (inner.StartsWith('$'))
                {
                    var symbol = inner[1..].Split('-')[0];
                    if (symbol.Length > 0)
                    {
                        sb.Append('"').Append(symbol.Replace("\"", "", StringComparison.Ordinal)).Append('"');
                    }
                }
                else if (inner.Length > 0 && inner.Trim('h', 'H', 'm', 'M', 's', 'S').Length == 0)
                {
                    sb.Append(inner);
                }

                i = end;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static Kind Classify(string section)
    {
        var quoted = false;
        var digits = false;
        var date = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (quoted)
            {
                continue;
            }

            switch (c)
            {
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '@':
                    return Kind.Text;
                case '0' or '#' or '?':
                    digits = true;
                    break;
                case 'y' or 'Y' or 'd' or 'D' or 'h' or 'H' or 's' or 'S' or 'm' or 'M' or 'e' when !digits:
                    date = true;
                    break;
                case 'G' or 'g' when section.AsSpan(i).StartsWith("General", StringComparison.OrdinalIgnoreCase):
                    return Kind.General;
            }
        }

        return date ? Kind.Date : digits ? Kind.Number : Kind.Literal;
    }

    private static string Literal(string section)
    {
        var sb = new StringBuilder();
        AppendLiterals(section, 0, section.Length, sb);
        return sb.ToString().Trim();
    }

    private static void AppendLiterals(string section, int from, int to, StringBuilder sb)
    {
        var quoted = false;
        for (var i = from; i < to; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                sb.Append(c);
            }
            else if (c == '\\' && i + 1 < to)
            {
                sb.Append(section[++i]);
            }
            else if (c == '_' && i + 1 < to)
            {
                i++;
                sb.Append(' ');
            }
            else if (c == '*' && i + 1 < to)
            {
                i++;
            }
            else if (c is not ('#' or '0' or '?' or ',' or '.' or '%' or 'E' or 'e' or '+'))
            {
                sb.Append(c);
            }
            else if (c == '%')
            {
                sb.Append('%');
            }
        }
    }

    private static string FormatNumber(double value, string section, bool minus)
    {
        // Locate the run of the number: from the first placeholder to the last one (with separators and the exponent).
        int first = -1, last = -1;
        var quoted = false;
        int percents = 0;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (quoted)
            {
                continue;
            }

            if (c is '\\' or '_' or '*')
            {
                i++;
                continue;
            }

            if (c is '0' or '#' or '?')
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
            else if (c == '%')
            {
                percents++;
            }
        }

        if (first < 0)
        {
            return General(value);
        }

        // Extend over separators and the exponent that sit between placeholders.
        var pattern = section[first..(last + 1)];
        var scientific = pattern.IndexOfAny(['E', 'e']) is var e && e >= 0 ? e : -1;
        var mantissa = scientific >= 0 ? pattern[..scientific] : pattern;
        var dot = mantissa.IndexOf('.');
        var integerPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fractionPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var decimals = fractionPart.Count(ch => ch is '0' or '#' or '?');
        var optionalDecimals = fractionPart.Count(ch => ch is '#' or '?');
        var grouping = integerPart.Contains(',');
        // Trailing commas after the last integer placeholder scale by 1,000 each.
        var scale = 0;
        for (var i = integerPart.Length - 1; i >= 0 && integerPart[i] == ','; i--)
        {
            scale++;
        }

        if (scale > 0)
        {
            grouping = integerPart[..^scale].Contains(',');
            value /= Math.Pow(1000, scale);
        }

        for (var p = 0; p < percents; p++)
        {
            value *= 100;
        }

        var minInteger = integerPart.Count(ch => ch == '0');
        string number;
        if (scientific >= 0)
        {
            var expDigits = Math.Max(1, pattern[(scientific + 1)..].Count(ch => ch is '0' or '#'));
            var fmt = (minInteger > 0 ? "0" : "#") + (decimals > 0 ? "." + new string('0', decimals - optionalDecimals) + new string('#', optionalDecimals) : "")
                + "E+" + new string('0', expDigits);
            number = Math.Abs(value).ToString(fmt, Invariant);
        }
        else
        {
            var rounded = Math.Round(Math.Abs(value), Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
            var fmt = (grouping ? "#,##" : "") + new string('0', Math.Max(minInteger, grouping ? 1 : 0) is var z && z > 0 ? z : 0);
            if (fmt.Length == 0)
            {
                fmt = "#";
            }

            if (decimals > 0)
            {
                fmt += "." + new string('0', decimals - optionalDecimals) + new string('#', optionalDecimals);
            }

            number = rounded.ToString(fmt, Invariant);
            if (number.Length == 0 || number == ".")
            {
                number = minInteger > 0 ? "0" : "";
            }

            if (number.EndsWith('.'))
            {
                number = number[..^1];
            }

            minus &= rounded != 0;
        }

        var sb = new StringBuilder(section.Length + number.Length + 1);
        if (minus)
        {
            sb.Append('-');
        }

        AppendLiterals(section, 0, first, sb);
        sb.Append(number);
        AppendLiterals(section, last + 1, section.Length, sb);
        return sb.ToString().Trim();
    }

    private static string? FormatDate(double serial, string section, bool date1904)
    {
        DateTime when;
        try
        {
            if (date1904)
            {
                serial += 1462;
            }

            if (serial < 0 || serial >= 2958466)
            {
                return null;
            }

            // Excel's serial 60 is the 29 February 1900 that never was; FromOADate counts from 30 December 1899.
            when = serial < 61 && serial >= 1 ? new DateTime(1899, 12, 31).AddDays(serial - 1) : DateTime.FromOADate(serial);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var tokens = DateTokens(section);
        var hasDate = tokens.Contains('y') || tokens.Contains('d') || (tokens.Contains('m') && !tokens.Contains('h') && !tokens.Contains('s'));
        var hasTime = tokens.Contains('h') || tokens.Contains('s');
        var seconds = tokens.Contains('s');
        var chinese = section.Contains('年') || section.Contains('月') || section.Contains('日');
        string? date = null;
        if (hasDate)
        {
            var hasYear = tokens.Contains('y');
            var hasDay = tokens.Contains('d');
            date = chinese
                ? (hasYear ? when.ToString("yyyy'年'", Invariant) : "") + when.ToString("M'月'", Invariant) + (hasDay ? when.ToString("d'日'", Invariant) : "")
                : hasDay || !hasYear ? when.ToString("yyyy-MM-dd", Invariant) : when.ToString("yyyy-MM", Invariant);
        }

        if (!hasTime)
        {
            return date;
        }

        var time = when.ToString(seconds ? "HH:mm:ss" : "HH:mm", Invariant);
        return date is null ? time : date + " " + time;
    }

    /// <summary>The date and time letters of a section outside quoted text, lower case (m after h or before s is minutes, counted as a time).</summary>
    private static string DateTokens(string section)
    {
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (!quoted && char.ToLowerInvariant(c) is 'y' or 'm' or 'd' or 'h' or 's' or 'e')
            {
                var l = char.ToLowerInvariant(c) == 'e' ? 'y' : char.ToLowerInvariant(c);
                if (sb.Length == 0 || sb[^1] != l)
                {
                    sb.Append(l);
                }
            }
        }

        // "h:mm" and "mm:ss": an m next to h or s is minutes.
        var tokens = sb.ToString();
        var result = new StringBuilder();
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t == 'm' && ((i > 0 && tokens[i - 1] == 'h') || (i + 1 < tokens.Length && tokens[i + 1] == 's')))
            {
                result.Append('n');
            }
            else
            {
                result.Append(t);
            }
        }

        return result.ToString();
    }
}
