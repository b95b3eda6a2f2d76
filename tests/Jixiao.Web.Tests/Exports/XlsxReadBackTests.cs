using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Json;
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

    /// <summary>
    /// Field for field, the export does not read back today, for three reasons outside the reader (it gives the
    /// workbook's cells as printed): the export prints 分值/得分 in General format (<c>10</c> where the form printed
    /// <c>10.00</c>); its self-evaluation fund rows put the label in B with C empty (merged B:C) and the assembler
    /// then reads no amounts (<c>funds.total.initialBudget</c> read nothing); and the assembler does not end a form at
    /// the worksheet's end, so the second sheet, 检查结果, adds an indicator (复核结果…) to a declaration and is read
    /// as a second form (its 项目名称 row).
    /// </summary>
    [Theory(Skip = "export/assembler (issue 9): weights printed in General format (10 for 10.00); fund rows B:C merged read no amounts; the 检查结果 sheet read as indicators and a second form")]
    [MemberData(nameof(Files))]
    public async Task The_first_form_of_each_corpus_file_reads_back_from_its_xlsx_export_field_for_field(string file)
    {
        var (expected, forms, diagnostics) = await ExportAndReadAsync(file);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var difference = FirstDifference(JsonNode.Parse(Canonical(expected)), JsonNode.Parse(Canonical(forms[0])), "");
        Assert.True(difference is null, $"{file}: the exported form read back differs at {difference}");
        Assert.True(forms.Count == 1, $"{file}: {forms.Count} forms read back: {string.Join(" | ", forms.Select(f => $"\"{f.ProjectName}\" {f.Indicators.Count} indicators"))}");
    }

    private async Task<(PerformanceForm Expected, List<PerformanceForm> Forms, List<Diagnostic> Diagnostics)> ExportAndReadAsync(string file)
    {
        var expected = FormatRegistry.Default.ReadFile(Corpus.PathOf(file)).First();
        using var list = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?batch={api.Batches[file].Id}&sort=imported&pageSize=1");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        var response = await api.Admin.GetAsync($"/api/v1/forms/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var diagnostics = new List<Diagnostic>();
        var forms = new XlsxFormat().Read(stream, $"form-{id}.xlsx", diagnostics.Add).ToList();
        Assert.NotEmpty(forms);
        return (expected, forms, diagnostics);
    }

    private static string Canonical(PerformanceForm form)
    {
        var node = JsonNode.Parse(FormJsonWriter.ToJson(form))!.AsObject();
        node.Remove("provenance");
        node.Remove("source");
        return node.ToJsonString();
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (FirstDifference(e[name], a[name], $"{path}.{name}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (FirstDifference(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                var es = expected?.ToJsonString();
                var @as = actual?.ToJsonString();
                return es == @as ? null : $"{path}: expected {es ?? "nothing"}, read {@as ?? "nothing"}";
        }
    }
}
