using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Json;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Exports;

/// <summary>Text that a spreadsheet would run (formulas, DDE) is exported as text: guarded in CSV, inline strings in xlsx.</summary>
public sealed class FormulaGuardTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Formula_text_in_a_form_is_exported_as_text()
    {
        var form = new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = 2025,
            ProjectName = "=HYPERLINK(\"http://example.invalid\",\"点击\")",
            Department = "+cmd|' /C calc'!A0",
            ImplementingUnit = "@SUM(1+1)",
            SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { AnnualBudget = 50000, Executed = 50000, ExecutionRate = 100, Weight = 10, Score = 10 } },
            Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "-1+2", Target = "≥1(个)", Actual = "1(个)", Weight = 90, Score = 90 }],
            TotalWeight = 100,
            TotalScore = 100,
            Grade = "优",
        };
        var response = await ApiClient.PostBodyAsync(app.Admin, FormJsonWriter.ToJson(form), "application/json");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = await ApiClient.JsonAsync(response);
        var batch = await app.Factory.WaitForBatchAsync(accepted.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64());
        Assert.Equal(ImportStatus.Succeeded, batch.Status);

        var records = Csv.Parse((await app.Admin.GetStringAsync($"/api/v1/forms/export?format=csv&batch={batch.Id}")).TrimStart('\uFEFF'));
        var row = records[1];
        Assert.Equal("'" + form.ProjectName, row[3]);
        Assert.Equal("'" + form.Department, row[4]);
        Assert.Equal("'" + form.ImplementingUnit, row[5]);

        using var stream = new MemoryStream(await app.Admin.GetByteArrayAsync($"/api/v1/forms/export?format=xlsx&batch={batch.Id}"));
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var sheet = ExportTests.Sheets(xlsx)[0].Part;
        Assert.Empty(sheet.Worksheet.Descendants<CellFormula>());
        var cells = ExportTests.Cells(sheet);
        Assert.Equal(form.ProjectName, ExportTests.Value(cells["D2"]));
        Assert.Equal(CellValues.InlineString, cells["D2"].DataType!.Value);

        // the form sheet too: text in cells, never formulas
        var id = long.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);
        using var one = new MemoryStream(await app.Admin.GetByteArrayAsync($"/api/v1/forms/{id}/export"));
        using var formXlsx = SpreadsheetDocument.Open(one, false);
        var formSheet = ExportTests.Sheets(formXlsx)[0].Part;
        Assert.Empty(formSheet.Worksheet.Descendants<CellFormula>());
        Assert.Equal(form.ProjectName, ExportTests.Value(ExportTests.Cells(formSheet)["C3"]));
        Assert.Equal("-1+2", ExportTests.Value(ExportTests.Cells(formSheet)["C13"]));
    }
}
