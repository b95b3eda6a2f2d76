using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

public sealed class TargetEquivalenceTests
{
    [Theory]
    [InlineData("100%", "=100.00(%)")]
    [InlineData("≥5个", "≥ 5.00(个)")]
    [InlineData("=365.00(天)", "365天")]
    [InlineData("≥９０％", "≥90%")]
    [InlineData("及时", "及 时")]
    [InlineData("确保设备全年稳定运行", "确保设备全年稳定运行")]
    [InlineData("同比增长5%", "增长 5%")]
    public void Targets_with_the_same_meaning_are_the_same(string a, string b)
    {
        Assert.True(TargetEquivalence.Same(a, b));
        Assert.True(TargetEquivalence.Same(b, a));
        Assert.True(TargetEquivalence.Same(TargetParser.Parse(a), TargetParser.Parse(b)));
    }

    [Theory]
    [InlineData("≥90%", "=90%")]
    [InlineData("≥90%", "≥95%")]
    [InlineData("90%", "90个")]
    [InlineData("≤3天", "≤3个")]
    [InlineData("及时", "100%")]
    [InlineData("及时", "有效")]
    [InlineData("≥90%", "")]
    [InlineData("同比增长5%", "同比减少5%")]
    [InlineData("同比下降10%", "10%")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Targets_that_differ_in_number_unit_comparison_or_words_are_not(string? a, string? b) =>
        Assert.False(TargetEquivalence.Same(a, b));
}
