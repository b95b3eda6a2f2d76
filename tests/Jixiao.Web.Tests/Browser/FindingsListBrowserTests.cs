using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The findings list in headless Chromium, as a supervisor uses it: the filters chosen and submitted, a sort header
/// clicked, a page size chosen and the next page followed, every export button clicked (each answers 200 with its
/// type and holds the filtered findings), a finding followed to its cell, English, and a department user kept to
/// their department. The expected rows are counted from the stored findings. Screenshots go to
/// artifacts/screenshots/findings/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FindingsListBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private readonly string shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "findings");
    private int step;

    [BrowserFact]
    public async Task A_supervisor_filters_sorts_pages_and_exports_the_findings_list()
    {
        Directory.CreateDirectory(shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        await LoadAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");

        // the department and severity to filter by: the pair with the most findings
        await using var db = app.Factory.Database.CreateContext();
        var stored = await (from x in db.Findings join f in db.Forms on x.FormId equals f.Id select new { x.FormId, x.Position, x.Code, x.Severity, f.Department }).ToListAsync();
        var (department, severity) = stored.Where(x => x.Department is not null).GroupBy(x => (Department: x.Department!, x.Severity))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Department, StringComparer.Ordinal).First().Key;
        var severityName = severity.ToString().ToLowerInvariant();
        var selected = stored.Where(x => x.Department == department && x.Severity == severity).ToList();
        Assert.True(selected.Count > 20, $"{selected.Count} {severityName} of {department}");
        var otherDepartment = stored.Select(x => x.Department).First(d => d is not null && d != CorpusFixture.PoliceDepartment)!;

        await page.ClickAsync("nav.nav a[href='/findings']");
        await page.WaitForURLAsync("**/findings");
        await Assertions.Expect(page.Locator("#finding-count")).ToHaveAttributeAsync("data-total", stored.Count.ToString(CultureInfo.InvariantCulture));
        await ShotAsync(page, "findings");

        // the filters, submitted
        await page.SelectOptionAsync("#findings-filters select[name='dept']", department);
        await page.SelectOptionAsync("#findings-filters select[name='severity']", severityName);
        await page.ClickAsync("#findings-filters button[type='submit']");
        await page.WaitForURLAsync(u => u.Contains("severity=" + severityName, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#finding-count")).ToHaveAttributeAsync("data-total", selected.Count.ToString(CultureInfo.InvariantCulture));
        Assert.All(await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.severity)"), s => Assert.Equal(severityName, s));
        await ShotAsync(page, "findings-filtered");

        // a sort header: by check
        await page.Locator("#findings-table th a").Filter(new() { HasText = "检查项" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("sort=check", StringComparison.Ordinal));
        var codes = await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
        Assert.Equal(codes.Order(StringComparer.Ordinal).ToArray(), codes);
        Assert.Equal(selected.Select(x => x.Code).Order(StringComparer.Ordinal).Take(codes.Length).ToArray(), codes);

        // a page size, then the next page
        await page.SelectOptionAsync("#findings-filters select[name='size']", "20");
        await page.ClickAsync("#findings-filters button[type='submit']");
        await page.WaitForURLAsync(u => u.Contains("size=20", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(20);
        Assert.Contains("sort=check", page.Url, StringComparison.Ordinal);
        var first = await RowsAsync(page);
        await page.ClickAsync(".pager a[rel='next']");
        await page.WaitForURLAsync(u => u.Contains("page=2", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(Math.Min(20, selected.Count - 20));
        var second = await RowsAsync(page);
        Assert.Empty(first.Intersect(second));
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync($"第 21–{Math.Min(40, selected.Count)} 条");
        await ShotAsync(page, "findings-page-2");

        // every export button: 200, its type, the filtered findings in the list's order
        var expected = selected.OrderBy(x => x.Code, StringComparer.Ordinal).Select(x => (x.FormId, x.Position + 1)).ToHashSet();
        foreach (var (format, type) in new[] { ("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("json", "application/json") })
        {
            var button = page.Locator($".export-links a[data-export='{format}']");
            var href = (await button.GetAttributeAsync("href"))!;
            var response = await page.APIRequest.GetAsync(href);
            Assert.Equal(200, response.Status);
            Assert.StartsWith(type, response.Headers["content-type"], StringComparison.Ordinal);

            var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
            Assert.Null(await download.FailureAsync());
            Assert.EndsWith("." + format, download.SuggestedFilename, StringComparison.Ordinal);
            var saved = Path.Combine(shots, $"{++step:00}-findings.{format}");
            await download.SaveAsAsync(saved);
            Assert.Equal(expected, Exported(format, saved));
        }

        // a finding followed to its cell on its form page
        var anchor = page.Locator("#findings-table a.finding-anchor[href*='#cell-']").First;
        var link = (await anchor.GetAttributeAsync("href"))!;
        await anchor.ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith(link, StringComparison.Ordinal));
        var cell = page.Locator("#" + link.Split('#')[1]);
        await Assertions.Expect(cell).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".flagged.open")).ToHaveCountAsync(1);
        await ShotAsync(page, "finding-on-its-cell");

        // English, the same view
        await page.GoBackAsync();
        await page.ClickAsync("a.lang[lang='en']");
        await page.WaitForURLAsync(u => u.Contains("/findings", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Findings");
        await Assertions.Expect(page.Locator("#findings-table th").Filter(new() { HasText = "Severity" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#findings-table .pill").First).ToHaveTextAsync(severity.ToString());
        await ShotAsync(page, "findings-english");
        await page.ClickAsync("a.lang[lang='zh-CN']");

        // a department user: only their department, whatever the link says
        await using var policeContext = await browser.NewContextAsync(app.BaseUrl);
        var police = await policeContext.NewPageAsync();
        await ImportPageBrowserTests.SignInAsync(police, BrowserApp.PoliceUser, BrowserApp.PolicePassword);
        var policeFindings = stored.Count(x => x.Department == CorpusFixture.PoliceDepartment);
        await police.GotoAsync("/findings?dept=" + Uri.EscapeDataString(otherDepartment));
        await Assertions.Expect(police.Locator("#finding-count")).ToHaveAttributeAsync("data-total", "0");
        await police.GotoAsync("/findings");
        await Assertions.Expect(police.Locator("#finding-count")).ToHaveAttributeAsync("data-total", policeFindings.ToString(CultureInfo.InvariantCulture));
        Assert.All(await police.Locator("#findings-table tbody td:nth-child(2)").AllTextContentsAsync(), d => Assert.Equal(CorpusFixture.PoliceDepartment, d));
        await ShotAsync(police, "findings-department-user");
    }

    /// <summary>The demo portfolio (loaded in the background) and the police corpus file, imported.</summary>
    private static async Task LoadAsync(BrowserApp app)
    {
        for (var i = 0; ; i++)
        {
            await using var db = app.Factory.Database.CreateContext();
            if (await db.Forms.CountAsync() >= BrowserApp.DemoForms)
            {
                break;
            }

            Assert.True(i < 120, "the demo portfolio did not load within a minute");
            await Task.Delay(500);
        }

        var importer = app.Factory.Services.GetRequiredService<FormImporter>();
        Assert.True((await importer.ImportFileAsync(Corpus.PathOf(Corpus.Police2024))).Succeeded);
    }

    private static async Task<List<string>> RowsAsync(IPage page) =>
        [.. await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.formId + '/' + r.dataset.number)")];

    /// <summary>The (form, finding number) pairs of an exported file.</summary>
    private static HashSet<(long, int)> Exported(string format, string path)
    {
        switch (format)
        {
            case "csv":
                var csv = Csv.Parse(File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF'));
                return [.. csv.Skip(1).Select(r => (long.Parse(r[0], CultureInfo.InvariantCulture), int.Parse(r[1], CultureInfo.InvariantCulture)))];
            case "json":
                using (var json = JsonDocument.Parse(File.ReadAllText(path)))
                {
                    return [.. json.RootElement.EnumerateArray().Select(i => (i.GetProperty("formId").GetInt64(), i.GetProperty("number").GetInt32()))];
                }

            default:
                using (var xlsx = SpreadsheetDocument.Open(path, false))
                {
                    var cells = ExportTests.Cells(ExportTests.Sheets(xlsx).Single().Part);
                    var rows = new HashSet<(long, int)>();
                    for (var r = 2; cells.ContainsKey($"A{r}"); r++)
                    {
                        rows.Add((long.Parse(ExportTests.Value(cells[$"A{r}"])!, CultureInfo.InvariantCulture), int.Parse(ExportTests.Value(cells[$"B{r}"])!, CultureInfo.InvariantCulture)));
                    }

                    return rows;
                }
        }
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(shots, $"{++step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path }); // the viewport: a list page is long
        output.WriteLine("screenshot " + Path.GetRelativePath(RepoPaths.Root, path));
    }
}
