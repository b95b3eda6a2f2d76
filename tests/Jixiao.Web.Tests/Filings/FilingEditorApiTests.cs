using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Tests.Excel;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Filings;

/// <summary>
/// What the editors use besides the filing API (issue 11, items 1, 2 and 4): the live evaluation of a form being
/// edited (<c>POST /api/v1/filings/live</c>) with values worked out by hand from docs/rules.md, and the official
/// workbook of a draft downloaded and uploaded back into it (saved as typed; nothing saved when a cell is broken).
/// </summary>
public sealed class FilingEditorApiTests(FilingFixture app) : IClassFixture<FilingFixture>
{
    /// <summary>A self-evaluation being filled: 500,000 yuan budgeted, 450,000 executed; one target missed, one override.</summary>
    private static PerformanceForm SelfEvaluation(string project) => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = 2025,
        ProjectName = project,
        Department = FilingFixture.Police,
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { InitialBudget = 500_000, AnnualBudget = 500_000, Executed = 450_000, Weight = 10 } },
        Goals = new Goals { Expected = "新增监控点位 200 个。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥200(个)", Actual = "180(个)", Weight = 50 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件发案率下降", Target = "≥5(%)", Actual = "6(%)", Weight = 30 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Actual = "95(%)", Weight = 10, Score = 8 },
        ],
    };

    private static async Task<JsonElement> LiveAsync(HttpClient client, PerformanceForm form, string reasons = "{}")
    {
        using var content = new StringContent($$"""{"content":{{FilingContent.Write(form)}},"reasons":{{reasons}}}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var response = await client.PostAsync("/api/v1/filings/live", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task The_live_evaluation_of_a_self_evaluation_gives_the_suggested_scores_the_sums_the_total_and_grade_by_the_rules()
    {
        var live = await LiveAsync(app.PoliceA, SelfEvaluation("监控运维"));

        Assert.Equal("national-2020", live.GetProperty("ruleSet").GetString());
        var scores = live.GetProperty("scores");
        var rows = scores.GetProperty("indicators");
        // Q2: a missed ≥ target scores weight × actual / target = 50 × 180 / 200 = 45; the row loses 5 points, so it needs a deviation
        Assert.Equal((45m, true), (rows[0].GetProperty("point").GetDecimal(), rows[0].GetProperty("needsDeviation").GetBoolean()));
        Assert.Equal(30m, rows[1].GetProperty("point").GetDecimal());
        // 95% ≥ 90%: met, 10; the typed 8 is an override without a reason
        Assert.Equal((10m, 8m, true, true), (rows[2].GetProperty("point").GetDecimal(), rows[2].GetProperty("entered").GetDecimal(),
            rows[2].GetProperty("isOverride").GetBoolean(), rows[2].GetProperty("needsReason").GetBoolean()));
        // 执行率 450,000 / 500,000 = 90.00%, × 10 = 9
        var execution = scores.GetProperty("execution");
        Assert.Equal((90m, 9m), (execution.GetProperty("rate").GetDecimal(), execution.GetProperty("point").GetDecimal()));
        // total as filed: 9 + 45 + 30 + 8 = 92 (优 from 90); the rules alone: 9 + 45 + 30 + 10 = 94
        Assert.Equal((92m, "优", 94m), (scores.GetProperty("total").GetDecimal(), scores.GetProperty("grade").GetString(), scores.GetProperty("rulesTotal").GetDecimal()));

        var weights = live.GetProperty("weights");
        Assert.Equal((90m, 10m, 100m, true), (weights.GetProperty("indicators").GetDecimal(), weights.GetProperty("execution").GetDecimal(),
            weights.GetProperty("total").GetDecimal(), weights.GetProperty("addsUp").GetBoolean()));
        var output = weights.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("category").GetString() == "output");
        Assert.Equal(("产出指标", 1, 50m, 50m), (output.GetProperty("name").GetString(), output.GetProperty("count").GetInt32(),
            output.GetProperty("sum").GetDecimal(), output.GetProperty("default").GetDecimal()));

        var findings = live.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("code").GetString(), f.GetProperty("field").GetString())).ToList();
        Assert.Contains(("SCORE-OVERRIDE", "indicators[2].score"), findings);
        Assert.Contains(("DEV-MISSING", "indicators[0].deviation"), findings);

        var reasoned = await LiveAsync(app.PoliceA, SelfEvaluation("监控运维"), """{"indicators[2].score":"两个点位投诉未办结"}""");
        var row = reasoned.GetProperty("scores").GetProperty("indicators")[2];
        Assert.Equal((true, true, false), (row.GetProperty("isOverride").GetBoolean(), row.GetProperty("reasonGiven").GetBoolean(), row.GetProperty("needsReason").GetBoolean()));
        Assert.DoesNotContain(reasoned.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "SCORE-OVERRIDE");
    }

    [Fact]
    public async Task The_live_evaluation_of_a_declaration_names_a_target_without_a_unit_on_its_cell_and_offers_the_levels_and_default_weights()
    {
        var form = new PerformanceForm
        {
            Kind = FormKind.TargetDeclaration,
            Year = 2025,
            ProjectName = "道路监控建设",
            Indicators =
            [
                new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥50", Weight = 40 },
                new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "发案率下降", Target = "≥5%", Weight = 30 },
            ],
        };

        var live = await LiveAsync(app.PoliceA, form);

        var target = live.GetProperty("indicators")[0].GetProperty("target");
        Assert.Equal(("indicators[0].target", "≥", 50m, "缺少计量单位（如 %、个、次、万元）。"),
            (target.GetProperty("field").GetString(), target.GetProperty("operator").GetString(), target.GetProperty("number").GetDecimal(), target.GetProperty("messageZh").GetString()));
        var fine = live.GetProperty("indicators")[1].GetProperty("target");
        Assert.Equal(("≥", 5m, "%", JsonValueKind.Null), (fine.GetProperty("operator").GetString(), fine.GetProperty("number").GetDecimal(), fine.GetProperty("unit").GetString(),
            fine.GetProperty("message").ValueKind));
        Assert.Equal(JsonValueKind.Null, live.GetProperty("scores").ValueKind);
        Assert.Equal(["产出指标", "效益指标", "满意度指标"], live.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("name").GetString()).Where(n => n != "成本指标"));
        var defaults = live.GetProperty("defaultWeights");
        Assert.Equal((50m, 30m, 10m, 10m), (defaults.GetProperty("output").GetDecimal(), defaults.GetProperty("benefit").GetDecimal(),
            defaults.GetProperty("satisfaction").GetDecimal(), live.GetProperty("defaultExecutionWeight").GetDecimal()));
        Assert.Equal((70m, 10m, false), (live.GetProperty("weights").GetProperty("indicators").GetDecimal(), live.GetProperty("weights").GetProperty("levels")
            .EnumerateArray().Single(l => l.GetProperty("category").GetString() == "output").GetProperty("remaining").GetDecimal(), live.GetProperty("weights").GetProperty("addsUp").GetBoolean()));
    }

    [Fact]
    public async Task A_live_evaluation_of_something_that_is_not_a_form_is_a_problem_in_both_languages()
    {
        using var content = new StringContent("""{"content":{"schema":"jixiao.form/1","kind":"self-evaluation","year":"二〇二五"}}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var body = await ApiClient.ProblemAsync(await app.PoliceA.PostAsync("/api/v1/filings/live", content), HttpStatusCode.BadRequest);
        Assert.Equal("content-invalid", body.GetProperty("problem").GetString());
        Assert.StartsWith("表的内容无法读取", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The content cannot be read", body.GetProperty("detailEn").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, long id, int version, byte[] workbook)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "filled.xlsx");
        content.Add(new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/filings/{id}/workbook") { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(client));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_filled_workbook_uploaded_into_the_draft_is_saved_exactly_as_typed_and_a_broken_cell_saves_nothing()
    {
        var draft = SelfEvaluation("卡口运维");
        draft.Indicators[0].Actual = null;
        draft.Indicators[2].Score = null;
        using var create = new StringContent($$"""{"kind":"self-evaluation","content":{{FilingContent.Write(draft)}}}""", Encoding.UTF8);
        create.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var createRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filings") { Content = create };
        createRequest.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(app.PoliceA));
        var created = await app.PoliceA.SendAsync(createRequest);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id;
        using (var doc = await ApiClient.JsonAsync(created))
        {
            id = doc.RootElement.GetProperty("filing").GetProperty("id").GetInt64();
        }

        var download = await app.PoliceA.GetAsync($"/api/v1/filings/{id}/workbook");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"filing-{id}-v1.xlsx", download.Content.Headers.ContentDisposition!.FileName);
        var exported = OfficialWorkbookReader.Read(await download.Content.ReadAsByteArrayAsync(), "draft.xlsx");
        Assert.Empty(exported.Messages);
        Assert.Equal(("卡口运维", null), (exported.Form!.ProjectName, exported.Form.Indicators[0].Actual));

        // filled offline: the actual and the executed amount typed
        var filled = SelfEvaluation("卡口运维");
        filled.Indicators[0].Actual = "186(个)";
        filled.Indicators[0].Deviation = "部分点位待电力接入。";
        filled.SelfEvaluationFunds!.Total!.Executed = 468_000;
        var saved = await UploadAsync(app.PoliceA, id, 1, OfficialWorkbook.Write(filled));
        using (var doc = await ApiClient.JsonAsync(saved))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.OK, doc.RootElement.ToString());
            var filing = doc.RootElement.GetProperty("filing");
            var content = filing.GetProperty("content");
            Assert.Equal(2, filing.GetProperty("version").GetInt32());
            Assert.Equal(("186(个)", "部分点位待电力接入。", 8m, 468000m), (content.GetProperty("indicators")[0].GetProperty("actual").GetString(),
                content.GetProperty("indicators")[0].GetProperty("deviation").GetString(), content.GetProperty("indicators")[2].GetProperty("score").GetDecimal(),
                content.GetProperty("funds").GetProperty("total").GetProperty("executed").GetDecimal()));
        }

        // a weight typed in words: named cell by cell, nothing saved
        using var edit = new WorkbookEdit(OfficialWorkbook.Write(filled));
        var broken = await ApiClient.ProblemAsync(await UploadAsync(app.PoliceA, id, 2, edit.Text("G13", "十分").Save()), HttpStatusCode.BadRequest);
        Assert.Equal("workbook-invalid", broken.GetProperty("problem").GetString());
        var error = Assert.Single(broken.GetProperty("errors").EnumerateArray());
        Assert.Equal(("G13", "OWB-NUMBER", "G13：分值应为数字，实为「十分」"), (error.GetProperty("cell").GetString(), error.GetProperty("code").GetString(), error.GetProperty("messageZh").GetString()));
        using var now = await ApiClient.GetJsonAsync(app.PoliceA, $"/api/v1/filings/{id}");
        Assert.Equal((2, 50m), (now.RootElement.GetProperty("version").GetInt32(), now.RootElement.GetProperty("content").GetProperty("indicators")[0].GetProperty("weight").GetDecimal()));

        // from an old version: 409, nothing saved
        var stale = await ApiClient.ProblemAsync(await UploadAsync(app.PoliceB, id, 1, OfficialWorkbook.Write(filled)), HttpStatusCode.Conflict);
        Assert.Equal(("conflict", 2), (stale.GetProperty("problem").GetString(), stale.GetProperty("currentVersion").GetInt32()));
    }
}
