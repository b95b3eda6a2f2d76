using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Library;

/// <summary>
/// Which library entry (指标库条目) an indicator belongs to: its first- and second-level labels as the vocabulary knows
/// them (<see cref="IndicatorVocabulary.Key"/>: 产出 → 产出指标, a first level completed from the second) and its name's
/// <see cref="TextKey"/>, so that spelling variants (white space, full-width letters, invisible characters) meet.
/// </summary>
/// <param name="Level1">一级指标 key; empty when neither level is printed.</param>
/// <param name="Level2">二级指标 key; empty when not printed.</param>
/// <param name="Name">三级指标 key, at most <see cref="LibraryKeys.NameLength"/> characters.</param>
public readonly record struct EntryKey(string Level1, string Level2, string Name);

/// <summary>Whether a self-evaluation's indicator met its target, as the library counts it.</summary>
public enum Achievement
{
    /// <summary>Not known: a declaration, an indicator the rules cannot assess, a qualitative actual naming no band.</summary>
    Unknown,

    /// <summary>The quantitative target is met, or the qualitative actual says 达成.</summary>
    Met,

    /// <summary>The quantitative target is missed, or the qualitative actual says 部分达成 or 未达成.</summary>
    NotMet,
}

/// <summary>
/// The keys of the indicator library (指标库): an indicator's entry (<see cref="Entry"/>), a typical target as the
/// target grammar reads it (<see cref="Target"/>: operator, value and unit, so <c>≥95.00(%)</c> and <c>≥ 95%</c> are
/// one target, <c>≥95%</c>), whether a self-evaluation met it (<see cref="AchievementOf"/>) and the number it reached
/// in the target's unit (<see cref="ActualNumber"/>).
/// </summary>
public static class LibraryKeys
{
    /// <summary>The longest level key kept.</summary>
    public const int LevelLength = 100;

    /// <summary>The longest name key kept.</summary>
    public const int NameLength = 200;

    /// <summary>The longest target key kept (longer qualitative targets are cut).</summary>
    public const int TargetLength = 120;

    /// <summary>The entry of an indicator printed under <paramref name="level1"/> / <paramref name="level2"/> as <paramref name="name"/>.</summary>
    public static EntryKey Entry(string? level1, string? level2, string? name)
    {
        var l2 = string.IsNullOrWhiteSpace(level2) ? "" : IndicatorVocabulary.Key(level2);
        var l1 = string.IsNullOrWhiteSpace(level1) ? IndicatorVocabulary.Level1For(level2) ?? "" : IndicatorVocabulary.Key(level1);
        return new EntryKey(Cut(l1, LevelLength), Cut(l2, LevelLength), Cut(TextKey.Of(name), NameLength));
    }

    /// <summary>
    /// The target as the library groups targets: <c>≥95%</c>, <c>=100%</c>, <c>≥400场</c>, <c>=0起</c> (no printed
    /// operator reads as =, the number without trailing zeros, the unit normalised), a growth as <c>增长≥10%</c> or
    /// <c>减少5%</c>, any other text as its <see cref="TextKey"/> (<c>及时</c>). Null when nothing is printed.
    /// </summary>
    public static string? Target(TargetValue target)
    {
        ArgumentNullException.ThrowIfNull(target);
        switch (target.Kind)
        {
            case TargetValueKind.Empty:
                return null;
            case TargetValueKind.Quantitative when target.Number is { } n:
                return Cut(Symbol(target.Operator, equalWhenNone: true) + Number(n) + UnitOf(target), TargetLength);
            case TargetValueKind.Growth when target.Number is { } n:
                var direction = target.Growth == GrowthDirection.Decrease ? "减少" : "增长";
                return Cut(direction + Symbol(target.Operator, equalWhenNone: false) + Number(n) + UnitOf(target), TargetLength);
            default:
                var key = TextKey.Of(target.Raw);
                return key.Length == 0 ? null : Cut(key, TargetLength);
        }
    }

    /// <summary>
    /// Whether a self-evaluation's indicator met its target: the rules' outcome for a quantitative target, the band its
    /// actual names (达成 / 部分达成 / 未达成) for a qualitative one. <see cref="Achievement.Unknown"/> otherwise.
    /// </summary>
    public static Achievement AchievementOf(IndicatorOutcome? outcome, string? actual) => outcome switch
    {
        IndicatorOutcome.Met => Achievement.Met,
        IndicatorOutcome.NotMet => Achievement.NotMet,
        IndicatorOutcome.Qualitative => TargetParser.Parse(actual).Band switch
        {
            QualitativeBand.Achieved => Achievement.Met,
            QualitativeBand.PartiallyAchieved or QualitativeBand.NotAchieved => Achievement.NotMet,
            _ => Achievement.Unknown,
        },
        _ => Achievement.Unknown,
    };

    /// <summary>
    /// The number an actual value (实际完成值) reached, when it can stand beside the target's: both numbers of the same
    /// kind (a level or a growth), both percentages or neither, and units that agree
    /// (<see cref="TargetParser.AreUnitsCompatible"/>). Null otherwise.
    /// </summary>
    public static decimal? ActualNumber(TargetValue target, TargetValue actual)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actual);
        if (!target.IsNumeric || !actual.IsNumeric || target.Kind != actual.Kind || target.IsPercent != actual.IsPercent
            || !TargetParser.AreUnitsCompatible(target, actual))
        {
            return null;
        }

        return actual.Growth is { } g && g != target.Growth ? -actual.Number : actual.Number;
    }

    /// <summary>A number as the library shows it: invariant, without trailing zeros (<c>95.00</c> → <c>95</c>).</summary>
    public static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>The unit a target's number is in: <c>%</c>, the normalised unit, or empty.</summary>
    public static string UnitOf(TargetValue target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsPercent ? "%" : TargetParser.NormalizeUnit(target.Unit) ?? "";
    }

    private static string Symbol(ComparisonOperator op, bool equalWhenNone) => op switch
    {
        ComparisonOperator.GreaterOrEqual => "≥",
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.Less => "<",
        _ => equalWhenNone ? "=" : "", // = and none: a growth reads 增长10%
    };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
