using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Exports;

/// <summary>Exports of the imported corpus read back: CSV with an RFC 4180 reader, xlsx with the Open XML SDK, JSON with FormJsonReader.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExportTests(ApiFixture api)
{
    private const int Columns = 27;

    [Fact]
    public async Task The_csv_of_every_form_has_a_bom_a_header_and_one_row_per_form_with_the_listed_values()
    {
        var response = await api.Admin.GetAsync("/api/v1/forms/export?format=csv&sort=imported");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var records = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(ApiFixture.AllForms + 1, records.Count);
        Assert.All(records, r => Assert.Equal(Columns, r.Length));
        var header = records[0];
        Assert.Equal(["编号", "表类型", "年度", "项目名称", "主管部门"], header[..5]);

        using var list = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&sort=imported");
        var items = ApiClient.Items(list).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var row = records[i + 1];
            var item = items[i];
            Assert.Equal(item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(item.GetProperty("kind").GetString() switch // the kind's word in the request's language (issue 10, fix item 5)
            {
                "target-declaration" => "绩效目标申报表",
                "department-self-evaluation" => "部门整体支出绩效自评表",
                _ => "绩效自评表",
            }, row[1]);
            Assert.Equal(item.GetProperty("projectName").GetString(), row[3]);
            Assert.Equal(item.GetProperty("department").GetString(), row[4]);
            Assert.Equal(Text(item.GetProperty("budget")), row[Array.IndexOf(header, "年度预算（元）")]);
            Assert.Equal(TwoDecimals(item.GetProperty("totalScore")), row[Array.IndexOf(header, "自评得分")]); // scores: 0.00, as on the pages
            Assert.Equal(TwoDecimals(item.GetProperty("recomputedTotal")), row[Array.IndexOf(header, "复核得分")]);
            Assert.Equal(TwoDecimals(item.GetProperty("executionRate")), row[Array.IndexOf(header, "执行率（%）")]);
            Assert.Equal(item.GetProperty("findings").GetProperty("errors").GetInt32().ToString(CultureInfo.InvariantCulture), row[Array.IndexOf(header, "错误")]);
        }
    }

    [Fact]
    public async Task The_csv_follows_the_filters_and_the_chosen_language()
    {
        var csv = await api.Admin.GetStringAsync("/api/v1/forms/export?format=csv&year=2023&kind=declaration&culture=en");
        var records = Csv.Parse(csv.TrimStart('\uFEFF'));
        Assert.Equal(["ID", "Kind", "Year", "Project name", "Department"], records[0][..5]);
        Assert.Equal(4, records.Count);
        Assert.All(records.Skip(1), r => Assert.Equal("Target declaration", r[1])); // the kind in the chosen language (issue 10, fix item 5)
        Assert.All(records.Skip(1), r => Assert.Equal(ApiFixture.Police, r[4]));

        // page and size are ignored: an export holds the whole selection
        var paged = Csv.Parse((await api.Admin.GetStringAsync("/api/v1/forms/export?format=csv&page=2&size=10")).TrimStart('\uFEFF'));
        Assert.Equal(ApiFixture.AllForms + 1, paged.Count);
    }

    [Fact]
    public void Csv_fields_are_quoted_per_rfc_4180_and_guarded_against_formulas()
    {
        Assert.Equal("plain", Web.Exports.CsvExport.Field("plain"));
        Assert.Equal("\"a,b\"", Web.Exports.CsvExport.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Web.Exports.CsvExport.Field("say \"hi\""));
        Assert.Equal("\"two\r\nlines\"", Web.Exports.CsvExport.Field("two\r\nlines"));
        Assert.Equal("'=1+1", Web.Exports.CsvExport.Field("=1+1"));
        Assert.Equal("'+cmd", Web.Exports.CsvExport.Field("+cmd"));
        Assert.Equal("'-2", Web.Exports.CsvExport.Field("-2"));
        Assert.Equal("'@SUM(A1)", Web.Exports.CsvExport.Field("@SUM(A1)"));
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Web.Exports.CsvExport.Field("=HYPERLINK(\"http://x\",\"y\")"));
        Assert.Equal("'\tx", Web.Exports.CsvExport.Field("\tx"));
        Assert.Equal("", Web.Exports.CsvExport.Field(null));
        Assert.Equal("a=1", Web.Exports.CsvExport.Field("a=1"));
    }

    [Fact]
    public async Task The_xlsx_of_a_list_opens_with_one_row_per_form_and_numbers_as_numbers()
    {
        var response = await api.Admin.GetAsync("/api/v1/forms/export?format=xlsx&sort=imported&department=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var sheet = Sheets(xlsx).Single();
        Assert.Equal("表单", sheet.Name);
        var cells = Cells(sheet.Part);
        var rows = sheet.Part.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(35, rows.Count);
        Assert.Equal("编号", Value(cells["A1"]));
        Assert.Equal("项目名称", Value(cells["D1"]));
        Assert.Equal("年度预算（元）", Value(cells["H1"]));

        using var list = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&sort=imported&department=" + Uri.EscapeDataString(ApiFixture.DataBureau));
        var items = ApiClient.Items(list).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var r = i + 2;
            Assert.Equal(items[i].GetProperty("id").GetInt64(), long.Parse(Value(cells[$"A{r}"])!, CultureInfo.InvariantCulture));
            Assert.Null(cells[$"A{r}"].DataType); // a number
            Assert.Equal(items[i].GetProperty("projectName").GetString(), Value(cells[$"D{r}"]));
            Assert.Equal(items[i].GetProperty("budget").GetDecimal(), decimal.Parse(Value(cells[$"H{r}"])!, CultureInfo.InvariantCulture));
            Assert.Equal(items[i].GetProperty("totalScore").GetDecimal(), decimal.Parse(Value(cells[$"L{r}"])!, CultureInfo.InvariantCulture));
        }

        Assert.Equal("A1:AA35", sheet.Part.Worksheet.Descendants<AutoFilter>().Single().Reference?.Value);
    }

    [Fact]
    public async Task One_self_evaluation_as_xlsx_has_the_official_layout_with_merged_cells()
    {
        using var list = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?batch={api.Batches[Corpus.Police2024].Id}&sort=imported&pageSize=1");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        using var json = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms/{id}");
        var form = json.RootElement;

        var response = await api.Admin.GetAsync($"/api/v1/forms/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"jixiao-form-{id}-2024.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var sheets = Sheets(xlsx);
        Assert.Equal(["绩效自评表", "检查结果"], sheets.Select(s => s.Name));
        var part = sheets[0].Part;
        var cells = Cells(part);
        var merges = part.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToHashSet();

        Assert.Equal("财政项目支出绩效自评表", Value(cells["A1"]));
        Assert.Equal("（2024年度）", Value(cells["A2"]));
        Assert.Contains("A1:I1", merges);
        Assert.Equal("项目名称", Value(cells["A3"]));
        Assert.Contains("A3:B3", merges);
        Assert.Equal(form.GetProperty("projectName").GetString(), Value(cells["C3"]));
        Assert.Contains("C3:I3", merges);
        Assert.Equal(form.GetProperty("department").GetString(), Value(cells["C4"]));
        Assert.Equal(form.GetProperty("implementingUnit").GetString(), Value(cells["G4"]));
        Assert.Equal("项目资金（万元）", Value(cells["A5"]));
        Assert.Contains("A5:A9", merges);
        Assert.Equal("年度资金总额", Value(cells["B6"]));

        // money in the printed unit (万元), scores as printed
        var total = form.GetProperty("funds").GetProperty("total");
        Assert.Equal(total.GetProperty("annualBudget").GetDecimal() / 10_000m, decimal.Parse(Value(cells["E6"])!, CultureInfo.InvariantCulture));
        Assert.Equal(total.GetProperty("executionRate").GetDecimal(), decimal.Parse(Value(cells["H6"])!, CultureInfo.InvariantCulture));
        Assert.Equal(form.GetProperty("goals").GetProperty("expected").GetString(), Value(cells["B11"]));
        Assert.Contains("B11:E11", merges);

        // indicators from row 13, 一级/二级 cells merged over the rows they span
        var indicators = form.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal("一级指标", Value(cells["A12"]));
        for (var i = 0; i < indicators.Count; i++)
        {
            Assert.Equal(indicators[i].GetProperty("name").GetString(), Value(cells[$"C{13 + i}"]));
            Assert.Equal(indicators[i].GetProperty("target").GetString(), Value(cells[$"E{13 + i}"]));
            Assert.Equal(indicators[i].GetProperty("score").GetDecimal(), decimal.Parse(Value(cells[$"H{13 + i}"])!, CultureInfo.InvariantCulture));
        }

        var level1Spans = Spans(indicators.Select(i => i.GetProperty("level1").GetString()).ToList());
        var row = 13;
        foreach (var (label, count) in level1Spans)
        {
            Assert.Equal(label, Value(cells[$"A{row}"]));
            if (count > 1)
            {
                Assert.Contains($"A{row}:A{row + count - 1}", merges);
            }

            row += count;
        }

        var totalRow = 13 + indicators.Count;
        Assert.Equal("总分", Value(cells[$"A{totalRow}"]));
        Assert.Contains($"A{totalRow}:F{totalRow}", merges);
        Assert.Equal(form.GetProperty("totalWeight").GetDecimal(), decimal.Parse(Value(cells[$"G{totalRow}"])!, CultureInfo.InvariantCulture));
        Assert.Equal(form.GetProperty("totalScore").GetDecimal(), decimal.Parse(Value(cells[$"H{totalRow}"])!, CultureInfo.InvariantCulture));
        Assert.Equal("评分等级：" + form.GetProperty("grade").GetString(), Value(cells[$"I{totalRow}"]));

        // the second sheet: recomputed values and every finding
        var findings = Cells(sheets[1].Part);
        Assert.Equal(form.GetProperty("recomputed").GetProperty("total").GetDecimal(), decimal.Parse(Value(findings["C4"])!, CultureInfo.InvariantCulture));
        var codes = findings.Where(c => c.Key.StartsWith('C') && int.Parse(c.Key[1..], CultureInfo.InvariantCulture) > 13).Select(c => Value(c.Value)).ToList();
        Assert.Equal(form.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()), codes);
    }

    [Fact]
    public async Task One_declaration_as_xlsx_has_the_declaration_layout()
    {
        using var list = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?kind=declaration&sort=imported&pageSize=1");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        using var json = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms/{id}");
        var form = json.RootElement;
        using var stream = new MemoryStream(await api.Admin.GetByteArrayAsync($"/api/v1/forms/{id}/export"));
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var sheet = Sheets(xlsx)[0];
        Assert.Equal("绩效目标申报表", sheet.Name);
        var cells = Cells(sheet.Part);
        var merges = sheet.Part.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToHashSet();
        Assert.Equal("财政项目支出绩效目标申报表", Value(cells["A1"]));
        Assert.Contains("A1:F1", merges);
        Assert.Equal(form.GetProperty("category").GetString(), Value(cells["E3"]));
        Assert.Equal(form.GetProperty("funds").GetProperty("projectTotal").GetDecimal() / 10_000m, decimal.Parse(Value(cells["C6"])!, CultureInfo.InvariantCulture));
        var indicators = form.GetProperty("indicators").GetArrayLength();
        Assert.Equal("绩效指标", Value(cells["A12"]));
        Assert.Contains($"A12:A{12 + indicators}", merges);
        Assert.Equal(form.GetProperty("indicators")[indicators - 1].GetProperty("name").GetString(), Value(cells[$"D{12 + indicators}"]));
    }

    [Fact]
    public async Task The_json_export_reads_back_and_writes_again_to_the_same_bytes()
    {
        var response = await api.Admin.GetAsync("/api/v1/forms/export?format=json&sort=imported");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var diagnostics = new List<Diagnostic>();
        var forms = FormJsonReader.Read(new MemoryStream(bytes), "export.json", diagnostics.Add).ToList();
        Assert.Empty(diagnostics);
        Assert.Equal(ApiFixture.AllForms, forms.Count);
        Assert.All(forms, f => Assert.Empty(f.Diagnostics));
        Assert.Equal(37 + 34 + 5, forms.Count(f => f.Kind == FormKind.SelfEvaluation));

        using var again = new MemoryStream();
        FormJsonWriter.WriteArray(again, forms);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(again.ToArray()));

        // each form as the one-form endpoints give it
        using var list = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&sort=imported");
        var ids = ApiClient.Items(list).Select(i => i.GetProperty("id").GetInt64()).ToList();
        foreach (var i in new[] { 0, 37, 40, ids.Count - 1 })
        {
            var one = await api.Admin.GetStringAsync($"/api/v1/forms/{ids[i]}/export?format=json");
            var read = FormJsonReader.ReadString(one, "one.json", null).Single();
            Assert.Equal(FormJsonWriter.ToJson(forms[i]), FormJsonWriter.ToJson(read));
            var api1 = FormJsonReader.ReadString(await api.Admin.GetStringAsync($"/api/v1/forms/{ids[i]}"), "api.json", null).Single();
            Assert.Equal(FormJsonWriter.ToJson(forms[i]), FormJsonWriter.ToJson(api1));
        }
    }

    [Fact]
    public async Task Export_problems_name_the_format()
    {
        var missing = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/export", HttpStatusCode.BadRequest);
        Assert.Contains("format=csv", missing.GetProperty("errors").GetProperty("format")[0].GetString()!, StringComparison.Ordinal);
        var wrong = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/export?format=pdf", HttpStatusCode.BadRequest);
        Assert.Contains("csv, xlsx, json", wrong.GetProperty("errors").GetProperty("format")[0].GetString()!, StringComparison.Ordinal);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/1/export?format=csv", HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/99999999/export", HttpStatusCode.NotFound);
    }

    private static string TwoDecimals(JsonElement number) => number.ValueKind == JsonValueKind.Null ? "" : number.GetDecimal().ToString("0.00", CultureInfo.InvariantCulture);

    private static string Text(JsonElement number) => number.ValueKind == JsonValueKind.Null ? "" : number.GetDecimal().ToString(CultureInfo.InvariantCulture);

    internal static List<(string Name, WorksheetPart Part)> Sheets(SpreadsheetDocument xlsx)
    {
        var workbook = xlsx.WorkbookPart!;
        return [.. workbook.Workbook.Descendants<Sheet>().Select(s => (s.Name!.Value!, (WorksheetPart)workbook.GetPartById(s.Id!.Value!)))];
    }

    internal static Dictionary<string, Cell> Cells(WorksheetPart part) =>
        part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, StringComparer.Ordinal);

    /// <summary>A cell's text: an inline string's text, else its value; null when empty.</summary>
    internal static string? Value(Cell cell)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        return cell.CellValue?.Text;
    }

    private static List<(string? Label, int Count)> Spans(List<string?> labels)
    {
        var spans = new List<(string?, int)>();
        foreach (var l in labels)
        {
            if (spans.Count > 0 && spans[^1].Item1 == l)
            {
                spans[^1] = (l, spans[^1].Item2 + 1);
            }
            else
            {
                spans.Add((l, 1));
            }
        }

        return spans;
    }
}
