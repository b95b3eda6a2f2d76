using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

public class QuantitativeScoreTests
{
    private static IndicatorScore Score(string target, string actual, decimal weight, RuleSet? rules = null) =>
        new Scorer(rules).ScoreIndicator(TestForms.Output("测试指标", target, actual, weight, weight));

    [Theory]
    [InlineData("=100.00(%)", "100.00(%)")]
    [InlineData("≥90.00(%)", "90.00(%)")]
    [InlineData("≥90.00(%)", "96.50(%)")]
    [InlineData(">=90%", "91%")]
    [InlineData("=3个", "3")]
    [InlineData("≤5.00(%)", "5.00(%)")]
    [InlineData("<5.00(%)", "1(%)")]
    [InlineData("354 人", "354 人")]
    public void Met_target_earns_the_full_weight(string target, string actual)
    {
        var s = Score(target, actual, 12m);

        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
        Assert.Equal(12m, s.Expected);
        Assert.Equal(ScoreBasis.FullWeight, s.Basis);
    }

    [Fact]
    public void Missed_greater_or_equal_target_scores_actual_over_target()
    {
        var s = Score("=100.00(%)", "90.00(%)", 12m);

        Assert.Equal(IndicatorOutcome.NotMet, s.Outcome);
        Assert.Equal(ScoreBasis.Ratio, s.Basis);
        Assert.Equal(10.80m, s.Expected);
        Assert.Equal(0.9m, s.Completion);
    }

    [Fact]
    public void Missed_ratio_is_rounded_half_up_or_truncated_as_the_rule_set_says()
    {
        Assert.Equal(6.67m, Score("≥3个", "2个", 10m).Expected);
        Assert.Equal(6.66m, Score("≥3个", "2个", 10m, RuleSets.National2020 with { Rounding = RoundingMode.Truncate }).Expected);
        Assert.Equal(6.6667m, Math.Round(Score("≥3个", "2个", 10m).Raw!.Value, 4));
    }

    [Fact]
    public void Over_achievement_earns_no_more_than_the_weight()
    {
        var s = Score("≥100.00(家)", "150.00(家)", 15m);

        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
        Assert.Equal(15m, s.Expected);
        Assert.Equal(1.5m, s.Completion);
    }

    [Fact]
    public void Missed_reverse_target_scores_target_over_actual_in_variant_A()
    {
        var s = Score("≤5.00(%)", "8.00(%)", 10m);

        Assert.Equal(IndicatorOutcome.NotMet, s.Outcome);
        Assert.Equal(ScoreBasis.ReverseTargetOverActual, s.Basis);
        Assert.Equal(6.25m, s.Expected);
    }

    [Fact]
    public void Missed_reverse_target_scores_a_linear_penalty_in_variant_B()
    {
        var rules = RuleSets.National2020 with { ReverseFormula = ReverseFormula.LinearPenalty };

        Assert.Equal(4.00m, Score("≤5.00(%)", "8.00(%)", 10m, rules).Expected);
        Assert.Equal(0.00m, Score("≤5.00(%)", "10.00(%)", 10m, rules).Expected);
        Assert.Equal(0.00m, Score("≤5.00(%)", "12.00(%)", 10m, rules).Expected);
        Assert.Equal(ScoreBasis.ReverseLinearPenalty, Score("≤5.00(%)", "8.00(%)", 10m, rules).Basis);
    }

    [Fact]
    public void Zero_target_with_equals_is_met_only_by_zero_and_otherwise_scores_nothing()
    {
        Assert.Equal(IndicatorOutcome.Met, Score("=0.00(起)", "0.00(起)", 7m).Outcome);

        var missed = Score("=0.00(起)", "2.00(起)", 7m);
        Assert.Equal(IndicatorOutcome.NotMet, missed.Outcome);
        Assert.Equal(ScoreBasis.ZeroTarget, missed.Basis);
        Assert.Equal(0m, missed.Expected);
        Assert.Null(missed.Completion);
    }

    [Fact]
    public void Zero_target_with_less_or_equal_is_met_by_zero_and_missed_by_anything_above()
    {
        Assert.Equal(IndicatorOutcome.Met, Score("≤0(起)", "0(起)", 5m).Outcome);
        Assert.Equal(0m, Score("≤0(起)", "1(起)", 5m).Expected);
    }

    [Fact]
    public void Greater_or_equal_zero_is_met_by_any_result()
    {
        var s = Score("≥0.00(%)", "0.00(%)", 6m);

        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
        Assert.Equal(6m, s.Expected);
    }

    [Fact]
    public void Actual_on_a_strict_zero_target_is_a_range_between_nothing_and_full_marks()
    {
        var s = Score(">0.00(%)", "0.00(%)", 6m);

        Assert.True(s.AtStrictBoundary);
        Assert.Equal(ScoreBasis.StrictBoundary, s.Basis);
        Assert.Equal(0m, s.Min);
        Assert.Equal(6m, s.Max);
        Assert.Null(s.Expected);
    }

    [Fact]
    public void Strict_boundary_follows_the_rule_set_when_it_chooses_a_reading()
    {
        var inclusive = Score(">0.00(%)", "0.00(%)", 6m, RuleSets.National2020 with { StrictBoundary = StrictBoundary.Inclusive });
        var strict = Score(">0.00(%)", "0.00(%)", 6m, RuleSets.National2020 with { StrictBoundary = StrictBoundary.Strict });

        Assert.Equal(IndicatorOutcome.Met, inclusive.Outcome);
        Assert.Equal(6m, inclusive.Expected);
        Assert.Equal(IndicatorOutcome.NotMet, strict.Outcome);
        Assert.Equal(0m, strict.Expected);
    }

    [Fact]
    public void Actual_equal_to_a_strict_positive_target_earns_full_weight_under_either_reading()
    {
        var s = Score(">365.00(天)", "365.00(天)", 15m);

        Assert.True(s.AtStrictBoundary);
        Assert.Equal(15m, s.Min);
        Assert.Equal(15m, s.Max);
        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
    }

    [Fact]
    public void Met_growth_target_earns_full_weight()
    {
        var s = Score("同比减少5%", "同比减少58%", 5m);

        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
        Assert.Equal(5m, s.Expected);
    }

    [Fact]
    public void Missed_growth_target_scores_the_achieved_change_over_the_target_change()
    {
        var s = Score("同比上升5%", "同比上升3%", 10m);

        Assert.Equal(IndicatorOutcome.NotMet, s.Outcome);
        Assert.Equal(6.00m, s.Expected);
    }

    [Fact]
    public void Change_in_the_opposite_direction_scores_nothing()
    {
        var s = Score("同比上升5%", "同比下降3%", 10m);

        Assert.Equal(ScoreBasis.GrowthOpposite, s.Basis);
        Assert.Equal(0m, s.Expected);
    }

    [Fact]
    public void Money_units_are_converted_before_comparing()
    {
        var s = Score("≤30万元", "250000元", 10m);

        Assert.Equal(IndicatorOutcome.Met, s.Outcome);
        Assert.Equal(250000m / 10000m, s.ActualNumber);
    }

    [Theory]
    [InlineData("=365.00(天)", "1(%)", AssessmentIssue.UnitMismatch)]
    [InlineData("=100.00(%)", "3(个)", AssessmentIssue.UnitMismatch)]
    [InlineData(">0.00(%)", ">0.00(%)", AssessmentIssue.ActualNotMeasured)]
    [InlineData("≤30 万元", "完成", AssessmentIssue.ActualNotNumeric)]
    [InlineData("同比上升5%", "8%", AssessmentIssue.ActualNotNumeric)]
    [InlineData("=100.00(%)", "", AssessmentIssue.ActualMissing)]
    [InlineData("", "100.00(%)", AssessmentIssue.TargetMissing)]
    [InlineData("≥", "100.00(%)", AssessmentIssue.TargetUnreadable)]
    public void Unreadable_or_incomparable_values_cannot_be_assessed(string target, string actual, AssessmentIssue issue)
    {
        var s = Score(target, actual, 7m);

        Assert.Equal(IndicatorOutcome.CannotAssess, s.Outcome);
        Assert.Equal(issue, s.Issue);
        Assert.Null(s.Expected);
        Assert.Equal(0m, s.Min);
        Assert.Equal(7m, s.Max);
    }

    [Fact]
    public void Cannot_assess_keeps_the_printed_score_in_the_total_instead_of_counting_as_poor()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Actual = "1(天)";

        var score = new Scorer().Score(form);

        Assert.Equal(IndicatorOutcome.CannotAssess, score.Indicators[0].Outcome);
        Assert.Equal(20m, score.Indicators[0].Estimate);
        Assert.Equal(100m, score.Recomputed);
        Assert.Equal(Grade.Excellent, score.RecomputedGrade);
        Assert.Equal(80m, score.RecomputedMin);
        Assert.Equal(100m, score.RecomputedMax);
        Assert.False(score.IsComplete);
    }

    [Fact]
    public void Missing_weight_cannot_be_assessed()
    {
        var indicator = TestForms.Output("完成率", "=100%", "100%", 5m, 5m);
        indicator.Weight = null;

        var s = new Scorer().ScoreIndicator(indicator);

        Assert.Equal(AssessmentIssue.WeightMissing, s.Issue);
    }
}
