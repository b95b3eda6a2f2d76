using Jixiao.Core.Forms;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Ingest.Word;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Word;

/// <summary>
/// Every corpus file rendered as a web page and converted to .docx by LibreOffice (filter <c>MS Word 2007 XML</c>)
/// reads back into the same forms as the text reader gives, field for field.
/// </summary>
public class DocxRoundTripTests
{
    [LibreOfficeTheory]
    [InlineData(Corpus.Police2024)]
    [InlineData(Corpus.Police2023Targets)]
    [InlineData(Corpus.DataBureau2024)]
    [InlineData(Corpus.Songnan2023)]
    public void Corpus_word_document_reads_back_the_same_forms(string file)
    {
        var path = Corpus.PathOf(file);
        var expected = TextForms.FromText(path);
        var dir = CorpusRendering.Scratch("docx");
        try
        {
            var html = Path.Combine(dir, Path.GetFileNameWithoutExtension(file) + ".html");
            File.WriteAllText(html, CorpusRendering.Html(path, borders: true));
            var docx = CorpusRendering.Soffice(html, "docx:MS Word 2007 XML");
            var reported = new List<Diagnostic>();

            using var stream = File.OpenRead(docx);
            var actual = new DocxFormat().Read(stream, Path.GetFileName(docx), reported.Add).ToList();

            Assert.NotEmpty(expected);
            FormFields.AssertSame(expected, actual, $"{file} as DOCX");
            Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
