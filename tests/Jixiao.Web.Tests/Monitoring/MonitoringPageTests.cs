using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Jixiao.Web.Tests.Filings;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// The monitoring pages (issue 11, item 6): <c>/monitoring/{id}</c> offers the recording form to the declaration's
/// department users only, shows every reader the report, keeps what was typed with a message on each wrong field, and
/// shows a conflict with its differences; <c>/monitoring</c> lists each role's scope worst first, and its CSV has
/// exactly the page's rows and columns (figures by hand).
/// </summary>
public sealed class MonitoringPageTests(FilingFixture app) : IClassFixture<FilingFixture>
{
    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts the recording form of <paramref name="path"/> with its hidden fields and <paramref name="values"/>.</summary>
    private static async Task<HttpResponseMessage> RecordAsync(HttpClient client, string path, Dictionary<string, string> values)
    {
        var page = await JixiaoWebFactory.HtmlAsync(client, path);
        var form = page.QuerySelector("#record-form") ?? throw new InvalidOperationException($"no recording form on {path}");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in values)
        {
            fields[k] = v;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static string? Value(IHtmlDocument page, string id) => page.QuerySelector("#" + id)?.GetAttribute("value");

    [Fact]
    public async Task Only_the_departments_users_get_the_form_every_reader_sees_the_report_and_others_are_refused()
    {
        var id = await MonitoringScenario.ApprovedAsync(app.Factory.Services, MonitoringScenario.Declaration("卡口扩建", 2025, 100));
        var path = $"/monitoring/{id}";
        var saved = await RecordAsync(app.PoliceA, path, new() { ["date"] = "6月30日", ["executed"] = "30", ["toDate-0"] = "40个" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{path}?date=2025-06-30#report", saved.Headers.Location!.OriginalString);

        // the department user: the report, and the form filled from the saved checkpoint (version 1)
        var own = await JixiaoWebFactory.HtmlAsync(app.PoliceA, saved.Headers.Location.OriginalString.Split('#')[0]);
        Assert.NotNull(own.QuerySelector("#record-form"));
        Assert.Equal(("2025-06-30", "30", "1", "40个"), (Value(own, "field-date"), Value(own, "field-executed"), own.QuerySelector("#record-form input[name=version]")!.GetAttribute("value"), Value(own, "field-toDate-0")));
        Assert.Contains("已保存 2025-06-30 的监控情况（第 1 版）", own.QuerySelector("#monitoring-saved")!.TextContent, StringComparison.Ordinal);

        // readers: the same report, no form
        foreach (var reader in new[] { app.PoliceReviewer, app.Finance, app.Supervisor })
        {
            var page = await JixiaoWebFactory.HtmlAsync(reader, path);
            Assert.Null(page.QuerySelector("#record-form"));
            // 30 / 100 = 30% at 30 June (6 of 12 months: 50%): progress 60% — yellow, as red is below 60
            Assert.Equal(("30.00%", "50.00%", "60.00%", "黄灯"), (page.QuerySelector("#execution-rate")!.TextContent, page.QuerySelector("#time-share")!.TextContent,
                page.QuerySelector("#execution-progress")!.TextContent, page.QuerySelector("#execution-light")!.TextContent));
            // 40 of 200 = 20% in half the year: pace 40% — red; the project is as red as its worst
            Assert.Equal(("red", "red"), (page.QuerySelector("#indicators tr[data-index='0']")!.GetAttribute("data-light"), page.QuerySelector("#report-light")!.GetAttribute("data-light")));
            Assert.Equal(["MON-EXEC-YELLOW", "MON-IND-RED", "MON-CAUSE-MISSING"],
                page.QuerySelectorAll("#warnings li").Select(li => li.GetAttribute("data-code")).Where(c => c != "MON-IND-UNASSESSED"));
            Assert.Equal("3", page.QuerySelector("#warning-count")!.GetAttribute("data-count"));
        }

        // another department's reviewer does not find it; signed out goes to the sign-in page; a reader's post is refused
        Assert.Equal(HttpStatusCode.NotFound, (await app.DataReviewer.GetAsync(path)).StatusCode);
        var anonymous = await app.Factory.Client().GetAsync(path);
        Assert.Equal((HttpStatusCode.Redirect, "/login"), (anonymous.StatusCode, anonymous.Headers.Location!.AbsolutePath));
        var posted = await app.Supervisor.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["date"] = "2025-08-31", ["executed"] = "50", ["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(app.Supervisor, path),
        }));
        Assert.Equal((HttpStatusCode.Redirect, "/denied"), (posted.StatusCode, posted.Headers.Location!.AbsolutePath));
        Assert.Single((await JixiaoWebFactory.HtmlAsync(app.Finance, path)).QuerySelectorAll("#checkpoints tbody tr"));

        // the links: the declaration's editor page and the queue lead to the page; the navigation offers 填报 and 监控
        var editor = await JixiaoWebFactory.HtmlAsync(app.PoliceA, $"/filings/{id}");
        Assert.Equal(path, editor.QuerySelector("#monitoring-link")!.GetAttribute("href"));
        var queue = await JixiaoWebFactory.HtmlAsync(app.PoliceA, "/filings?status=approved");
        Assert.Equal(path, queue.QuerySelector($"#filings tr[data-filing='{id}'] a.monitoring-link")!.GetAttribute("href"));
        Assert.Equal(("/filings", "/monitoring"), (queue.QuerySelector("#nav-filings")!.GetAttribute("href"), queue.QuerySelector("#nav-monitoring")!.GetAttribute("href")));
        var supervisor = await JixiaoWebFactory.HtmlAsync(app.Supervisor, "/monitoring");
        Assert.Equal((0, 1), (supervisor.QuerySelectorAll("#nav-filings").Length, supervisor.QuerySelectorAll("#nav-monitoring").Length));
    }

    [Fact]
    public async Task Bad_input_gets_a_message_on_its_field_and_keeps_what_was_typed_and_a_conflict_shows_the_differences()
    {
        var id = await MonitoringScenario.ApprovedAsync(app.Factory.Services, MonitoringScenario.Declaration("卡口维护", 2025, 100));
        var path = $"/monitoring/{id}";
        var bad = await RecordAsync(app.PoliceA, path, new() { ["date"] = "2024-06-30", ["executed"] = "三十", ["budget"] = "-5", ["toDate-0"] = "40个", ["likelihood-1"] = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await ParseAsync(bad);
        Assert.Equal("监控时点 2024-06-30 不在预算年度 2025 年内。", page.QuerySelector("#error-date")!.TextContent);
        Assert.Equal("执行数应为以元为单位的数字，如 300000，而不是“三十”。", page.QuerySelector("#error-executed")!.TextContent);
        Assert.Equal("全年预算数不能为负数。", page.QuerySelector("#error-budget")!.TextContent);
        Assert.Equal("请选择 确定能、有可能 或 完全不可能。", page.QuerySelector("#field-likelihood-1 + .field-error")!.TextContent);
        Assert.Equal(("2024-06-30", "三十", "-5", "40个"), (Value(page, "field-date"), Value(page, "field-executed"), Value(page, "field-budget"), Value(page, "field-toDate-0")));
        Assert.Equal("true", page.QuerySelector("#field-date")!.GetAttribute("aria-invalid"));
        Assert.Empty((await JixiaoWebFactory.HtmlAsync(app.Finance, path)).QuerySelectorAll("#checkpoints tbody tr"));

        var unreadable = await ParseAsync(await RecordAsync(app.PoliceA, path, new() { ["date"] = "6月31日" }));
        Assert.Equal("请填写监控时点，如 2025-06-30 或 6月30日。", unreadable.QuerySelector("#error-date")!.TextContent);

        // two users record 31 August from the same (new) version: the second is shown who saved it and what differs, and keeps their figures
        Assert.Equal(HttpStatusCode.Redirect, (await RecordAsync(app.PoliceA, path, new() { ["date"] = "2025-08-31", ["executed"] = "60" })).StatusCode);
        var conflict = await RecordAsync(app.PoliceB, path, new() { ["date"] = "2025-08-31", ["executed"] = "70", ["note"] = "设备到货" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var shown = await ParseAsync(conflict);
        Assert.Contains("police-a", shown.QuerySelector("#record-error")!.TextContent, StringComparison.Ordinal);
        var executed = shown.QuerySelector("#conflict-changes tr[data-field='executed']")!;
        Assert.Equal(["执行数", "70", "60"], executed.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(("70", "设备到货", "1"), (Value(shown, "field-executed"), shown.QuerySelector("#field-note")!.TextContent, shown.QuerySelector("#record-form input[name=version]")!.GetAttribute("value")));
    }

    [Fact]
    public async Task The_table_lists_each_roles_scope_worst_first_and_its_csv_has_the_same_rows_and_columns()
    {
        // 2026, so that no other test's declaration is in the rows
        var services = app.Factory.Services;
        var red = await MonitoringScenario.ApprovedAsync(services, MonitoringScenario.Declaration("卡口建设", 2026, 100));
        var green = await MonitoringScenario.ApprovedAsync(services, MonitoringScenario.Declaration("信号灯改造", 2026, 100));
        var none = await MonitoringScenario.ApprovedAsync(services, MonitoringScenario.Declaration("治安巡逻", 2026, 100));
        var other = await MonitoringScenario.ApprovedAsync(services, MonitoringScenario.Declaration("政务云", 2026, 100, FilingFixture.DataBureau));
        // red: 30 of 100 by 30 June — 30% against 50%, progress 60: yellow (red only below 60); 40 of 200 卡口, pace 40: red
        Assert.Equal(HttpStatusCode.Redirect, (await RecordAsync(app.PoliceA, $"/monitoring/{red}", new() { ["date"] = "2026-06-30", ["executed"] = "30", ["toDate-0"] = "40个" })).StatusCode);
        // green: 50 of 100 by 30 June — progress 100; 100 of 200 卡口, pace 100, 确定能: green
        Assert.Equal(HttpStatusCode.Redirect, (await RecordAsync(app.PoliceA, $"/monitoring/{green}",
            new() { ["date"] = "2026-06-30", ["executed"] = "50", ["toDate-0"] = "100个", ["likelihood-0"] = "certain" })).StatusCode);

        var police = Uri.EscapeDataString(FilingFixture.Police);
        var page = await JixiaoWebFactory.HtmlAsync(app.Finance, $"/monitoring?year=2026&department={police}");
        Assert.Equal([red, none, green], page.QuerySelectorAll("#monitoring tbody tr").Select(tr => long.Parse(tr.GetAttribute("data-filing")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal($"/api/v1/monitoring/export?format=csv&department={police}&year=2026", page.QuerySelector("#monitoring-export")!.GetAttribute("href"));

        var response = await app.Finance.GetAsync($"/api/v1/monitoring/export?format=csv&department={police}&year=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var p = FilingFixture.Police;
        string[] expected =
        [
            "编号,主管部门,年度,项目名称,状态,最近监控时点,全年预算数（元）,执行数（元）,执行率（%）,时间进度（%）,执行进度（%）,执行进度灯,监控结果,红灯指标,黄灯指标,绿灯指标,预警数",
            $"{red},{p},2026,卡口建设,已审核通过,2026-06-30,100,30,30.00,50.00,60.00,黄灯,红灯,1,0,0,3",
            $"{none},{p},2026,治安巡逻,已审核通过,尚未监控,,,,,,,尚未监控,,,,",
            $"{green},{p},2026,信号灯改造,已审核通过,2026-06-30,100,50,50.00,50.00,100.00,绿灯,绿灯,0,0,1,0",
        ];
        Assert.Equal(string.Join("\r\n", expected) + "\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        // the page's cells are the CSV's, column by column (amounts of a thousand yuan or more are shown on the page with separators)
        var headings = page.QuerySelectorAll("#monitoring thead th").Select(th => th.TextContent.Trim());
        Assert.Equal(expected[0].Split(','), headings);
        var cells = page.QuerySelectorAll($"#monitoring tr[data-filing='{red}'] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(expected[1].Split(','), cells);

        // scope: the police user sees the police only, the finance bureau and the supervisor every department
        Assert.Equal([red, none, green], Ids(await JixiaoWebFactory.HtmlAsync(app.PoliceA, "/monitoring?year=2026")));
        foreach (var reader in new[] { app.Finance, app.Supervisor })
        {
            Assert.Equal([red, none, other, green], Ids(await JixiaoWebFactory.HtmlAsync(reader, "/monitoring?year=2026")));
        }

        var own = await (await app.PoliceA.GetAsync("/api/v1/monitoring/export?year=2026")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("政务云", own, StringComparison.Ordinal);
        Assert.Equal(4, own.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static List<long> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#monitoring tbody tr").Select(tr => long.Parse(tr.GetAttribute("data-filing")!, System.Globalization.CultureInfo.InvariantCulture))];
}
