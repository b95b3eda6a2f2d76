using System.Globalization;
using System.Text.Json;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The list, the form page, the overview's check chart and the accounts page clicked through in a real browser as a
/// supervisor and an administrator meet them after issue 10: a search of two words, a unit by part of its name, the
/// page size, a page past the end, a source-line link, the check chart's labels and scale, and a department user for
/// a department that does not exist. Screenshots go to artifacts/screenshots/issue10/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisorWalkBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task A_supervisor_searches_filters_pages_and_follows_a_source_line_and_an_administrator_is_told_of_an_unknown_department()
    {
        var shots = ImportPageBrowserTests.Shots;
        Directory.CreateDirectory(shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        var police = await app.Factory.Services.GetRequiredService<FormImporter>().ImportFileAsync(Corpus.PathOf(Corpus.Police2024));
        Assert.True(police.Succeeded, police.ToString());

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, "supervisor", "jixiao-supervisor");

        // the overview's check chart: short Chinese names beside the codes, most findings first, a log scale
        await Assertions.Expect(page.Locator("#chart-checks canvas").First).ToBeVisibleAsync();
        using (var json = JsonDocument.Parse((await page.Locator("#overview-data").TextContentAsync())!))
        {
            var checks = json.RootElement.GetProperty("checks");
            var codes = checks.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();
            var labels = checks.GetProperty("labels").EnumerateArray().Select(c => c.GetString()!).ToList();
            var counts = checks.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToList();
            Assert.Equal(codes.Count, labels.Count);
            Assert.All(labels, l => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", l));
            Assert.Equal(counts.OrderDescending(), counts);
            var axis = await page.EvaluateAsync<string>("() => echarts.getInstanceByDom(document.getElementById('chart-checks')).getOption().xAxis[0].type");
            Assert.Equal(counts[0] >= 20 * counts[^1] ? "log" : "value", axis);
            var first = await page.EvaluateAsync<string>("() => echarts.getInstanceByDom(document.getElementById('chart-checks')).getOption().yAxis[0].data.slice(-1)[0]");
            Assert.Equal(labels[0] + "|" + codes[0], first);
        }

        await page.Locator("#chart-checks").ScrollIntoViewIfNeededAsync();
        await page.Locator("#chart-checks").ScreenshotAsync(new() { Path = Path.Combine(shots, "overview-checks.png") });

        // two words with a space: both must occur, and the page says how it read them
        await page.GotoAsync("/forms");
        await page.FillAsync("input[name=q]", "视频　共享");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**/forms?q=*");
        await Assertions.Expect(page.Locator("#forms-table tbody tr").Filter(new() { HasText = "2024年视频监控共享平台" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#search-terms .chip")).ToHaveTextAsync(["视频", "共享"]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "forms-search-two-words.png"), FullPage = false });

        // a unit by a part of its name, chosen among the suggestions
        await page.GotoAsync("/forms");
        var options = await page.Locator("#unit-options option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Contains("上海市公安局宝山分局", options);
        long expected;
        await using (var db = app.Factory.Database.CreateContext())
        {
            expected = await db.Forms.LongCountAsync(f => f.ImplementingUnit != null && f.ImplementingUnit.Contains("公安局宝山"));
        }

        Assert.True(expected > 20, $"{expected} forms");
        await page.FillAsync("input[name=unit]", "公安局宝山");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("unit=%E5%85%AC", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", expected.ToString(CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "forms-unit-part.png") });

        // the page size applies when chosen; a page past the end shows the last page
        await page.SelectOptionAsync("#page-size", "20");
        await page.WaitForURLAsync(u => u.Contains("size=20", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#forms-table tbody tr")).ToHaveCountAsync(20);
        await page.GotoAsync("/forms?unit=" + Uri.EscapeDataString("公安局宝山") + "&size=20&page=9999");
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".pager .muted")).ToHaveTextAsync($"第 21–{expected} 张，共 {expected} 张");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "forms-page-past-the-end.png"), FullPage = true });

        // a source-line reference on the form page opens that line in the source panel (a demo form: its file is kept)
        long formId;
        int line;
        await using (var db = app.Factory.Database.CreateContext())
        {
            var finding = await db.Findings.Where(f => f.SourceLine > 0 && db.Forms.Any(x => x.Id == f.FormId && x.ImportBatchId != police.BatchId))
                .OrderBy(f => f.FormId).ThenBy(f => f.Position).FirstAsync();
            (formId, line) = (finding.FormId, finding.SourceLine);
        }

        await page.GotoAsync($"/forms/{formId}");
        await page.Locator($"#findings-list a.line-ref[href='#L{line}']").First.ClickAsync();
        Assert.EndsWith($"#L{line}", page.Url, StringComparison.Ordinal);
        Assert.Equal($"L{line}", await page.EvaluateAsync<string>("() => document.querySelector(':target').id"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "form-source-line-link.png") });

        // an administrator is told that a department does not exist, and which ones are near
        await using var admin = await browser.NewContextAsync(app.BaseUrl);
        var adminPage = await admin.NewPageAsync();
        await ImportPageBrowserTests.SignInAsync(adminPage, "admin", "jixiao-admin");
        await adminPage.GotoAsync("/admin/users");
        await adminPage.FillAsync("#NewUserName", "baoshan-edu");
        await adminPage.FillAsync("#NewPassword", "baoshan-edu-password");
        await adminPage.SelectOptionAsync("#NewRole", "DepartmentUser");
        await adminPage.FillAsync("#NewDepartment", "宝山分局");
        await adminPage.Locator("#NewDepartment").Locator("xpath=ancestor::form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(adminPage.Locator(".notice-error")).ToContainTextAsync("没有名为“宝山分局”的主管部门");
        await Assertions.Expect(adminPage.Locator(".notice-error")).ToContainTextAsync("上海市公安局宝山分局");
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(shots, "admin-unknown-department.png") });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"form {formId}, line {line}"));
    }
}
