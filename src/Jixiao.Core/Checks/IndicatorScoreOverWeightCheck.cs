using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-SCORE-OVER-WEIGHT: an indicator scored above its weight.</summary>
public sealed class IndicatorScoreOverWeightCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-SCORE-OVER-WEIGHT", Severity.Error, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "indicators[i].score",
        "指标得分超过其分值。",
        "An indicator's score exceeds its weight.",
        "Scores never exceed the weight; over-achievement earns nothing extra — rules-reference §1.3 [P] S7, S8 (不得突破权重).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var tol = context.Rules.Tolerances.Score;
        var list = context.Form.Indicators;
        for (var i = 0; i < list.Count; i++)
        {
            var ind = list[i];
            if (ind.Score is { } s && ind.Weight is { } w && s > w + tol)
            {
                context.ReportIndicator(Rule, i, "score",
                    $"指标{Fields.Name(ind)}得分 {N(s)} 超过分值 {N(w)}。",
                    $"Indicator \"{ind.Name}\" scores {N(s)}, above its weight {N(w)}.");
            }
        }
    }
}
