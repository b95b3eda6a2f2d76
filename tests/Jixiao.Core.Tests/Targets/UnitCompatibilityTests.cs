using Jixiao.Core.Targets;

namespace Jixiao.Core.Tests.Targets;

public sealed class UnitCompatibilityTests
{
    [Theory]
    [InlineData("≥90.00(%)", "92.00(%)", true)]
    [InlineData("≥90%", "≥90百分比", true)]
    [InlineData("=3个", "3", true)]
    [InlineData("≥90", "92%", true)]
    [InlineData("=365.00(天)", "365日", true)]
    [InlineData("≥10GB", "12.00(G)", true)]
    [InlineData("=5名", "5人", true)]
    [InlineData("≤3个月", "2月", true)]
    [InlineData("=365.00(天)", "1(%)", false)]
    [InlineData("=100.00(%)", "100.00(个)", false)]
    [InlineData("≤90万元", "900000元", false)]
    [InlineData("提高3个百分点", "95%", false)]
    [InlineData("同比减少5%", "同比减少58%", true)]
    [InlineData("及时", "达成指标", true)]
    [InlineData("=100%", "完成", true)]
    [InlineData("=100%", "", true)]
    public void Compares_units_after_normalisation(string target, string actual, bool compatible) =>
        Assert.Equal(compatible, TargetParser.AreUnitsCompatible(TargetParser.Parse(target), TargetParser.Parse(actual)));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("(%)", "%")]
    [InlineData("（％）", "%")]
    [InlineData("百分比", "%")]
    [InlineData(" 万 元 ", "万元")]
    [InlineData("个百分点", "百分点")]
    [InlineData("ＫＭ", "KM")]
    [InlineData("", null)]
    [InlineData("—", null)]
    [InlineData(null, null)]
    [InlineData("每 1 次", "每1次")]
    public void Normalises_a_unit_printed_in_its_own_column(string? unit, string? expected) =>
        Assert.Equal(expected, TargetParser.NormalizeUnit(unit));
}
