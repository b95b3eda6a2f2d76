using System.Xml;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;

namespace Jixiao.Ingest.Excel;

/// <summary>Something the reader of an official workbook reports, with the cell it is about.</summary>
/// <param name="Sheet">The worksheet, or null for the workbook as a whole.</param>
/// <param name="Cell">The cell (<c>H12</c>), or null for a row, a sheet or the workbook.</param>
/// <param name="Row">The 1-based row of the worksheet (0 when none).</param>
/// <param name="Severity">An error means the workbook does not give back what was typed there.</param>
/// <param name="Text">The message in Chinese and English, with its code (<c>OWB-NUMBER</c> …).</param>
public sealed record OfficialWorkbookMessage(string? Sheet, string? Cell, int Row, DiagnosticSeverity Severity, LocalText Text)
{
    /// <summary>The message as a reader's diagnostic of <paramref name="file"/> (its line is the row).</summary>
    public Diagnostic ToDiagnostic(string file) => new(file, Row, Severity, Text);
}

/// <summary>What reading an official workbook gave.</summary>
/// <param name="Form">The form with every value that could be read; null when the file is not an official workbook at all.</param>
/// <param name="Messages">Every problem, cell by cell, in sheet order.</param>
/// <param name="Marked">True when the workbook still carries Jixiao's layout mark.</param>
public sealed record OfficialWorkbookResult(PerformanceForm? Form, IReadOnlyList<OfficialWorkbookMessage> Messages, bool Marked)
{
    /// <summary>True when some cell could not be read as typed (the caller should not take the form as it is).</summary>
    public bool HasErrors => Messages.Any(m => m.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Reads back a workbook written by <see cref="OfficialWorkbook"/> that a unit filled offline in Excel or WPS
/// (导出 → 离线填写 → 导入): exactly what was typed in every field the layout shows, and the 补充信息 sheet. It is
/// recognised by its mark (<see cref="OfficialWorkbook.MarkName"/>), or — when a program saving it again dropped the
/// mark — by the heading in A1 of a worksheet. Whatever the workbook breaks is named cell by cell
/// (<see cref="OfficialWorkbookMessages"/>). Never throws on bad input.
/// </summary>
public static class OfficialWorkbookReader
{
    /// <summary>
    /// The budget of one workbook: a form is small (2,000 indicator rows are some 20,000 cells), so parts above 32 MiB,
    /// sheets of more than 50,000 cells or 5,000 merged ranges are refused.
    /// </summary>
    public static ReadLimits Limits { get; } = new(TimeSpan.FromSeconds(30), MaxCells: 50_000, MaxUncompressedBytes: 32L * 1024 * 1024);

    /// <summary>Reads the workbook in <paramref name="stream"/>, called <paramref name="fileName"/> in messages.</summary>
    public static OfficialWorkbookResult Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var messages = new List<OfficialWorkbookMessage>();
        var seekable = ZipGuard.Seekable(stream, out var owned);
        try
        {
            var finding = ZipGuard.Check(seekable, Limits, "xl/", ReaderMessages.Label("Excel workbook"));
            if (finding.Error is { } error)
            {
                messages.Add(new OfficialWorkbookMessage(null, null, 0, DiagnosticSeverity.Error, error));
                return new OfficialWorkbookResult(null, messages, false);
            }

            using var document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = Limits.MaxUncompressedBytes, AutoSave = false });
            return Read(document, fileName, messages);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
            or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            messages.Add(new OfficialWorkbookMessage(null, null, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.Damaged.Format(ex.Message)));
            return new OfficialWorkbookResult(null, messages, false);
        }
        catch (ReadBudgetExceededException ex)
        {
            messages.Add(new OfficialWorkbookMessage(null, null, 0, DiagnosticSeverity.Error, ex.Text));
            return new OfficialWorkbookResult(null, messages, false);
        }
        finally
        {
            if (owned)
            {
                seekable.Dispose();
            }
        }
    }

    /// <summary>Reads the workbook held in <paramref name="bytes"/>.</summary>
    public static OfficialWorkbookResult Read(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, fileName);
    }

    private static OfficialWorkbookResult Read(SpreadsheetDocument document, string fileName, List<OfficialWorkbookMessage> messages)
    {
        void Workbook(DiagnosticSeverity severity, LocalText text) => messages.Add(new OfficialWorkbookMessage(null, null, 0, severity, text));

        var workbookPart = document.WorkbookPart;
        if (workbookPart?.Workbook?.Sheets is not { } sheets)
        {
            Workbook(DiagnosticSeverity.Error, ReaderMessages.NoSheets.Format());
            return new OfficialWorkbookResult(null, messages, false);
        }

        var mark = Mark.Of(document);
        if (mark is { Version: not OfficialWorkbook.LayoutVersion } || mark is { Layout: not OfficialWorkbook.LayoutId })
        {
            Workbook(DiagnosticSeverity.Error, OfficialWorkbookMessages.MarkVersion.Format(mark.Text, $"{OfficialWorkbook.LayoutId}/{OfficialWorkbook.LayoutVersion}"));
            return new OfficialWorkbookResult(null, messages, true);
        }

        var budget = new ReadBudget(Limits);
        var context = new XlsxFormat.CellContext(
            XlsxFormat.SharedStrings(workbookPart.SharedStringTablePart, budget),
            XlsxFormat.NumberFormats(workbookPart.WorkbookStylesPart),
            workbookPart.Workbook.WorkbookProperties?.Date1904?.Value ?? false);
        var worksheets = sheets.Elements<Sheet>()
            .Select(s => (Name: s.Name?.Value ?? "", Part: s.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var p) ? p as WorksheetPart : null))
            .Where(s => s.Part is not null)
            .ToList();

        SheetCells? Load(string name, WorksheetPart part)
        {
            var cells = SheetCells.Load(part, context, (int)Limits.MaxCells);
            if (cells is null)
            {
                messages.Add(new OfficialWorkbookMessage(name, null, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.TooLarge.Format(name, Limits.MaxCells, Limits.MaxCells / 10)));
            }

            return cells;
        }

        // the sheet the mark names; else the first whose A1 is a form's heading
        (string Name, SheetCells Cells, FormKind Kind)? found = null;
        if (mark is { Kind: { } markedKind } && worksheets.FirstOrDefault(s => s.Name == mark.Sheet) is { Part: { } markedPart } marked)
        {
            if (Load(marked.Name, markedPart) is not { } cells)
            {
                return new OfficialWorkbookResult(null, messages, true);
            }

            found = (marked.Name, cells, markedKind);
        }
        else
        {
            foreach (var (name, part) in worksheets)
            {
                if (name == OfficialSupplement.SheetName)
                {
                    continue;
                }

                if (Load(name, part!) is not { } cells)
                {
                    return new OfficialWorkbookResult(null, messages, mark is not null);
                }

                if (OfficialLayout.KindOfTitle(cells.Text(OfficialLayout.TitleRow, 0)) is { } titled)
                {
                    found = (name, cells, mark?.Kind ?? titled);
                    break;
                }
            }

            if (found is null)
            {
                Workbook(DiagnosticSeverity.Error, OfficialWorkbookMessages.NotOfficial.Format());
                return new OfficialWorkbookResult(null, messages, mark is not null);
            }

            if (mark is not null)
            {
                Workbook(DiagnosticSeverity.Warning, OfficialWorkbookMessages.MarkSheet.Format(mark.Sheet ?? "", found.Value.Name));
            }
            else
            {
                Workbook(DiagnosticSeverity.Info, OfficialWorkbookMessages.MarkMissing.Format(found.Value.Name, OfficialLayout.Title(found.Value.Kind)));
            }
        }

        var (sheetName, sheetCells, kind) = found.Value;
        void Report(string sheet, int row, int? column, DiagnosticSeverity severity, LocalText text) =>
            messages.Add(new OfficialWorkbookMessage(sheet, column is { } c ? Xlsx.Reference(row, c) : null, row, severity, text));

        var form = new OfficialSheetReader(sheetCells, kind, sheetName, (r, c, s, t) => Report(sheetName, r, c, s, t)).Read(fileName);
        if (worksheets.FirstOrDefault(s => s.Name == OfficialSupplement.SheetName) is { Part: { } supplementPart })
        {
            if (Load(OfficialSupplement.SheetName, supplementPart) is { } supplement)
            {
                OfficialSupplement.Read(supplement, form, (r, c, s, t) => Report(OfficialSupplement.SheetName, r, c, s, t));
            }
        }
        else if (mark?.Supplement is { } missing)
        {
            Workbook(DiagnosticSeverity.Warning, OfficialWorkbookMessages.SupplementMissing.Format(missing));
        }

        foreach (var m in messages)
        {
            form.Diagnostics.Add(m.ToDiagnostic(fileName));
        }

        return new OfficialWorkbookResult(form, messages, mark is not null);
    }

    /// <summary>The workbook's layout mark, from its hidden defined name or its custom document property.</summary>
    private sealed record Mark(string Text, string Layout, int Version, FormKind? Kind, string? Sheet, string? Supplement)
    {
        public static Mark? Of(SpreadsheetDocument document)
        {
            var text = document.WorkbookPart?.Workbook?.DefinedNames?.Elements<DefinedName>()
                .FirstOrDefault(n => n.Name?.Value == OfficialWorkbook.MarkName)?.Text?.Trim().Trim('"')
                ?? document.CustomFilePropertiesPart?.Properties?.Elements<CustomDocumentProperty>()
                    .FirstOrDefault(p => p.Name?.Value == OfficialWorkbook.MarkName)?.VTLPWSTR?.Text;
            return string.IsNullOrWhiteSpace(text) ? null : Parse(text.Trim());
        }

        private static Mark Parse(string text)
        {
            var parts = text.Split(';');
            var slash = parts[0].LastIndexOf('/');
            var layout = slash > 0 ? parts[0][..slash] : parts[0];
            var version = slash > 0 && int.TryParse(parts[0][(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
            var values = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
            FormKind? kind = values.GetValueOrDefault("kind") switch
            {
                "self-evaluation" => FormKind.SelfEvaluation,
                "target-declaration" => FormKind.TargetDeclaration,
                "department-self-evaluation" => FormKind.DepartmentSelfEvaluation,
                _ => null,
            };
            return new Mark(text, layout, version, kind, values.GetValueOrDefault("sheet"), values.GetValueOrDefault("supplement"));
        }
    }
}
