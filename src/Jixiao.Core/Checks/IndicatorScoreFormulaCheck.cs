using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-SCORE-FORMULA: a missed quantitative target not scored by the proportional formula.</summary>
public sealed class IndicatorScoreFormulaCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-SCORE-FORMULA", Severity.Warning, CheckCategory.Arithmetic, FormKinds.SelfEvaluation, "indicators[i].score",
        "未完成的定量指标得分不符合按完成比例计分（≥/=：完成值/指标值；≤/<：按规则集的反向公式），封顶为分值。",
        "A missed quantitative target is not scored in proportion to completion (≥/=: actual/target; ≤/<: the rule set's reverse formula), capped at the weight.",
        "10号 第十八条 [U]: missed targets score in proportion; formulas [P] S7, S8, S9. A warning: units may deduct by judgement and the reverse formula is not national.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        foreach (var s in context.Score.Indicators)
        {
            if (!IndicatorJudgement.FormulaMismatch(s, context.Rules))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "score",
                $"指标{Fields.Name(ind)}未完成（{s.Actual.Raw}，指标值{s.Target.Raw}），按比例应得 {F2(s.Min)}（{s.ExplanationZh}），表中为 {N(s.Printed)}。",
                $"Indicator \"{ind.Name}\" missed its target ({s.Actual.Raw} against {s.Target.Raw}); the proportional score is {F2(s.Min)} ({s.Explanation}), printed {N(s.Printed)}.");
        }
    }
}
