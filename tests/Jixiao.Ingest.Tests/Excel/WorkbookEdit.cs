using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Edits a workbook's first worksheet with the Open XML SDK the way a person does in Excel or WPS: types text (as a
/// shared string, as Excel stores it) or a number with a number format, inserts a row (rows below move down, a merged
/// range the new row falls inside grows, as Excel does), splits a merge, and drops the workbook's mark.
/// </summary>
internal sealed class WorkbookEdit : IDisposable
{
    private readonly MemoryStream stream = new();
    private readonly SpreadsheetDocument document;
    private readonly WorksheetPart sheet;

    /// <param name="workbook">The workbook's bytes.</param>
    /// <param name="sheetName">The worksheet to edit; the first when null.</param>
    public WorkbookEdit(byte[] workbook, string? sheetName = null)
    {
        stream.Write(workbook);
        stream.Position = 0;
        document = SpreadsheetDocument.Open(stream, true);
        var workbookPart = document.WorkbookPart!;
        var entry = workbookPart.Workbook.Sheets!.Elements<Sheet>().First(s => sheetName is null || s.Name?.Value == sheetName);
        sheet = (WorksheetPart)workbookPart.GetPartById(entry.Id!.Value!);
    }

    private SheetData Data => sheet.Worksheet.GetFirstChild<SheetData>()!;

    /// <summary>Types text into a cell, stored as a shared string.</summary>
    public WorkbookEdit Text(string reference, string text)
    {
        var strings = document.WorkbookPart!.SharedStringTablePart ?? document.WorkbookPart.AddNewPart<SharedStringTablePart>();
        strings.SharedStringTable ??= new SharedStringTable();
        strings.SharedStringTable.Append(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        var index = strings.SharedStringTable.Elements<SharedStringItem>().Count() - 1;
        var cell = Cell(reference);
        cell.RemoveAllChildren();
        cell.DataType = CellValues.SharedString;
        cell.CellValue = new CellValue(index);
        return this;
    }

    /// <summary>Types a number into a cell, shown with <paramref name="format"/> (a built-in number format id; 0 is General).</summary>
    public WorkbookEdit Number(string reference, double value, uint format = 0)
    {
        var cell = Cell(reference);
        cell.RemoveAllChildren();
        cell.DataType = null;
        cell.CellValue = new CellValue(value);
        cell.StyleIndex = format == 0 ? cell.StyleIndex : Style(format);
        return this;
    }

    /// <summary>Types a formula into a cell, without a computed result (as a program that does not calculate saves it).</summary>
    public WorkbookEdit Formula(string reference, string formula)
    {
        var cell = Cell(reference);
        cell.RemoveAllChildren();
        cell.DataType = null;
        cell.CellFormula = new CellFormula(formula);
        return this;
    }

    /// <summary>Empties a cell.</summary>
    public WorkbookEdit Clear(string reference)
    {
        var cell = Cell(reference);
        cell.RemoveAllChildren();
        cell.DataType = null;
        return this;
    }

    /// <summary>Inserts an empty row at <paramref name="at"/>, as Excel's 插入行 does.</summary>
    public WorkbookEdit InsertRow(int at)
    {
        foreach (var row in Data.Elements<Row>().Where(r => r.RowIndex!.Value >= at).Reverse().ToList())
        {
            var index = row.RowIndex!.Value + 1;
            row.RowIndex = index;
            foreach (var cell in row.Elements<Cell>())
            {
                cell.CellReference = Letters(cell.CellReference!.Value!) + index;
            }
        }

        foreach (var merge in sheet.Worksheet.Descendants<MergeCell>())
        {
            var (top, left, bottom, right) = Range(merge.Reference!.Value!);
            if (top >= at)
            {
                (top, bottom) = (top + 1, bottom + 1);
            }
            else if (bottom >= at)
            {
                bottom++;
            }

            merge.Reference = $"{left}{top}:{right}{bottom}";
        }

        return this;
    }

    /// <summary>Splits the merged range <paramref name="range"/> (取消合并).</summary>
    public WorkbookEdit Unmerge(string range)
    {
        sheet.Worksheet.Descendants<MergeCell>().Single(m => m.Reference!.Value == range).Remove();
        return this;
    }

    /// <summary>Removes the workbook's mark (the hidden defined name and the custom document property), as WPS may.</summary>
    public WorkbookEdit RemoveMark()
    {
        document.WorkbookPart!.Workbook.DefinedNames?.Remove();
        if (document.CustomFilePropertiesPart is { } custom)
        {
            document.DeletePart(custom);
        }

        return this;
    }

    /// <summary>Replaces the mark's text in both places.</summary>
    public WorkbookEdit Mark(string text)
    {
        document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single().Text = $"\"{text}\"";
        document.CustomFilePropertiesPart!.Properties!.Descendants<DocumentFormat.OpenXml.VariantTypes.VTLPWSTR>().Single().Text = text;
        return this;
    }

    /// <summary>The edited workbook.</summary>
    public byte[] Save()
    {
        document.Save();
        document.Dispose();
        return stream.ToArray();
    }

    public void Dispose()
    {
        document.Dispose();
        stream.Dispose();
    }

    private static string Letters(string reference) => new([.. reference.TakeWhile(char.IsAsciiLetter)]);

    private static (int Top, string Left, int Bottom, string Right) Range(string range)
    {
        var parts = range.Split(':');
        return (int.Parse(parts[0][Letters(parts[0]).Length..], System.Globalization.CultureInfo.InvariantCulture), Letters(parts[0]),
            int.Parse(parts[1][Letters(parts[1]).Length..], System.Globalization.CultureInfo.InvariantCulture), Letters(parts[1]));
    }

    /// <summary>A cell format with a built-in number format, added to the stylesheet.</summary>
    private uint Style(uint numberFormat)
    {
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!;
        formats.Append(new CellFormat { NumberFormatId = numberFormat, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
        formats.Count = (uint)formats.ChildElements.Count;
        return formats.Count.Value - 1;
    }

    private Cell Cell(string reference)
    {
        var rowIndex = uint.Parse(reference[Letters(reference).Length..], System.Globalization.CultureInfo.InvariantCulture);
        var row = Data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowIndex);
        if (row is null)
        {
            row = new Row { RowIndex = rowIndex };
            var after = Data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < rowIndex);
            if (after is null)
            {
                Data.PrependChild(row);
            }
            else
            {
                after.InsertAfterSelf(row);
            }
        }

        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var column = Column(reference);
            var before = row.Elements<Cell>().FirstOrDefault(c => Column(c.CellReference!.Value!) > column);
            if (before is null)
            {
                row.Append(cell);
            }
            else
            {
                before.InsertBeforeSelf(cell);
            }
        }

        return cell;
    }

    private static int Column(string reference) => Letters(reference).Aggregate(0, (n, c) => (n * 26) + c - 'A' + 1);
}
