using Jixiao.Core.Library;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Library;

/// <summary>The keys of the indicator library: entries by their levels and name, targets by operator, value and unit.</summary>
public sealed class LibraryKeysTests
{
    [Fact]
    public void Spellings_of_one_indicator_are_one_entry()
    {
        var key = LibraryKeys.Entry("产出指标", "数量指标", "监控点位数");
        Assert.Equal(new EntryKey("产出指标", "数量指标", "监控点位数"), key);
        Assert.Equal(key, LibraryKeys.Entry("产出", "数量", "监控 点位数")); // short labels, white space
        Assert.Equal(key, LibraryKeys.Entry(" 产出指标 ", "数量指标", "监控点位数\u200B")); // an invisible character
        Assert.Equal(key, LibraryKeys.Entry(null, "数量指标", "监控点位数")); // the first level from the second
        Assert.NotEqual(key, LibraryKeys.Entry("产出指标", "质量指标", "监控点位数"));
        Assert.Equal(new EntryKey("", "", "监控点位数"), LibraryKeys.Entry(null, null, "监控点位数"));
    }

    [Theory]
    [InlineData("≥95.00(%)", "≥95%")]
    [InlineData("≥ 95%", "≥95%")]
    [InlineData("不低于95%", "≥95%")]
    [InlineData("100%", "=100%")] // no operator reads as =
    [InlineData("=100.00(%)", "=100%")]
    [InlineData("≥500(个)", "≥500个")]
    [InlineData("≥ 500 个", "≥500个")]
    [InlineData("=0(起)", "=0起")]
    [InlineData("≤5个工作日", "≤5个工作日")]
    [InlineData("同比增长10%", "增长10%")]
    [InlineData("较上年减少≥5%", "减少≥5%")]
    [InlineData("及时", "及时")]
    [InlineData("有效 保障", "有效保障")]
    public void Targets_are_grouped_by_operator_value_and_unit(string printed, string key) =>
        Assert.Equal(key, LibraryKeys.Target(TargetParser.Parse(printed)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("—")]
    public void Nothing_printed_is_no_target(string? printed) => Assert.Null(LibraryKeys.Target(TargetParser.Parse(printed)));

    [Fact]
    public void A_long_text_target_is_cut_to_the_column()
    {
        var key = LibraryKeys.Target(TargetParser.Parse(new string('效', 300)));
        Assert.Equal(LibraryKeys.TargetLength, key!.Length);
    }

    [Theory]
    [InlineData(IndicatorOutcome.Met, "100%", Achievement.Met)]
    [InlineData(IndicatorOutcome.NotMet, "80%", Achievement.NotMet)]
    [InlineData(IndicatorOutcome.Qualitative, "达成指标", Achievement.Met)]
    [InlineData(IndicatorOutcome.Qualitative, "部分达成年度指标并具有一定效果", Achievement.NotMet)]
    [InlineData(IndicatorOutcome.Qualitative, "未达成指标且效果较差", Achievement.NotMet)]
    [InlineData(IndicatorOutcome.Qualitative, "较好", Achievement.Unknown)]
    [InlineData(IndicatorOutcome.CannotAssess, "100%", Achievement.Unknown)]
    [InlineData(null, null, Achievement.Unknown)]
    public void A_self_evaluation_met_its_target_by_the_rules_or_by_the_band_it_names(IndicatorOutcome? outcome, string? actual, Achievement expected) =>
        Assert.Equal(expected, LibraryKeys.AchievementOf(outcome, actual));

    [Theory]
    [InlineData("≥95%", "97.5%", 97.5)]
    [InlineData("≥500(个)", "520(个)", 520.0)]
    [InlineData("≥500(个)", "520", 520.0)] // no unit printed: nothing contradicts
    [InlineData("增长≥10%", "同比增长12%", 12.0)]
    [InlineData("增长≥10%", "同比减少3%", -3.0)] // the other way
    [InlineData("≥95%", "97.5", null)] // a percentage beside a plain number
    [InlineData("≥500(个)", "520(台)", null)] // units that disagree
    [InlineData("≥500(个)", "达成指标", null)]
    [InlineData("及时", "及时", null)]
    public void The_number_reached_stands_beside_the_target_only_in_its_unit(string target, string actual, double? reached) =>
        Assert.Equal(reached is null ? null : (decimal)reached.Value, LibraryKeys.ActualNumber(TargetParser.Parse(target), TargetParser.Parse(actual)));
}
