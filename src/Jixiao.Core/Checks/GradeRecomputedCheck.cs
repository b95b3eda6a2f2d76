using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>GRADE-RECOMPUTED: re-scored by the rules, the form falls into another grade than it claims.</summary>
public sealed class GradeRecomputedCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "GRADE-RECOMPUTED", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "totalScore",
        "按规则重算的总分落入另一等级（定性指标保留单位自评分，限于其档次区间；无法评定的指标保留原分）。",
        "Re-scored by the rules, the total falls into another grade (qualitative scores kept within their band, unassessable ones as printed).",
        "Self-evaluations must not inflate scores (S21: 严禁刻意抬高分数); grade bands §1.6.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var score = context.Score;
        var claimed = score.PrintedTotalGrade ?? score.PrintedGrade;
        if (claimed is not { } c || score.RecomputedGrade is not { } r || c == r)
        {
            return;
        }

        context.Report(Rule, Fields.TotalScore,
            $"按规则重算总分为 {F2(score.Recomputed)}（{r.ToChinese()}），表中总分 {N(score.PrintedTotal)}（{c.ToChinese()}）。",
            $"Re-scored by the rules the total is {F2(score.Recomputed)} ({r.ToChinese()}); the form prints {N(score.PrintedTotal)} ({c.ToChinese()}).");
    }
}
