using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Html;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Text;
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
    private static readonly string[] WhereFrom = ["provenance", "source"];

    /// <summary>
    /// Why the page does not read back field for field (found by this test; the page's layout and the assembler are
    /// not changed here): (1) the page prints more than the form in its cells — the recomputed value beside the printed
    /// one (<c>10 复核 10</c>, <c>100.00 复核 100.00</c>), the outcome beside the actual value (<c>100.00(%) 达成</c>,
    /// <c>… 定性</c>), and a finding's number and popover text beside the flagged value (<c>及时 1 1. 提示 TGT-UNMEASURABLE …</c> in a target, <c>… 1 1. 警告 GOAL-COPIED …</c> in a goal: a link
    /// and a <c>role="tooltip"</c> popover that print.css hides but that are in the page);
    /// (2) it prints numbers without their trailing zeros (<c>17</c> for <c>17.00</c>, <c>100</c> for <c>100.00</c>),
    /// so weights compare equal as numbers but not as printed; (3) the assembler (TableFormReader) reads a fund row whose
    /// label is merged over two columns (<c>&lt;td colspan="2"&gt;年度资金总额&lt;/td&gt;</c> in columns 1–2, values from
    /// column 3 under 年初预算数 in column 3) one column late: the covered empty column 2 is taken as 年初预算数, so
    /// initialBudget is empty, annualBudget gets 年初预算数, executed gets 全年预算数, weight gets 全年执行数, executionRate
    /// gets 分值 and score gets 执行率 — with the recomputed values and markers removed and the label moved to column 2
    /// the rows read back with no difference at all.
    /// </summary>
    public const string WhyNotFieldForField =
        "the form page prints recomputed values (复核), outcomes (达成/定性) and finding markers inside the cells and numbers without trailing zeros, " +
        "and the assembler reads a fund row whose label spans two columns (colspan=2) one column late (年初预算数 taken from the covered empty column): see PrintViewReadBackTests.WhyNotFieldForField";

    [Theory]
    [InlineData(Corpus.Police2024, 0)]
    [InlineData(Corpus.DataBureau2024, 0)]
    public async Task The_print_view_reads_back_into_the_stored_form_field_for_field(string file, int index)
    {
        var (expected, id, form) = await ReadBackAsync(file, index);

        var differences = Differences(JsonNode.Parse(Canonical(expected)), JsonNode.Parse(Canonical(form)), "");
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

    private static string Canonical(PerformanceForm form)
    {
        var node = JsonNode.Parse(FormJsonWriter.ToJson(form))!.AsObject();
        foreach (var name in WhereFrom)
        {
            node.Remove(name);
        }

        return node.ToJsonString();
    }

    /// <summary>Every path where the two JSON values differ, with both values.</summary>
    private static List<string> Differences(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return [];
            case (JsonObject e, JsonObject a):
                return [.. e.Select(p => p.Key).Union(a.Select(p => p.Key)).SelectMany(name => Differences(e[name], a[name], $"{path}.{name}"))];
            case (JsonArray e, JsonArray a):
                return [.. Enumerable.Range(0, Math.Max(e.Count, a.Count)).SelectMany(i => Differences(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, $"{path}[{i}]"))];
            case (JsonValue e, JsonValue a) when e.TryGetValue<decimal>(out var ed) && a.TryGetValue<decimal>(out var ad):
                // Numbers are the same when equal in value (form-schema.md, Comparing two forms): 10.00 printed, 10 shown.
                return ed == ad ? [] : [$"{path}: expected {ed}, read {ad}"];
            default:
                var es = expected?.ToJsonString();
                var @as = actual?.ToJsonString();
                return es == @as ? [] : [$"{path}: expected {es ?? "nothing"}, read {@as ?? "nothing"}"];
        }
    }
}
