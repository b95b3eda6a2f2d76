using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-WEIGHT-CONCENTRATED: one indicator carries more than half of all indicator weights.</summary>
public sealed class WeightConcentratedCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-WEIGHT-CONCENTRATED", Severity.Warning, CheckCategory.TargetQuality, FormKinds.SelfEvaluation, "indicators[i].weight",
        "单个指标的分值超过全部指标分值的一半（默认），绩效评价实际上只看这一项。",
        "A single indicator carries more than half of all indicator weights (by default): the evaluation rests on that one item.",
        "Defect seen in real forms: one indicator carrying the whole 90 points (S25) — rules-reference §2.1.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var score = context.Score;
        var sum = score.IndicatorWeightSum;
        if (sum <= 0)
        {
            return;
        }

        var limit = sum * context.Rules.ConcentratedWeightShare;
        foreach (var s in score.Indicators)
        {
            if (s.Weight is not { } w || w <= limit)
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "weight",
                $"指标{Fields.Name(ind)}分值 {N(w)}，占全部指标分值 {N(sum)} 的 {Pct(w / sum)}。",
                $"Indicator \"{ind.Name}\" weighs {N(w)}, {Pct(w / sum)} of all indicator weights ({N(sum)}).");
        }
    }
}
