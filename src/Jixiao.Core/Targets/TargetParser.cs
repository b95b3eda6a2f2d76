namespace Jixiao.Core.Targets;

/// <summary>
/// The target-value grammar: reads a 年度指标值 or 实际完成值 cell into a <see cref="TargetValue"/>.
/// Never throws, whatever the input; a hand-written scanner over <see cref="ReadOnlySpan{T}"/> that allocates
/// only the result (and a unit string when the unit is not a common one).
/// </summary>
/// <remarks>
/// <para>The cell is trimmed, then read by the first rule that matches the <b>whole</b> text:</para>
/// <list type="number">
/// <item><b>Empty</b>: nothing, or only a placeholder (<c>—</c>, <c>-</c>, <c>/</c>, <c>N/A</c>).</item>
/// <item><b>Quantitative</b>: <c>[operator] number [unit] [qualifier]</c> — <c>=100.00(%)</c>, <c>≥ 90%</c>,
/// <c>&gt;=90%</c>, <c>3,391.32万元</c>, <c>354 人</c>, <c>0起</c>, <c>不低于95%</c>, <c>95%以上</c>.
/// Numbers take thousands separators (<c>1,000</c>: a comma followed by exactly three digits), full-width
/// digits and the spaces PDF extraction leaves after <c>,</c> and <c>.</c> (<c>23, 456. 78</c>). A unit is
/// bracketed (<c>(台)</c>, <c>（万元）</c>, up to 10 characters) or bare (a known unit such as <c>个工作日</c>,
/// or any one or two letters). A qualifier (以上, 以下, 以内, 内, 左右) may follow the unit.</item>
/// <item><b>Growth</b>: <c>[period] [base] [modifier] verb [size]</c> — <c>同比减少5%</c>, <c>增长 10%</c>,
/// <c>较上年提高3%</c>, <c>全年同比下降14.6%</c>, <c>较2022年增长≥10%</c>. The size is read like a
/// quantitative value; a negative size flips the direction. <c>提高至95%</c> / <c>降低到5%</c> name a level,
/// not a change: they read as Quantitative ≥ / ≤. A direction with no size (<c>下降</c>, <c>有所提升</c>,
/// <c>较上一年减少</c>) is Qualitative, with <see cref="TargetValue.Growth"/> set.</item>
/// <item><b>Band label</b>: 达成(年度)指标, 部分达成(年度)指标(并具有一定效果), 未达成(年度)指标(且效果较差),
/// white space ignored → Qualitative with <see cref="TargetValue.Band"/>.</item>
/// <item><b>Text</b>: anything else that holds a letter is Qualitative, worded as a
/// <see cref="QualitativeStyle.Word"/> (≤ 6 characters, no digit or punctuation), a
/// <see cref="QualitativeStyle.Statement"/>, or <see cref="QualitativeStyle.TextWithNumbers"/> when digits
/// occur — mixed texts are never reduced to one of their numbers. Text without any letter is Unreadable.</item>
/// </list>
/// <para>Texts longer than <see cref="MaxGrammarLength"/> characters skip rules 2–4: no form prints a value
/// that long.</para>
/// </remarks>
public static class TargetParser
{
    /// <summary>Longer cells are classified as text without trying the value rules.</summary>
    public const int MaxGrammarLength = 96;

    private static readonly TargetValue NothingPrinted = new() { Raw = "", Kind = TargetValueKind.Empty };

    /// <summary>Reads one 年度指标值 / 实际完成值 cell. Never throws; <see cref="TargetValue.Raw"/> is <paramref name="text"/> (or "" for null).</summary>
    public static TargetValue Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return NothingPrinted;
        }

        var s = text.AsSpan().Trim();
        if (s.IsEmpty || TargetScanner.IsPlaceholder(s))
        {
            return new TargetValue { Raw = text, Kind = TargetValueKind.Empty };
        }

        if (s.Length <= MaxGrammarLength)
        {
            var first = s[0];
            if (TargetScanner.MayStartQuantity(first) && TargetScanner.TryReadQuantity(s, out var q))
            {
                return new TargetValue
                {
                    Raw = text,
                    Kind = TargetValueKind.Quantitative,
                    Operator = q.Operator,
                    Number = q.Number,
                    Unit = q.Unit,
                    IsPercent = q.IsPercent,
                };
            }

            if (TargetLexicon.MayStartGrowth(first) && TargetLexicon.TryReadGrowth(s, out var g))
            {
                return FromGrowth(text, s, g);
            }

            if (TargetLexicon.MayStartBand(first) && TargetLexicon.TryReadBand(s, out var band))
            {
                return new TargetValue
                {
                    Raw = text,
                    Kind = TargetValueKind.Qualitative,
                    Band = band,
                    Style = QualitativeStyle.BandLabel,
                };
            }
        }

        return FromText(text, s, growth: null);
    }

    /// <summary>
    /// True when a target and an actual value can be compared number to number as printed. The rule:
    /// <list type="bullet">
    /// <item>if either value is not numeric (<see cref="TargetValue.IsNumeric"/> false), true — there is no unit to
    /// contradict; "text actual for a numeric target" is a different check;</item>
    /// <item>if either carries no unit, true (<c>=3个</c> vs <c>3</c>, <c>≥90%</c> vs <c>92</c>);</item>
    /// <item>otherwise the normalised units must be the same, allowing the synonyms 天 = 日, 月 = 个月, 人 = 名,
    /// 公里 = 千米 = km, 千克 = 公斤 = kg, 小时 = h, G = GB. Money in different units (万元 vs 元) is <b>not</b>
    /// compatible here: the numbers would have to be converted first (the scorer does that itself).</item>
    /// </list>
    /// So <c>=365.00(天)</c> vs <c>1(%)</c> is false, <c>≥90.00(%)</c> vs <c>≥90百分比</c> is true.
    /// </summary>
    public static bool AreUnitsCompatible(TargetValue target, TargetValue actual)
    {
        if (target is null || actual is null || !target.IsNumeric || !actual.IsNumeric)
        {
            return true;
        }

        var a = target.Unit;
        var b = actual.Unit;
        if (a is null || b is null)
        {
            return true;
        }

        return string.Equals(TargetScanner.CanonicalUnit(a), TargetScanner.CanonicalUnit(b), StringComparison.Ordinal);
    }

    /// <summary>
    /// Normalises a unit printed on its own (e.g. the 度量单位 column some provinces print beside the value):
    /// outer brackets and white space removed, full-width letters folded, <c>％</c> / 百分比 → <c>%</c>,
    /// 个百分点 → 百分点. Null for an empty or placeholder cell; text that is not a unit comes back without
    /// white space.
    /// </summary>
    public static string? NormalizeUnit(string? unit)
    {
        if (unit is null)
        {
            return null;
        }

        var s = unit.AsSpan().Trim();
        if (s.Length >= 2 && s[0] is '(' or '（' && s[^1] is ')' or '）')
        {
            s = s[1..^1].Trim();
        }

        if (s.IsEmpty || TargetScanner.IsPlaceholder(s))
        {
            return null;
        }

        if (s.Length <= 32 && TargetScanner.TryNormalizeUnit(s, bracketed: true, out var normal, out _))
        {
            return normal;
        }

        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c))
            {
                buffer[n++] = c;
            }
        }

        return new string(buffer[..n]);
    }

    private static TargetValue FromGrowth(string raw, ReadOnlySpan<char> s, in GrowthReading g)
    {
        if (!g.HasSize)
        {
            return FromText(raw, s, g.Direction);
        }

        var q = g.Size;
        if (g.IsLevel)
        {
            // 提高至95% / 降低到5%: a level to reach, not a change.
            var op = q.Operator != ComparisonOperator.None
                ? q.Operator
                : g.Direction == GrowthDirection.Increase ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.LessOrEqual;
            return new TargetValue
            {
                Raw = raw,
                Kind = TargetValueKind.Quantitative,
                Operator = op,
                Number = q.Number,
                Unit = q.Unit,
                IsPercent = q.IsPercent,
            };
        }

        var direction = g.Direction;
        var size = q.Number;
        if (size < 0)
        {
            size = -size;
            direction = direction == GrowthDirection.Increase ? GrowthDirection.Decrease : GrowthDirection.Increase;
        }

        return new TargetValue
        {
            Raw = raw,
            Kind = TargetValueKind.Growth,
            Operator = q.Operator,
            Number = size,
            Unit = q.Unit,
            IsPercent = q.IsPercent,
            Growth = direction,
        };
    }

    private static TargetValue FromText(string raw, ReadOnlySpan<char> s, GrowthDirection? growth)
    {
        var letters = 0;
        var length = 0;
        var digits = false;
        var punctuation = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            length++;
            if (char.IsDigit(c))
            {
                digits = true;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
            else
            {
                punctuation = true;
            }
        }

        if (letters == 0)
        {
            return new TargetValue { Raw = raw, Kind = TargetValueKind.Unreadable };
        }

        var style = digits ? QualitativeStyle.TextWithNumbers
            : !punctuation && length <= TargetLexicon.MaxWordLength ? QualitativeStyle.Word
            : QualitativeStyle.Statement;
        return new TargetValue { Raw = raw, Kind = TargetValueKind.Qualitative, Style = style, Growth = growth };
    }
}
