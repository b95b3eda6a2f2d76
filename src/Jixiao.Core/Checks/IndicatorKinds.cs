using System.Collections.Frozen;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Checks;

/// <summary>
/// What kind of measure an indicator row is, from its level labels (<see cref="IndicatorVocabulary"/>) and the words
/// the levels are named by (满意度, 时效, 成本) — shared by the checks that judge an indicator against its level.
/// Allocates nothing for the canonical and the short spellings of the labels (数量指标, 数量).
/// </summary>
internal static class IndicatorKinds
{
    public const string Quantity = "数量指标";
    public const string Quality = "质量指标";
    public const string EconomicCost = "经济成本指标";

    /// <summary>The second-level labels of cost, and 成本 / 成本指标 printed as a second level under 产出 (the scheme before 101号).</summary>
    private static readonly FrozenSet<string> CostLevels = FrozenSet.ToFrozenSet(
        [IndicatorVocabulary.Cost, EconomicCost, "社会成本指标", "生态环境成本指标"], StringComparer.Ordinal);

    /// <summary>Every known label, canonical and short (数量指标 and 数量), to its canonical spelling.</summary>
    private static readonly FrozenDictionary<string, string> Canonical = IndicatorVocabulary.Level2Labels
        .Concat(IndicatorVocabulary.Level1Labels)
        .SelectMany(l => new[] { KeyValuePair.Create(l, l), KeyValuePair.Create(l[..^2], l) })
        .DistinctBy(p => p.Key)
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical second-level label of <paramref name="indicator"/> (数量 → 数量指标), or null when unknown.</summary>
    public static string? Level2(Indicator indicator)
    {
        var label = indicator.Level2;
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        return Canonical.TryGetValue(label, out var known) ? known
            : Canonical.TryGetValue(IndicatorVocabulary.Key(label), out known) ? known
            : null;
    }

    /// <summary>A cost indicator: first level 成本指标, or a cost label as its second level (成本 under 产出 before 101号).</summary>
    public static bool IsCost(IndicatorScore s) =>
        s.Category == IndicatorCategory.Cost
        || (s.Category is IndicatorCategory.Output or IndicatorCategory.Unknown && Level2(s.Indicator) is { } l2 && CostLevels.Contains(l2));

    /// <summary>A satisfaction indicator: under 满意度指标, or named as one (…满意度, …满意率).</summary>
    public static bool IsSatisfaction(IndicatorScore s) =>
        s.Category == IndicatorCategory.Satisfaction || SpeaksOfSatisfaction(s.Indicator.Name);

    /// <summary>The text names satisfaction (满意), the measure of the level 满意度指标.</summary>
    public static bool SpeaksOfSatisfaction(string? text) => text is not null && text.Contains("满意", StringComparison.Ordinal);

    /// <summary>The text names a measure of satisfaction: 满意, or the usual proxies 投诉, 评价, 认可, 好评.</summary>
    public static bool SpeaksOfSatisfactionOrProxy(string? text) =>
        text is not null && (SpeaksOfSatisfaction(text) || text.Contains("投诉", StringComparison.Ordinal) || text.Contains("评价", StringComparison.Ordinal)
            || text.Contains("认可", StringComparison.Ordinal) || text.Contains("好评", StringComparison.Ordinal));

    /// <summary>The name speaks of timeliness (时效, 及时, 按时, 准时, 时限): the measure of the level 时效指标.</summary>
    public static bool SpeaksOfTimeliness(string? name) =>
        name is not null && (name.Contains("时效", StringComparison.Ordinal) || name.Contains("及时", StringComparison.Ordinal)
            || name.Contains("按时", StringComparison.Ordinal) || name.Contains("准时", StringComparison.Ordinal)
            || name.Contains("时限", StringComparison.Ordinal));

    /// <summary>
    /// A row that states nothing to judge: the target says the indicator does not apply (不适用 …), or the name is
    /// the target repeated (a placeholder such as 不适应 / 不适应).
    /// </summary>
    public static bool IsPlaceholder(IndicatorScore s) =>
        TargetUnmeasurableCheck.IsNotApplicable(s.Target.Raw) || TargetUnmeasurableCheck.IsNotApplicable(s.Indicator.Name)
        || TextKey.Same(s.Indicator.Name, s.Target.Raw);
}
