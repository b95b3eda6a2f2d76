using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>DEV-MISSING: points deducted without a 偏差原因分析及改进措施.</summary>
public sealed class DeviationMissingCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "DEV-MISSING", Severity.Warning, CheckCategory.Completeness, FormKinds.SelfEvaluation, "indicators[i].deviation",
        "指标被扣分，但未填写偏差原因分析及改进措施。",
        "Points were deducted but no deviation reason and improvement measure is given.",
        "Projects that missed targets must explain why and how they will improve — 10号 第十六条 [U], rules-reference §1.1, §7.9.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var tol = context.Rules.Tolerances.Score;
        var list = context.Form.Indicators;
        for (var i = 0; i < list.Count; i++)
        {
            var ind = list[i];
            if (ind.Score is { } s && ind.Weight is { } w && s < w - tol && string.IsNullOrWhiteSpace(ind.Deviation))
            {
                context.ReportIndicator(Rule, i, "deviation",
                    $"指标{Fields.Name(ind)}得分 {N(s)}，低于分值 {N(w)}，但未说明偏差原因及改进措施。",
                    $"Indicator \"{ind.Name}\" scores {N(s)} of {N(w)} but gives no deviation reason or improvement measure.");
            }
        }
    }
}
