using System.Globalization;
using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>
/// GOAL-NEAR-COPY: 实际完成情况 is 预期目标 copied with small edits (a word changed, a full stop added) — alike by
/// <see cref="TextSimilarity.Dice"/> at <see cref="Threshold"/> or more, but not the same text (that is GOAL-COPIED).
/// </summary>
public sealed class GoalNearCopyCheck : ICheck
{
    /// <summary>
    /// The least bigram similarity reported. On the corpus the pairs of 预期目标 / 实际完成情况 that are not the same
    /// text fall into two groups with nothing between 0.57 and 0.93: copies with a character or a punctuation mark
    /// changed (0.93–0.99) and real reports that reuse a phrase of the goal (0.57 and below). 0.85 sits in the gap,
    /// and still takes one character changed in a goal of 20 characters (17 of 19 bigrams kept: 0.89) or a full stop
    /// added to a goal of 5 (0.89).
    /// </summary>
    public const double Threshold = 0.85;

    public static CheckDefinition Rule { get; } = new(
        "GOAL-NEAR-COPY", Severity.Warning, CheckCategory.Completeness, FormKinds.SelfEvaluation, "goals.actual",
        "年度总体目标的实际完成情况是预期目标略加改动的复制（字符二元组相似度 ≥ 0.85，但不完全相同），未反映实际完成情况。",
        "The actual results of the annual goal are the expected goal copied with small edits (character-bigram similarity ≥ 0.85, not the same text): nothing is reported.",
        "The self-evaluation reports what was achieved against the goal (10号 [U], rules-reference §1.1). Word-for-word copies are GOAL-COPIED; the threshold is set on the corpus (docs/checks.md).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var goals = context.Form.Goals;
        if (goals.Expected is null || goals.Actual is null || TextKey.Same(goals.Expected, goals.Actual))
        {
            return;
        }

        var similarity = TextSimilarity.Dice(goals.Expected, goals.Actual);
        if (similarity < Threshold)
        {
            return;
        }

        var text = GoalCopiedCheck.Clip(goals.Actual);
        var shown = similarity.ToString("0.00", CultureInfo.InvariantCulture);
        context.Report(Rule, Fields.GoalsActual,
            $"实际完成情况（“{text}”）与预期目标的相似度为 {shown}，仅略有改动；应填写实际完成的数量、质量和效果。",
            $"The actual results (\"{text}\") are {shown} alike to the expected goal, with only small edits; they should report the quantity, quality and effect achieved.");
    }
}
