using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>GOAL-COPIED: 实际完成情况 is 预期目标 copied word for word.</summary>
public sealed class GoalCopiedCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "GOAL-COPIED", Severity.Warning, CheckCategory.Completeness, FormKinds.SelfEvaluation, "goals.actual",
        "年度总体目标的实际完成情况与预期目标逐字相同（NFKC 归一并去除空白后比较），未反映实际完成情况。",
        "The actual results of the annual goal repeat the expected goal word for word (compared after NFKC folding and white-space removal): nothing is reported.",
        "The self-evaluation reports what was achieved against the goal (10号 [U], rules-reference §1.1); comparison rule of form-schema.md.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var goals = context.Form.Goals;
        if (!TextKey.Same(goals.Expected, goals.Actual))
        {
            return;
        }

        var text = Clip(goals.Actual!);
        context.Report(Rule, Fields.GoalsActual,
            $"实际完成情况与预期目标完全相同（“{text}”）。",
            $"The actual results repeat the expected goal word for word (\"{text}\").");
    }

    /// <summary>A goal text for a message: its first 30 characters and "…" when longer.</summary>
    internal static string Clip(string text)
    {
        if (text.Length <= 30)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[29]) ? 29 : 30;
        return text[..cut] + "…";
    }
}
