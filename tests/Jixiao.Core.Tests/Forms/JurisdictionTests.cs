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

    [Theory]
    [InlineData("上海市财政局", "上海市")]
    [InlineData("上海市 教育委员会", "上海市")]
    [InlineData("中共上海市委宣传部", "上海市")]
    [InlineData("上海市宝山区数据局", "上海市宝山区")]
    [InlineData("上海市宝山区淞南镇人民政府", "上海市宝山区淞南镇")]
    [InlineData("淞南镇主管单位", "淞南镇")]
    [InlineData("广东省深圳市宝安区松岗街道办事处", "广东省深圳市宝安区松岗街道")]
    [InlineData("江海市望海新区应急管理局", "江海市望海新区")]
    public void Jurisdiction_of_a_body_is_the_government_its_name_begins_with(string body, string jurisdiction) =>
        Assert.Equal(jurisdiction, Jurisdiction.Of(body));

    [Theory]
    [InlineData("上海市公安局宝山分局")]
    [InlineData("财政局")]
    [InlineData("")]
    [InlineData(null)]
    public void Jurisdiction_is_unknown_for_a_branch_office_or_a_name_without_a_region(string? body) =>
        Assert.Null(Jurisdiction.Of(body));

    [Fact]
    public void Jurisdiction_of_a_form_is_its_departments_else_its_units()
    {
        var form = new PerformanceForm { Department = "上海市宝山区数据局", ImplementingUnit = "上海市大数据中心" };
        Assert.Equal("上海市宝山区", Jurisdiction.Of(form));

        form.Department = "数据局";
        Assert.Equal("上海市", Jurisdiction.Of(form));

        form.Department = null;
        Assert.Equal("上海市", Jurisdiction.Of(form));
    }

    [Fact]
    public void A_branch_office_department_does_not_borrow_its_units_jurisdiction()
    {
        var form = new PerformanceForm { Department = "上海市公安局宝山分局", ImplementingUnit = "上海市公安局" };
        Assert.Null(Jurisdiction.Of(form));
    }
}
