using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Filings;

/// <summary>An application of its own for filing's API tests: the police and the data bureau stored, and signed-in clients of every part.</summary>
public sealed class FilingFixture : IAsyncLifetime
{
    public const string Police = "上海市公安局宝山分局";
    public const string DataBureau = "上海市宝山区数据局";

    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient PoliceA { get; private set; } = null!;

    public HttpClient PoliceB { get; private set; } = null!;

    public HttpClient PoliceReviewer { get; private set; } = null!;

    public HttpClient DataReviewer { get; private set; } = null!;

    public HttpClient Finance { get; private set; } = null!;

    public HttpClient Supervisor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var result = await new FormImporter(Factory.Database).ImportFormsAsync([SampleForms.SelfEvaluation(Police, 2024), SampleForms.SelfEvaluation(DataBureau, 2024)], "departments.json");
        Assert.True(result.Succeeded);
        await Factory.CreateUserAsync("police-a", "police-a-password", UserRole.DepartmentUser, Police);
        await Factory.CreateUserAsync("police-b", "police-b-password", UserRole.DepartmentUser, Police);
        await Factory.CreateUserAsync("police-reviewer", "police-reviewer-password", UserRole.DepartmentReviewer, Police);
        await Factory.CreateUserAsync("data-reviewer", "data-reviewer-password", UserRole.DepartmentReviewer, DataBureau);
        PoliceA = await Factory.SignedInAsync("police-a", "police-a-password");
        PoliceB = await Factory.SignedInAsync("police-b", "police-b-password");
        PoliceReviewer = await Factory.SignedInAsync("police-reviewer", "police-reviewer-password");
        DataReviewer = await Factory.SignedInAsync("data-reviewer", "data-reviewer-password");
        Finance = await Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        Supervisor = await Factory.SignedInAsync("supervisor", "jixiao-supervisor");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Filing in the JSON API (<c>/api/v1/filings</c>): a declaration from draft to published, a save from an old version
/// answered 409 with the current version, who changed it and what, and every refusal a problem in Chinese with the
/// English beside (role, department scope, input, status, the override reason).
/// </summary>
public sealed class FilingsApiTests(FilingFixture app) : IClassFixture<FilingFixture>
{
    private static PerformanceForm Declaration(string project, DateOnly plannedEnd) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = project,
        Department = FilingFixture.Police,
        PlannedStart = new DateOnly(2025, 1, 1),
        PlannedEnd = plannedEnd,
        DeclarationFunds = new DeclarationFunds { AnnualTotal = 500_000, AnnualAppropriation = 500_000 },
        Goals = new Goals { Overall = "道路监控全覆盖。", Annual = "新增监控点位 200 个。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥200(个)", Weight = 50 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件发案率下降", Target = "≥5(%)", Weight = 30 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string json, bool token = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        if (token)
        {
            request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(client));
        }

        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Post, path, json);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>A problem of <paramref name="status"/> with a Chinese title and detail, the English in detailEn, and the problem code.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title, string? problem = null)
    {
        var body = await ApiClient.ProblemAsync(response, status);
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body.GetProperty("detail").GetString()!);
        Assert.Matches("^[ -~]+$", body.GetProperty("detailEn").GetString()!);
        if (problem is not null)
        {
            Assert.Equal(problem, body.GetProperty("problem").GetString());
        }

        return body;
    }

    /// <summary>A draft of the police holding <paramref name="form"/>: its id.</summary>
    private async Task<long> DraftAsync(PerformanceForm form)
    {
        var created = await OkAsync(await PostAsync(app.PoliceA, "/api/v1/filings",
            $$"""{"kind":"target-declaration","content":{{FilingContent.Write(form)}}}"""), HttpStatusCode.Created);
        return created.GetProperty("filing").GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_declaration_goes_from_draft_to_published_through_the_api()
    {
        var created = await OkAsync(await PostAsync(app.PoliceA, "/api/v1/filings",
            """{"kind":"target-declaration","year":2025,"projectName":"道路监控建设","implementingUnit":"宝山分局科技处"}"""), HttpStatusCode.Created);
        var filing = created.GetProperty("filing");
        var id = filing.GetProperty("id").GetInt64();
        Assert.Equal(("draft", "草稿", 1, FilingFixture.Police), (filing.GetProperty("status").GetString(), filing.GetProperty("statusText").GetString(),
            filing.GetProperty("version").GetInt32(), filing.GetProperty("department").GetString()));
        Assert.Equal(["save", "submit", "comment", "resolve-comment"], filing.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(("jixiao.form/1", "道路监控建设"), (filing.GetProperty("content").GetProperty("schema").GetString(), filing.GetProperty("content").GetProperty("projectName").GetString()));

        var saved = await OkAsync(await SendAsync(app.PoliceA, HttpMethod.Put, $"/api/v1/filings/{id}",
            $$"""{"version":1,"content":{{FilingContent.Write(Declaration("道路监控建设", new DateOnly(2025, 12, 31)))}}}"""));
        Assert.Equal(2, saved.GetProperty("filing").GetProperty("version").GetInt32());
        Assert.Equal(50, saved.GetProperty("filing").GetProperty("content").GetProperty("indicators")[0].GetProperty("weight").GetInt32());

        var submitted = await OkAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", """{"version":2}"""));
        Assert.Equal("submitted", submitted.GetProperty("filing").GetProperty("status").GetString());
        Assert.All(submitted.GetProperty("findings").EnumerateArray(), f => Assert.NotEqual("error", f.GetProperty("severity").GetString()));

        using (var queue = await ApiClient.GetJsonAsync(app.PoliceReviewer, "/api/v1/filings"))
        {
            var item = Assert.Single(ApiClient.Items(queue), i => i.GetProperty("id").GetInt64() == id);
            Assert.Equal(("submitted", 3), (item.GetProperty("status").GetString(), item.GetProperty("version").GetInt32()));
        }

        using (var none = await ApiClient.GetJsonAsync(app.DataReviewer, "/api/v1/filings?status=submitted"))
        {
            Assert.DoesNotContain(ApiClient.Items(none), i => i.GetProperty("id").GetInt64() == id);
        }

        var approved = await OkAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/approve", """{"version":3}"""));
        Assert.Equal(("approved", "police-reviewer"), (approved.GetProperty("filing").GetProperty("status").GetString(), approved.GetProperty("filing").GetProperty("approvedBy").GetString()));
        await ProblemAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/publish", "{}"), HttpStatusCode.Forbidden, "无权操作");

        var published = (await OkAsync(await PostAsync(app.Finance, $"/api/v1/filings/{id}/publish", """{"version":4}"""))).GetProperty("filing");
        Assert.Equal(("published", 5), (published.GetProperty("status").GetString(), published.GetProperty("version").GetInt32()));
        var formUrl = published.GetProperty("publishedFormUrl").GetString()!;
        using var form = await ApiClient.GetJsonAsync(app.Finance, formUrl);
        Assert.Equal(("道路监控建设", "target-declaration"), (form.RootElement.GetProperty("projectName").GetString(), form.RootElement.GetProperty("kind").GetString()));

        using var revisions = await ApiClient.GetJsonAsync(app.PoliceB, $"/api/v1/filings/{id}/revisions");
        Assert.Equal([1, 2], revisions.RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
        Assert.Contains(revisions.RootElement[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "indicators[0].target" && c.GetProperty("after").GetString() == "≥200(个)");
    }

    [Fact]
    public async Task A_submission_with_cells_to_fix_is_400_with_each_cell_and_the_fixed_form_submits()
    {
        var good = Declaration("卡口改造", new DateOnly(2025, 12, 31));
        var broken = FilingContent.Parse(FilingContent.Write(good));
        broken.Indicators[0].Target = "≥";
        broken.Indicators[1].Target = "90-95%";
        broken.Indicators[2].Weight = 20;
        var id = await DraftAsync(broken);

        // the English names the values as typed, so it is not ASCII only
        var body = await ApiClient.ProblemAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", """{"version":1}"""), HttpStatusCode.BadRequest);
        Assert.Equal(("输入无效", "submission-blocked"), (body.GetProperty("title").GetString(), body.GetProperty("problem").GetString()));
        Assert.Equal("无法提交：3 处需修改 — 指标 1 目标值「≥」缺少数值；指标 2 目标值「90-95%」无法读成一个数值；分值合计 110（指标 100 + 预算执行 10），应为 100。",
            body.GetProperty("detail").GetString());
        Assert.Equal("Cannot submit, 3 cells to fix: indicator 1 target \"≥\" has no number; indicator 2 target \"90-95%\" cannot be read as one value; "
            + "the weights add up to 110 (indicators 100 + execution 10), not 100.", body.GetProperty("detailEn").GetString());
        Assert.Equal(
            [("indicators[0].target", "SUBMIT-UNREADABLE", "指标 1 目标值「≥」缺少数值"), ("indicators[1].target", "SUBMIT-UNREADABLE", "指标 2 目标值「90-95%」无法读成一个数值"),
                ("totalWeight", "SUBMIT-WEIGHT-SUM", "分值合计 110（指标 100 + 预算执行 10），应为 100")],
            body.GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("code").GetString(), c.GetProperty("messageZh").GetString())));
        Assert.True(body.TryGetProperty("findings", out _));
        using (var still = await ApiClient.GetJsonAsync(app.PoliceA, $"/api/v1/filings/{id}"))
        {
            Assert.Equal(("draft", 1), (still.RootElement.GetProperty("status").GetString(), still.RootElement.GetProperty("version").GetInt32()));
        }

        await OkAsync(await SendAsync(app.PoliceA, HttpMethod.Put, $"/api/v1/filings/{id}", $$"""{"version":1,"content":{{FilingContent.Write(good)}}}"""));
        var submitted = await OkAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", """{"version":2}"""));
        Assert.Equal("submitted", submitted.GetProperty("filing").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_save_from_a_version_someone_moved_on_from_is_409_with_the_current_version_who_and_what_changed()
    {
        var form = Declaration("治安卡口改造", new DateOnly(2025, 12, 31));
        var id = await DraftAsync(form);
        form.Indicators[0].Target = "≥260(个)";
        await OkAsync(await SendAsync(app.PoliceA, HttpMethod.Put, $"/api/v1/filings/{id}", $$"""{"version":1,"content":{{FilingContent.Write(form)}}}"""));

        form.Indicators[0].Target = "≥200(个)";
        form.Goals.Annual = "改造卡口 40 个。";
        var conflict = await ProblemAsync(await SendAsync(app.PoliceB, HttpMethod.Put, $"/api/v1/filings/{id}", $$"""{"version":1,"content":{{FilingContent.Write(form)}}}"""),
            HttpStatusCode.Conflict, "并发修改", "conflict");
        Assert.Equal((1, 2, "draft", "police-a"), (conflict.GetProperty("expectedVersion").GetInt32(), conflict.GetProperty("currentVersion").GetInt32(),
            conflict.GetProperty("filingStatus").GetString(), conflict.GetProperty("changedBy").GetString()));
        var change = Assert.Single(conflict.GetProperty("changes").EnumerateArray());
        Assert.Equal(("indicators[0].target", "≥200(个)", "≥260(个)"), (change.GetProperty("field").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.StartsWith("这张表已被 police-a 修改（现为第 2 版）", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var now = await ApiClient.GetJsonAsync(app.PoliceB, $"/api/v1/filings/{id}");
        Assert.Equal(("≥260(个)", "新增监控点位 200 个。"), (now.RootElement.GetProperty("content").GetProperty("indicators")[0].GetProperty("target").GetString(),
            now.RootElement.GetProperty("content").GetProperty("goals").GetProperty("annual").GetString()));
    }

    [Fact]
    public async Task The_filings_page_lists_each_callers_queue_and_the_audit_log_words_the_steps()
    {
        var id = await DraftAsync(Declaration("执法记录仪购置", new DateOnly(2025, 12, 31)));
        var mine = await JixiaoWebFactory.HtmlAsync(app.PoliceB, "/filings");
        Assert.Equal("我的填报", mine.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        var row = mine.QuerySelector($"#filings tr[data-filing='{id}']")!;
        Assert.Equal("draft", row.GetAttribute("data-status"));
        Assert.Contains("草稿", row.TextContent, StringComparison.Ordinal);
        var toReview = await JixiaoWebFactory.HtmlAsync(app.PoliceReviewer, "/filings");
        Assert.Equal("待审核的填报", toReview.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Null(toReview.QuerySelector($"#filings tr[data-filing='{id}']"));
        Assert.DoesNotContain(toReview.QuerySelectorAll("#filing-filters a"), a => a.GetAttribute("data-status") == "draft");

        await OkAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", "{}"));
        toReview = await JixiaoWebFactory.HtmlAsync(app.PoliceReviewer, "/filings");
        Assert.Equal("submitted", toReview.QuerySelector($"#filings tr[data-filing='{id}']")!.GetAttribute("data-status"));
        var english = await JixiaoWebFactory.HtmlAsync(app.PoliceReviewer, "/filings?culture=en");
        Assert.Equal("Filings to review", english.QuerySelector("h1")!.FirstChild!.TextContent.Trim());

        var admin = await app.Factory.SignedInAsync("admin", "jixiao-admin");
        var audit = (await JixiaoWebFactory.HtmlAsync(admin, "/admin/audit")).Body!.TextContent;
        Assert.Contains("新建填报表", audit, StringComparison.Ordinal);
        Assert.Contains("提交填报表", audit, StringComparison.Ordinal);
        Assert.Contains("草稿 → 已提交", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_refusal_is_a_problem_in_chinese_with_the_english_beside()
    {
        var id = await DraftAsync(Declaration("电子警察维护", new DateOnly(2024, 6, 30)));
        await ProblemAsync(await SendAsync(app.PoliceA, HttpMethod.Post, $"/api/v1/filings/{id}/submit", "{}", token: false), HttpStatusCode.BadRequest, "缺少或无效的防伪令牌");
        await ProblemAsync(await PostAsync(app.Supervisor, "/api/v1/filings", """{"kind":"target-declaration","year":2025,"projectName":"x"}"""), HttpStatusCode.Forbidden, "无权操作");
        await ProblemAsync(await PostAsync(app.PoliceReviewer, "/api/v1/filings", """{"kind":"target-declaration","year":2025,"projectName":"x"}"""), HttpStatusCode.Forbidden, "无权操作");
        await ProblemAsync(await PostAsync(app.PoliceA, "/api/v1/filings", """{"kind":"department-self-evaluation","year":2025,"projectName":"x"}"""), HttpStatusCode.BadRequest, "输入无效", "kind-invalid");
        await ProblemAsync(await PostAsync(app.PoliceA, "/api/v1/filings", """{"kind":"target-declaration","projectName":"x"}"""), HttpStatusCode.BadRequest, "输入无效", "year-required");
        await ProblemAsync(await SendAsync(app.PoliceA, HttpMethod.Put, $"/api/v1/filings/{id}", """{"content":{}}"""), HttpStatusCode.BadRequest, "缺少版本号", "version-required");

        // a draft is its department's: not found for another department's reviewer, and for its own reviewer until submitted
        await ProblemAsync(await app.DataReviewer.GetAsync($"/api/v1/filings/{id}"), HttpStatusCode.NotFound, "未找到");
        await ProblemAsync(await app.PoliceReviewer.GetAsync($"/api/v1/filings/{id}"), HttpStatusCode.NotFound, "未找到");
        await ProblemAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/approve", "{}"), HttpStatusCode.NotFound, "未找到");
        await ProblemAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/comments", """{"field":"indicators[0].colour","text":"?"}"""), HttpStatusCode.BadRequest, "输入无效", "field-invalid");

        // the planned end before the start: an error the reviewer overrides only with a reason
        var submitted = await OkAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", "{}"));
        Assert.Contains(submitted.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "DATE-ORDER" && f.GetProperty("severity").GetString() == "error");
        await ProblemAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/submit", "{}"), HttpStatusCode.Conflict, "当前状态不允许", "wrong-status");
        var refused = await ProblemAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/approve", "{}"), HttpStatusCode.BadRequest, "输入无效", "override-reason-required");
        Assert.Equal("The checks found 1 errors: approving needs your reason for overriding them.", refused.GetProperty("detailEn").GetString());
        Assert.Contains(refused.GetProperty("findings").EnumerateArray(), f => f.GetProperty("field").GetString() == "plannedEnd");
        var commented = await OkAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/comments", """{"field":"plannedEnd","text":"计划完成日期早于开始日期"}"""), HttpStatusCode.Created);
        Assert.True(commented.GetProperty("commentId").GetInt64() > 0);
        await ProblemAsync(await PostAsync(app.PoliceA, $"/api/v1/filings/{id}/withdraw", "{}"), HttpStatusCode.Conflict, "当前状态不允许", "review-started");
        var approved = await OkAsync(await PostAsync(app.PoliceReviewer, $"/api/v1/filings/{id}/approve", """{"overrideReason":"跨年项目，日期以批复为准"}"""));
        Assert.Equal("跨年项目，日期以批复为准", approved.GetProperty("filing").GetProperty("findingsOverriddenReason").GetString());
    }
}
