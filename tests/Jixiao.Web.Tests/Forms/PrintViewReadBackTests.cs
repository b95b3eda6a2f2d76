using Jixiao.Core.Forms;
using Jixiao.Ingest.Html;
using Jixiao.Ingest.Text;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Forms;

/// <summary>
/// The form page (<c>/forms/{id}</c>), which is also the form's print view (print.css hides everything but the
/// official table and the findings), saved as a web page and read back by <see cref="HtmlFormat"/>: the form must come
/// back as it was imported, field for field (the text reader's form of the same corpus file).
/// </summary>
public sealed class PrintViewReadBackTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    /// <summary>
    /// The whole form comes back: the page's notes beside printed values (the recomputed value, the outcome, finding
    /// markers and their popovers) are marked <c>data-annotation</c> and left out by the reader; numbers compare by
    /// value (the page prints 10 for 10.00).
    /// </summary>
    [Theory]
    [InlineData(Corpus.Police2024, 0)]
    [InlineData(Corpus.DataBureau2024, 0)]
    public async Task The_print_view_reads_back_into_the_stored_form_field_for_field(string file, int index)
    {
        var (expected, id, form) = await ReadBackAsync(file, index);

        var differences = FormFields.Differences(expected, form);
        Assert.True(differences.Count == 0, $"/forms/{id} ({expected.ProjectName}) read back differs:\n" + string.Join("\n", differences));
    }

    /// <summary>What does come back from the page: the heading, the project's header fields and the indicator rows' labels and weights.</summary>
    [Theory]
    [InlineData(Corpus.Police2024, 0)]
    [InlineData(Corpus.DataBureau2024, 0)]
    [InlineData(Corpus.DataBureau2024, 5)]
    public async Task The_print_view_reads_back_the_form_its_heading_and_its_indicator_rows(string file, int index)
    {
        var (expected, _, form) = await ReadBackAsync(file, index);

        Assert.Equal((expected.Kind, expected.Year, expected.MoneyUnit), (form.Kind, form.Year, form.MoneyUnit));
        Assert.Equal((expected.ProjectName, expected.Department, expected.ImplementingUnit), (form.ProjectName, form.Department, form.ImplementingUnit));
        Assert.Equal(expected.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Weight)), form.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Weight)));
        Assert.Equal(expected.TotalWeight, form.TotalWeight);
    }

    /// <summary>The text reader's form <paramref name="index"/> of the corpus file, its id as imported, and its form page read back.</summary>
    private async Task<(PerformanceForm Expected, long Id, PerformanceForm Form)> ReadBackAsync(string file, int index)
    {
        using var text = new StreamReader(Corpus.PathOf(file));
        var expected = TextFormReader.Read(text, file).ElementAt(index);
        long id;
        await using (var db = corpus.Factory.Database.CreateContext())
        {
            var batch = file == Corpus.Police2024 ? corpus.Police.Id : corpus.DataBureau.Id;
            id = await db.Forms.Where(f => f.ImportBatchId == batch && f.ProjectName == expected.ProjectName).Select(f => f.Id).SingleAsync();
        }

        var page = await corpus.Admin.GetByteArrayAsync($"/forms/{id}");
        var reported = new List<Diagnostic>();
        using var stream = new MemoryStream(page);
        var forms = new HtmlFormat().Read(stream, $"form-{id}.html", reported.Add).ToList();
        Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        return (expected, id, Assert.Single(forms));
    }
}
