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

    /// <summary>
    /// The hand-written pages of <see cref="Html.HtmlFixtures"/> converted to .docx by LibreOffice, which writes their
    /// rowspan/colspan as <c>w:vMerge</c>/<c>w:gridSpan</c> its own way, and the site page's layout table as a table
    /// holding the form's tables.
    /// </summary>
    [LibreOfficeTheory]
    [InlineData("page")]
    [InlineData("site")]
    public void Hand_written_pages_converted_by_libreoffice_read_back_the_form(string which)
    {
        var expected = Jixiao.Ingest.Text.TextFormReader.Read(new StringReader(Html.HtmlFixtures.Text), "form.txt").ToList();
        var dir = CorpusRendering.Scratch("docx-fixture");
        try
        {
            var html = Path.Combine(dir, which + ".html");
            // LibreOffice's HTML import shows hidden blocks (display:none, hidden) as ordinary paragraphs and tables, so
            // in the document they are visible text: the site page goes in without them.
            var page = which == "page"
                ? Html.HtmlFixtures.Page()
                : Html.HtmlFixtures.SitePage()
                    .Replace("<div style=\"display: none\">财政项目支出绩效目标申报表</div>", "")
                    .Replace("<div hidden><table><tr><td>项目名称</td><td>隐藏的项目</td></tr></table></div>", "");
            Assert.DoesNotContain("hidden", page);
            Assert.DoesNotContain("display: none", page);
            File.WriteAllText(html, page);
            var docx = CorpusRendering.Soffice(html, "docx:MS Word 2007 XML");
            var reported = new List<Diagnostic>();

            using var stream = File.OpenRead(docx);
            var actual = new DocxFormat().Read(stream, Path.GetFileName(docx), reported.Add).ToList();

            FormFields.AssertSame(expected, actual, $"{which} page as DOCX");
            Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
