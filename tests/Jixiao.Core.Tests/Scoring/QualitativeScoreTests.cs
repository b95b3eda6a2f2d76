using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Scoring;

public class QualitativeScoreTests
{
    private static IndicatorScore Score(string target, string actual, decimal weight, decimal? printed = null, RuleSet? rules = null) =>
        new Scorer(rules).ScoreIndicator(TestForms.Row("效益指标", "社会效益指标", "制度健全性", target, actual, weight, printed ?? weight));

    [Fact]
    public void Achieved_band_allows_eighty_to_one_hundred_percent_of_the_weight()
    {
        var s = Score("健全", "达成指标", 8m);

        Assert.Equal(IndicatorOutcome.Qualitative, s.Outcome);
        Assert.Equal(QualitativeBand.Achieved, s.Band);
        Assert.Equal(6.40m, s.Min);
        Assert.Equal(8.00m, s.Max);
        Assert.Null(s.Expected);
    }

    [Fact]
    public void Partly_achieved_band_allows_sixty_to_eighty_percent_centrally()
    {
        var s = Score("及时", "部分达成指标并具有一定效果", 16m, 12m);

        Assert.Equal(QualitativeBand.PartiallyAchieved, s.Band);
        Assert.Equal(9.60m, s.Min);
        Assert.Equal(12.80m, s.Max);
        Assert.Equal(12m, s.Estimate);
    }

    [Fact]
    public void Partly_achieved_band_starts_at_fifty_percent_in_the_local_variant()
    {
        var s = Score("及时", "部分达成指标并具有一定效果", 10m, rules: RuleSets.LocalForm2020);

        Assert.Equal(5.00m, s.Min);
        Assert.Equal(8.00m, s.Max);
    }

    [Fact]
    public void Not_achieved_band_allows_up_to_sixty_percent()
    {
        var s = Score("有效", "未达成指标且效果较差", 10m, 3m);

        Assert.Equal(QualitativeBand.NotAchieved, s.Band);
        Assert.Equal(0m, s.Min);
        Assert.Equal(6.00m, s.Max);
    }

    [Fact]
    public void Estimate_moves_a_printed_score_outside_the_band_into_it()
    {
        var s = Score("及时", "部分达成指标并具有一定效果", 10m, 10m);

        Assert.Equal(8.00m, s.Estimate);
    }

    [Fact]
    public void Actual_repeating_the_target_word_reads_as_achieved()
    {
        var s = Score("健全", "健 全", 8m);

        Assert.Equal(QualitativeBand.Achieved, s.Band);
        Assert.Equal(ScoreBasis.BandFromRepeatedWord, s.Basis);
        Assert.Equal(6.40m, s.Min);
    }

    [Fact]
    public void Repeated_word_rule_can_be_switched_off()
    {
        var s = Score("健全", "健全", 8m, rules: RuleSets.National2020 with { RepeatedTargetWordMeansAchieved = false });

        Assert.Equal(ScoreBasis.BandUnstated, s.Basis);
        Assert.Equal(0m, s.Min);
    }

    [Fact]
    public void Free_text_actual_without_a_band_allows_any_score_up_to_the_weight()
    {
        var s = Score("确保地区稳定", "较稳定", 30m, 28m);

        Assert.Equal(IndicatorOutcome.Qualitative, s.Outcome);
        Assert.Equal(QualitativeBand.None, s.Band);
        Assert.Equal(0m, s.Min);
        Assert.Equal(30m, s.Max);
        Assert.Equal(28m, s.Estimate);
    }

    [Fact]
    public void Numeric_target_answered_with_a_band_label_is_scored_by_the_band()
    {
        var s = Score("≥90.00(%)", "达成指标", 10m);

        Assert.Equal(IndicatorOutcome.Qualitative, s.Outcome);
        Assert.Equal(8.00m, s.Min);
    }

    [Fact]
    public void Qualitative_target_without_an_actual_cannot_be_assessed()
    {
        var s = Score("及时", "", 10m);

        Assert.Equal(IndicatorOutcome.CannotAssess, s.Outcome);
        Assert.Equal(AssessmentIssue.ActualMissing, s.Issue);
    }
}
