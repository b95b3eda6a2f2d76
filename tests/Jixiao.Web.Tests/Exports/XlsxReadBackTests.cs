using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Exports;

/// <summary>
/// The project's own one-form xlsx export (XlsxFormExport) read back with the .xlsx reader: the form must come back
/// as the text reader gave it, field for field (without where it was read from).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class XlsxReadBackTests(ApiFixture api)
{
    public static TheoryData<string> Files => [.. Corpus.AllFiles];

    /// <summary>What the export keeps: the form's names, units and indicator rows come back from the workbook as printed.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_first_form_of_each_corpus_file_reads_back_from_its_xlsx_export_with_its_names_and_indicators(string file)
    {
        var (expected, forms, diagnostics) = await ExportAndReadAsync(file);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var form = forms[0];
        Assert.Equal(expected.Kind, form.Kind);
        Assert.Equal(expected.Year, form.Year);
        Assert.Equal(expected.ProjectName, form.ProjectName);
        Assert.Equal(expected.Department, form.Department);
        Assert.Equal(expected.ImplementingUnit, form.ImplementingUnit);
        var read = form.Indicators.Take(expected.Indicators.Count).Select(i => (i.Level1, i.Level2, i.Name, i.Target, i.Actual));
        Assert.Equal(expected.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Target, i.Actual)), read);
    }

    /// <summary>Field for field: the workbook's first sheet is the form; its other sheets (检查结果, 来源) are not forms.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_first_form_of_each_corpus_file_reads_back_from_its_xlsx_export_field_for_field(string file)
    {
        var (expected, forms, diagnostics) = await ExportAndReadAsync(file);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var difference = FormFields.FirstDifference(JsonNode.Parse(FormFields.Canonical(expected)), JsonNode.Parse(FormFields.Canonical(forms[0])), "");
        Assert.True(difference is null, $"{file}: the exported form read back differs at {difference}");
        Assert.True(forms.Count == 1, $"{file}: {forms.Count} forms read back: {string.Join(" | ", forms.Select(f => $"\"{f.ProjectName}\" {f.Indicators.Count} indicators"))}");
    }

    /// <summary>The export is the official workbook a unit fills offline: its own reader gives the form back whole, without a word about any cell.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_first_form_of_each_corpus_file_reads_back_from_its_xlsx_export_with_the_official_workbook_reader(string file)
    {
        var (expected, bytes) = await ExportAsync(file);

        var result = OfficialWorkbookReader.Read(bytes, "export.xlsx");

        Assert.True(result.Marked);
        Assert.Empty(result.Messages);
        var differences = FormFields.Differences(expected, result.Form!);
        Assert.True(differences.Count == 0, $"{file}: the export read back differs: {string.Join("; ", differences)}");
    }

    private async Task<(PerformanceForm Expected, byte[] Workbook)> ExportAsync(string file)
    {
        var expected = FormatRegistry.Default.ReadFile(Corpus.PathOf(file)).First();
        using var list = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?batch={api.Batches[file].Id}&sort=imported&pageSize=1");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        var response = await api.Admin.GetAsync($"/api/v1/forms/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (expected, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<(PerformanceForm Expected, List<PerformanceForm> Forms, List<Diagnostic> Diagnostics)> ExportAndReadAsync(string file)
    {
        var (expected, bytes) = await ExportAsync(file);
        using var stream = new MemoryStream(bytes);
        var diagnostics = new List<Diagnostic>();
        var forms = new XlsxFormat().Read(stream, "form.xlsx", diagnostics.Add).ToList();
        Assert.NotEmpty(forms);
        return (expected, forms, diagnostics);
    }
}
