using System.Buffers;

namespace Jixiao.Core.Targets;

/// <summary>What the growth rule read: a direction, and optionally a size (or a level after 至 / 到).</summary>
internal struct GrowthReading
{
    public GrowthDirection Direction;

    /// <summary>A number follows the verb.</summary>
    public bool HasSize;

    /// <summary>The number follows 至 / 到 (提高至95%): a level to reach, not a change.</summary>
    public bool IsLevel;

    public Quantity Size;
}

/// <summary>
/// The words of the grammar: growth phrases (同比减少5%) and the qualitative band labels (达成指标 …).
/// Word lists are matched longest first; every list is small and scanned only when the first character fits.
/// </summary>
internal static class TargetLexicon
{
    /// <summary>A qualitative text of at most this many characters (white space ignored, no digit or punctuation) is a <see cref="QualitativeStyle.Word"/>.</summary>
    public const int MaxWordLength = 6;

    /// <summary>Period words before a growth phrase: 全年同比下降14.6%.</summary>
    private static readonly string[] Periods = ["本年度", "全年", "年度", "本年", "今年", "当年"];

    /// <summary>Base phrases (比较基准): 同比, 较上年 … (较 + a year, e.g. 较2022年, is read separately).</summary>
    private static readonly string[] Bases =
    [
        "与上年同期相比", "与去年同期相比", "与上年相比", "与去年相比",
        "较上年同期", "比上年同期", "较去年同期", "比去年同期",
        "较上一年度", "较上一年", "比上一年", "较上年度", "较上年", "比上年", "较去年", "比去年",
        "较往年", "较同期", "同比", "环比",
    ];

    /// <summary>Adverbs that may stand before the verb: 有所提升, 进一步提高.</summary>
    private static readonly string[] Modifiers =
        ["进一步", "显著", "明显", "有所", "持续", "逐步", "稳步", "不断", "大幅", "逐年", "小幅", "略有", "继续", "均"];

    private static readonly (string Word, GrowthDirection Direction)[] Verbs =
    [
        ("增长率", GrowthDirection.Increase),
        ("增长", GrowthDirection.Increase),
        ("增加", GrowthDirection.Increase),
        ("增幅", GrowthDirection.Increase),
        ("上升", GrowthDirection.Increase),
        ("上涨", GrowthDirection.Increase),
        ("提高", GrowthDirection.Increase),
        ("提升", GrowthDirection.Increase),
        ("下降率", GrowthDirection.Decrease),
        ("下降", GrowthDirection.Decrease),
        ("减少", GrowthDirection.Decrease),
        ("降低", GrowthDirection.Decrease),
        ("降幅", GrowthDirection.Decrease),
        ("缩短", GrowthDirection.Decrease),
        ("压缩", GrowthDirection.Decrease),
    ];

    /// <summary>The first characters of every period, base, modifier and verb.</summary>
    private static readonly SearchValues<char> GrowthInitials = SearchValues.Create("本全年今当与较比同环进显明有持逐稳不大小略继均增上提下减降缩压");

    public static bool MayStartGrowth(char c) => GrowthInitials.Contains(c);

    public static bool MayStartBand(char c) => c is '达' or '部' or '未' or '已' or '全';

    /// <summary>
    /// Reads the whole span as <c>[period] [base] [modifier] verb [了] [幅度] [至|到] [size]</c>, where the
    /// size is a quantitative value (<see cref="TargetScanner.TryReadQuantity"/>). White space may separate the parts.
    /// </summary>
    public static bool TryReadGrowth(ReadOnlySpan<char> s, out GrowthReading g)
    {
        g = default;
        var i = 0;
        while (true)
        {
            var before = i;
            TargetScanner.SkipSpaces(s, ref i);
            if (MatchAny(s, ref i, Periods) || MatchAny(s, ref i, Bases) || MatchYearBase(s, ref i) || MatchAny(s, ref i, Modifiers))
            {
                continue;
            }

            i = before;
            break;
        }

        TargetScanner.SkipSpaces(s, ref i);
        if (!MatchVerb(s, ref i, out g.Direction))
        {
            return false;
        }

        Match(s, ref i, "了");
        Match(s, ref i, "幅度");
        TargetScanner.SkipSpaces(s, ref i);
        if (i == s.Length)
        {
            return true;
        }

        if (s[i] is '至' or '到')
        {
            g.IsLevel = true;
            i++;
            TargetScanner.SkipSpaces(s, ref i);
        }

        g.HasSize = TargetScanner.TryReadQuantity(s[i..], out g.Size);
        return g.HasSize;
    }

    /// <summary>
    /// Reads the whole span (white space ignored, a final 。 allowed) as a band label:
    /// <c>[未|部分|已|全部] 达成 [年度] [绩效] [指标|目标] [值]</c>, then for 部分 an optional
    /// <c>[，]并具有一定效果</c> and for 未 an optional <c>[，]且效果较差</c>.
    /// </summary>
    public static bool TryReadBand(ReadOnlySpan<char> s, out QualitativeBand band)
    {
        band = QualitativeBand.None;
        Span<char> buffer = stackalloc char[32];
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return false;
            }

            buffer[n++] = c;
        }

        ReadOnlySpan<char> t = buffer[..n];
        if (!t.IsEmpty && t[^1] is '。' or '.')
        {
            t = t[..^1];
        }

        var i = 0;
        QualitativeBand found;
        if (Match(t, ref i, "未"))
        {
            found = QualitativeBand.NotAchieved;
        }
        else if (Match(t, ref i, "部分"))
        {
            found = QualitativeBand.PartiallyAchieved;
        }
        else
        {
            found = QualitativeBand.Achieved;
            _ = Match(t, ref i, "已") || Match(t, ref i, "全部");
        }

        if (!Match(t, ref i, "达成"))
        {
            return false;
        }

        Match(t, ref i, "年度");
        Match(t, ref i, "绩效");
        if (Match(t, ref i, "指标") || Match(t, ref i, "目标"))
        {
            Match(t, ref i, "值");
        }

        if (i < t.Length && found != QualitativeBand.Achieved)
        {
            _ = Match(t, ref i, "，") || Match(t, ref i, ",");
            _ = found == QualitativeBand.PartiallyAchieved
                ? Match(t, ref i, "并具有一定效果") || Match(t, ref i, "具有一定效果") || Match(t, ref i, "并有一定效果")
                : Match(t, ref i, "且效果较差") || Match(t, ref i, "效果较差");
        }

        if (i != t.Length)
        {
            return false;
        }

        band = found;
        return true;
    }

    private static bool Match(ReadOnlySpan<char> s, ref int i, string word)
    {
        if (s[i..].StartsWith(word, StringComparison.Ordinal))
        {
            i += word.Length;
            return true;
        }

        return false;
    }

    private static bool MatchAny(ReadOnlySpan<char> s, ref int i, string[] words)
    {
        if (i >= s.Length)
        {
            return false;
        }

        var rest = s[i..];
        var first = rest[0];
        foreach (var word in words)
        {
            if (word[0] == first && rest.StartsWith(word, StringComparison.Ordinal))
            {
                i += word.Length;
                return true;
            }
        }

        return false;
    }

    private static bool MatchVerb(ReadOnlySpan<char> s, ref int i, out GrowthDirection direction)
    {
        direction = default;
        if (i >= s.Length)
        {
            return false;
        }

        var rest = s[i..];
        var first = rest[0];
        foreach (var (word, dir) in Verbs)
        {
            if (word[0] == first && rest.StartsWith(word, StringComparison.Ordinal))
            {
                i += word.Length;
                direction = dir;
                return true;
            }
        }

        return false;
    }

    /// <summary>较 / 比 / 与 + a four-digit year + 年 [度] [同期] [相比]: 较2022年, 与2022年度相比.</summary>
    private static bool MatchYearBase(ReadOnlySpan<char> s, ref int i)
    {
        if (i + 6 > s.Length || s[i] is not ('较' or '比' or '与'))
        {
            return false;
        }

        var j = i + 1;
        for (var k = 0; k < 4; k++, j++)
        {
            if (!TargetScanner.IsDigit(s[j]))
            {
                return false;
            }
        }

        if (s[j] != '年')
        {
            return false;
        }

        j++;
        Match(s, ref j, "度");
        Match(s, ref j, "同期");
        Match(s, ref j, "相比");
        i = j;
        return true;
    }
}
