using System.Text.RegularExpressions;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The print view of a form (issue 10, item 8k), printed to PDF by Chromium and read back: every page carries the
/// system's name, the source file and the print date above or below the form, and “第 x / y 页”.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PrintViewBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Every_printed_page_has_the_system_the_source_file_the_print_date_and_its_page_number()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        var result = await app.Factory.Services.GetRequiredService<FormImporter>().ImportFileAsync(Corpus.PathOf(Corpus.Police2024));
        Assert.True(result.Succeeded, result.ToString());

        // the form with the most indicators and findings: more than one A4 page
        long id;
        await using (var db = app.Factory.Database.CreateContext())
        {
            id = await db.Forms.Where(f => f.ImportBatchId == result.BatchId)
                .OrderByDescending(f => f.IndicatorCount + f.ErrorCount + f.WarningCount + f.InfoCount).ThenBy(f => f.Id)
                .Select(f => f.Id).FirstAsync();
        }

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        page.Console += (_, m) => output.WriteLine("console: " + m.Text);
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");
        await page.GotoAsync($"/forms/{id}");
        Directory.CreateDirectory(ImportPageBrowserTests.Shots);
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "print-view.pdf"), PreferCSSPageSize = true, PrintBackground = true });

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => Spaceless().Replace(p.Text, "")).ToList();
        output.WriteLine($"{pages.Count} pages");
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s): the test wants a form longer than one page");
        for (var i = 0; i < pages.Count; i++)
        {
            var text = pages[i];
            Assert.Contains("绩效·项目支出绩效", text, StringComparison.Ordinal);
            Assert.Contains("来源文件：" + Corpus.Police2024, text, StringComparison.Ordinal);
            Assert.Matches(PrintDate(), text);
            Assert.Contains($"第{i + 1}/{pages.Count}页", text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaceless();

    [GeneratedRegex(@"打印日期：\d{4}-\d{2}-\d{2}\d{2}:\d{2}")]
    private static partial Regex PrintDate();
}
