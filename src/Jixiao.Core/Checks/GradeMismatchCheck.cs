using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>GRADE-MISMATCH: the printed 评分等级 is not the grade of the printed 总分.</summary>
public sealed class GradeMismatchCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "GRADE-MISMATCH", Severity.Error, CheckCategory.Consistency, FormKinds.SelfEvaluation, "grade",
        "评分等级与总分不符（默认 优≥90、良≥80、中≥60、差<60）。",
        "The printed grade does not match the printed total (by default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60).",
        "Grade bands 90/80/60 — rules-reference §1.6 [C] S6; configurable (S10 uses 80/70/60).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var score = context.Score;
        if (score.PrintedGrade is not { } printed || score.PrintedTotalGrade is not { } expected || printed == expected)
        {
            return;
        }

        var bands = context.Rules.GradeBands;
        context.Report(Rule, Fields.Grade,
            $"总分 {N(score.PrintedTotal)} 对应等级为“{expected.ToChinese()}”（优≥{N(bands.Excellent)}、良≥{N(bands.Good)}、中≥{N(bands.Fair)}），表中为“{context.Form.Grade}”。",
            $"A total of {N(score.PrintedTotal)} grades \"{expected.ToChinese()}\" (优 ≥ {N(bands.Excellent)}, 良 ≥ {N(bands.Good)}, 中 ≥ {N(bands.Fair)}), printed \"{context.Form.Grade}\".");
    }
}
