using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// Excel workbooks (.xlsx, .xlsm; Excel 工作簿) read with the Open XML SDK: each visible worksheet streamed row by
/// row (SAX, <see cref="OpenXmlReader"/>), so memory grows with one row, not with the workbook. Cells are given as
/// printed: shared, inline and rich-text strings as written; numbers through their number format
/// (<see cref="CellFormatter"/>); booleans as <c>TRUE</c>/<c>FALSE</c>; errors as their code (<c>#N/A</c>). A
/// merged cell (合并单元格) is given once, in its first row and column, the cells it covers as empty. Hidden
/// worksheets are skipped with a note; macros are never run. The ZIP container is checked first (a truncated file,
/// a ZIP bomb, a Word document named .xlsx): each is one clear error.
/// </summary>
/// <param name="limits">The budget of one file; <see cref="ReadLimits.Default"/> when null.</param>
public sealed class XlsxFormat(ReadLimits? limits = null) : TableFormat(limits)
{
    /// <summary>The format's name: <c>xlsx</c>.</summary>
    public override string Name => "xlsx";

    /// <summary><c>.xlsx</c> and <c>.xlsm</c> (a workbook with macros, which are never run).</summary>
    public override IReadOnlyList<string> Extensions { get; } = [".xlsx", ".xlsm"];

    /// <summary>What a person calls the format: <c>Excel workbook</c>.</summary>
    public override string Label => "Excel workbook";

    /// <summary>A ZIP archive whose head holds the <c>xl/</c> folder of a workbook.</summary>
    /// <param name="head">The file's first bytes.</param>
    public override Recognition Recognises(ReadOnlySpan<byte> head) =>
        UnreadFormat.IsZip(head) && head.IndexOf("xl/"u8) >= 0 ? Recognition.Signature : Recognition.No;

    /// <summary>The rows as this reader yields them to the assembler (for tests); may throw on damaged input.</summary>
    internal IEnumerable<TableRow> RowsOf(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report) =>
        ReadRows(stream, fileName, budget, report);

    /// <summary>The rows of the visible worksheets, in workbook order, numbered from 1 over the whole workbook.</summary>
    protected override IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        var seekable = ZipGuard.Seekable(stream, out var owned);
        try
        {
            var finding = ZipGuard.Check(seekable, Limits, "xl/", ReaderMessages.Label(Label));
            if (finding.Error is { } error)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, error));
                yield break;
            }

            if (finding.HasMacros)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Info, ReaderMessages.WorkbookMacros.Format()));
            }

            using var document = SpreadsheetDocument.Open(seekable, false, new OpenSettings
            {
                MaxCharactersInPart = Limits.MaxUncompressedBytes,
                AutoSave = false,
            });
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook?.Sheets is not { } sheets)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.NoSheets.Format()));
                yield break;
            }

            var date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value ?? false;
            var formats = NumberFormats(workbookPart.WorkbookStylesPart);
            var strings = SharedStrings(workbookPart.SharedStringTablePart, budget);
            var cells = new CellContext(strings, formats, date1904);
            var line = 0;
            var read = 0;
            foreach (var sheet in sheets.Elements<Sheet>())
            {
                var name = sheet.Name?.Value ?? "";
                if (sheet.State is { } state && state.Value != SheetStateValues.Visible)
                {
                    report(new Diagnostic(fileName, line + 1, DiagnosticSeverity.Info, ReaderMessages.SheetHidden.Format(name)));
                    continue;
                }

                if (sheet.Id?.Value is not { } id || !workbookPart.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet)
                {
                    report(new Diagnostic(fileName, line + 1, DiagnosticSeverity.Info, ReaderMessages.SheetNotCells.Format(name)));
                    continue;
                }

                read++;
                var merges = new MergedCells(Merges(worksheet, budget));
                budget.Spend(merges.Count);
                foreach (var row in SheetRows(worksheet, name, merges, cells, budget))
                {
                    yield return row with { Line = ++line };
                }
            }

            if (read == 0)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.NoVisibleSheet.Format()));
            }
        }
        finally
        {
            if (owned)
            {
                seekable.Dispose();
            }
        }
    }

    /// <summary>The failure message, naming what was expected.</summary>
    protected override LocalText FailureMessage(Exception ex) => ReaderMessages.WorkbookFailed.Format(ex?.Message);

    /// <summary>What a cell needs to be given as printed: the shared strings, the number format of each style, the date system.</summary>
    internal sealed record CellContext(IReadOnlyList<string> Strings, string?[] Formats, bool Date1904);

    /// <summary>The format code of each cell style (cellXfs), by style index.</summary>
    internal static string?[] NumberFormats(WorkbookStylesPart? stylesPart)
    {
        var stylesheet = stylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } xfs)
        {
            return [];
        }

        var custom = new Dictionary<uint, string>();
        foreach (var f in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (f.NumberFormatId?.Value is { } id && f.FormatCode?.Value is { } code)
            {
                custom[id] = code;
            }
        }

        var result = new List<string?>();
        foreach (var xf in xfs.Elements<CellFormat>())
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            result.Add(custom.TryGetValue(id, out var code) ? code : CellFormatter.BuiltIn((int)Math.Min(id, int.MaxValue)));
        }

        return [.. result];
    }

    /// <summary>The shared strings (共享字符串), streamed; rich text runs joined, phonetic guides left out.</summary>
    internal static List<string> SharedStrings(SharedStringTablePart? part, ReadBudget budget)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                strings.Add(ItemText(reader.LoadCurrentElement()));
                if ((strings.Count & 0x3FF) == 0)
                {
                    budget.Spend();
                }
            }
        }

        return strings;
    }

    /// <summary>The text of a string item (shared or inline): its text, or its rich text runs joined.</summary>
    internal static string ItemText(OpenXmlElement? item)
    {
        if (item is null)
        {
            return "";
        }

        StringBuilder? sb = null;
        string? single = null;
        foreach (var child in item.ChildElements)
        {
            var text = child switch
            {
                DocumentFormat.OpenXml.Spreadsheet.Text t => t.Text,
                Run r => r.Text?.Text,
                _ => null,
            };
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (single is null && sb is null)
            {
                single = text;
            }
            else
            {
                sb ??= new StringBuilder(single);
                sb.Append(text);
            }
        }

        return sb?.ToString() ?? single ?? "";
    }

    /// <summary>The merged ranges of a worksheet (mergeCells comes after sheetData, so the rows are skipped unread).</summary>
    private static List<MergedRange> Merges(WorksheetPart part, ReadBudget budget)
    {
        var merges = new List<MergedRange>();
        using var reader = OpenXmlReader.Create(part);
        var moved = false;
        while (moved || reader.Read())
        {
            moved = false;
            if (!reader.IsStartElement)
            {
                continue;
            }

            var type = reader.ElementType;
            if (type == typeof(SheetData))
            {
                reader.Skip();
                moved = !reader.EOF;
            }
            else if (type == typeof(MergeCell))
            {
                foreach (var attribute in reader.Attributes)
                {
                    if (attribute.LocalName == "ref" && MergedRange.Parse(attribute.Value) is { } range)
                    {
                        merges.Add(range);
                        if ((merges.Count & 0x3FF) == 0)
                        {
                            budget.Spend(0x400);
                        }
                    }
                }
            }
        }

        return merges;
    }

    /// <summary>The rows of one worksheet, streamed; a gap in the sheet's row numbers is given as one blank row.</summary>
    private static IEnumerable<TableRow> SheetRows(WorksheetPart part, string sheet, MergedCells merges, CellContext context, ReadBudget budget)
    {
        using var reader = OpenXmlReader.Create(part);
        var texts = new List<string?>(16);
        var lastRow = 0;
        var sheetRow = 0;
        var nextColumn = 1;
        var column = 0;
        string? type = null;
        var style = 0;
        string? value = null;
        string? inline = null;
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (element == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    column = 0;
                    type = null;
                    style = 0;
                    value = null;
                    inline = null;
                    foreach (var attribute in reader.Attributes)
                    {
                        switch (attribute.LocalName)
                        {
                            case "r":
                                column = CellReference.Column(attribute.Value);
                                break;
                            case "t":
                                type = attribute.Value;
                                break;
                            case "s":
                                _ = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                                break;
                        }
                    }

                    if (column <= 0)
                    {
                        column = nextColumn;
                    }
                }
                else if (reader.IsEndElement)
                {
                    if (column > 16384)
                    {
                        continue;
                    }

                    while (texts.Count < column)
                    {
                        texts.Add(null);
                    }

                    var text = CellText(type, style, value, inline, context);
                    texts[column - 1] = merges.Covered(column) || string.IsNullOrEmpty(text) ? null : text;
                    nextColumn = column + 1;
                }
            }
            else if (element == typeof(CellValue))
            {
                if (reader.IsStartElement)
                {
                    value = reader.GetText();
                }
            }
            else if (element == typeof(InlineString))
            {
                if (reader.IsStartElement)
                {
                    inline = ItemText(reader.LoadCurrentElement());
                }
            }
            else if (element == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    sheetRow = lastRow + 1;
                    foreach (var attribute in reader.Attributes)
                    {
                        if (attribute.LocalName == "r" && int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > lastRow)
                        {
                            sheetRow = r;
                        }
                    }

                    texts.Clear();
                    nextColumn = 1;
                    merges.MoveTo(sheetRow);
                }
                else if (reader.IsEndElement)
                {
                    budget.Spend(Math.Max(1, texts.Count));
                    if (lastRow > 0 && sheetRow > lastRow + 1)
                    {
                        // Rows the sheet does not store are blank: one blank row keeps the forms apart as a blank line would.
                        yield return new TableRow([], 0, Sheet: sheet) { SourceRow = lastRow + 1 };
                    }

                    lastRow = sheetRow;
                    yield return new TableRow([.. texts], 0, Sheet: sheet) { SourceRow = sheetRow };
                }
            }
            else if (element == typeof(SheetData) && reader.IsEndElement)
            {
                break;
            }
        }
    }

    /// <summary>A cell's text as printed.</summary>
    internal static string? CellText(string? type, int style, string? value, string? inline, CellContext context)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < context.Strings.Count
                    ? context.Strings[index]
                    : null;
            case "inlineStr":
                return inline ?? value;
            case "str":
            case "e":
                return value;
            case "b":
                return value is null ? null : value.Trim() is "1" or "true" ? "TRUE" : "FALSE";
            case "d":
                if (value is null)
                {
                    return null;
                }

                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                    ? CellFormatter.Format(when.ToOADate(), FormatOf(style, context) is { } f && CellFormatter.IsDateFormat(f) ? f : "yyyy-mm-dd", date1904: false)
                    : value;
            default:
                if (value is null)
                {
                    return inline;
                }

                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? CellFormatter.Format(number, FormatOf(style, context), context.Date1904)
                    : value;
        }
    }

    private static string? FormatOf(int style, CellContext context) =>
        style >= 0 && style < context.Formats.Length ? context.Formats[style] : null;
}
