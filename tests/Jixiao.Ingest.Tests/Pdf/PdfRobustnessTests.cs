using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Pdf;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Pdf;

/// <summary>
/// Hostile and unreadable PDFs: each gives a clear diagnostic naming the file (and the page where there is one) and
/// saying what was found and what was expected, or the forms found — never an exception, a hang or only "no form
/// found" (the assembler adds that after the reader's own error when no form was read).
/// </summary>
public class PdfRobustnessTests
{
    private static (List<PerformanceForm> Forms, List<Diagnostic> Reported) Read(byte[] bytes, string name, ReadLimits? limits = null)
    {
        var reported = new List<Diagnostic>();
        using var stream = new MemoryStream(bytes);
        var forms = new PdfFormat(limits).Read(stream, name, reported.Add).ToList();
        return (forms, reported);
    }

    private static (List<PerformanceForm> Forms, List<Diagnostic> Reported) Read(string path, ReadLimits? limits = null) =>
        Read(File.ReadAllBytes(path), Path.GetFileName(path), limits);

    [Fact]
    public void A_pdf_is_recognised_by_its_signature_not_its_name()
    {
        var format = new PdfFormat();

        Assert.Equal(Recognition.Signature, format.Recognises("%PDF-1.7\n%\u00e2\u00e3"u8));
        Assert.Equal(Recognition.No, format.Recognises("项目名称\t示例"u8.ToArray()));
        Assert.Equal("pdf", format.Name);
        Assert.Equal([".pdf"], format.Extensions);
    }

    [Fact]
    public void Junk_that_begins_like_a_pdf_is_an_error_naming_the_file()
    {
        var junk = new byte[64 * 1024];
        new Random(7).NextBytes(junk);
        "%PDF-1.7\n"u8.CopyTo(junk);

        var (forms, reported) = Read(junk, "junk.pdf");

        Assert.Empty(forms);
        var error = FirstError(reported);
        Assert.Equal("junk.pdf", error.File);
        Assert.Contains("could not be opened as a PDF", error.Message);
        Assert.Contains("expected a complete PDF document", error.Message);
    }

    [Fact]
    public void An_empty_stream_named_pdf_is_an_error()
    {
        var (forms, reported) = Read([], "empty.pdf");

        Assert.Empty(forms);
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Error && d.File == "empty.pdf");
    }

    [ChromiumFact]
    public void A_scanned_page_is_reported_as_an_image_with_its_page()
    {
        var (forms, reported) = Read(HostilePdfs.Scanned);

        Assert.Empty(forms);
        var error = FirstError(reported);
        Assert.Equal("scanned.pdf", error.File);
        Assert.StartsWith("page 1 holds only an image (a scanned page): text cannot be read from images", error.Message);
        Assert.Contains("OCR", error.Message);
    }

    [ChromiumFact]
    public void A_pdf_of_prose_is_reported_as_holding_no_table()
    {
        var (forms, reported) = Read(HostilePdfs.Prose);

        Assert.Empty(forms);
        var error = FirstError(reported);
        Assert.Equal("prose.pdf", error.File);
        Assert.StartsWith("no table was found on the 1 page with text", error.Message);
        Assert.Contains("expected the table of a performance form", error.Message);
    }

    [ChromiumFact]
    public void An_encrypted_pdf_is_reported_as_encrypted()
    {
        if (HostilePdfs.NoQpdf is { } missing)
        {
            Assert.Fail(missing);
        }

        var (forms, reported) = Read(HostilePdfs.Encrypted());

        Assert.Empty(forms);
        var error = FirstError(reported);
        Assert.Equal("encrypted.pdf", error.File);
        Assert.StartsWith("the PDF is encrypted (password-protected)", error.Message);
    }

    [ChromiumFact]
    public void A_truncated_pdf_gives_an_error_or_the_forms_before_the_cut_never_an_exception()
    {
        var whole = File.ReadAllBytes(PdfRenderings.PathOf(Corpus.Police2024, PdfRendering.ChromiumRuled));
        var expected = FormatRegistry.Default.ReadFile(Corpus.PathOf(Corpus.Police2024)).ToList();

        var (forms, reported) = Read(whole[..(whole.Length / 2)], "truncated.pdf");

        var error = FirstError(reported);
        Assert.Equal("truncated.pdf", error.File);
        Assert.Contains("truncated or damaged", error.Message);
        Assert.True(forms.Count < expected.Count, $"read {forms.Count} forms from half a file of {expected.Count}");
        Assert.All(forms, f => Assert.Contains(expected, e => e.ProjectName == f.ProjectName));
    }

    [ChromiumFact]
    public void A_500_page_pdf_is_read_page_by_page_and_the_page_limit_stops_it_with_a_clear_error()
    {
        var perCopy = FormatRegistry.Default.ReadFile(Corpus.PathOf(Corpus.Police2024)).Count();
        var bytes = File.ReadAllBytes(HostilePdfs.Long);

        var (all, allReported) = Read(bytes, "long.pdf");
        var (limited, limitedReported) = Read(bytes, "long.pdf", ReadLimits.Default with { MaxPages = 100 });

        Assert.True(PageCount(bytes) >= 500, $"the long PDF has {PageCount(bytes)} pages");
        Assert.Equal(perCopy * HostilePdfs.LongCopies, all.Count);
        Assert.DoesNotContain(allReported, d => d.Severity == DiagnosticSeverity.Error);
        var error = FirstError(limitedReported);
        Assert.StartsWith("the document has more than 100 pages", error.Message);
        Assert.InRange(limited.Count, 1, all.Count / 4);
    }

    /// <summary>The reader's own error: the first one (the assembler adds "no form found" after it when nothing was read).</summary>
    private static Diagnostic FirstError(List<Diagnostic> reported)
    {
        var error = reported.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotNull(error);
        return error;
    }

    private static int PageCount(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }
}
