using System.Buffers;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>
/// IND-DUPLICATE: the same measure twice in one form — under two names or two levels — with the same target: the names
/// are the same, one holds the other, or they differ by a small edit and end in the same measure word.
/// </summary>
public sealed class IndicatorDuplicateCheck : ICheck
{
    /// <summary>
    /// Names at least this alike (<see cref="TextSimilarity.Dice"/>) are one measure when they also end alike. Measure
    /// words decide what is measured (完成率 / 合格率 / 完好率), so two long names that differ only there are as alike as
    /// 0.89; the ending rule keeps them apart.
    /// </summary>
    public const double NameSimilarity = 0.85;

    /// <summary>Shorter names (满意度, 及时性) say too little to tell a repeated measure from two respondent groups or tasks.</summary>
    public const int MinimumNameLength = 4;

    private const int NameBuffer = 64;

    private const int SignatureBuffer = 64;

    public static CheckDefinition Rule { get; } = new(
        "IND-DUPLICATE", Severity.Warning, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].name",
        "同一表内重复设置同一指标：两个指标名称相同、一个包含另一个、或仅略有改动且以同样的计量词结尾，年度指标值也相同（可能在不同层级下）。",
        "The same measure appears twice in one form: two indicators whose names are the same, one containing the other, or differing by a small edit with the same measure word at the end, with the same target (possibly under different levels).",
        "Indicators should each reflect a distinct core output or effect (101号 [U], 88号 [U]: 细化、量化, rules-reference §2.1, §2.2); a measure counted twice takes its weight twice.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var list = context.Score.Indicators;
        var count = list.Count;
        if (count < 2)
        {
            return;
        }

        // One signature a row, so that the pairs compared are only those whose targets may agree.
        int[]? rented = null;
        Span<int> signatures = count <= SignatureBuffer ? stackalloc int[SignatureBuffer] : (rented = ArrayPool<int>.Shared.Rent(count));
        try
        {
            for (var i = 0; i < count; i++)
            {
                signatures[i] = Comparable(list[i]) ? Signature(list[i].Target) : 0;
            }

            for (var j = 1; j < count; j++)
            {
                if (signatures[j] == 0)
                {
                    continue;
                }

                var b = list[j];
                for (var i = 0; i < j; i++)
                {
                    var a = list[i];
                    if (signatures[i] != signatures[j] || !TargetEquivalence.Same(a.Target, b.Target)
                        || !SameMeasure(a.Indicator.Name, b.Indicator.Name) || TargetUnmeasurableCheck.IsNotApplicable(b.Target.Raw))
                    {
                        continue;
                    }

                    Report(context, a, b);
                    break;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// A hash of what <see cref="TargetEquivalence"/> compares — for a number its value, comparison (none read as =),
    /// percent, direction and kind; for words their text key — never 0. Targets that agree hash alike.
    /// </summary>
    private static int Signature(TargetValue t)
    {
        if (t.Number is { } number && t.Kind is TargetValueKind.Quantitative or TargetValueKind.Growth)
        {
            var op = t.Operator == ComparisonOperator.None ? ComparisonOperator.Equal : t.Operator;
            return HashCode.Combine(number, op, t.IsPercent, t.Growth, t.Kind) | 1;
        }

        Span<char> key = stackalloc char[TextSimilarity.StackLimit];
        var n = TextKey.Write(t.Raw, key);
        return (n >= 0 ? string.GetHashCode(key[..n]) : string.GetHashCode(TextKey.Of(t.Raw).AsSpan())) | 1;
    }

    private static void Report(CheckContext context, IndicatorScore first, IndicatorScore again)
    {
        var a = first.Indicator;
        var b = again.Indicator;
        var whereA = a.Level2 is { Length: > 0 } la ? la : a.Level1 ?? "—";
        var whereB = b.Level2 is { Length: > 0 } lb ? lb : b.Level1 ?? "—";
        context.ReportIndicator(Rule, again.Index, "name",
            $"指标{Fields.Name(b)}（{whereB}，指标值 {again.Target.Raw}）与第 {first.Index + 1} 个指标{Fields.Name(a)}（{whereA}，指标值 {first.Target.Raw}）是同一指标，重复设置。",
            $"Indicator \"{b.Name}\" ({whereB}, target {again.Target.Raw}) repeats indicator {first.Index + 1}, \"{a.Name}\" ({whereA}, target {first.Target.Raw}): the same measure twice.");
    }

    /// <summary>A row with a target and a name long enough to compare (不适用 spelt with spaces or a full stop is not).</summary>
    private static bool Comparable(IndicatorScore s) =>
        s.Target.Kind != TargetValueKind.Empty && s.Indicator.Name.Length >= MinimumNameLength
        && (s.Indicator.Name.Length > 8 || !TargetUnmeasurableCheck.IsNotApplicable(s.Indicator.Name));

    /// <summary>
    /// True when two names are one measure: the same key, one key inside the other, or keys at least
    /// <see cref="NameSimilarity"/> alike that end in the same two characters. 满意率 reads as 满意度.
    /// </summary>
    internal static bool SameMeasure(string a, string b)
    {
        Span<char> x = stackalloc char[NameBuffer];
        Span<char> y = stackalloc char[NameBuffer];
        var n = TextKey.Write(a, x);
        var m = TextKey.Write(b, y);
        if (n < 0 || m < 0)
        {
            return LongNamesSame(a, b);
        }

        return SameKeys(Fold(x[..n]), Fold(y[..m]));
    }

    private static bool LongNamesSame(string a, string b)
    {
        var x = TextKey.Of(a).ToCharArray();
        var y = TextKey.Of(b).ToCharArray();
        return SameKeys(Fold(x), Fold(y));
    }

    private static bool SameKeys(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (x.Length < MinimumNameLength || y.Length < MinimumNameLength)
        {
            return false;
        }

        if (x.SequenceEqual(y))
        {
            return true;
        }

        if (x.Length <= y.Length ? y.Contains(x, StringComparison.Ordinal) : x.Contains(y, StringComparison.Ordinal))
        {
            return true;
        }

        return x[^2..].SequenceEqual(y[^2..]) && TextSimilarity.DiceOfKeys(x, y) >= NameSimilarity;
    }

    /// <summary>
    /// 满意率 written 满意度, in place. (Traditional characters are not folded: the two names compared are of one form,
    /// printed in one script.)
    /// </summary>
    private static Span<char> Fold(Span<char> key)
    {
        for (var i = 0; i + 2 < key.Length; i++)
        {
            if (key[i] == '满' && key[i + 1] == '意' && key[i + 2] == '率')
            {
                key[i + 2] = '度';
            }
        }

        return key;
    }
}
