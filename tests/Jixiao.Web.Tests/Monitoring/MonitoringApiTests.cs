using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jixiao.Web.Tests.Api;
using Jixiao.Web.Tests.Filings;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// Mid-year monitoring in the JSON API (<c>/api/v1/monitoring</c>): a department user records a checkpoint of an
/// approved declaration and gets its report (figures by hand), a second save of the same version is 409 naming who
/// saved it, other roles are refused, readers see it in the table, and bad input is a problem in both languages.
/// </summary>
public sealed class MonitoringApiTests(FilingFixture app) : IClassFixture<FilingFixture>
{
    /// <summary>An approved 2025 declaration of the police of 50 万元 with a count of 200 points; its id.</summary>
    private Task<long> ApprovedAsync() =>
        MonitoringScenario.ApprovedAsync(app.Factory.Services, MonitoringScenario.Declaration("治安卡口建设", 2025, 500_000));

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(client));
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private const string June = """
        {"version": 0, "executed": 150000, "note": "卡口选址延误",
         "indicators": [{"index": 0, "toDate": "80个", "likelihood": "possible"}]}
        """;

    [Fact]
    public async Task A_checkpoint_recorded_through_the_API_answers_with_its_report_and_shows_in_the_table()
    {
        var id = await ApprovedAsync();
        var path = $"/api/v1/monitoring/{id}/checkpoints/2025-06-30";
        var saved = await JsonAsync(await PutAsync(app.PoliceA, path, June), HttpStatusCode.OK);

        // 150,000 / 500,000 = 30%, 6 months: 30 ÷ 0.5 = 60 — yellow (red is below 60); 80 of 200 = 40% ÷ 0.5 = pace 80, but 有可能: yellow
        Assert.Equal((30m, 50m, 60m, "yellow"), (saved.GetProperty("rate").GetDecimal(), saved.GetProperty("timeShare").GetDecimal(), saved.GetProperty("progress").GetDecimal(), saved.GetProperty("executionLight").GetString()));
        var first = saved.GetProperty("indicators")[0];
        Assert.Equal(("cumulative", 80m, "yellow", "possible"), (first.GetProperty("kind").GetString(), first.GetProperty("pace").GetDecimal(), first.GetProperty("light").GetString(), first.GetProperty("recorded").GetProperty("likelihood").GetString()));
        var codes = saved.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).Where(c => c != "MON-IND-UNASSESSED").ToList();
        Assert.Equal(["MON-EXEC-YELLOW", "MON-IND-YELLOW", "MON-CAUSE-MISSING"], codes);
        Assert.Equal((3, 1, "yellow"), (saved.GetProperty("warningCount").GetInt32(), saved.GetProperty("version").GetInt32(), saved.GetProperty("light").GetString()));

        var conflict = await ApiClient.ProblemAsync(await PutAsync(app.PoliceB, path, June.Replace("150000", "160000", StringComparison.Ordinal)), HttpStatusCode.Conflict);
        Assert.Equal(("conflict", 1, "police-a"), (conflict.GetProperty("problem").GetString(), conflict.GetProperty("currentVersion").GetInt32(), conflict.GetProperty("changedBy").GetString()));
        Assert.Equal("executed", conflict.GetProperty("changes")[0].GetProperty("field").GetString());
        Assert.Contains("police-a", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(app.PoliceReviewer, path, June)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(app.Finance, path, June)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.DataReviewer.GetAsync($"/api/v1/monitoring/{id}")).StatusCode);

        var detail = await JsonAsync(await app.Supervisor.GetAsync($"/api/v1/monitoring/{id}"), HttpStatusCode.OK);
        Assert.Equal((false, "卡口选址延误"), (detail.GetProperty("mayRecord").GetBoolean(), detail.GetProperty("checkpoints")[0].GetProperty("note").GetString()));
        var table = await JsonAsync(await app.Finance.GetAsync("/api/v1/monitoring?year=2025&department=" + Uri.EscapeDataString(FilingFixture.Police)), HttpStatusCode.OK);
        var row = table.EnumerateArray().Single(r => r.GetProperty("filingId").GetInt64() == id);
        Assert.Equal(("yellow", 3, "2025-06-30"), (row.GetProperty("light").GetString(), row.GetProperty("latest").GetProperty("warningCount").GetInt32(), row.GetProperty("latest").GetProperty("date").GetString()));
        Assert.Empty((await JsonAsync(await app.DataReviewer.GetAsync("/api/v1/monitoring"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Bad_dates_and_choices_are_problems_in_both_languages()
    {
        var id = await ApprovedAsync();
        var date = await ApiClient.ProblemAsync(await PutAsync(app.PoliceA, $"/api/v1/monitoring/{id}/checkpoints/30-06-2025", June), HttpStatusCode.BadRequest);
        Assert.Equal(("date-invalid", "The checkpoint date must read yyyy-MM-dd, e.g. 2025-06-30, not \"30-06-2025\"."), (date.GetProperty("problem").GetString(), date.GetProperty("detailEn").GetString()));
        var choice = await ApiClient.ProblemAsync(await PutAsync(app.PoliceA, $"/api/v1/monitoring/{id}/checkpoints/2025-06-30", June.Replace("possible", "maybe", StringComparison.Ordinal)), HttpStatusCode.BadRequest);
        Assert.Equal("choice-invalid", choice.GetProperty("problem").GetString());
        var year = await ApiClient.ProblemAsync(await PutAsync(app.PoliceA, $"/api/v1/monitoring/{id}/checkpoints/2026-06-30", June), HttpStatusCode.BadRequest);
        Assert.Equal("监控时点 2026-06-30 不在预算年度 2025 年内。", year.GetProperty("detail").GetString());
    }
}
