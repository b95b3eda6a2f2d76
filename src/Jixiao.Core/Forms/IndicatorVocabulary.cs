namespace Jixiao.Core.Forms;

/// <summary>The first-level indicator categories (一级指标).</summary>
public enum IndicatorCategory
{
    Unknown,

    /// <summary>产出指标.</summary>
    Output,

    /// <summary>效益指标.</summary>
    Benefit,

    /// <summary>满意度指标 (服务对象满意度指标).</summary>
    Satisfaction,

    /// <summary>成本指标 (first-level since 财预〔2021〕101号 and 沪府办发〔2023〕16号).</summary>
    Cost,
}

/// <summary>
/// The vocabulary of level labels (一级/二级指标) and how they relate. Labels are compared as
/// <see cref="TextKey"/>s, so <c>可持 续影 响指 标</c> is 可持续影响指标.
/// </summary>
public static class IndicatorVocabulary
{
    public const string Output = "产出指标";
    public const string Benefit = "效益指标";
    public const string Satisfaction = "满意度指标";
    public const string Cost = "成本指标";

    private static readonly Dictionary<string, IndicatorCategory> Level1Names = new(StringComparer.Ordinal)
    {
        [Output] = IndicatorCategory.Output,
        [Benefit] = IndicatorCategory.Benefit,
        [Satisfaction] = IndicatorCategory.Satisfaction,
        [Cost] = IndicatorCategory.Cost,
    };

    private static readonly Dictionary<string, IndicatorCategory> Level2Names = new(StringComparer.Ordinal)
    {
        ["数量指标"] = IndicatorCategory.Output,
        ["质量指标"] = IndicatorCategory.Output,
        ["时效指标"] = IndicatorCategory.Output,
        ["经济效益指标"] = IndicatorCategory.Benefit,
        ["社会效益指标"] = IndicatorCategory.Benefit,
        ["生态效益指标"] = IndicatorCategory.Benefit,
        ["可持续影响指标"] = IndicatorCategory.Benefit,
        ["服务对象满意度指标"] = IndicatorCategory.Satisfaction,
        ["满意度指标"] = IndicatorCategory.Satisfaction,
        ["其他满意度指标"] = IndicatorCategory.Satisfaction,
        ["经济成本指标"] = IndicatorCategory.Cost,
        ["社会成本指标"] = IndicatorCategory.Cost,
        ["生态环境成本指标"] = IndicatorCategory.Cost,
    };

    /// <summary>All known second-level labels, canonical spelling.</summary>
    public static IReadOnlyCollection<string> Level2Labels => Level2Names.Keys;

    /// <summary>All known first-level labels, canonical spelling.</summary>
    public static IReadOnlyCollection<string> Level1Labels => Level1Names.Keys;

    /// <summary>True when the label (as a <see cref="TextKey"/>) is a known first-level label.</summary>
    public static bool IsLevel1(string? label) => Level1Names.ContainsKey(Key(label));

    /// <summary>True when the label (as a <see cref="TextKey"/>) is a known second-level label.</summary>
    public static bool IsLevel2(string? label) => Level2Names.ContainsKey(Key(label));

    /// <summary>The first-level label a second-level label belongs to (数量指标 → 产出指标), or null.</summary>
    public static string? Level1For(string? level2) =>
        Level2Names.TryGetValue(Key(level2), out var category) ? NameOf(category) : null;

    /// <summary>
    /// A level label as the vocabulary knows it: its <see cref="TextKey"/>, traditional characters folded
    /// (<see cref="Hanzi"/>), a weight printed in the label dropped (产出指标(50分) → 产出指标) and the short name
    /// completed (产出 → 产出指标, 数量 → 数量指标).
    /// </summary>
    public static string Key(string? label)
    {
        var key = Hanzi.Simplified(TextKey.Of(label));
        var open = key.IndexOf('(');
        if (open > 0 && key.EndsWith(')'))
        {
            key = key[..open];
        }

        return key.Length == 0 || key.EndsWith("指标", StringComparison.Ordinal) ? key : key + "指标";
    }

    /// <summary>The canonical first-level label of a category.</summary>
    public static string? NameOf(IndicatorCategory category) => category switch
    {
        IndicatorCategory.Output => Output,
        IndicatorCategory.Benefit => Benefit,
        IndicatorCategory.Satisfaction => Satisfaction,
        IndicatorCategory.Cost => Cost,
        _ => null,
    };

    /// <summary>The category of an indicator: from its first-level label, else derived from its second-level label.</summary>
    public static IndicatorCategory CategoryOf(string? level1, string? level2)
    {
        var key1 = Key(level1);
        if (Level1Names.TryGetValue(key1, out var c))
        {
            return c;
        }

        // Older schemes print 服务对象满意度指标 as the first level.
        if (Level2Names.TryGetValue(key1, out c))
        {
            return c;
        }

        return Level2Names.TryGetValue(Key(level2), out c) ? c : IndicatorCategory.Unknown;
    }
}
