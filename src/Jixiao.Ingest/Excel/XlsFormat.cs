using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// Legacy Excel workbooks (.xls, BIFF in an OLE2 compound file; WPS 表格 .et) read with ExcelDataReader, worksheet by
/// worksheet and row by row. Cells are given as printed, through the same number formatting as .xlsx
/// (<see cref="CellFormatter"/>); a merged cell (合并单元格) is given once, in its first row and column; hidden
/// worksheets are skipped with a note. Other OLE2 files (a .doc, .wps or .ppt) are recognised here too, since they
/// share the signature, and are refused with a message saying what to save them as.
/// </summary>
/// <param name="limits">The budget of one file; <see cref="ReadLimits.Default"/> when null.</param>
public sealed class XlsFormat(ReadLimits? limits = null) : TableFormat(limits)
{
    private static readonly Lazy<bool> CodePages = new(() =>
    {
        // BIFF5 workbooks and old string records use code pages (GBK for Chinese workbooks).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>The OLE2 compound file signature (D0 CF 11 E0 A1 B1 1A E1).</summary>
    private static ReadOnlySpan<byte> Ole2 => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The format's name: <c>xls</c>.</summary>
    public override string Name => "xls";

    /// <summary><c>.xls</c> and WPS's <c>.et</c>.</summary>
    public override IReadOnlyList<string> Extensions { get; } = [".xls", ".et"];

    /// <summary>What a person calls the format: <c>Excel workbook (.xls)</c>.</summary>
    public override string Label => "Excel workbook (.xls)";

    /// <summary>An OLE2 compound file (legacy Office); a .doc among them is refused with a clear message when read.</summary>
    /// <param name="head">The file's first bytes.</param>
    public override Recognition Recognises(ReadOnlySpan<byte> head) =>
        head.StartsWith(Ole2) ? Recognition.Signature : Recognition.No;

    /// <summary>The rows as this reader yields them to the assembler (for tests); may throw on damaged input.</summary>
    internal IEnumerable<TableRow> RowsOf(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report) =>
        ReadRows(stream, fileName, budget, report);

    /// <summary>The rows of the visible worksheets, in workbook order, numbered from 1 over the whole workbook.</summary>
    protected override IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        _ = CodePages.Value;
        var seekable = ZipGuard.Seekable(stream, out var owned);
        IExcelDataReader? reader = null;
        try
        {
            reader = Open(seekable, out var error);
            if (reader is null)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, error!));
                yield break;
            }

            var line = 0;
            var read = 0;
            do
            {
                var sheet = reader.Name ?? "";
                if (!string.Equals(reader.VisibleState, "visible", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(reader.VisibleState))
                {
                    report(new Diagnostic(fileName, line + 1, DiagnosticSeverity.Info, ReaderMessages.SheetHidden.Format(sheet)));
                    continue;
                }

                read++;
                var ranges = (reader.MergeCells ?? []).Select(m => new MergedRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1)).ToList();
                var merges = new MergedCells(ranges);
                budget.Spend(merges.Count);
                var sheetRow = 0;
                while (reader.Read())
                {
                    sheetRow++;
                    merges.MoveTo(sheetRow);
                    var width = reader.FieldCount;
                    var cells = new string?[width];
                    var last = 0;
                    for (var c = 0; c < width; c++)
                    {
                        if (merges.Covered(c + 1))
                        {
                            continue;
                        }

                        var text = CellText(reader, c);
                        if (!string.IsNullOrEmpty(text))
                        {
                            cells[c] = text;
                            last = c + 1;
                        }
                    }

                    budget.Spend(Math.Max(1, last));
                    yield return new TableRow(last == width ? cells : cells[..last], ++line, Sheet: sheet) { SourceRow = sheetRow };
                }
            }
            while (reader.NextResult());

            if (read == 0)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.NoVisibleSheet.Format()));
            }
        }
        finally
        {
            reader?.Dispose();
            if (owned)
            {
                seekable.Dispose();
            }
        }
    }

    /// <summary>The failure message, naming what was expected.</summary>
    protected override LocalText FailureMessage(Exception ex) => ReaderMessages.LegacyWorkbookFailed.Format(ex?.Message);

    /// <summary>Opens the workbook; null with the reason when it is not one (a Word document, encrypted, damaged).</summary>
    private static IExcelDataReader? Open(Stream stream, out LocalText? error)
    {
        error = null;
        try
        {
            return ExcelReaderFactory.CreateBinaryReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (InvalidPasswordException)
        {
            error = ReaderMessages.WorkbookPassword.Format();
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or IOException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            error = Other(stream) ?? ReaderMessages.LegacyWorkbookUnreadable.Format(ex.Message);
        }

        return null;
    }

    /// <summary>What another OLE2 file is (its directory names its main stream), with what to do; null when none is named.</summary>
    private static LocalText? Other(Stream stream)
    {
        const int limit = 64 * 1024 * 1024;
        try
        {
            stream.Position = 0;
            var length = (int)Math.Min(stream.Length, limit);
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            if (!bytes.AsSpan().StartsWith(Ole2))
            {
                return ReaderMessages.NotOle2.Format();
            }

            if (Contains(bytes, "WordDocument"))
            {
                return ReaderMessages.LegacyWordInWorkbook.Format();
            }

            if (Contains(bytes, "PowerPoint Document"))
            {
                return ReaderMessages.LegacyPowerPoint.Format();
            }

            return Contains(bytes, "Workbook") || Contains(bytes, "Book") ? null
                : ReaderMessages.Ole2WithoutWorkbook.Format();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool Contains(byte[] bytes, string name) =>
        bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;

    /// <summary>A cell's text as printed: numbers and dates through the cell's number format.</summary>
    private static string? CellText(IExcelDataReader reader, int column)
    {
        var value = reader.GetValue(column);
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                return b ? "TRUE" : "FALSE";
            case DateTime date:
            {
                var dateFormat = reader.GetNumberFormatString(column);
                return CellFormatter.Format(date.ToOADate(), CellFormatter.IsDateFormat(dateFormat) ? dateFormat : "yyyy-mm-dd");
            }

            case TimeSpan span:
                return CellFormatter.Format(span.TotalDays, reader.GetNumberFormatString(column) ?? "h:mm:ss");
            case double or float or int or long or short or decimal:
            {
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                var format = reader.GetNumberFormatString(column) ?? CellFormatter.BuiltIn(reader.GetNumberFormatIndex(column));
                return CellFormatter.Format(number, format);
            }

            default:
                return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
