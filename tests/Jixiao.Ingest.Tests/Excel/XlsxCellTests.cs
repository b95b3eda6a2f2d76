using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using XText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Every kind of cell an .xlsx holds, in a workbook written here: shared strings with rich text runs, inline strings,
/// booleans, errors, formula results, numbers in their formats, dates; merged cells whose covered cells hold values;
/// rows the sheet does not store (given as one blank row); a hidden sheet and a chart sheet.
/// </summary>
public sealed class XlsxCellTests
{
    private static readonly Lazy<(List<Jixiao.Ingest.Tables.TableRow> Rows, List<Diagnostic> Diagnostics)> Book = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"jixiao-cells-{Guid.NewGuid():N}.xlsx");
        try
        {
            Write(path);
            return ExcelRows.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    });

    [Fact]
    public void CellsAreGivenAsPrinted()
    {
        var rows = Book.Value.Rows.Where(r => r.Sheet == "表").Select(r => (r.SourceRow, ExcelRows.Joined(r))).ToList();
        Assert.Equal(
        [
            (1, "项目名称：|跨行 富文本"),
            (2, "产出|数量|TRUE|#N/A|12.50|2,072.25|100.00%|2023年3月15日|2023-03-15|4.403062313915E+20"),
            (3, "|质量|FALSE|公式结果|0|-|第一行\n第二行\t制表"),
            (4, ""),
            (5, ""),
            (6, "满意度|无 r 的单元格|紧随其后"),
        ], rows);
    }

    [Fact]
    public void HiddenSheetsAreSkippedWithANoteAndLinesCountOverTheWorkbook()
    {
        var (rows, diagnostics) = Book.Value;
        Assert.Equal(["表", "第二表"], rows.Select(r => r.Sheet).Distinct());
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Line));
        var note = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Equal("sheet 隐藏 is hidden: not read (hidden worksheets hold lists and workings, not the published form); unhide it to read it", note.Message);
        Assert.Equal("第二表第一行", rows.Single(r => r.Sheet == "第二表").Cells[0]);
    }

    [Fact]
    public void ANonSeekableStreamIsReadToo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jixiao-cells-{Guid.NewGuid():N}.xlsx");
        try
        {
            Write(path);
            using var file = File.OpenRead(path);
            using var pipe = new ForwardOnly(file);
            var diagnostics = new List<Diagnostic>();
            _ = new XlsxFormat().Read(pipe, "pipe.xlsx", diagnostics.Add).ToList();
            Assert.Contains(diagnostics, d => d.Message.StartsWith("sheet 隐藏 is hidden", StringComparison.Ordinal));
            Assert.DoesNotContain(diagnostics, d => d.Message.Contains("could not be read", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Write(string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var strings = workbook.AddNewPart<SharedStringTablePart>();
        strings.SharedStringTable = new SharedStringTable(
            new SharedStringItem(new XText("项目名称：")),
            new SharedStringItem(
                new Run(new RunProperties(new Bold()), new XText("跨行 ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new XText("富文本")),
                new PhoneticRun(new XText("フリガナ")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }),
            new SharedStringItem(new XText("产出")),
            new SharedStringItem(new XText("产出（被合并覆盖）")));
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ " }),
            new Fonts(new Font()),
            new Fills(new Fill()),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 2 },
                new CellFormat { NumberFormatId = 4 },
                new CellFormat { NumberFormatId = 10 },
                new CellFormat { NumberFormatId = 164 },
                new CellFormat { NumberFormatId = 14 },
                new CellFormat { NumberFormatId = 165 }));

        static Cell S(string r, int index) => new() { CellReference = r, DataType = CellValues.SharedString, CellValue = new CellValue(index) };
        static Cell N(string r, string value, uint style = 0) => new() { CellReference = r, CellValue = new CellValue(value), StyleIndex = style };
        static Cell I(string? r, string text) => new() { CellReference = r, DataType = CellValues.InlineString, InlineString = new InlineString(new XText(text)) };

        var sheet1 = workbook.AddNewPart<WorksheetPart>();
        sheet1.Worksheet = new Worksheet(
            new SheetData(
                new Row(S("A1", 0), S("B1", 1), I("C1", "被合并覆盖")) { RowIndex = 1 },
                new Row(
                    S("A2", 2), I("B2", "数量"),
                    new Cell { CellReference = "C2", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                    new Cell { CellReference = "D2", DataType = CellValues.Error, CellValue = new CellValue("#N/A") },
                    N("E2", "12.5", 1), N("F2", "2072.25", 2), N("G2", "1", 3), N("H2", "45000", 4), N("I2", "45000", 5),
                    N("J2", "4.403062313915E+20")) { RowIndex = 2 },
                new Row(
                    S("A3", 3), I("B3", "质量"),
                    new Cell { CellReference = "C3", DataType = CellValues.Boolean, CellValue = new CellValue("0") },
                    new Cell { CellReference = "D3", DataType = CellValues.String, CellFormula = new CellFormula("\"公式\"&\"结果\""), CellValue = new CellValue("公式结果") },
                    N("E3", "0", 0), N("F3", "0", 6), I("G3", "第一行\n第二行\t制表")) { RowIndex = 3 },
                new Row() { RowIndex = 4 },
                new Row(I("A6", "满意度"), I(null, "无 r 的单元格"), I(null, "紧随其后")) { RowIndex = 6 }),
            new MergeCells(new MergeCell { Reference = "B1:C1" }, new MergeCell { Reference = "A2:A3" }));
        var hidden = workbook.AddNewPart<WorksheetPart>();
        hidden.Worksheet = new Worksheet(new SheetData(new Row(I("A1", "下拉列表")) { RowIndex = 1 }));
        var sheet2 = workbook.AddNewPart<WorksheetPart>();
        sheet2.Worksheet = new Worksheet(new SheetData(new Row(I("A1", "第二表第一行")) { RowIndex = 1 }));
        workbook.Workbook = new Workbook(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(sheet1), SheetId = 1, Name = "表" },
            new Sheet { Id = workbook.GetIdOfPart(hidden), SheetId = 2, Name = "隐藏", State = SheetStateValues.Hidden },
            new Sheet { Id = workbook.GetIdOfPart(sheet2), SheetId = 3, Name = "第二表" }));
    }

    /// <summary>A stream that cannot seek, as an upload arrives.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
