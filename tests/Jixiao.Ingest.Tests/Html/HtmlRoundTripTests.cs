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
}
