using System.Globalization;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

/// <summary>Values with a number: <c>[operator] number [unit] [qualifier]</c>.</summary>
public sealed class QuantitativeValueTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static void AssertQuantity(TargetValue v, ComparisonOperator op, string number, string? unit, bool percent)
    {
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.Equal(op, v.Operator);
        Assert.Equal(D(number), v.Number);
        Assert.Equal(unit, v.Unit);
        Assert.Equal(percent, v.IsPercent);
        Assert.True(v.IsNumeric);
        Assert.Null(v.Growth);
        Assert.Equal(QualitativeBand.None, v.Band);
        Assert.Equal(QualitativeStyle.None, v.Style);
    }

    [Theory]
    [InlineData("=100.00(%)", ComparisonOperator.Equal, "100", "%", true)]
    [InlineData("≥90.00(%)", ComparisonOperator.GreaterOrEqual, "90", "%", true)]
    [InlineData("≤5.00(次)", ComparisonOperator.LessOrEqual, "5", "次", false)]
    [InlineData(">0.00(%)", ComparisonOperator.Greater, "0", "%", true)]
    [InlineData("<5.00(%)", ComparisonOperator.Less, "5", "%", true)]
    [InlineData("=365.00(天)", ComparisonOperator.Equal, "365", "天", false)]
    [InlineData("=0.00(起)", ComparisonOperator.Equal, "0", "起", false)]
    [InlineData("≥12.80(倍)", ComparisonOperator.GreaterOrEqual, "12.8", "倍", false)]
    [InlineData("=100.00(G)", ComparisonOperator.Equal, "100", "G", false)]
    [InlineData("=1.00(人)", ComparisonOperator.Equal, "1", "人", false)]
    public void Reads_printed_operators_with_the_unit_in_brackets(string text, ComparisonOperator op, string number, string unit, bool percent) =>
        AssertQuantity(TargetParser.Parse(text), op, number, unit, percent);

    [Theory]
    [InlineData("＝100(%)", ComparisonOperator.Equal)]
    [InlineData("﹦100(%)", ComparisonOperator.Equal)]
    [InlineData("==100(%)", ComparisonOperator.Equal)]
    [InlineData("＞100(%)", ComparisonOperator.Greater)]
    [InlineData("﹥100(%)", ComparisonOperator.Greater)]
    [InlineData("＜100(%)", ComparisonOperator.Less)]
    [InlineData("﹤100(%)", ComparisonOperator.Less)]
    [InlineData("≧100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("⩾100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("≦100(%)", ComparisonOperator.LessOrEqual)]
    [InlineData("⩽100(%)", ComparisonOperator.LessOrEqual)]
    [InlineData(">=100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("> = 100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("＞＝100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("=>100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("<=100(%)", ComparisonOperator.LessOrEqual)]
    [InlineData("＜＝100(%)", ComparisonOperator.LessOrEqual)]
    [InlineData("=<100(%)", ComparisonOperator.LessOrEqual)]
    [InlineData("≮100(%)", ComparisonOperator.GreaterOrEqual)]
    [InlineData("≯100(%)", ComparisonOperator.LessOrEqual)]
    public void Reads_every_spelling_of_an_operator(string text, ComparisonOperator op) =>
        AssertQuantity(TargetParser.Parse(text), op, "100", "%", true);

    [Fact]
    public void Reads_full_width_equals_with_unit_in_full_width_brackets()
    {
        var v = TargetParser.Parse("＝１０３．００（台）");
        AssertQuantity(v, ComparisonOperator.Equal, "103", "台", false);
    }

    [Fact]
    public void Reads_ascii_greater_or_equal_without_brackets()
    {
        AssertQuantity(TargetParser.Parse(">=90%"), ComparisonOperator.GreaterOrEqual, "90", "%", true);
    }

    [Fact]
    public void Reads_less_than_with_a_space_before_the_number()
    {
        AssertQuantity(TargetParser.Parse("< 5%"), ComparisonOperator.Less, "5", "%", true);
    }

    [Theory]
    [InlineData("103.00(台)", "103", "台", false)]
    [InlineData("2750.40万元", "2750.40", "万元", false)]
    [InlineData("354 人", "354", "人", false)]
    [InlineData("100 件", "100", "件", false)]
    [InlineData("2 个", "2", "个", false)]
    [InlineData("0起", "0", "起", false)]
    [InlineData("100%", "100", "%", true)]
    [InlineData("100 %", "100", "%", true)]
    [InlineData("1(%)", "1", "%", true)]
    [InlineData("0(%)", "0", "%", true)]
    [InlineData("12.00(吨)", "12", "吨", false)]
    [InlineData("100.00(家)", "100", "家", false)]
    [InlineData("100", "100", null, false)]
    [InlineData("05", "5", null, false)]
    [InlineData("3", "3", null, false)]
    public void Reads_values_without_an_operator(string text, string number, string? unit, bool percent) =>
        AssertQuantity(TargetParser.Parse(text), ComparisonOperator.None, number, unit, percent);

    [Theory]
    [InlineData("≥100百分比")]
    [InlineData("≥100百分率")]
    [InlineData("≥100％")]
    [InlineData("≥100﹪")]
    [InlineData("≥100(％)")]
    [InlineData("≥100（百分比）")]
    [InlineData("≥100 ( % )")]
    public void Reads_percent_spelled_in_any_way_as_percent(string text) =>
        AssertQuantity(TargetParser.Parse(text), ComparisonOperator.GreaterOrEqual, "100", "%", true);

    [Theory]
    [InlineData("1,000", "1000")]
    [InlineData("34,560,000.00", "34560000")]
    [InlineData("4,081.36", "4081.36")]
    [InlineData("23, 456. 78", "23456.78")]
    [InlineData("0. 00", "0")]
    [InlineData("10，000", "10000")]
    [InlineData("０.５", "0.5")]
    [InlineData("0.05", "0.05")]
    public void Reads_numbers_with_separators_and_extraction_spaces(string text, string number) =>
        AssertQuantity(TargetParser.Parse(text), ComparisonOperator.None, number, null, false);

    [Fact]
    public void Reads_thousands_separators_before_a_unit()
    {
        AssertQuantity(TargetParser.Parse("≤2,468.10 万元"), ComparisonOperator.LessOrEqual, "2468.10", "万元", false);
    }

    [Fact]
    public void Keeps_the_printed_scale_of_the_number()
    {
        var v = TargetParser.Parse("=100.00(%)");
        Assert.Equal("100.00", v.Number!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("-5%", "-5")]
    [InlineData("≥-5%", "-5")]
    [InlineData("+5%", "5")]
    public void Reads_signed_numbers(string text, string number)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.Equal(D(number), v.Number);
    }

    [Theory]
    [InlineData("≤90 万 元")]
    [InlineData("≤90 (万 元)")]
    [InlineData("≤90（ 万元 ）")]
    [InlineData("≤90(万元）")]
    public void Removes_white_space_inside_units(string text) =>
        AssertQuantity(TargetParser.Parse(text), ComparisonOperator.LessOrEqual, "90", "万元", false);

    [Theory]
    [InlineData("≥5个工作日", "个工作日")]
    [InlineData("=2小时", "小时")]
    [InlineData("≥3个百分点", "百分点")]
    [InlineData("≥3百分点", "百分点")]
    [InlineData("=500平方米", "平方米")]
    [InlineData("=500㎡", "平方米")]
    [InlineData("≥10GB", "GB")]
    [InlineData("≥10ＧＢ", "GB")]
    [InlineData("≥10km", "km")]
    [InlineData("≥10(个/年)", "个/年")]
    [InlineData("≥10(万人次)", "万人次")]
    [InlineData("≥10(座位)", "座位")]
    public void Normalises_common_and_compound_units(string text, string unit)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.Equal(unit, v.Unit);
        Assert.False(v.IsPercent);
    }

    [Fact]
    public void Does_not_count_percentage_points_as_percent()
    {
        var v = TargetParser.Parse("=2个百分点");
        Assert.Equal("百分点", v.Unit);
        Assert.False(v.IsPercent);
    }

    [Theory]
    [InlineData("不低于95%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("不少于95%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("不得低于95%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("大于等于95%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("达到95%", ComparisonOperator.GreaterOrEqual)]
    [InlineData("不超过95%", ComparisonOperator.LessOrEqual)]
    [InlineData("不高于 95%", ComparisonOperator.LessOrEqual)]
    [InlineData("小于或等于95%", ComparisonOperator.LessOrEqual)]
    [InlineData("高于95%", ComparisonOperator.Greater)]
    [InlineData("超过95%", ComparisonOperator.Greater)]
    [InlineData("低于95%", ComparisonOperator.Less)]
    [InlineData("等于95%", ComparisonOperator.Equal)]
    public void Reads_operators_spelled_in_words(string text, ComparisonOperator op) =>
        AssertQuantity(TargetParser.Parse(text), op, "95", "%", true);

    [Theory]
    [InlineData("95%以上", ComparisonOperator.GreaterOrEqual, "%")]
    [InlineData("95%及以上", ComparisonOperator.GreaterOrEqual, "%")]
    [InlineData("95(%)以上", ComparisonOperator.GreaterOrEqual, "%")]
    [InlineData("95以上", ComparisonOperator.GreaterOrEqual, null)]
    [InlineData("95天以内", ComparisonOperator.LessOrEqual, "天")]
    [InlineData("95天内", ComparisonOperator.LessOrEqual, "天")]
    [InlineData("95个工作日内", ComparisonOperator.LessOrEqual, "个工作日")]
    [InlineData("95人以下", ComparisonOperator.LessOrEqual, "人")]
    [InlineData("95人左右", ComparisonOperator.None, "人")]
    public void Reads_qualifier_after_the_unit_as_the_operator(string text, ComparisonOperator op, string? unit) =>
        AssertQuantity(TargetParser.Parse(text), op, "95", unit, unit == "%");

    [Fact]
    public void Keeps_the_printed_operator_when_a_qualifier_follows()
    {
        AssertQuantity(TargetParser.Parse("≥95%以上"), ComparisonOperator.GreaterOrEqual, "95", "%", true);
        AssertQuantity(TargetParser.Parse("=95%左右"), ComparisonOperator.Equal, "95", "%", true);
    }

    [Theory]
    [InlineData("=100%")]
    [InlineData(">=90%")]
    [InlineData("=99.9%")]
    public void Reads_actual_values_printed_with_an_operator_like_targets(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.NotEqual(ComparisonOperator.None, v.Operator);
    }

    [Fact]
    public void Keeps_the_raw_text_unchanged()
    {
        const string text = "  ≥ 90.00 (%)  ";
        var v = TargetParser.Parse(text);
        Assert.Same(text, v.Raw);
        AssertQuantity(v, ComparisonOperator.GreaterOrEqual, "90", "%", true);
    }

    [Theory]
    [InlineData("一个工作日", ComparisonOperator.None, "1", "个工作日")]
    [InlineData("两天内", ComparisonOperator.LessOrEqual, "2", "天")]
    [InlineData("十五个工作日", ComparisonOperator.None, "15", "个工作日")]
    [InlineData("≤三十天", ComparisonOperator.LessOrEqual, "30", "天")]
    [InlineData("一百零五人", ComparisonOperator.None, "105", "人")]
    [InlineData("两千三百户", ComparisonOperator.None, "2300", "户")]
    [InlineData("零起", ComparisonOperator.None, "0", "起")]
    public void Reads_chinese_numerals_before_a_known_unit(string text, ComparisonOperator op, string number, string unit) =>
        AssertQuantity(TargetParser.Parse(text), op, number, unit, false);

    [Theory]
    [InlineData("百分之九十", "90")]
    [InlineData("≥百分之九十五", "95")]
    [InlineData("百分之 90", "90")]
    public void Reads_a_percentage_spelled_with_bai_fen_zhi(string text, string number)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Quantitative, v.Kind);
        Assert.Equal(D(number), v.Number);
        Assert.Equal("%", v.Unit);
        Assert.True(v.IsPercent);
    }

    [Theory]
    [InlineData("一体化")]
    [InlineData("三个不发生")]
    [InlineData("十分")]
    [InlineData("一般")]
    [InlineData("二〇二三年")]
    [InlineData("百分比")]
    [InlineData("百分之")]
    [InlineData("一百百人")]
    public void Keeps_words_that_start_with_a_chinese_numeral_as_words(string text)
    {
        var v = TargetParser.Parse(text);
        Assert.Equal(TargetValueKind.Qualitative, v.Kind);
        Assert.Null(v.Number);
    }
}
