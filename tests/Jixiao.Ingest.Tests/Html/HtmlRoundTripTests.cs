using Jixiao.Core.Forms;
using Jixiao.Ingest.Html;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Html;

/// <summary>
/// Every corpus file rendered as a web page of one table (with ruling lines and borderless) reads back into the same
/// forms as the text reader gives, field for field.
/// </summary>
public class HtmlRoundTripTests
{
    [Theory]
    [InlineData(Corpus.Police2024, true)]
    [InlineData(Corpus.Police2024, false)]
    [InlineData(Corpus.Police2023Targets, true)]
    [InlineData(Corpus.Police2023Targets, false)]
    [InlineData(Corpus.DataBureau2024, true)]
    [InlineData(Corpus.DataBureau2024, false)]
    [InlineData(Corpus.Songnan2023, true)]
    [InlineData(Corpus.Songnan2023, false)]
    public void Corpus_web_page_reads_back_the_same_forms(string file, bool borders)
    {
        var path = Corpus.PathOf(file);
        var expected = TextForms.FromText(path);
        var html = CorpusRendering.Html(path, borders);
        var reported = new List<Diagnostic>();

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(html));
        var actual = new HtmlFormat().Read(stream, file + ".html", reported.Add).ToList();

        Assert.NotEmpty(expected);
        FormFields.AssertSame(expected, actual, $"{file} as HTML ({(borders ? "ruled" : "borderless")})");
        Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// A web page written by another program: the corpus page converted by LibreOffice to .docx and saved back as a web
    /// page (<c>HTML (StarWriter)</c>: a column group, every cell's text in a <c>&lt;p&gt;</c> with <c>&lt;font&gt;</c>
    /// and <c>&lt;span&gt;</c>, borders in inline styles).
    /// </summary>
    [LibreOfficeTheory]
    [InlineData(Corpus.Police2024)]
    [InlineData(Corpus.Police2023Targets)]
    [InlineData(Corpus.DataBureau2024)]
    [InlineData(Corpus.Songnan2023)]
    public void Corpus_page_saved_again_by_libreoffice_reads_back_the_same_forms(string file)
    {
        var path = Corpus.PathOf(file);
        var expected = TextForms.FromText(path);
        var dir = CorpusRendering.Scratch("html-lo");
        try
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var html = Path.Combine(dir, name + ".html");
            File.WriteAllText(html, CorpusRendering.Html(path, borders: true));
            var docx = CorpusRendering.Soffice(html, "docx:MS Word 2007 XML");
            var again = Path.Combine(dir, "again");
            Directory.CreateDirectory(again);
            File.Copy(docx, Path.Combine(again, name + ".docx"));
            var saved = CorpusRendering.Soffice(Path.Combine(again, name + ".docx"), "html:HTML (StarWriter)");
            var reported = new List<Diagnostic>();

            using var stream = File.OpenRead(saved);
            var actual = new HtmlFormat().Read(stream, Path.GetFileName(saved), reported.Add).ToList();

            Assert.Contains("LibreOffice", File.ReadAllText(saved));
            FormFields.AssertSame(expected, actual, $"{file} as DOCX saved as HTML by LibreOffice");
            Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
