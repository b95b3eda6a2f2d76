using Jixiao.Ingest.Tests.Excel;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// Forms as they are published, through the import page in a real browser: a Shenzhen workbook and a PDF are chosen in
/// the file picker and imported with their forms, a scanned PDF is refused with its reason, and a Shenzhen form's page
/// shows what its layout prints beside the common fields (项目编码, 政策依据 …) and where it was read from.
/// Screenshots go to artifacts/screenshots/formats/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishedFormatsTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [BrowserFact]
    public async Task A_workbook_and_a_pdf_are_imported_from_the_page_and_a_scan_is_explained()
    {
        var shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "formats");
        Directory.CreateDirectory(shots);
        var dir = CorpusRendering.Scratch("browser-formats");
        var html = Path.Combine(dir, "淞南2023.html");
        await File.WriteAllTextAsync(html, CorpusRendering.Html(Corpus.PathOf(Corpus.Songnan2023), borders: true));
        var pdf = CorpusRendering.ChromiumPdf(html);
        var scanHtml = Path.Combine(dir, "扫描件.html");
        await File.WriteAllTextAsync(scanHtml, $"<html><body><img src=\"data:image/png;base64,{TinyPng}\" width=\"500\" height=\"700\"></body></html>");
        var scan = CorpusRendering.ChromiumPdf(scanHtml);
        var workbook = Path.Combine(dir, "松岗申报表(1).xlsx");
        File.Copy(RealWorld.ShenzhenWorkbooks[0], workbook);

        await using var app = await BrowserApp.StartSqliteAsync();
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name='UserName']", "admin");
        await page.FillAsync("input[name='Password']", "jixiao-admin");
        await page.ClickAsync("form button[type='submit']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");

        await page.GotoAsync("/imports");
        Assert.Contains(".pdf", await page.Locator("#files").GetAttributeAsync("accept"), StringComparison.Ordinal);
        Assert.Contains(".xlsx", await page.Locator("#files").GetAttributeAsync("accept"), StringComparison.Ordinal);
        await page.SetInputFilesAsync("#files", [workbook, pdf, scan]);
        await page.ClickAsync("#upload-button");

        var workbookItem = page.Locator("#upload-list li").Filter(new() { HasText = "松岗申报表(1).xlsx" });
        var pdfItem = page.Locator("#upload-list li").Filter(new() { HasText = "淞南2023.pdf" });
        var scanItem = page.Locator("#upload-list li").Filter(new() { HasText = "扫描件.pdf" });
        await Assertions.Expect(workbookItem).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        await Assertions.Expect(pdfItem).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        await Assertions.Expect(scanItem).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 60_000 });
        await Assertions.Expect(workbookItem.Locator(".badge")).ToContainTextAsync("20 ");
        await Assertions.Expect(pdfItem.Locator(".badge")).ToContainTextAsync("5 ");
        await Assertions.Expect(scanItem).ToContainTextAsync("扫描页"); // the reason in the page's language
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "01-imports.png"), FullPage = true });

        // The workbook's forms: the first one's page shows its code, type, basis and where it was read from.
        await workbookItem.Locator("a[href^='/forms?batch=']").ClickAsync();
        await page.WaitForURLAsync("**/forms?batch=*");
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", "20");
        await page.Locator("table a[href^='/forms/']").First.ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(new Uri(u).AbsolutePath, "^/forms/[0-9]+$"));
        var other = page.Locator("#other-fields");
        await Assertions.Expect(other).ToContainTextAsync("项目编码");
        await Assertions.Expect(other).ToContainTextAsync("政策依据");
        await Assertions.Expect(other).ToContainTextAsync("长期目标");
        await Assertions.Expect(page.Locator("#read-from")).ToContainTextAsync("XLSX");
        await Assertions.Expect(page.Locator("#official-table .explain").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "02-shenzhen-form.png"), FullPage = true });
    }
}
