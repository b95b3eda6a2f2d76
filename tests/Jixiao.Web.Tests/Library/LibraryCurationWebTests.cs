using System.Net;
using System.Text.Json;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Library;

/// <summary>
/// Curation of the library on the web (administrators): through the API and through the entry page, what it changes in
/// the suggestions, what is refused (other roles, no antiforgery token, a merged entry, a missing entry), and the audit
/// log in the UI's language. Each test has an application of its own.
/// </summary>
public sealed class LibraryCurationWebTests : IAsyncLifetime
{
    private readonly LibraryFixture app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private Task<HttpResponseMessage> CurateAsync(HttpClient client, string name, string action, string body = "{}", bool token = true) =>
        ApiClient.PostBodyAsync(client, body, "application/json", $"/api/v1/library/{app.Entries[name]}/{action}", token);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private async Task<List<string?>> SuggestedAsync()
    {
        using var doc = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library/suggestions?project=" + Uri.EscapeDataString("视频监控"));
        return [.. doc.RootElement.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("name").GetString())];
    }

    [Fact]
    public async Task An_administrator_curates_through_the_api_and_the_suggestions_follow()
    {
        Assert.Contains("设备完好率", await SuggestedAsync());

        var retired = await OkAsync(await CurateAsync(app.Admin, "设备完好率", "retire", """{"note":"与验收合格率重复"}"""));
        Assert.Equal((true, "与验收合格率重复", "admin"), (retired.GetProperty("retired").GetBoolean(), retired.GetProperty("note").GetString(), retired.GetProperty("updatedBy").GetString()));
        Assert.DoesNotContain("设备完好率", await SuggestedAsync());

        await OkAsync(await CurateAsync(app.Admin, "治安案件发案率", "recommend"));
        Assert.Equal("治安案件发案率", (await SuggestedAsync())[0]);

        var merged = await OkAsync(await CurateAsync(app.Admin, "监控点位数", "absorb", $$"""{"entry":{{app.Entries["监控点位数量"]}}}"""));
        Assert.Equal(4, merged.GetProperty("usage").GetProperty("forms").GetInt64());
        Assert.Equal("监控点位数量", Assert.Single(merged.GetProperty("spellings").EnumerateArray()).GetProperty("name").GetString());
        Assert.DoesNotContain("监控点位数量", await SuggestedAsync());

        // refused: a merged entry, the same entry, a missing one, an unknown action, another role, no antiforgery token
        var problem = await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数量", "recommend"), HttpStatusCode.Conflict);
        Assert.Equal("条目已被合并", problem.GetProperty("title").GetString());
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "absorb", $$"""{"entry":{{app.Entries["监控点位数"]}}}"""), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "absorb", """{"entry":999999}"""), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "absorb"), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "delete"), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "retire", "not json"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await CurateAsync(app.Reviewer, "监控点位数", "retire")).StatusCode);
        await ApiClient.ProblemAsync(await CurateAsync(app.Admin, "监控点位数", "retire", token: false), HttpStatusCode.BadRequest);
        using (var entry = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library/" + app.Entries["监控点位数"]))
        {
            Assert.False(entry.RootElement.GetProperty("retired").GetBoolean());
        }

        // the audit log words each change
        var audit = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit");
        Assert.Equal(["library-merge", "library-recommend", "library-retire"], audit.QuerySelectorAll("#audit tr[data-action^='library']").Select(r => r.GetAttribute("data-action")));
        var cells = audit.QuerySelector("#audit tr[data-action='library-merge']")!.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["admin", "合并同义指标", $"指标库条目 {app.Entries["监控点位数"]}"], cells.Take(3));
        Assert.Equal($"被合并：#{app.Entries["监控点位数量"]} 产出指标/数量指标/监控点位数量；并入：#{app.Entries["监控点位数"]} 产出指标/数量指标/监控点位数", cells[3]);
    }

    [Fact]
    public async Task An_administrator_curates_on_the_entry_page_and_others_are_refused()
    {
        var path = "/library/" + app.Entries["设备完好率"];
        async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(client, "/library");
            return await client.PostAsync(path, new FormUrlEncodedContent(fields));
        }

        var done = await PostAsync(app.Admin, new() { ["curation"] = "retire", ["note"] = "表述重复" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, done.Headers.Location!.OriginalString);
        Assert.Equal("已停用：不再出现在填报建议中。", page.QuerySelector("#library-message")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#entry-retired"));
        Assert.Contains("表述重复", page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("设备完好率", await SuggestedAsync());

        // absorbing a missing entry is refused with the reason, in the page
        var refused = await PostAsync(app.Admin, new() { ["curation"] = "absorb", ["entry"] = "999999" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var reason = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("没有这个条目（请检查被合并条目的编号）。", reason.QuerySelector("#library-error")!.TextContent.Trim());

        // other roles: no curation section, and a post is refused
        Assert.Null((await JixiaoWebFactory.HtmlAsync(app.Reviewer, path)).QuerySelector("#entry-curation"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app.Reviewer, new() { ["curation"] = "restore" })).StatusCode);
        Assert.NotNull((await JixiaoWebFactory.HtmlAsync(app.Admin, path)).QuerySelector("#entry-retired"));
    }
}
