using System.Globalization;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

/// <summary>Changes relative to a base: <c>[period] [base] [modifier] verb [size]</c>.</summary>
public sealed class GrowthValueTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("同比减少5%", GrowthDirection.Decrease, "5", "%")]
    [InlineData("增长 10%", GrowthDirection.Increase, "10", "%")]
    [InlineData("同比上升5%", GrowthDirection.Increase, "5", "%")]
    [InlineData("较上年提高3%", GrowthDirection.Increase, "3", "%")]
    [InlineData("全年同比下降14.6%", GrowthDirection.Decrease, "14.6", "%")]
    [InlineData("同比减少58%", GrowthDirection.Decrease, "58", "%")]
    [InlineData("比上年增加20个", GrowthDirection.Increase, "20", "个")]
    [InlineData("与上年同期相比下降 2.5 (%)", GrowthDirection.Decrease, "2.5", "%")]
    [InlineData("环比增长1,000人次", GrowthDirection.Increase, "1000", "人次")]
    [InlineData("较2022年增长10%", GrowthDirection.Increase, "10", "%")]
    [InlineData("较２０２２年度减少10%", GrowthDirection.Decrease, "10", "%")]
    [InlineData("同比 下降 5 %", GrowthDirection.Decrease, "5", "%")]
    [InlineData("有所提升5%", GrowthDirection.Increase, "5", "%")]
    [InlineData("降低了5%", GrowthDirection.Decrease, "5", "%")]
    [InlineData("缩短2天", GrowthDirection.Decrease, "2", "天")]
    [InlineData("提高3个百分点", GrowthDirection.Increase, "3", "百分点")]
    [InlineData("增长率10%", GrowthDirection.Increase, "10", "%")]
    public void Reads_growth_with_direction_size_and_unit(string text, GrowthDirection direction, string size, string unit)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Growth, v.Kind);
        Assert.Equal(direction, v.Growth);
        Assert.Equal(D(size), v.Number);
        Assert.Equal(unit, v.Unit);
        Assert.Equal(unit == "%", v.IsPercent);
        Assert.Equal(ComparisonOperator.None, v.Operator);
        Assert.True(v.IsNumeric);
    }

    [Theory]
    [InlineData("增长≥10%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("增长不低于10%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("增长10%以上", ComparisonOperator.GreaterOrEqual)]
    [InlineData("增幅≤10%", ComparisonOperator.LessOrEqual)]
    [InlineData("增长幅度≤10%", ComparisonOperator.LessOrEqual)]
    public void Reads_an_operator_on_the_size_of_a_growth(string text, ComparisonOperator op)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Growth, v.Kind);
        Assert.Equal(GrowthDirection.Increase, v.Growth);
        Assert.Equal(op, v.Operator);
        Assert.Equal(10m, v.Number);
    }

    [Fact]
    public void Flips_the_direction_of_a_negative_growth_and_keeps_the_size_positive()
    {
        var v = TargetParser.Parse("同比增长-3%");
        Assert.Equal(TargetValueKind.Growth, v.Kind);
        Assert.Equal(GrowthDirection.Decrease, v.Growth);
        Assert.Equal(3m, v.Number);
    }

    [Theory]
    [InlineData("提高至95%", ComparisonOperator.GreaterOrEqual, "95", "%")]
    [InlineData("提升到 95%", ComparisonOperator.GreaterOrEqual, "95", "%")]
    [InlineData("降低至5天", ComparisonOperator.LessOrEqual, "5", "天")]
    [InlineData("下降到=5天", ComparisonOperator.Equal, "5", "天")]
    public void Reads_a_level_to_reach_as_quantitative_not_as_growth(string text, ComparisonOperator op, string number, string unit)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.Equal(op, v.Operator);
        Assert.Equal(D(number), v.Number);
        Assert.Equal(unit, v.Unit);
        Assert.Null(v.Growth);
    }

    [Theory]
    [InlineData("下降", GrowthDirection.Decrease, QualitativeStyle.Word)]
    [InlineData("增长", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("提高", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("提升", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("降低", GrowthDirection.Decrease, QualitativeStyle.Word)]
    [InlineData("减少", GrowthDirection.Decrease, QualitativeStyle.Word)]
    [InlineData("有所提升", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("显著提升", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("进一步提高", GrowthDirection.Increase, QualitativeStyle.Word)]
    [InlineData("较上一年减少", GrowthDirection.Decrease, QualitativeStyle.Word)]
    [InlineData("同比 下降", GrowthDirection.Decrease, QualitativeStyle.Word)]
    [InlineData("与上年同期相比有所下降", GrowthDirection.Decrease, QualitativeStyle.Statement)]
    public void Reads_a_direction_without_a_size_as_qualitative_with_its_direction(string text, GrowthDirection direction, QualitativeStyle style)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(direction, v.Growth);
        Assert.Equal(style, v.Style);
        Assert.Null(v.Number);
        Assert.False(v.IsNumeric);
    }

    [Theory]
    [InlineData("降低成本")]
    [InlineData("不下降")]
    [InlineData("提高效率")]
    [InlineData("增强")]
    public void Gives_no_direction_to_words_that_only_start_like_a_growth(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Null(v.Growth);
    }

    [Theory]
    [InlineData("48200，增长 8%")]
    [InlineData("增长10%、下降5%")]
    [InlineData("发生率下降5%")]
    [InlineData("增长10%（预计）")]
    public void Does_not_read_a_growth_out_of_a_longer_text(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Equal(QualitativeStyle.TextWithNumbers, v.Style);
        Assert.Null(v.Number);
        Assert.Null(v.Growth);
    }
}
