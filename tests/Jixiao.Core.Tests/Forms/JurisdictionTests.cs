using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Forms;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("上海市宝山区数据局", "上海市宝山区")]
    [InlineData("上海市公安局宝山分局", "上海市")]
    [InlineData("淞南镇主管单位", "淞南镇")]
    [InlineData("江海市临江区教育局", "江海市临江区")]
    [InlineData("财政局", "")]
    public void Region_is_the_administrative_prefix_of_a_department(string department, string region) =>
        Assert.Equal(region, Jurisdiction.RegionOf(department));
}
