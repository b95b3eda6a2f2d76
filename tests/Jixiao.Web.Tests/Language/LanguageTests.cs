using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Web.Tests.Api;
using Jixiao.Web.Tests.Exports;

namespace Jixiao.Web.Tests.Language;

/// <summary>
/// No English inside the Chinese UI and no Chinese inside the English UI (issue 10, fix item 5): the reader's notes
/// on the form page, the reasons of failed imports (batch table, batch status, the import API), the audit log, the
/// words of values in exports (表类型, 类别, grades) and grades in the English pages.
/// </summary>
public sealed partial class LanguageTests(LanguageFixture app) : IClassFixture<LanguageFixture>
{
    [Fact]
    public async Task The_form_page_shows_the_readers_notes_in_the_uis_language()
    {
        var id = await FirstFormAsync(app.Notes.Id);

        var zh = (await JixiaoWebFactory.HtmlAsync(app.Admin, $"/forms/{id}")).QuerySelector("#reader-notes")!.TextContent;
        Assert.Contains("notes.txt 第 6 行 · 警告：无法把此行归入资金表（项目资金）", zh, StringComparison.Ordinal);
        Assert.Contains("此表没有年度", zh, StringComparison.Ordinal);
        Assert.Contains("自评表没有“总分”行就结束了", zh, StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), zh);

        var en = (await JixiaoWebFactory.HtmlAsync(app.Admin, $"/forms/{id}?culture=en")).QuerySelector("#reader-notes")!.TextContent;
        Assert.Contains("notes.txt:6: warning: could not place this row in the fund table (项目资金)", en, StringComparison.Ordinal);
        Assert.Contains("the form has no year", en, StringComparison.Ordinal);
        Assert.DoesNotContain("警告", en, StringComparison.Ordinal);
        Assert.DoesNotContain("无法把此行", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_page_says_why_a_batch_failed_in_the_uis_language()
    {
        var zh = await JixiaoWebFactory.HtmlAsync(app.Admin, "/imports");
        var noForm = zh.QuerySelector($"#batches tr[data-batch='{app.NoForm.Id}']")!.TextContent;
        var notAForm = zh.QuerySelector($"#batches tr[data-batch='{app.NotAForm.Id}']")!.TextContent;
        Assert.Contains("nothing.txt · 错误：未找到表单", noForm, StringComparison.Ordinal);
        Assert.Contains("a.json 第 1 行 · 错误：$：不是绩效表单", notAForm, StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), noForm);
        Assert.DoesNotMatch(EnglishWords(), notAForm);

        var en = await JixiaoWebFactory.HtmlAsync(app.Admin, "/imports?culture=en");
        Assert.Contains("nothing.txt: error: no form found", en.QuerySelector($"#batches tr[data-batch='{app.NoForm.Id}']")!.TextContent, StringComparison.Ordinal);
        var notAFormEn = en.QuerySelector($"#batches tr[data-batch='{app.NotAForm.Id}']")!.TextContent;
        Assert.Contains("a.json:1: error: $: Not a form", notAFormEn, StringComparison.Ordinal);
        Assert.DoesNotContain("不是绩效表单", notAFormEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batchs_status_and_the_import_api_give_the_reason_in_the_requests_language()
    {
        using var status = JsonDocument.Parse(await app.Admin.GetStringAsync($"/imports/{app.NoForm.Id}/status"));
        Assert.StartsWith("nothing.txt · 错误：未找到表单", status.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var statusEn = JsonDocument.Parse(await app.Admin.GetStringAsync($"/imports/{app.NoForm.Id}/status?culture=en"));
        Assert.StartsWith("nothing.txt: error: no form found", statusEn.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var item = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/imports/{app.NotAForm.Id}");
        var batch = item.RootElement;
        Assert.StartsWith("a.json 第 1 行 · 错误：$：不是绩效表单", batch.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(batch.GetProperty("error").GetString(), batch.GetProperty("errorZh").GetString());
        Assert.Equal("a.json:1: error: $: Not a form: expected a jixiao.form/1 object with \"kind\" and \"projectName\", found only \"a\"; the value is skipped",
            batch.GetProperty("errorEn").GetString());

        // a JSON body that is not a form: the problem says so in the request's language
        var problem = await ApiClient.ProblemAsync(await ApiClient.PostBodyAsync(app.Admin, """{"a":1}""", "application/json"), System.Net.HttpStatusCode.BadRequest);
        Assert.Equal("JSON 无法导入", problem.GetProperty("title").GetString());
        Assert.Contains("不是绩效表单", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), problem.GetProperty("detail").GetString()!);
        var english = await ApiClient.ProblemAsync(await ApiClient.PostBodyAsync(app.Admin, """{"a":1}""", "application/json", "/api/v1/imports?culture=en"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Not a form", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("不是绩效表单", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_shows_actions_and_details_in_the_uis_language()
    {
        await app.Admin.GetStringAsync($"/api/v1/forms/export?format=csv&batch={app.NoForm.Id}");
        var zh = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit");
        var rows = zh.QuerySelectorAll("#audit tbody tr").ToList();
        var create = rows.Single(r => r.GetAttribute("data-action") == "user-create" && r.TextContent.Contains("culture-dept", StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("创建用户", create[2]);
        Assert.Equal("用户 culture-dept", create[3]);
        Assert.Equal("角色：部门用户；主管部门：江海市文化局", create[4]);
        var failed = rows.Single(r => r.GetAttribute("data-action") == "import" && r.TextContent.Contains("nothing.txt", StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("导入", failed[2]);
        Assert.Equal("nothing.txt：失败；表单：0；问题：0；nothing.txt · 错误：未找到表单：应有标题“财政项目支出绩效自评表/绩效目标申报表”或“项目名称”行", failed[4]);
        Assert.Contains(rows, r => r.GetAttribute("data-action") == "login" && r.QuerySelectorAll("td")[2].TextContent.Trim() == "登录");
        var export = rows.First(r => r.GetAttribute("data-action") == "export" && r.TextContent.Contains($"batch={app.NoForm.Id}", StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("导出", "表单列表 csv", $"格式：csv；行数：0；筛选：batch={app.NoForm.Id}；方式：登录会话"), (export[2], export[3], export[4]));
        foreach (var row in rows)
        {
            var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
            Assert.DoesNotMatch(AuditCodes(), cells[2] + " " + cells[3] + " " + cells[4]);
        }

        var en = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/audit?culture=en");
        var createEn = en.QuerySelectorAll("#audit tbody tr").Single(r => r.GetAttribute("data-action") == "user-create" && r.TextContent.Contains("culture-dept", StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("Create user", "user culture-dept", "role=Department user; department=江海市文化局"), (createEn[2], createEn[3], createEn[4]));
        foreach (var row in en.QuerySelectorAll("#audit tbody tr"))
        {
            Assert.DoesNotMatch(Han(), row.QuerySelectorAll("td")[2].TextContent);
        }
    }

    [Fact]
    public async Task The_form_list_export_writes_kinds_and_grades_in_the_requests_language()
    {
        var zh = Csv.Parse((await app.Admin.GetStringAsync($"/api/v1/forms/export?format=csv&batch={app.Songnan.Id}")).TrimStart('\uFEFF'));
        Assert.Equal(5, zh.Count - 1);
        Assert.All(Column(zh, "表类型"), v => Assert.Equal("绩效自评表", v));
        Assert.All(Column(zh, "自评等级").Concat(Column(zh, "复核等级")), v => Assert.Contains(v, new[] { "优", "良", "中", "差", "" }));
        var units = Column(zh, "原表金额单位");
        Assert.All(units, v => Assert.Contains(v, new[] { "万元", "元" }));

        var en = Csv.Parse((await app.Admin.GetStringAsync($"/api/v1/forms/export?format=csv&batch={app.Songnan.Id}&culture=en")).TrimStart('\uFEFF'));
        Assert.All(Column(en, "Kind"), v => Assert.Equal("Self-evaluation", v));
        Assert.All(Column(en, "Claimed grade").Concat(Column(en, "Recomputed grade")), v => Assert.Contains(v, new[] { "Excellent", "Good", "Fair", "Poor", "" }));
        Assert.Contains("Excellent", Column(en, "Claimed grade"));
        Assert.Equal(units.Select(u => u == "元" ? "yuan" : "10k yuan"), Column(en, "Printed money unit"));
    }

    [Fact]
    public async Task The_findings_export_writes_categories_in_the_requests_language()
    {
        var zh = Csv.Parse((await app.Admin.GetStringAsync($"/api/v1/findings/export?format=csv&batch={app.Songnan.Id}")).TrimStart('\uFEFF'));
        Assert.True(zh.Count > 1);
        Assert.All(Column(zh, "类别"), v => Assert.Contains(v, new[] { "计算", "一致性", "完整性", "目标质量" }));

        var en = Csv.Parse((await app.Admin.GetStringAsync($"/api/v1/findings/export?format=csv&batch={app.Songnan.Id}&culture=en")).TrimStart('\uFEFF'));
        Assert.All(Column(en, "Category"), v => Assert.Contains(v, new[] { "Arithmetic", "Consistency", "Completeness", "Target quality" }));
        Assert.All(Column(en, "Kind"), v => Assert.Equal("Self-evaluation", v));

        using var json = JsonDocument.Parse(await app.Admin.GetStringAsync($"/api/v1/findings/export?format=json&batch={app.Songnan.Id}"));
        Assert.All(json.RootElement.EnumerateArray(), x =>
        {
            Assert.Equal("self-evaluation", x.GetProperty("kind").GetString());
            Assert.Equal("绩效自评表", x.GetProperty("kindText").GetString());
            Assert.Contains(x.GetProperty("categoryText").GetString(), new[] { "计算", "一致性", "完整性", "目标质量" });
            Assert.Contains(x.GetProperty("severityText").GetString(), new[] { "错误", "警告", "提示" });
        });
    }

    [Fact]
    public async Task One_forms_workbook_lists_its_findings_with_categories_in_the_requests_language()
    {
        var id = await FirstFormAsync(app.Songnan.Id);
        var zh = await FindingSheetAsync($"/api/v1/forms/{id}/export?format=xlsx");
        Assert.Equal("检查结果", zh.Name);
        Assert.Equal("类别", zh.Rows[0][3]);
        Assert.All(zh.Rows.Skip(1), r => Assert.Contains(r[3], new[] { "计算", "一致性", "完整性", "目标质量" }));

        var en = await FindingSheetAsync($"/api/v1/forms/{id}/export?format=xlsx&culture=en");
        Assert.Equal("Check results", en.Name);
        Assert.Equal("Category", en.Rows[0][3]);
        Assert.All(en.Rows.Skip(1), r => Assert.Contains(r[3], new[] { "Arithmetic", "Consistency", "Completeness", "Target quality" }));
        Assert.All(en.Rows.Skip(1), r => Assert.Contains(r[1], new[] { "Error", "Warning", "Info" }));
    }

    [Theory]
    [InlineData("/compare?culture=en")]
    [InlineData("/?culture=en")]
    public async Task English_pages_name_the_grade_in_english(string path)
    {
        var html = (await JixiaoWebFactory.HtmlAsync(app.Admin, path)).DocumentElement.OuterHtml;

        Assert.DoesNotContain("Claimed 优", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Recomputed 优", html, StringComparison.Ordinal);
        Assert.Contains("Claimed Excellent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_english_form_page_gives_the_recomputed_grade_in_english()
    {
        var id = await FirstFormAsync(app.Songnan.Id);
        var en = await JixiaoWebFactory.HtmlAsync(app.Admin, $"/forms/{id}?culture=en");
        var recomputed = en.QuerySelector("td[data-field='grade'] .recomputed")!.TextContent;
        Assert.Matches(@"^re\. (Excellent|Good|Fair|Poor)$", recomputed.Trim());

        var zh = await JixiaoWebFactory.HtmlAsync(app.Admin, $"/forms/{id}");
        Assert.Matches("^复核 [优良中差]$", zh.QuerySelector("td[data-field='grade'] .recomputed")!.TextContent.Trim());
        var list = await JixiaoWebFactory.HtmlAsync(app.Admin, "/forms?culture=en");
        Assert.DoesNotMatch(Han(), list.QuerySelector("#derived-grade-note .grade")?.TextContent ?? "");
    }

    private async Task<long> FirstFormAsync(long batch)
    {
        using var list = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/forms?batch={batch}&sort=imported&pageSize=1");
        return ApiClient.Items(list).First().GetProperty("id").GetInt64();
    }

    private async Task<(string Name, List<string?[]> Rows)> FindingSheetAsync(string url)
    {
        using var stream = new MemoryStream(await app.Admin.GetByteArrayAsync(url));
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var (name, part) = ExportTests.Sheets(xlsx)[1];
        var cells = ExportTests.Cells(part);
        var head = Enumerable.Range(1, 100).First(r => cells.TryGetValue($"A{r}", out var c) && ExportTests.Value(c) is "序号" or "No.");
        var rows = new List<string?[]>();
        for (var r = head; cells.ContainsKey($"A{r}"); r++)
        {
            rows.Add([.. "ABCDEFGH".Select(c => cells.TryGetValue($"{c}{r}", out var cell) ? ExportTests.Value(cell) : null)]);
        }

        return (name, rows);
    }

    private static List<string> Column(List<string[]> csv, string heading)
    {
        var index = Array.IndexOf(csv[0], heading);
        Assert.True(index >= 0, $"no column {heading}");
        return [.. csv.Skip(1).Where(r => r.Length > index && r[0].Length > 0 && char.IsAsciiDigit(r[0][0])).Select(r => r[index])];
    }

    /// <summary>Words of the English reader notes and import reasons that must not be left in a Chinese page.</summary>
    [GeneratedRegex(@"\b(expected|found|could not|cannot|warning|error|the form|no form|Not a form|nothing was stored)\b")]
    private static partial Regex EnglishWords();

    /// <summary>Raw action codes, enum names and key=value details of the audit log.</summary>
    [GeneratedRegex(@"\b(user-create|role-change|login|login-failed|import|Succeeded|Failed|DepartmentUser|Administrator|forms=|findings=|role=)\b")]
    private static partial Regex AuditCodes();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

}
