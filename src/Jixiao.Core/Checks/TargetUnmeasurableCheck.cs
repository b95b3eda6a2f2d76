using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>TGT-UNMEASURABLE: a target that states no measurable level (及时, 有效, 提升, a sentence).</summary>
public sealed class TargetUnmeasurableCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "TGT-UNMEASURABLE", Severity.Info, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].target",
        "年度指标值为无法计量的文字（如“及时”“有效”“提升”或描述句），未给出可衡量的水平。",
        "The target is words that state no measurable level (e.g. 及时, 有效, 提升, or a description).",
        "Indicators should be 细化、量化, quantitative first and qualitative only where unavoidable — 88号 [U], 101号 [U], S29 [C]; rules-reference §2.1, §2.2.");

    public CheckDefinition Definition => Rule;

    /// <summary>
    /// True for a text that says the indicator does not apply: 不适用, 不涉及, 无此项, /. (无 alone is a target too —
    /// 有责投诉率 无 means no complaints — so it counts only when the indicator's name says 不适用 as well.)
    /// </summary>
    public static bool IsNotApplicable(string? raw) =>
        Forms.TextKey.Of(raw) is "不适用" or "不涉及" or "无此项" or "/" or "不适用。";

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            var t = s.Target;
            if (IsNotApplicable(t.Raw) || (Forms.TextKey.Of(t.Raw) is "无" or "—" or "-" && IsNotApplicable(s.Indicator.Name)))
            {
                // 不适用 / 无: the row says the category does not apply to the project; it sets no target to measure.
                continue;
            }

            var unreadable = t.Kind == TargetValueKind.Unreadable;
            if (!unreadable && (t.Kind != TargetValueKind.Qualitative || t.Style == QualitativeStyle.TextWithNumbers))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "target",
                unreadable
                    ? $"指标{Fields.Name(ind)}的指标值“{t.Raw}”无法识别为可计量的值。"
                    : $"指标{Fields.Name(ind)}的指标值“{t.Raw}”为定性表述，无可计量的水平。",
                unreadable
                    ? $"The target \"{t.Raw}\" of indicator \"{ind.Name}\" cannot be read as a measurable value."
                    : $"The target \"{t.Raw}\" of indicator \"{ind.Name}\" is qualitative and states no measurable level.");
        }
    }
}
