using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Every corpus file rendered as a workbook by LibreOffice (.xlsx and .xls) reads back to the same forms as the text
/// reader gives, field for field: numbers Calc stored with number formats (<c>2,072.25</c>, <c>100.00%</c>) come
/// back as printed.
/// </summary>
public sealed class ExcelRoundTripTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Corpus.AllFiles)
        {
            data.Add(file, "xlsx");
            data.Add(file, "xls");
        }

        return data;
    }

    [LibreOfficeTheory]
    [MemberData(nameof(Cases))]
    public void CorpusReadsBackFromTheWorkbook(string file, string extension)
    {
        var path = Corpus.PathOf(file);
        var expected = FormatRegistry.Default.ReadFile(path).ToList();
        var workbook = ExcelRendering.Workbook(path, extension);
        TableFormat format = extension == "xls" ? new XlsFormat() : new XlsxFormat();
        var diagnostics = new List<Diagnostic>();
        List<PerformanceForm> actual;
        using (var stream = File.OpenRead(workbook))
        {
            actual = [.. format.Read(stream, Path.GetFileName(workbook), diagnostics.Add)];
        }

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        FormFields.AssertSame(expected, actual, $"{file} as .{extension}");
    }

    /// <summary>
    /// A Shenzhen workbook saved as .xls by LibreOffice gives the .xls reader the same rows as the .xlsx reader gives
    /// for the original: sheets, merged cells given once, amounts as printed.
    /// </summary>
    [LibreOfficeTheory]
    [InlineData(1)]
    [InlineData(14)]
    public void AShenzhenWorkbookAsXlsGivesTheSameRows(int number)
    {
        var original = RealWorld.ShenzhenWorkbooks.Single(p => RealWorld.Number(p) == number);
        var dir = CorpusRendering.Scratch("shenzhen-xls");
        var copy = Path.Combine(dir, $"shenzhen-{number}.xlsx");
        File.Copy(original, copy);
        var xls = CorpusRendering.Soffice(copy, "xls:MS Excel 97");

        var (expected, _) = ExcelRows.Read(original);
        var (actual, diagnostics) = ExcelRows.Read(xls);

        Assert.Empty(diagnostics);
        Assert.Equal(expected.Select(r => (r.Sheet, r.SourceRow, ExcelRows.Joined(r))), actual.Select(r => (r.Sheet, r.SourceRow, ExcelRows.Joined(r))));
    }
}
