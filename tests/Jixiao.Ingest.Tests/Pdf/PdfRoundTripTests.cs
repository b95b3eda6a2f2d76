using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Pdf;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Pdf;

/// <summary>
/// Every corpus file printed to PDF — with ruling lines and without — reads back to the forms the text reader gives,
/// field for field.
/// </summary>
public class PdfRoundTripTests
{
    public static TheoryData<string, PdfRendering> Cases()
    {
        var data = new TheoryData<string, PdfRendering>();
        foreach (var rendering in Enum.GetValues<PdfRendering>())
        {
            foreach (var file in Corpus.AllFiles)
            {
                data.Add(file, rendering);
            }
        }

        return data;
    }

    [RenderingTheory]
    [MemberData(nameof(Cases))]
    public void A_printed_corpus_file_reads_back_to_the_same_forms(string file, PdfRendering rendering)
    {
        if (PdfRenderings.Missing(rendering) is { } missing)
        {
            Assert.Fail(missing);
        }

        var expected = FormatRegistry.Default.ReadFile(Corpus.PathOf(file)).ToList();
        var pdf = PdfRenderings.PathOf(file, rendering);
        var reported = new List<Diagnostic>();
        using var stream = File.OpenRead(pdf);

        var actual = new PdfFormat().Read(stream, Path.GetFileName(pdf), reported.Add).ToList();

        Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        FormFields.AssertSame(expected, actual, $"{file} printed as {rendering}");
    }
}
