using System.Net;
using Jixiao.App.Access;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Jixiao.Web.Accounts;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// Who deletes an import batch is decided once, by the access policy (administrators only): the import page, the
/// API, the role explanation on the accounts page and the documentation all say the same (issue 10, item 9: the docs
/// said finance reviewers delete batches and the API refused them).
/// </summary>
public sealed class DeletePermissionTests : IAsyncLifetime
{
    private readonly ApiFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Only_the_roles_the_policy_allows_delete_a_batch_on_the_page_and_in_the_api()
    {
        var factory = app.Factory;
        var upload = await JixiaoWebFactory.UploadAsync(app.Admin, (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        var batch = await factory.WaitForBatchAsync(CorpusFixture.BatchIds(await upload.Content.ReadAsStringAsync()).Single());
        await factory.CreateUserAsync("dept-user", "dept-password-1", UserRole.DepartmentUser, "淞南镇主管单位");
        var clients = new Dictionary<UserRole, HttpClient>
        {
            [UserRole.FinanceReviewer] = app.Reviewer,
            [UserRole.Supervisor] = app.Supervisor,
            [UserRole.DepartmentUser] = await factory.SignedInAsync("dept-user", "dept-password-1"),
        };

        foreach (var (role, client) in clients)
        {
            Assert.False(AccessPolicy.Allows(new Caller("x", role, "淞南镇主管单位"), Permission.DeleteBatch));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/imports/{batch.Id}")).StatusCode);
            var page = await client.PostAsync($"/imports?handler=Delete&id={batch.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = role == UserRole.FinanceReviewer ? await JixiaoWebFactory.TokenAsync(client, "/imports") : "",
            }));
            Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{role}: {page.StatusCode}");
            if (page.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            }

            Assert.Equal(batch.FormCount, await factory.CountFormsAsync());
        }

        // the reviewer sees the import page without delete buttons; the administrator sees them and deletes
        var reviewerPage = await JixiaoWebFactory.HtmlAsync(app.Reviewer, "/imports");
        Assert.Empty(reviewerPage.QuerySelectorAll($"#batches tr[data-batch='{batch.Id}'] form"));
        var adminPage = await JixiaoWebFactory.HtmlAsync(app.Admin, "/imports");
        Assert.Single(adminPage.QuerySelectorAll($"#batches tr[data-batch='{batch.Id}'] form"));
        Assert.True(AccessPolicy.Allows(new Caller("x", UserRole.Administrator), Permission.DeleteBatch));
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/v1/imports/{batch.Id}")).StatusCode);
        Assert.Equal(0, await factory.CountFormsAsync());
    }

    [Fact]
    public async Task The_accounts_page_and_the_documentation_say_what_the_policy_allows()
    {
        var users = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/users");
        var abilities = users.QuerySelector("#role-abilities")!.TextContent;
        Assert.Equal("管理员：查看全部、导入、删除批次、复核问题、要求整改、审核填报、公开、管理账户和审计日志；财政评审：查看全部、导入、复核问题、要求整改、审核填报、公开；"
            + "监督：查看全部、复核问题；部门用户：只能查看本部门、答复整改、填报；部门审核：只能查看本部门、审核填报。", abilities);

        // docs/web.md: the demo accounts' "may" column names batch deletion exactly for the roles allowed it
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "web.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        foreach (var (user, _, role, _) in AccountSetup.DemoAccounts)
        {
            var row = Assert.Single(rows, r => r.StartsWith($"| `{user}` |", StringComparison.Ordinal));
            Assert.Equal(AccessPolicy.Allows(new Caller(user, role, "部门"), Permission.DeleteBatch), row.Contains("delete batches", StringComparison.Ordinal));
        }
    }
}
