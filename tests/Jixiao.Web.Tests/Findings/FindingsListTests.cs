using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Checks;
using Jixiao.Web.Tests.Api;
using Jixiao.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Findings;

/// <summary>
/// The findings list (<c>/findings</c>, <c>/api/v1/findings</c> and its exports) over the imported corpus: each filter
/// lists exactly the stored findings it selects, a department user sees only their department, every export holds the
/// filtered findings, and paging behaves at its edges, in Chinese and English.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FindingsListTests(ApiFixture api)
{
    private static readonly string PoliceQuery = Uri.EscapeDataString(ApiFixture.Police);

    /// <summary>Every stored finding with its form's department, kind and year: the hand computation the lists must equal.</summary>
    private async Task<List<(long FormId, int Number, string Code, Severity Severity, string? Department, int? Year, string Field)>> StoredAsync()
    {
        await using var db = api.Factory.Database.CreateContext();
        var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id);
        var findings = await db.Findings.AsNoTracking().ToListAsync();
        return [.. findings.Select(x => (x.FormId, x.Position + 1, x.Code, x.Severity, forms[x.FormId].Department, forms[x.FormId].Year, x.Field))];
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "check=GOAL-COPIED", "GOAL-COPIED" },
        { "check=FUND-RATE", "FUND-RATE" },
        { "severity=error", "error" },
        { "dept=" + PoliceQuery, "police" },
        { "dept=" + PoliceQuery + "&severity=warning", "police warnings" },
        { "year=2023&check=TGT-UNMEASURABLE", "2023 TGT-UNMEASURABLE" },
    };

    private static bool Keep(string name, (long FormId, int Number, string Code, Severity Severity, string? Department, int? Year, string Field) x) => name switch
    {
        "GOAL-COPIED" => x.Code == "GOAL-COPIED",
        "FUND-RATE" => x.Code == "FUND-RATE",
        "error" => x.Severity == Severity.Error,
        "police" => x.Department == ApiFixture.Police,
        "police warnings" => x.Department == ApiFixture.Police && x.Severity == Severity.Warning,
        _ => x.Year == 2023 && x.Code == "TGT-UNMEASURABLE",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_page_lists_exactly_the_stored_findings_the_filters_select(string query, string name)
    {
        var expected = (await StoredAsync()).Where(x => Keep(name, x)).Select(x => (x.FormId, x.Number)).Order().ToList();
        Assert.True(expected.Count > 0 || name == "FUND-RATE", name); // the corpus prints no execution rate wrong

        var listed = new List<(long, int)>();
        for (var page = 1; ; page++)
        {
            var html = await JixiaoWebFactory.HtmlAsync(api.Admin, $"/findings?{query}&size=200&page={page}");
            Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), html.QuerySelector("#finding-count")!.GetAttribute("data-total"));
            var rows = Rows(html);
            listed.AddRange(rows);
            if (rows.Count < 200)
            {
                Assert.Equal(rows.Count == 0, html.QuerySelector("#findings-empty") is not null);
                break;
            }
        }

        Assert.Equal(expected, listed.Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_api_lists_exactly_the_stored_findings_the_filters_select(string query, string name)
    {
        var expected = (await StoredAsync()).Where(x => Keep(name, x)).Select(x => (x.FormId, x.Number)).Order().ToList();
        using var doc = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/findings?{query}&pageSize=500");
        Assert.Equal(expected.Count, ApiClient.TotalCount(doc));
        Assert.Equal(expected, ApiClient.Items(doc).Select(i => (i.GetProperty("formId").GetInt64(), i.GetProperty("number").GetInt32())).Order().ToList());
    }

    [Fact]
    public async Task A_row_shows_the_form_indicator_check_message_values_and_source_line()
    {
        await using var db = api.Factory.Database.CreateContext();
        var finding = await db.Findings.AsNoTracking().Where(x => x.Code == "FUND-RATE-LOW").OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();
        var form = await db.Forms.AsNoTracking().SingleAsync(f => f.Id == finding.FormId);
        var scored = await db.Findings.AsNoTracking().Where(x => x.Field.EndsWith("].score")).OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.FormId == scored.FormId && i.Position == scored.IndicatorIndex);

        var html = await JixiaoWebFactory.HtmlAsync(api.Admin, "/findings?check=FUND-RATE-LOW&size=200");
        var row = html.QuerySelector($"#findings-table tr[data-form-id='{finding.FormId}'][data-number='{finding.Position + 1}']")!;
        var cells = row.QuerySelectorAll("td");
        Assert.Equal(form.ProjectName, cells[0].QuerySelector("a")!.TextContent);
        Assert.Equal($"/forms/{form.Id}", cells[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/forms/{form.Id}#cell-{finding.Position + 1}", row.QuerySelector("a.finding-anchor")!.GetAttribute("href"));
        Assert.Equal(form.Department, cells[1].TextContent);
        Assert.Equal(form.ImplementingUnit, cells[2].TextContent);
        Assert.Equal(form.Year.ToString(), cells[3].TextContent);
        Assert.Contains("FUND-RATE-LOW", cells[6].TextContent, StringComparison.Ordinal);
        Assert.Contains("执行率偏低", cells[6].TextContent, StringComparison.Ordinal);
        Assert.Equal(CheckCatalogue.Definition("FUND-RATE-LOW")!.MeaningZh, cells[6].GetAttribute("title"));
        Assert.Equal("提示", cells[7].TextContent.Trim());
        Assert.Equal(finding.MessageZh, cells[8].TextContent);
        Assert.Equal(Web.Shared.Ui.Percent(form.TotalExecutionRate), row.QuerySelector(".values .printed")!.TextContent);
        Assert.Equal(Web.Shared.Ui.Percent(form.ExecutionRateRecomputed), row.QuerySelector(".values .recomputed-value")!.TextContent);
        Assert.Equal(form.TotalExecutionRate != form.ExecutionRateRecomputed, row.QuerySelector(".values .recomputed-value")!.ClassList.Contains("sev-error"));
        Assert.Equal($"/forms/{form.Id}#L{finding.SourceLine}", row.QuerySelector("a.source-line")!.GetAttribute("href"));

        // the indicator's 三级指标 and its printed and recomputed score
        var scoredPage = await JixiaoWebFactory.HtmlAsync(api.Admin, $"/findings?check={scored.Code}&size=200");
        var scoredRow = scoredPage.QuerySelector($"#findings-table tr[data-form-id='{scored.FormId}'][data-number='{scored.Position + 1}']")!;
        Assert.Equal(indicator.Name, scoredRow.QuerySelector("td.indicator")!.TextContent);
        Assert.Equal(Ui(indicator.Score), scoredRow.QuerySelector(".values .printed")!.TextContent);
        Assert.Equal(Ui(indicator.RecomputedScore), scoredRow.QuerySelector(".values .recomputed-value")!.TextContent);

        // the API item carries the same
        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings?check=FUND-RATE-LOW&pageSize=500");
        var item = ApiClient.Items(doc).Single(i => i.GetProperty("formId").GetInt64() == finding.FormId && i.GetProperty("number").GetInt32() == finding.Position + 1);
        Assert.Equal(finding.MessageZh, item.GetProperty("message").GetString());
        Assert.Equal(finding.MessageEn, item.GetProperty("messageEn").GetString());
        Assert.Equal("rate", item.GetProperty("values").GetProperty("measure").GetString());
        Assert.Equal(form.TotalExecutionRate, item.GetProperty("values").GetProperty("printed").GetDecimal());
        Assert.Equal(form.ExecutionRateRecomputed, item.GetProperty("values").GetProperty("recomputed").GetDecimal());
        Assert.Equal($"/forms/{form.Id}#cell-{finding.Position + 1}", item.GetProperty("findingUrl").GetString());
        Assert.Equal($"/forms/{form.Id}#L{finding.SourceLine}", item.GetProperty("sourceUrl").GetString());
        Assert.Equal("info", item.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Each_finding_links_to_its_cell_when_the_form_page_shows_one_and_to_its_source_line()
    {
        // every finding of every form: the page has the finding's cell anchor exactly when the list links to it
        using var all = JsonDocument.Parse(await api.Admin.GetStringAsync("/api/v1/findings/export?format=json"));
        var cells = 0;
        foreach (var form in all.RootElement.EnumerateArray().GroupBy(i => i.GetProperty("formId").GetInt64()))
        {
            var page = await JixiaoWebFactory.HtmlAsync(api.Admin, $"/forms/{form.Key}");
            foreach (var item in form)
            {
                var number = item.GetProperty("number").GetInt32();
                var link = item.GetProperty("findingUrl").GetString()!;
                var onCell = page.GetElementById("cell-" + number.ToString(CultureInfo.InvariantCulture)) is not null;
                Assert.True(onCell == link.EndsWith($"#cell-{number}", StringComparison.Ordinal), $"form {form.Key} finding {number} ({item.GetProperty("field").GetString()}): {link}");
                Assert.NotNull(page.GetElementById(link.Split('#')[1]));
                if (item.GetProperty("sourceUrl").GetString() is { } source)
                {
                    Assert.NotNull(page.GetElementById(source.Split('#')[1]));
                }

                cells += onCell ? 1 : 0;
            }
        }

        Assert.True(cells > 100, $"{cells} findings on cells");
    }

    [Fact]
    public async Task A_department_user_lists_only_the_findings_of_their_department()
    {
        var police = (await StoredAsync()).Where(x => x.Department == ApiFixture.Police).Select(x => (x.FormId, x.Number)).Order().ToList();

        using var mine = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/findings?pageSize=500");
        Assert.Equal(police.Count, ApiClient.TotalCount(mine));
        Assert.Equal(police, ApiClient.Items(mine).Select(i => (i.GetProperty("formId").GetInt64(), i.GetProperty("number").GetInt32())).Order().ToList());
        using var other = await ApiClient.GetJsonAsync(api.PoliceUser, "/api/v1/findings?department=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        Assert.Equal(0, ApiClient.TotalCount(other));

        var html = await JixiaoWebFactory.HtmlAsync(api.PoliceUser, "/findings?size=200");
        Assert.Equal(police.Count.ToString(CultureInfo.InvariantCulture), html.QuerySelector("#finding-count")!.GetAttribute("data-total"));
        Assert.DoesNotContain(ApiFixture.DataBureau, html.Body!.TextContent, StringComparison.Ordinal);
        var asked = await JixiaoWebFactory.HtmlAsync(api.PoliceUser, "/findings?dept=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        Assert.Equal("0", asked.QuerySelector("#finding-count")!.GetAttribute("data-total"));

        var csv = Csv.Parse((await api.PoliceUser.GetStringAsync("/api/v1/findings/export?format=csv")).TrimStart('\uFEFF'));
        Assert.Equal(police.Count + 1, csv.Count);
        Assert.All(csv.Skip(1), r => Assert.Equal(ApiFixture.Police, r[Array.IndexOf(csv[0], "主管部门")]));
    }

    [Fact]
    public async Task Each_export_holds_the_filtered_findings_in_the_list_order()
    {
        const string query = "severity=warning&sort=check";
        using var list = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/findings?{query}&pageSize=500");
        var expected = ApiClient.Items(list).Select(i => (i.GetProperty("formId").GetInt64(), i.GetProperty("number").GetInt32())).ToList();
        var stored = (await StoredAsync()).Where(x => x.Severity == Severity.Warning).ToList();
        Assert.Equal(stored.Count, expected.Count);

        // CSV: BOM, header, one row per finding
        var csvResponse = await api.Admin.GetAsync($"/api/v1/findings/export?format=csv&{query}");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = csv[0];
        Assert.Equal(["表单编号", "问题序号", "年度", "表类型", "项目名称", "主管部门", "实施单位", "三级指标", "检查项"], header[..9]);
        Assert.Equal(expected, csv.Skip(1).Select(r => (long.Parse(r[0], CultureInfo.InvariantCulture), int.Parse(r[1], CultureInfo.InvariantCulture))).ToList());
        Assert.All(csv.Skip(1), r => Assert.Equal("警告", r[Array.IndexOf(header, "严重程度")]));

        // xlsx: one sheet, the same rows, ids as numbers
        var xlsxResponse = await api.Admin.GetAsync($"/api/v1/findings/export?format=xlsx&{query}");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var sheet = ExportTests.Sheets(xlsx).Single();
        Assert.Equal("问题", sheet.Name);
        var cells = ExportTests.Cells(sheet.Part);
        Assert.Equal(expected.Count + 1, sheet.Part.Worksheet.Descendants<Row>().Count());
        Assert.Equal("表单编号", ExportTests.Value(cells["A1"]));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Item1, long.Parse(ExportTests.Value(cells[$"A{i + 2}"])!, CultureInfo.InvariantCulture));
            Assert.Null(cells[$"A{i + 2}"].DataType); // a number
            Assert.Equal(expected[i].Item2, int.Parse(ExportTests.Value(cells[$"B{i + 2}"])!, CultureInfo.InvariantCulture));
        }

        // JSON: the API's items
        var jsonResponse = await api.Admin.GetAsync($"/api/v1/findings/export?format=json&{query}");
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Equal(expected, json.RootElement.EnumerateArray().Select(i => (i.GetProperty("formId").GetInt64(), i.GetProperty("number").GetInt32())).ToList());
        Assert.All(json.RootElement.EnumerateArray(), i => Assert.False(string.IsNullOrEmpty(i.GetProperty("messageZh").GetString())));

        // a bad format is a 400 naming it; page and size do not cut an export
        var wrong = await ApiClient.ProblemAsync(api.Admin, "/api/v1/findings/export?format=pdf", HttpStatusCode.BadRequest);
        Assert.Contains("csv, xlsx, json", wrong.GetProperty("errors").GetProperty("format")[0].GetString()!, StringComparison.Ordinal);
        var paged = Csv.Parse((await api.Admin.GetStringAsync($"/api/v1/findings/export?format=csv&{query}&page=2&size=5")).TrimStart('\uFEFF'));
        Assert.Equal(expected.Count + 1, paged.Count);
    }

    [Fact]
    public async Task Every_export_link_of_the_page_answers_with_the_filtered_findings()
    {
        var html = await JixiaoWebFactory.HtmlAsync(api.Admin, "/findings?dept=" + PoliceQuery + "&severity=warning&sort=severity&desc=1&size=20&page=2");
        var total = int.Parse(html.QuerySelector("#finding-count")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);
        var links = html.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);
        foreach (var link in links)
        {
            Assert.StartsWith("/api/v1/findings/export?", link, StringComparison.Ordinal);
            var response = await api.Admin.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (link.Contains("format=csv", StringComparison.Ordinal))
            {
                var rows = Csv.Parse((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
                Assert.Equal(total + 1, rows.Count);
            }
        }
    }

    [Fact]
    public async Task Paging_keeps_its_edges()
    {
        var all = (await StoredAsync()).Where(x => x.Department == ApiFixture.Police).ToList();
        var list = $"/findings?dept={PoliceQuery}&size=20";
        var pages = (all.Count + 19) / 20;

        var first = await JixiaoWebFactory.HtmlAsync(api.Admin, list);
        Assert.Equal(20, Rows(first).Count);
        Assert.Null(first.QuerySelector(".pager a[rel='prev']"));
        Assert.Contains($"第 1–20 条，共 {all.Count:N0} 条", first.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        var next = first.QuerySelector(".pager a[rel='next']")!.GetAttribute("href")!;
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("size=20", next, StringComparison.Ordinal);

        var last = await JixiaoWebFactory.HtmlAsync(api.Admin, $"{list}&page={pages}");
        Assert.Equal(all.Count - (pages - 1) * 20, Rows(last).Count);
        Assert.Null(last.QuerySelector(".pager a[rel='next']"));

        // past the end: no rows, the number of pages and a link to the last one
        var past = await JixiaoWebFactory.HtmlAsync(api.Admin, $"{list}&page={pages + 5}");
        Assert.Empty(Rows(past));
        Assert.Contains($"共 {pages} 页", past.QuerySelector("#findings-empty")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"page={pages}", past.QuerySelector("#findings-empty a")!.GetAttribute("href")!, StringComparison.Ordinal);

        // the page sizes offered; any other is the default 50, and a page that does not parse is the first
        foreach (var size in new[] { 20, 50, 100, 200 })
        {
            Assert.Equal(Math.Min(size, all.Count), Rows(await JixiaoWebFactory.HtmlAsync(api.Admin, $"/findings?dept={PoliceQuery}&size={size}")).Count);
        }

        Assert.Equal(50, Rows(await JixiaoWebFactory.HtmlAsync(api.Admin, $"/findings?dept={PoliceQuery}&size=7")).Count);
        Assert.Equal(Rows(first), Rows(await JixiaoWebFactory.HtmlAsync(api.Admin, $"{list}&page=0")));

        // the API: past the end is an empty page with the total; previous leads back to the last page
        using var beyond = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/findings?department={PoliceQuery}&pageSize=20&page={pages + 5}");
        Assert.Empty(ApiClient.Items(beyond));
        Assert.Equal(all.Count, ApiClient.TotalCount(beyond));
        Assert.Contains($"page={pages}", beyond.RootElement.GetProperty("previous").GetString()!, StringComparison.Ordinal);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/findings?page=0", HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/findings?sort=price", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sorting_by_severity_puts_errors_first_and_the_header_flips_it()
    {
        var html = await JixiaoWebFactory.HtmlAsync(api.Admin, "/findings?dept=" + PoliceQuery + "&size=200");
        var link = html.QuerySelectorAll("#findings-table th a").Single(a => a.TextContent.StartsWith("严重程度", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains("sort=severity", link, StringComparison.Ordinal);
        Assert.Contains("desc=1", link, StringComparison.Ordinal);

        var sorted = await JixiaoWebFactory.HtmlAsync(api.Admin, link);
        var severities = sorted.QuerySelectorAll("#findings-table tbody tr").Select(r => r.GetAttribute("data-severity")!).ToList();
        var rank = new Dictionary<string, int> { ["error"] = 0, ["warning"] = 1, ["info"] = 2 };
        Assert.Equal(severities.OrderBy(s => rank[s]).ToList(), severities);
        Assert.Contains("▼", sorted.QuerySelectorAll("#findings-table th a").Single(a => a.TextContent.StartsWith("严重程度", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        using var byCheck = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings?sort=check&pageSize=500");
        var codes = ApiClient.Items(byCheck).Select(i => i.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal).ToList(), codes);
    }

    [Fact]
    public async Task In_english_the_page_headings_and_messages_are_english()
    {
        await using var db = api.Factory.Database.CreateContext();
        var finding = await db.Findings.AsNoTracking().Where(x => x.Code == "GOAL-COPIED").OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();

        var html = await JixiaoWebFactory.HtmlAsync(api.Admin, "/findings?check=GOAL-COPIED&size=200&culture=en");
        Assert.Contains("Findings", html.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var row = html.QuerySelector($"#findings-table tr[data-form-id='{finding.FormId}'][data-number='{finding.Position + 1}']")!;
        Assert.Equal(finding.MessageEn, row.QuerySelector("td.message")!.TextContent);
        Assert.Contains("Goal copied as result", row.QuerySelector("td.check")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Warning", row.QuerySelector(".pill")!.TextContent);
        Assert.Equal(["Form", "Department", "Implementing unit", "Year", "Kind", "Indicator", "Check", "Severity", "Message"],
            html.QuerySelectorAll("#findings-table th").Take(9).Select(th => th.TextContent.Trim(' ', '▲', '▼')).ToList());

        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings?check=GOAL-COPIED&pageSize=500&culture=en");
        Assert.All(ApiClient.Items(doc), i => Assert.Equal(i.GetProperty("messageEn").GetString(), i.GetProperty("message").GetString()));
        var csv = Csv.Parse((await api.Admin.GetStringAsync("/api/v1/findings/export?format=csv&check=GOAL-COPIED&culture=en")).TrimStart('\uFEFF'));
        Assert.Equal(["Form ID", "Finding no.", "Year", "Kind", "Project name"], csv[0][..5]);
        Assert.All(csv.Skip(1), r => Assert.Equal("Warning", r[Array.IndexOf(csv[0], "Severity")]));
        Assert.All(csv.Skip(1), r => Assert.Equal("Self-evaluation", r[Array.IndexOf(csv[0], "Kind")]));
    }

    [Fact]
    public async Task The_summary_of_a_selection_beyond_year_and_department_is_counted_on_request()
    {
        var stored = await StoredAsync();
        await using var db = api.Factory.Database.CreateContext();
        var declarations = (await db.Forms.AsNoTracking().Where(f => f.Kind == Core.Forms.FormKind.TargetDeclaration).Select(f => f.Id).ToListAsync()).ToHashSet();
        var byCode = stored.Where(x => declarations.Contains(x.FormId)).GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.Count());

        var page = await JixiaoWebFactory.HtmlAsync(api.Admin, "/findings?kind=declaration");
        Assert.Null(page.QuerySelector("#summary-table"));
        var ask = page.QuerySelector("#summary-on-request a")!.GetAttribute("href")!;
        Assert.Contains("summary=1", ask, StringComparison.Ordinal);

        var counted = await JixiaoWebFactory.HtmlAsync(api.Admin, ask);
        var lines = counted.QuerySelectorAll("#summary-table tbody tr[data-code]")
            .ToDictionary(r => r.GetAttribute("data-code")!, r => int.Parse(r.QuerySelectorAll("td")[1].TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(byCode.OrderBy(p => p.Key, StringComparer.Ordinal), lines.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(byCode.Values.Sum().ToString(CultureInfo.InvariantCulture), counted.QuerySelector("#finding-count")!.GetAttribute("data-total"));

        // each line opens the list filtered to its check, keeping the other filters
        var code = lines.Keys.First();
        var link = counted.QuerySelector($"#summary-table tr[data-code='{code}'] td a")!.GetAttribute("href")!;
        Assert.Contains("kind=declaration", link, StringComparison.Ordinal);
        Assert.Contains("check=" + code, link, StringComparison.Ordinal);
        Assert.Equal(byCode[code].ToString(CultureInfo.InvariantCulture), (await JixiaoWebFactory.HtmlAsync(api.Admin, link)).QuerySelector("#finding-count")!.GetAttribute("data-total"));
    }

    /// <summary>The (form id, finding number) of each row of a list page.</summary>
    private static List<(long, int)> Rows(IHtmlDocument html) =>
        [.. html.QuerySelectorAll("#findings-table tbody tr").Select(r => (
            long.Parse(r.GetAttribute("data-form-id")!, CultureInfo.InvariantCulture),
            int.Parse(r.GetAttribute("data-number")!, CultureInfo.InvariantCulture)))];

    /// <summary>A score as the page shows it (two places).</summary>
    private static string Ui(decimal? value) => Web.Shared.Ui.Score(value);
}
