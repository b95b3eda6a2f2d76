using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Forms;

public sealed class ProjectKeyTests
{
    [Theory]
    [InlineData("2024年区特保队伍经费", "区特保队伍经费")]
    [InlineData("区特保队伍经费", "区特保队伍经费")]
    [InlineData("（2024年）区特保队伍经费", "区特保队伍经费")]
    [InlineData("2024年度 区特保 队伍经费", "区特保队伍经费")]
    [InlineData("区特保队伍经费（宝发改【2023】62号）", "区特保队伍经费")]
    [InlineData("区特保队伍经费(2024)", "区特保队伍经费")]
    [InlineData("ＡＢＣ平台运维项目", "ABC平台运维")]
    [InlineData("12345工程", "12345工程")]
    [InlineData("110指挥中心（一期）", "110指挥中心(一期)")]
    [InlineData("", "")]
    public void Lineage_key_drops_years_document_numbers_and_spacing(string name, string key) =>
        Assert.Equal(key, ProjectKey.Of(name));

    [Fact]
    public void A_project_keeps_its_key_across_years_and_approval_documents()
    {
        string[] printed = ["2023年社区图书室运营经费", "2024年度社区图书室运营经费项目", "社区图书室运营经费〔2024〕", "社区图书室运营经费(沪财绩〔2024〕3号)"];
        Assert.Equal(["社区图书室运营经费"], printed.Select(ProjectKey.Of).Distinct());
    }

    [Theory]
    [InlineData("项目", "项目")]
    [InlineData("2024年", "2024年")]
    [InlineData("(2024年度)", "(2024年度)")]
    public void A_name_that_is_only_a_year_or_the_word_project_keeps_its_text(string name, string key) =>
        Assert.Equal(key, ProjectKey.Of(name));
}
