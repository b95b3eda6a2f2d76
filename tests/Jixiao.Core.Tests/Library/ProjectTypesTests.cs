using Jixiao.Core.Library;

namespace Jixiao.Core.Tests.Library;

/// <summary>The project type of a name: the longest keyword decides, between equally long ones the type listed first.</summary>
public sealed class ProjectTypesTests
{
    [Theory]
    [InlineData("治安视频监控运维", "video-surveillance", "视频监控")]
    [InlineData("2025年新建视频监控点位", "video-surveillance", "视频监控")]
    [InlineData("校园安全技防设施运维", "video-surveillance", "技防")] // 技防, 校园 and 运维 are equally long: the technique first
    [InlineData("视频会议系统维护", "information-systems", "视频会议")] // longer than 视频
    [InlineData("一网通办平台运维", "information-systems", "一网通办")]
    [InlineData("交通信号灯维护", "traffic", "信号灯")]
    [InlineData("警用装备购置", "equipment", "装备购置")]
    [InlineData("居家养老服务补贴", "elderly-care", "养老")] // the field before the kind of spending
    [InlineData("重大动物疫病强制免疫", "agriculture", "动物疫病")]
    [InlineData("公共法律服务平台运行经费", "legal-services", "法律服务")]
    [InlineData("中小学教师专业培训", "education", "中小学")]
    [InlineData("安全生产宣传教育", "emergency", "安全生产")]
    [InlineData("景观灯光设施维护", "maintenance", "维护")]
    [InlineData("2024年 视频 监控共享平台", "video-surveillance", "视频监控")] // white space is not part of the key
    [InlineData("視頻監控", "video-surveillance", "视频监控")] // traditional characters
    public void The_longest_keyword_decides_the_type(string name, string code, string keyword)
    {
        var match = ProjectTypes.Classify(name);
        Assert.Equal((code, keyword), (match.Type.Code, match.Keyword));
    }

    [Theory]
    [InlineData("社会组织孵化培育")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_without_a_keyword_is_of_the_other_type(string? name)
    {
        var match = ProjectTypes.Classify(name);
        Assert.Same(ProjectTypes.Other, match.Type);
        Assert.Null(match.Keyword);
    }

    [Fact]
    public void Codes_are_unique_short_and_found_again()
    {
        Assert.Equal(ProjectTypes.All.Count, ProjectTypes.All.Select(t => t.Code).Distinct().Count());
        Assert.All(ProjectTypes.All, t => Assert.InRange(t.Code.Length, 1, 40)); // the column holds 40
        Assert.All(ProjectTypes.All, t => Assert.Same(t, ProjectTypes.ByCode(t.Code)));
        Assert.Null(ProjectTypes.ByCode("no-such-type"));
        Assert.Same(ProjectTypes.Other, ProjectTypes.All[^1]);
    }
}
