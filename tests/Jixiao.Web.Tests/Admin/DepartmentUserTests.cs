using System.Net;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Admin;

/// <summary>
/// A department user sees the forms of their 主管部门 only, so the department must be one the stored forms name: an
/// unknown one is refused with a clear message and the near names, on creation and on a role change (issue 10, item 8).
/// </summary>
public sealed class DepartmentUserTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(corpus.Admin, "/admin/users");
        return await corpus.Admin.PostAsync("/admin/users?handler=" + handler, new FormUrlEncodedContent(fields));
    }

    private Task<HttpResponseMessage> CreateDepartmentUserAsync(string name, string password, string department) =>
        PostAsync("Create", new() { ["NewUserName"] = name, ["NewPassword"] = password, ["NewRole"] = "DepartmentUser", ["NewDepartment"] = department });

    /// <summary>The page's error notice.</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".notice-error")!.TextContent;

    private Task<User?> FindAsync(string name) => corpus.Factory.Services.GetRequiredService<AccountStore>().FindAsync(name);

    [Fact]
    public async Task A_department_user_of_an_unknown_department_is_refused_with_the_near_names()
    {
        var refused = await CreateDepartmentUserAsync("nowhere-user", "nowhere-password-1", "宝山区数据局");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await ErrorAsync(refused);
        Assert.Contains("没有名为“宝山区数据局”的主管部门", html, StringComparison.Ordinal);
        Assert.Contains("您是否要找：上海市宝山区数据局", html, StringComparison.Ordinal);
        Assert.Null(await FindAsync("nowhere-user"));

        var unrelated = await CreateDepartmentUserAsync("nowhere-user", "nowhere-password-1", "火星农业厅");
        Assert.Contains("请从列表中选择已有的主管部门", await ErrorAsync(unrelated), StringComparison.Ordinal);
        Assert.Null(await FindAsync("nowhere-user"));

        // the list to choose from: every department of the stored forms
        var page = await JixiaoWebFactory.HtmlAsync(corpus.Admin, "/admin/users");
        Assert.Equal(new[] { CorpusFixture.PoliceDepartment, CorpusFixture.DataBureauDepartment }.Order(StringComparer.Ordinal),
            page.QuerySelectorAll("#departments option").Select(o => o.GetAttribute("value")).Order(StringComparer.Ordinal));
        Assert.Equal("departments", page.QuerySelector("input[name=NewDepartment]")!.GetAttribute("list"));
    }

    [Fact]
    public async Task A_known_department_in_another_spelling_is_accepted()
    {
        var created = await CreateDepartmentUserAsync("police-clerk", "police-clerk-password", "上海市公安局　宝山分局");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(UserRole.DepartmentUser, (await FindAsync("police-clerk"))!.Role);
        var clerk = await corpus.Factory.SignedInAsync("police-clerk", "police-clerk-password");
        var list = await JixiaoWebFactory.HtmlAsync(clerk, "/forms");
        Assert.Equal("37", list.QuerySelector("#form-count")!.GetAttribute("data-total"));
    }

    [Fact]
    public async Task A_department_reviewer_needs_a_known_department_and_then_sees_that_department_only()
    {
        var bare = await PostAsync("Create", new() { ["NewUserName"] = "police-checker", ["NewPassword"] = "police-checker-password", ["NewRole"] = "DepartmentReviewer", ["NewDepartment"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("部门用户和部门审核必须指定主管部门。", await ErrorAsync(bare));
        var unknown = await PostAsync("Create", new() { ["NewUserName"] = "police-checker", ["NewPassword"] = "police-checker-password", ["NewRole"] = "DepartmentReviewer", ["NewDepartment"] = "宝山区数据局" });
        Assert.Contains("没有名为“宝山区数据局”的主管部门", await ErrorAsync(unknown), StringComparison.Ordinal);
        Assert.Null(await FindAsync("police-checker"));

        var created = await PostAsync("Create", new() { ["NewUserName"] = "police-checker", ["NewPassword"] = "police-checker-password", ["NewRole"] = "DepartmentReviewer", ["NewDepartment"] = CorpusFixture.PoliceDepartment });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal((UserRole.DepartmentReviewer, CorpusFixture.PoliceDepartment), ((await FindAsync("police-checker"))!.Role, (await FindAsync("police-checker"))!.Department));
        var checker = await corpus.Factory.SignedInAsync("police-checker", "police-checker-password");
        var list = await JixiaoWebFactory.HtmlAsync(checker, "/forms");
        Assert.Equal("37", list.QuerySelector("#form-count")!.GetAttribute("data-total"));
    }

    [Fact]
    public async Task A_role_change_to_an_unknown_department_changes_nothing()
    {
        await corpus.Factory.CreateUserAsync("mover-x", "mover-x-password", UserRole.Supervisor, null);

        var refused = await PostAsync("Role", new() { ["userName"] = "mover-x", ["role"] = "DepartmentUser", ["department"] = "上海市宝山区教育局" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("没有名为“上海市宝山区教育局”的主管部门", await ErrorAsync(refused), StringComparison.Ordinal);
        Assert.Equal(UserRole.Supervisor, (await FindAsync("mover-x"))!.Role);

        var moved = await PostAsync("Role", new() { ["userName"] = "mover-x", ["role"] = "DepartmentUser", ["department"] = CorpusFixture.DataBureauDepartment });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal((UserRole.DepartmentUser, CorpusFixture.DataBureauDepartment), ((await FindAsync("mover-x"))!.Role, (await FindAsync("mover-x"))!.Department));
    }
}
