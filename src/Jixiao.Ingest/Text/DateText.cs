namespace Jixiao.Ingest.Text;

/// <summary>Reads dates as forms print them: <c>2023 年 1 月 1 日</c>, <c>2023年12月</c>, <c>2023-01-01</c>, <c>2023.1.1</c>.</summary>
internal static class DateText
{
    /// <summary>
    /// The date, or null. A date without its day is the first of the month, or the last when
    /// <paramref name="endOfPeriod"/> (计划完成日期 2023年12月 is 2023-12-31).
    /// </summary>
    public static DateOnly? Parse(string text, bool endOfPeriod)
    {
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var value = -1;
        foreach (var ch in text)
        {
            var c = ch is >= '０' and <= '９' ? (char)(ch - '０' + '0') : ch;
            if (char.IsAsciiDigit(c))
            {
                value = value < 0 ? c - '0' : Math.Min((value * 10) + (c - '0'), 100_000);
                continue;
            }

            if (value >= 0)
            {
                if (count == 3)
                {
                    return null;
                }

                parts[count++] = value;
                value = -1;
            }
        }

        if (value >= 0)
        {
            if (count == 3)
            {
                return null;
            }

            parts[count++] = value;
        }

        if (count < 2)
        {
            return null;
        }

        var (year, month) = (parts[0], parts[1]);
        if (year is < 1900 or > 2200 || month is < 1 or > 12)
        {
            return null;
        }

        var last = DateTime.DaysInMonth(year, month);
        var day = count == 3 ? parts[2] : endOfPeriod ? last : 1;
        return day >= 1 && day <= last ? new DateOnly(year, month, day) : null;
    }
}
