using System.Net;
using Jixiao.App.Imports;
using Jixiao.App.Rechecks;
using Jixiao.Data.Entities;
using Jixiao.Data.Rechecks;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Admin;

/// <summary>
/// The re-check of all stored forms on the web (重新核查): only administrators start, follow or cancel one, on the admin
/// page and through <c>/api/v1/rechecks</c>; the page shows a running job's progress (percent, forms per second, time
/// left) with the address its script follows; the background worker runs the job to its end; each start, end and
/// cancellation is in the audit log.
/// </summary>
public sealed class RecheckPageTests : IAsyncLifetime
{
    private readonly ApiFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private RecheckStore Store => app.Factory.Services.GetRequiredService<RecheckStore>();

    private async Task<int> ImportAsync(string file)
    {
        var result = await app.Factory.Services.GetRequiredService<FormImporter>().ImportFileAsync(Corpus.PathOf(file));
        Assert.True(result.Succeeded, result.Error);
        return result.Forms;
    }

    /// <summary>Takes the re-check lease, so that the application's worker leaves the jobs alone until it is released.</summary>
    private async Task<RecheckLease> HoldWorkerAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (await Store.TryLeaseAsync() is { } lease)
            {
                return lease;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the worker kept the re-check lease");
    }

    /// <summary>Lets the worker go and waits until job <paramref name="id"/> has ended.</summary>
    private async Task<RecheckJob> ReleaseAndWaitAsync(RecheckLease lease, long id)
    {
        await lease.DisposeAsync();
        app.Factory.Services.GetRequiredService<RecheckRunner>().Wake();
        for (var i = 0; i < 600; i++)
        {
            if (await Store.GetAsync(id) is { State: not (RecheckState.Queued or RecheckState.Running) } job)
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"re-check {id} did not end");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, bool token = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token)
        {
            request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(client));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Only_administrators_start_follow_or_cancel_a_recheck()
    {
        await ImportAsync(Corpus.Songnan2023);
        await app.Factory.CreateUserAsync("dept-user", "dept-password-1", UserRole.DepartmentUser, "淞南镇主管单位");
        var clients = new Dictionary<string, HttpClient>
        {
            ["reviewer"] = app.Reviewer,
            ["supervisor"] = app.Supervisor,
            ["dept-user"] = await app.Factory.SignedInAsync("dept-user", "dept-password-1"),
        };
        foreach (var (name, client) in clients)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "/api/v1/rechecks")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/rechecks")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/rechecks/1")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "/api/v1/rechecks/1/cancel")).StatusCode);
            var page = await client.GetAsync("/admin/rechecks");
            Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal), $"{name}: {page.StatusCode}");
            var start = await client.PostAsync("/admin/rechecks?handler=Start", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "" }));
            Assert.True(start.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{name}: {start.StatusCode}");
        }

        // an administrator without the antiforgery token starts nothing either
        await ApiClient.ProblemAsync(await PostAsync(app.Admin, "/api/v1/rechecks", token: false), HttpStatusCode.BadRequest);
        await using var db = app.Factory.Database.CreateContext();
        Assert.Equal(0, await db.RecheckJobs.CountAsync());
    }

    [Fact]
    public async Task The_admin_page_shows_a_running_recheck_and_the_worker_runs_it_to_its_end()
    {
        var forms = await ImportAsync(Corpus.Police2024);
        var lease = await HoldWorkerAsync();

        var started = await PostAsync(app.Admin, "/api/v1/rechecks");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using var item = await ApiClient.JsonAsync(started);
        var id = item.RootElement.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/rechecks/{id}", started.Headers.Location!.OriginalString);
        Assert.Equal(("queued", forms, 0, "administrator", "admin"), (item.RootElement.GetProperty("state").GetString(), item.RootElement.GetProperty("total").GetInt32(),
            item.RootElement.GetProperty("done").GetInt32(), item.RootElement.GetProperty("trigger").GetString(), item.RootElement.GetProperty("startedBy").GetString()));
        var again = await ApiClient.ProblemAsync(await PostAsync(app.Admin, "/api/v1/rechecks"), HttpStatusCode.Conflict);
        Assert.Equal(id, again.GetProperty("recheckId").GetInt64());

        // the job as a worker leaves it after ten forms in five seconds
        await using (var db = app.Factory.Database.CreateContext())
        {
            var tenth = await db.Forms.OrderBy(f => f.Id).Skip(9).Select(f => f.Id).FirstAsync();
            var now = DateTime.UtcNow;
            await db.RecheckJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, RecheckState.Running).SetProperty(j => j.Done, 10).SetProperty(j => j.LastFormId, tenth)
                .SetProperty(j => j.StartedAt, now.AddSeconds(-5)).SetProperty(j => j.RunStartedAt, now.AddSeconds(-5)).SetProperty(j => j.UpdatedAt, now));
        }

        using (var running = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/rechecks/{id}"))
        {
            var r = running.RootElement;
            Assert.Equal(("running", false, 10, 27.0, 2.0, 14L), (r.GetProperty("state").GetString(), r.GetProperty("finished").GetBoolean(), r.GetProperty("done").GetInt32(),
                r.GetProperty("percent").GetDouble(), r.GetProperty("formsPerSecond").GetDouble(), r.GetProperty("etaSeconds").GetInt64()));
        }

        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/rechecks");
        var box = page.QuerySelector("#recheck-progress")!;
        Assert.Equal($"/api/v1/rechecks/{id}", box.GetAttribute("data-recheck-url"));
        Assert.Equal("进行中", box.QuerySelector("[data-field='state']")!.TextContent);
        Assert.Equal("27", box.QuerySelector("[data-field='bar']")!.GetAttribute("value"));
        Assert.Equal(("27.0", "10", "2", "约 14 秒", "0"), (box.QuerySelector("[data-field='percent']")!.TextContent, box.QuerySelector("[data-field='done']")!.TextContent,
            box.QuerySelector("[data-field='rate']")!.TextContent, box.QuerySelector("[data-field='eta']")!.TextContent, box.QuerySelector("[data-field='changed']")!.TextContent));
        Assert.Contains($"/ {forms}", box.QuerySelector(".stat .sub")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#cancel-recheck"));
        Assert.Null(page.QuerySelector("#start-recheck")); // one at a time
        Assert.NotNull(page.QuerySelector("script[src^='/js/rechecks.js']"));

        // the worker goes on from the tenth form to the end
        var done = await ReleaseAndWaitAsync(lease, id);
        Assert.Equal((RecheckState.Succeeded, forms, 0), (done.State, done.Done, done.Changed));
        using (var finished = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/rechecks/{id}"))
        {
            Assert.Equal(("succeeded", true, 100.0), (finished.RootElement.GetProperty("state").GetString(), finished.RootElement.GetProperty("finished").GetBoolean(),
                finished.RootElement.GetProperty("percent").GetDouble()));
        }

        var after = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/rechecks");
        Assert.Null(after.QuerySelector("#recheck-progress"));
        Assert.NotNull(after.QuerySelector("#start-recheck"));
        Assert.Equal("已完成", after.QuerySelector($"#rechecks tr[data-recheck='{id}'] .badge")!.TextContent);
        using var status = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/rechecks");
        Assert.True(status.RootElement.GetProperty("current").GetBoolean());
        var audit = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit");
        Assert.Equal(["recheck-finish", "recheck-start"], audit.QuerySelectorAll("#audit tr[data-action^='recheck']").Select(r => r.GetAttribute("data-action")));

        // the audit log words them in the UI's language
        var version = Jixiao.Core.Checks.CheckVersion.Current;
        string[] Cells(AngleSharp.Html.Dom.IHtmlDocument page, string action) =>
            [.. page.QuerySelector($"#audit tr[data-action='{action}']")!.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim())];
        Assert.Equal(["admin", "开始重新核查", $"重新核查任务 {id}", $"发起方式：管理员；表单：{forms}；核查版本：{version} → {version}"], Cells(audit, "recheck-start"));
        Assert.Equal(["system", "重新核查完成", $"重新核查任务 {id}", $"已核查：{forms}；总数：{forms}；有变化：0；问题：{done.FindingsBefore:N0} → {done.FindingsAfter:N0}；核查版本：{version}"], Cells(audit, "recheck-finish"));
        var english = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit?culture=en");
        Assert.Equal(["admin", "Re-check started", $"re-check {id}", $"trigger=administrator; forms={forms}; checks version={version} → {version}"], Cells(english, "recheck-start"));
        var pageEn = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/rechecks?culture=en");
        Assert.Equal("Finished", pageEn.QuerySelector($"#rechecks tr[data-recheck='{id}'] .badge")!.TextContent);
    }

    [Fact]
    public async Task An_administrators_token_starts_a_recheck_without_antiforgery_and_a_read_only_one_only_follows_it()
    {
        await ImportAsync(Corpus.Songnan2023);
        var lease = await HoldWorkerAsync();
        var (readOnly, _, _) = await TokenClient.MakeOnPageAsync(app.Admin, "admin read-only", "read");
        var (full, _, _) = await TokenClient.MakeOnPageAsync(app.Admin, "admin script", "role");
        using var reader = TokenClient.Bearer(app.Factory, readOnly);
        using var script = TokenClient.Bearer(app.Factory, full);

        await TokenClient.ProblemAsync(await PostAsync(reader, "/api/v1/rechecks", token: false), HttpStatusCode.Forbidden, "token-read-only");
        var started = await PostAsync(script, "/api/v1/rechecks", token: false);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using var item = await ApiClient.JsonAsync(started);
        var id = item.RootElement.GetProperty("id").GetInt64();
        using (var followed = await ApiClient.GetJsonAsync(reader, $"/api/v1/rechecks/{id}"))
        {
            Assert.Equal(("queued", "admin"), (followed.RootElement.GetProperty("state").GetString(), followed.RootElement.GetProperty("startedBy").GetString()));
        }

        using (var status = await ApiClient.GetJsonAsync(reader, "/api/v1/rechecks"))
        {
            Assert.Equal(id, status.RootElement.GetProperty("open").GetProperty("id").GetInt64());
        }

        await TokenClient.ProblemAsync(await PostAsync(reader, $"/api/v1/rechecks/{id}/cancel", token: false), HttpStatusCode.Forbidden, "token-read-only");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(script, $"/api/v1/rechecks/{id}/cancel", token: false)).StatusCode);
        Assert.Equal(RecheckState.Cancelled, (await ReleaseAndWaitAsync(lease, id)).State);
    }

    [Fact]
    public async Task An_administrator_starts_and_cancels_a_recheck_on_the_page()
    {
        await ImportAsync(Corpus.Songnan2023);
        var lease = await HoldWorkerAsync();
        var token = await JixiaoWebFactory.TokenAsync(app.Admin, "/admin/rechecks");
        var start = await app.Admin.PostAsync("/admin/rechecks?handler=Start", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/rechecks");
        Assert.Contains("已开始重新核查", page.QuerySelector(".notice-ok")!.TextContent, StringComparison.Ordinal);
        var id = long.Parse(page.QuerySelector("#cancel-form input[name='id']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);

        token = await JixiaoWebFactory.TokenAsync(app.Admin, "/admin/rechecks");
        var cancel = await app.Admin.PostAsync("/admin/rechecks?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var cancelled = await ReleaseAndWaitAsync(lease, id);
        Assert.Equal((RecheckState.Cancelled, "admin"), (cancelled.State, cancelled.CancelRequestedBy));
        await ApiClient.ProblemAsync(await PostAsync(app.Admin, $"/api/v1/rechecks/{id}/cancel"), HttpStatusCode.Conflict);
        await ApiClient.ProblemAsync(await PostAsync(app.Admin, "/api/v1/rechecks/999/cancel"), HttpStatusCode.NotFound);

        var audit = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit");
        Assert.Equal(["recheck-cancel", "recheck-start"], audit.QuerySelectorAll("#audit tr[data-action^='recheck']").Select(r => r.GetAttribute("data-action")));
    }
}
