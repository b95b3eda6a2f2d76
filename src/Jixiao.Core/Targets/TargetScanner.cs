namespace Jixiao.Core.Targets;

/// <summary>A number with its operator and unit, as read from a cell or from the size of a growth target.</summary>
internal struct Quantity
{
    public ComparisonOperator Operator;
    public decimal Number;
    public string? Unit;
    public bool IsPercent;
}

/// <summary>
/// The low-level readers of the target grammar: operators, numbers, units, qualifiers. Every reader works on a
/// <see cref="ReadOnlySpan{T}"/>, never throws and never allocates except for an uncommon unit string.
/// </summary>
internal static class TargetScanner
{
    /// <summary>At most this many significant digits are read; a form never prints more (decimal holds 28).</summary>
    private const int MaxSignificantDigits = 18;

    /// <summary>Longest unit kept after normalising (bracketed units; bare units are shorter, see <see cref="TryNormalizeUnit"/>).</summary>
    private const int MaxUnitLength = 10;

    /// <summary>Unknown bare units (not in <see cref="KnownUnit"/>) are read only up to this length: <c>354 人</c>, <c>5km</c>.</summary>
    private const int MaxUnknownBareUnitLength = 2;

    /// <summary>The normalised percent unit; the same (interned) instance is returned for every spelling.</summary>
    private const string Percent = "%";

    /// <summary>Word operators, longest first within one initial (不低于 before 不…).</summary>
    private static readonly (string Word, ComparisonOperator Operator)[] WordOperators =
    [
        ("大于或等于", ComparisonOperator.GreaterOrEqual),
        ("大于等于", ComparisonOperator.GreaterOrEqual),
        ("小于或等于", ComparisonOperator.LessOrEqual),
        ("小于等于", ComparisonOperator.LessOrEqual),
        ("不得低于", ComparisonOperator.GreaterOrEqual),
        ("不得少于", ComparisonOperator.GreaterOrEqual),
        ("不得高于", ComparisonOperator.LessOrEqual),
        ("不得超过", ComparisonOperator.LessOrEqual),
        ("不低于", ComparisonOperator.GreaterOrEqual),
        ("不少于", ComparisonOperator.GreaterOrEqual),
        ("不小于", ComparisonOperator.GreaterOrEqual),
        ("不高于", ComparisonOperator.LessOrEqual),
        ("不超过", ComparisonOperator.LessOrEqual),
        ("不多于", ComparisonOperator.LessOrEqual),
        ("不大于", ComparisonOperator.LessOrEqual),
        ("高于", ComparisonOperator.Greater),
        ("大于", ComparisonOperator.Greater),
        ("超过", ComparisonOperator.Greater),
        ("多于", ComparisonOperator.Greater),
        ("低于", ComparisonOperator.Less),
        ("小于", ComparisonOperator.Less),
        ("少于", ComparisonOperator.Less),
        ("等于", ComparisonOperator.Equal),
        ("达到", ComparisonOperator.GreaterOrEqual),
    ];

    /// <summary>Qualifiers after the unit; the operator applies only when none is printed. 左右 (about) implies none.</summary>
    private static readonly (string Word, ComparisonOperator Operator)[] Qualifiers =
    [
        ("及以上", ComparisonOperator.GreaterOrEqual),
        ("以上", ComparisonOperator.GreaterOrEqual),
        ("及以下", ComparisonOperator.LessOrEqual),
        ("以下", ComparisonOperator.LessOrEqual),
        ("以内", ComparisonOperator.LessOrEqual),
        ("之内", ComparisonOperator.LessOrEqual),
        ("内", ComparisonOperator.LessOrEqual),
        ("左右", ComparisonOperator.None),
    ];

    public static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    public static void SkipSpaces(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }

    /// <summary>True when the text (trimmed) is only dashes or slashes, or N/A: "not applicable".</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> s)
    {
        if (s.Length == 3 && (s[0] | 0x20) == 'n' && s[1] == '/' && (s[2] | 0x20) == 'a')
        {
            return true;
        }

        foreach (var c in s)
        {
            if (!(c is '-' or '–' or '—' or '―' or '－' or '‐' or '‑' or '─' or '﹣' or '/' or '／' or '\\' || char.IsWhiteSpace(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Cheap filter: can a quantitative value start with this character?</summary>
    public static bool MayStartQuantity(char c) =>
        IsDigit(c) || c is '=' or '＝' or '﹦' or '>' or '＞' or '﹥' or '<' or '＜' or '﹤' or '≥' or '≧' or '⩾' or '≮'
            or '≤' or '≦' or '⩽' or '≯' or '+' or '＋' or '-' or '−' or '－'
            or '不' or '高' or '大' or '超' or '多' or '低' or '小' or '少' or '等' or '达'
            or '零' or '〇' or '一' or '二' or '两' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十' or '百' or '千';

    /// <summary>
    /// Reads the whole span as <c>[operator] number [unit] [qualifier]</c>, where the number may also be written
    /// in Chinese numerals before a known unit (<c>一个工作日</c>), or follow 百分之 (<c>百分之九十</c> → 90%).
    /// </summary>
    public static bool TryReadQuantity(ReadOnlySpan<char> s, out Quantity q)
    {
        q = default;
        var i = 0;
        var op = ReadOperator(s, ref i);
        SkipSpaces(s, ref i);
        string? unit;
        bool percent;
        if (s[i..].StartsWith("百分之", StringComparison.Ordinal))
        {
            // 百分之九十 / 百分之90: the percent sign comes first, nothing may follow the number.
            i += 3;
            SkipSpaces(s, ref i);
            if (!(TryReadNumber(s, ref i, out var share) || TryReadChineseNumber(s, ref i, out share)) || !s[i..].Trim().IsEmpty)
            {
                return false;
            }

            q.Operator = op;
            q.Number = share;
            q.Unit = Percent;
            q.IsPercent = true;
            return true;
        }

        if (TryReadNumber(s, ref i, out var number))
        {
            if (!TryReadTail(s[i..], ref op, out unit, out percent))
            {
                return false;
            }
        }
        else if (TryReadChineseNumber(s, ref i, out number))
        {
            // 一个工作日, 两天内: only with a known unit, so that words (一体化, 三个不发生, 十分) stay words.
            if (!TryReadTail(s[i..], ref op, out unit, out percent) || unit is null || unit == "分" || KnownUnit(unit) is null)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        q.Operator = op;
        q.Number = number;
        q.Unit = unit;
        q.IsPercent = percent;
        return true;
    }

    /// <summary>Reads a printed or worded operator at <paramref name="i"/>; None (and <paramref name="i"/> unchanged) when there is none.</summary>
    public static ComparisonOperator ReadOperator(ReadOnlySpan<char> s, ref int i)
    {
        if (i >= s.Length)
        {
            return ComparisonOperator.None;
        }

        ComparisonOperator op;
        switch (s[i])
        {
            case '≥' or '≧' or '⩾' or '≮':
                i++;
                return ComparisonOperator.GreaterOrEqual;
            case '≤' or '≦' or '⩽' or '≯':
                i++;
                return ComparisonOperator.LessOrEqual;
            case '=' or '＝' or '﹦':
                op = ComparisonOperator.Equal;
                break;
            case '>' or '＞' or '﹥':
                op = ComparisonOperator.Greater;
                break;
            case '<' or '＜' or '﹤':
                op = ComparisonOperator.Less;
                break;
            default:
                return ReadWordOperator(s, ref i);
        }

        i++;

        // Two-character spellings, possibly with a space between: >=, <=, =>, =<, ==.
        var j = i;
        SkipSpaces(s, ref j);
        if (j < s.Length)
        {
            var d = s[j];
            var isEq = d is '=' or '＝' or '﹦';
            var combined = op switch
            {
                ComparisonOperator.Greater when isEq => ComparisonOperator.GreaterOrEqual,
                ComparisonOperator.Less when isEq => ComparisonOperator.LessOrEqual,
                ComparisonOperator.Equal when isEq => ComparisonOperator.Equal,
                ComparisonOperator.Equal when d is '>' or '＞' or '﹥' => ComparisonOperator.GreaterOrEqual,
                ComparisonOperator.Equal when d is '<' or '＜' or '﹤' => ComparisonOperator.LessOrEqual,
                _ => ComparisonOperator.None,
            };
            if (combined != ComparisonOperator.None)
            {
                i = j + 1;
                return combined;
            }
        }

        return op;
    }

    private static ComparisonOperator ReadWordOperator(ReadOnlySpan<char> s, ref int i)
    {
        var rest = s[i..];
        if (rest.IsEmpty)
        {
            return ComparisonOperator.None;
        }

        var first = rest[0];
        foreach (var (word, op) in WordOperators)
        {
            if (word[0] == first && rest.StartsWith(word, StringComparison.Ordinal))
            {
                i += word.Length;
                return op;
            }
        }

        return ComparisonOperator.None;
    }

    /// <summary>
    /// Reads a number at <paramref name="i"/>: optional sign, digits (ASCII or full-width), thousands
    /// separators (<c>,</c> or <c>，</c> followed by exactly three digits), a decimal point (<c>.</c> or <c>．</c>)
    /// with digits after it, and the spaces PDF extraction leaves after a separator or point.
    /// The printed scale is kept (<c>100.00</c> → 100.00m).
    /// </summary>
    public static bool TryReadNumber(ReadOnlySpan<char> s, ref int i, out decimal value)
    {
        value = 0;
        var j = i;
        var negative = false;
        if (j < s.Length && s[j] is '+' or '＋' or '-' or '−' or '－')
        {
            negative = s[j] is not ('+' or '＋');
            j++;
        }

        if (j >= s.Length || !IsDigit(s[j]))
        {
            return false;
        }

        ulong mantissa = 0;
        var significant = 0;
        var scale = 0;
        while (true)
        {
            while (j < s.Length && IsDigit(s[j]))
            {
                if (!Push(ref mantissa, ref significant, DigitValue(s[j])))
                {
                    return false;
                }

                j++;
            }

            if (j < s.Length && s[j] is ',' or '，')
            {
                var k = j + 1;
                SkipSpaces(s, ref k);
                if (k + 3 <= s.Length && IsDigit(s[k]) && IsDigit(s[k + 1]) && IsDigit(s[k + 2])
                    && (k + 3 == s.Length || !IsDigit(s[k + 3])))
                {
                    j = k;
                    continue;
                }
            }

            break;
        }

        if (j < s.Length && s[j] is '.' or '．')
        {
            var k = j + 1;
            SkipSpaces(s, ref k);
            if (k < s.Length && IsDigit(s[k]))
            {
                j = k;
                while (j < s.Length && IsDigit(s[j]))
                {
                    if (!Push(ref mantissa, ref significant, DigitValue(s[j])) || ++scale > 28)
                    {
                        return false;
                    }

                    j++;
                }
            }
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        i = j;
        return true;
    }

    /// <summary>
    /// Reads a number written in Chinese numerals from 0 to 9999 at <paramref name="i"/>: 一, 两, 十五, 二十,
    /// 一百零五, 三千. Positional strings (二〇二三) and 万 are not read.
    /// </summary>
    public static bool TryReadChineseNumber(ReadOnlySpan<char> s, ref int i, out decimal value)
    {
        value = 0;
        var j = i;
        var total = 0;
        var digit = -1;
        var lastMultiplier = 10_000;
        var any = false;
        while (j < s.Length)
        {
            var c = s[j];
            if (c is '零' or '〇')
            {
                if (digit >= 0)
                {
                    return false;
                }

                if (!any)
                {
                    digit = 0;
                }

                any = true;
                j++;
                continue;
            }

            var d = c switch
            {
                '一' => 1,
                '二' or '两' => 2,
                '三' => 3,
                '四' => 4,
                '五' => 5,
                '六' => 6,
                '七' => 7,
                '八' => 8,
                '九' => 9,
                _ => -1,
            };
            if (d >= 0)
            {
                if (digit >= 0)
                {
                    return false;
                }

                digit = d;
                any = true;
                j++;
                continue;
            }

            var multiplier = c switch
            {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => 0,
            };
            if (multiplier == 0)
            {
                break;
            }

            if (multiplier >= lastMultiplier || digit == 0)
            {
                return false;
            }

            if (digit < 0)
            {
                if (multiplier != 10 || any)
                {
                    return false;
                }

                digit = 1; // 十五 = 15
            }

            total += digit * multiplier;
            digit = -1;
            lastMultiplier = multiplier;
            any = true;
            j++;
        }

        if (!any)
        {
            return false;
        }

        if (digit > 0)
        {
            total += digit;
        }

        value = total;
        i = j;
        return true;
    }

    private static bool Push(ref ulong mantissa, ref int significant, int digit)
    {
        if (mantissa == 0 && digit == 0)
        {
            return true; // a leading zero (05, 0.05) adds no significant digit
        }

        if (++significant > MaxSignificantDigits)
        {
            return false;
        }

        mantissa = (mantissa * 10) + (uint)digit;
        return true;
    }

    /// <summary>
    /// Reads what follows a number up to the end of the text: nothing, a bracketed unit, or a bare unit, each
    /// optionally followed by a qualifier (以上, 以内 …). False when anything else is left.
    /// </summary>
    public static bool TryReadTail(ReadOnlySpan<char> rest, ref ComparisonOperator op, out string? unit, out bool isPercent)
    {
        unit = null;
        isPercent = false;
        rest = rest.Trim();
        if (rest.IsEmpty)
        {
            return true;
        }

        ReadOnlySpan<char> unitText;
        bool bracketed;
        if (rest[0] is '(' or '（')
        {
            var close = rest.IndexOfAny(')', '）');
            if (close < 0)
            {
                return false;
            }

            unitText = rest[1..close];
            if (unitText.IndexOfAny('(', '（') >= 0)
            {
                return false;
            }

            rest = rest[(close + 1)..].Trim();
            bracketed = true;
        }
        else
        {
            unitText = rest;
            rest = default;
            bracketed = false;
        }

        // A qualifier closes the text: after the bracket, or at the end of a bare unit.
        var qualifier = ComparisonOperator.None;
        var source = bracketed ? rest : unitText;
        var hasQualifier = false;
        foreach (var (word, qop) in Qualifiers)
        {
            if (source.EndsWith(word, StringComparison.Ordinal))
            {
                source = source[..^word.Length].TrimEnd();
                qualifier = qop;
                hasQualifier = true;
                break;
            }
        }

        if (bracketed)
        {
            if (!source.IsEmpty)
            {
                return false;
            }
        }
        else
        {
            unitText = source;
        }

        if (!TryNormalizeUnit(unitText, bracketed, out unit, out isPercent))
        {
            return false;
        }

        if (hasQualifier && op == ComparisonOperator.None)
        {
            op = qualifier;
        }

        return true;
    }

    /// <summary>
    /// Normalises a unit: white space removed, full-width ASCII folded (<c>％</c> → <c>%</c>, <c>Ｇ</c> → <c>G</c>),
    /// 百分比 / 百分率 → <c>%</c>, 个百分点 → 百分点. A bare unit must be a known unit or one or two letters;
    /// a bracketed one may be any run of up to 10 letters and unit signs (%, ‰, ℃, °, /, ·, ², ³, ㎡ …).
    /// An empty unit reads as null. Returns cached strings for known units.
    /// </summary>
    public static bool TryNormalizeUnit(ReadOnlySpan<char> text, bool bracketed, out string? unit, out bool isPercent)
    {
        unit = null;
        isPercent = false;
        Span<char> buffer = stackalloc char[MaxUnitLength];
        var n = 0;
        var letters = 0;
        var signs = 0;
        foreach (var raw in text)
        {
            if (char.IsWhiteSpace(raw))
            {
                continue;
            }

            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw == '﹪' ? '%' : raw;
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c is '%' or '‰' or '℃' or '°' or '²' or '³' or (>= '\u3380' and <= '\u33DF'))
            {
                signs++;
            }
            else if (c is not ('/' or '·'))
            {
                return false;
            }

            if (n == buffer.Length)
            {
                return false;
            }

            buffer[n++] = c;
        }

        if (n == 0)
        {
            return true;
        }

        if (letters + signs == 0)
        {
            return false;
        }

        var u = buffer[..n];
        var known = KnownUnit(u);
        if (known is null)
        {
            // Bare text after a number is a unit only when short and made of letters: 354 人, 5km.
            if (!bracketed && (n > MaxUnknownBareUnitLength || signs > 0 || letters != n))
            {
                return false;
            }

            known = new string(u);
        }

        unit = known;
        isPercent = ReferenceEquals(known, Percent);
        return true;
    }

    /// <summary>Common units, as cached strings (no allocation). Synonyms are mapped here only for %, 百分点.</summary>
    private static string? KnownUnit(ReadOnlySpan<char> u) => u switch
    {
        "%" or "百分比" or "百分率" => Percent,
        "百分点" or "个百分点" => "百分点",
        "‰" => "‰",
        "个" => "个",
        "人" => "人",
        "件" => "件",
        "套" => "套",
        "起" => "起",
        "次" => "次",
        "台" => "台",
        "家" => "家",
        "项" => "项",
        "类" => "类",
        "块" => "块",
        "倍" => "倍",
        "吨" => "吨",
        "天" => "天",
        "日" => "日",
        "元" => "元",
        "户" => "户",
        "辆" => "辆",
        "份" => "份",
        "场" => "场",
        "篇" => "篇",
        "期" => "期",
        "名" => "名",
        "所" => "所",
        "座" => "座",
        "米" => "米",
        "月" => "月",
        "年" => "年",
        "周" => "周",
        "批" => "批",
        "条" => "条",
        "张" => "张",
        "本" => "本",
        "册" => "册",
        "亩" => "亩",
        "处" => "处",
        "间" => "间",
        "部" => "部",
        "支" => "支",
        "组" => "组",
        "架" => "架",
        "株" => "株",
        "棵" => "棵",
        "只" => "只",
        "种" => "种",
        "门" => "门",
        "节" => "节",
        "届" => "届",
        "轮" => "轮",
        "单" => "单",
        "笔" => "笔",
        "宗" => "宗",
        "例" => "例",
        "分" => "分",
        "秒" => "秒",
        "度" => "度",
        "层" => "层",
        "页" => "页",
        "包" => "包",
        "站" => "站",
        "G" => "G",
        "M" => "M",
        "T" => "T",
        "GB" => "GB",
        "TB" => "TB",
        "MB" => "MB",
        "PB" => "PB",
        "km" => "km",
        "kg" => "kg",
        "m" => "m",
        "t" => "t",
        "h" => "h",
        "㎡" or "m²" or "平米" or "平方米" => "平方米",
        "m³" or "立方米" => "立方米",
        "万元" => "万元",
        "亿元" => "亿元",
        "千元" => "千元",
        "小时" => "小时",
        "分钟" => "分钟",
        "人次" => "人次",
        "公里" => "公里",
        "千米" => "千米",
        "公斤" => "公斤",
        "千克" => "千克",
        "户次" => "户次",
        "车次" => "车次",
        "架次" => "架次",
        "件次" => "件次",
        "场次" => "场次",
        "台次" => "台次",
        "批次" => "批次",
        "课时" => "课时",
        "学时" => "学时",
        "万人" => "万人",
        "个月" => "个月",
        "公顷" => "公顷",
        "万亩" => "万亩",
        "万户" => "万户",
        "万吨" => "万吨",
        "台套" => "台套",
        "工日" => "工日",
        "工作日" => "工作日",
        "个工作日" => "个工作日",
        "千瓦时" => "千瓦时",
        "万人次" => "万人次",
        "平方公里" => "平方公里",
        "万平方米" => "万平方米",
        "万千瓦时" => "万千瓦时",
        "万立方米" => "万立方米",
        "人/次" => "人/次",
        "次/年" => "次/年",
        "元/人" => "元/人",
        "元/月" => "元/月",
        _ => null,
    };

    /// <summary>
    /// The unit to compare by: synonyms folded (日 → 天, 个月 → 月, 名 → 人, 千米/km → 公里, 公斤/kg → 千克,
    /// h/H → 小时, GB → G). Kept in step with the synonyms of Scoring's unit rules.
    /// </summary>
    public static string CanonicalUnit(string unit) => unit switch
    {
        "日" => "天",
        "个月" => "月",
        "名" => "人",
        "千米" or "km" => "公里",
        "公斤" or "kg" => "千克",
        "h" or "H" => "小时",
        "GB" => "G",
        _ => unit,
    };
}
