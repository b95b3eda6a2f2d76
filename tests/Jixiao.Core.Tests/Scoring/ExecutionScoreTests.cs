using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

public class ExecutionScoreTests
{
    [Fact]
    public void Execution_rate_is_executed_over_full_year_budget_and_score_is_rate_times_weight()
    {
        var form = TestForms.SelfEvaluation(9.00m, 8.80m, TestForms.Output("完成率", "=100%", "100%", 90m, 90m));

        var e = new Scorer().Score(form).Execution;

        Assert.True(e.CanAssess);
        Assert.Equal(97.78m, e.RateRounded);
        Assert.Equal(9.78m, e.Expected);
        Assert.Equal(10m, e.Weight);
        Assert.InRange(e.Rate!.Value, 97.7777m, 97.7778m);
    }

    [Fact]
    public void Truncating_rule_set_cuts_rate_and_score_instead_of_rounding()
    {
        var form = TestForms.SelfEvaluation(9.00m, 8.80m, TestForms.Output("完成率", "=100%", "100%", 90m, 90m));

        var e = new Scorer(RuleSets.National2020 with { Rounding = RoundingMode.Truncate }).Score(form).Execution;

        Assert.Equal(97.77m, e.RateRounded);
        Assert.Equal(9.77m, e.Expected);
    }

    [Fact]
    public void Execution_above_budget_scores_no_more_than_the_weight()
    {
        var form = TestForms.SelfEvaluation(100m, 120m, TestForms.Output("完成率", "=100%", "100%", 90m, 90m));

        var e = new Scorer().Score(form).Execution;

        Assert.Equal(120.00m, e.RateRounded);
        Assert.Equal(10.00m, e.Expected);
    }

    [Fact]
    public void Execution_uses_the_printed_weight_when_it_differs_from_the_rule_set()
    {
        var form = TestForms.SelfEvaluation(100m, 50m, TestForms.Output("完成率", "=100%", "100%", 80m, 80m));
        form.SelfEvaluationFunds!.Total!.Weight = 20m;

        var e = new Scorer().Score(form).Execution;

        Assert.Equal(20m, e.Weight);
        Assert.Equal(10.00m, e.Expected);
    }

    [Fact]
    public void Zero_budget_cannot_be_assessed_and_keeps_the_printed_score_in_the_total()
    {
        var form = TestForms.SelfEvaluation(0m, 0m, TestForms.Output("完成率", "=100%", "100%", 90m, 90m));
        form.SelfEvaluationFunds!.Total!.Score = 10m;

        var score = new Scorer().Score(form);

        Assert.False(score.Execution.CanAssess);
        Assert.Equal(AssessmentIssue.BudgetZero, score.Execution.Issue);
        Assert.Equal(10m, score.Execution.Estimate);
        Assert.Equal(100m, score.Recomputed);
        Assert.Equal(1, score.CannotAssessCount);
    }

    [Fact]
    public void Missing_amounts_cannot_be_assessed()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Total!.Executed = null;

        var e = new Scorer().Score(form).Execution;

        Assert.Equal(AssessmentIssue.AmountsMissing, e.Issue);
        Assert.Null(e.Expected);
    }

    [Fact]
    public void Rate_bounds_allow_for_amounts_printed_rounded_to_the_hundredth_of_the_money_unit()
    {
        var form = TestForms.SelfEvaluation(9.00m, 8.80m, TestForms.Output("完成率", "=100%", "100%", 90m, 90m));

        var e = new Scorer().Score(form).Execution;

        // 8.795–8.805 万元 over 8.995–9.005 万元
        Assert.InRange(e.RateLow!.Value, 97.66m, 97.68m);
        Assert.InRange(e.RateHigh!.Value, 97.88m, 97.90m);
    }

    [Fact]
    public void Declarations_are_not_scored()
    {
        var score = new Scorer().Score(TestForms.Declaration());

        Assert.Equal(AssessmentIssue.NotSelfEvaluation, score.Execution.Issue);
        Assert.Null(score.RecomputedGrade);
        Assert.All(score.Indicators, i => Assert.Equal(AssessmentIssue.NotSelfEvaluation, i.Issue));
        Assert.Equal(0, score.CannotAssessCount);
        Assert.Equal(Jixiao.Core.Targets.TargetValueKind.Quantitative, score.Indicators[0].Target.Kind);
        Assert.Equal(FormKind.TargetDeclaration, score.Form.Kind);
    }
}
