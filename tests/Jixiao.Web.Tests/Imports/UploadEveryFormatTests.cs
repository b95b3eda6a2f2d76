using System.Net;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Tests.Excel;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests.Imports;

/// <summary>
/// The import page takes forms as they are published: a PDF, an Excel workbook, a Word document and a saved web page
/// are imported with their forms; a scanned PDF is refused with a message that says so. The PDF, the document and the
/// page are the Songnan corpus file rendered by Chromium and LibreOffice; the workbook is a real Shenzhen workbook.
/// </summary>
public sealed class UploadEveryFormatTests : IDisposable
{
    /// <summary>A 1×1 PNG: printed alone, it makes a page that holds only an image (a scan).</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private readonly JixiaoWebFactory factory = new();

    public void Dispose() => factory.Dispose();

    [RenderingFact]
    public async Task A_pdf_a_workbook_a_document_and_a_web_page_are_imported_and_a_scan_is_explained()
    {
        var dir = CorpusRendering.Scratch("upload-formats");
        var html = Path.Combine(dir, "songnan.html");
        await File.WriteAllTextAsync(html, CorpusRendering.Html(Corpus.PathOf(Corpus.Songnan2023), borders: true));
        var pdf = CorpusRendering.ChromiumPdf(html);
        var docx = CorpusRendering.Soffice(html, "docx:MS Word 2007 XML");
        var scanHtml = Path.Combine(dir, "scan.html");
        await File.WriteAllTextAsync(scanHtml, $"<html><body><img src=\"data:image/png;base64,{TinyPng}\" width=\"500\" height=\"700\"></body></html>");
        var scan = CorpusRendering.ChromiumPdf(scanHtml);
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await JixiaoWebFactory.UploadAsync(admin,
            ("宋南2023.pdf", await File.ReadAllBytesAsync(pdf)),
            ("松岗申报表.xlsx", await File.ReadAllBytesAsync(RealWorld.ShenzhenWorkbooks[0])),
            ("宋南2023.docx", await File.ReadAllBytesAsync(docx)),
            ("宋南2023.html", await File.ReadAllBytesAsync(html)),
            ("扫描件.pdf", await File.ReadAllBytesAsync(scan)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, ids.Count);
        var batches = new List<ImportBatch>();
        foreach (var id in ids)
        {
            batches.Add(await factory.WaitForBatchAsync(id));
        }

        Assert.Equal((ImportStatus.Succeeded, 5), (batches[0].Status, batches[0].FormCount));
        Assert.Equal((ImportStatus.Succeeded, 20), (batches[1].Status, batches[1].FormCount));

        // The PDF, the document and the page hold the same forms, field for field (their content hashes are equal): the
        // document and the page are recorded as holding the PDF's forms, and add nothing.
        foreach (var same in new[] { batches[2], batches[3] })
        {
            Assert.Equal((ImportStatus.Duplicate, 0, batches[0].Id), (same.Status, same.FormCount, same.DuplicateOfBatchId));
            Assert.Contains($"batch #{batches[0].Id}", same.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.Equal(ImportStatus.Failed, batches[4].Status);
        Assert.Contains("scanned", batches[4].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(25, await factory.CountFormsAsync());

        var page = await JixiaoWebFactory.HtmlAsync(admin, "/imports");
        var row = page.QuerySelector($"#batches tr[data-batch='{batches[4].Id}']")!;
        Assert.Equal("failed", row.GetAttribute("data-status"));
        Assert.Contains("扫描", row.TextContent, StringComparison.Ordinal); // the reason in the UI's language (issue 10, fix item 5)
    }
}

/// <summary>A test that renders files with Chromium and LibreOffice: skipped, with the reason, when either is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RenderingFactAttribute : FactAttribute
{
    public RenderingFactAttribute()
    {
        if ((CorpusRendering.NoChromium ?? CorpusRendering.NoLibreOffice) is { } reason)
        {
            Skip = reason;
        }
    }
}
