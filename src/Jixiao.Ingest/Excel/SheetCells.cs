using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jixiao.Ingest.Excel;

/// <summary>One stored cell: its text as printed, its stored value and type, its number format, whether it is a formula.</summary>
/// <param name="Display">The text as Excel shows it (<see cref="CellFormatter"/>), or null.</param>
/// <param name="Raw">The stored value (<c>v</c>), or null.</param>
/// <param name="Type">The stored type (<c>t</c>: <c>s</c>, <c>inlineStr</c>, <c>str</c>, <c>b</c>, <c>e</c>, <c>d</c>), or null for a number.</param>
/// <param name="Format">The number format code, or null.</param>
/// <param name="Formula">True when the cell holds a formula.</param>
internal sealed record SheetCell(string? Display, string? Raw, string? Type, string? Format, bool Formula)
{
    /// <summary>True when the cell stores a number (not text, a boolean or an error).</summary>
    public bool IsNumber => Type is null or "n" && Raw is not null;
}

/// <summary>
/// The cells and merged ranges of one worksheet, loaded whole (a form's sheet is small), addressed by 1-based row and
/// 0-based column as <see cref="Xlsx.Reference"/>. A cell covered by a merged range that begins in another cell reads
/// as empty, as Excel shows it.
/// </summary>
internal sealed class SheetCells
{
    private readonly Dictionary<(int Row, int Column), SheetCell> cells = [];
    private readonly List<MergedRange> merges = [];

    private SheetCells()
    {
    }

    /// <summary>The last row that stores a cell with content (0 when none).</summary>
    public int LastRow { get; private set; }

    /// <summary>The merged ranges, 1-based (<see cref="MergedRange"/>).</summary>
    public IReadOnlyList<MergedRange> Merges => merges;

    /// <summary>Every stored cell with content, by row then column.</summary>
    public IEnumerable<(int Row, int Column, SheetCell Cell)> All =>
        cells.OrderBy(c => c.Key.Row).ThenBy(c => c.Key.Column).Select(c => (c.Key.Row, c.Key.Column, c.Value));

    /// <summary>The worksheet's cells; null when it holds more than <paramref name="maxCells"/> cells or a tenth as many merged ranges.</summary>
    public static SheetCells? Load(WorksheetPart part, XlsxFormat.CellContext context, int maxCells)
    {
        var sheet = new SheetCells();
        var count = 0;
        foreach (var cell in part.Worksheet?.Descendants<Cell>() ?? [])
        {
            if (++count > maxCells)
            {
                return null;
            }

            if (!CellReference.TryParse(cell.CellReference?.Value, out var row, out var column))
            {
                continue;
            }

            var type = cell.DataType?.InnerText;
            var style = (int)Math.Min(cell.StyleIndex?.Value ?? 0, int.MaxValue);
            var raw = cell.CellValue?.Text;
            var inline = cell.InlineString is { } s ? XlsxFormat.ItemText(s) : null;
            var display = XlsxFormat.CellText(type, style, raw, inline, context);
            var formula = cell.CellFormula is not null;
            if (string.IsNullOrWhiteSpace(display) && !formula)
            {
                continue;
            }

            var format = style < context.Formats.Length ? context.Formats[style] : null;
            sheet.cells[(row, column - 1)] = new SheetCell(display, raw, type, format, formula);
            sheet.LastRow = Math.Max(sheet.LastRow, row);
        }

        foreach (var merge in part.Worksheet?.Descendants<MergeCell>() ?? [])
        {
            if (MergedRange.Parse(merge.Reference?.Value) is { } range)
            {
                // every lookup walks the merges: a form has a few dozen, a sheet with thousands is no form
                if (sheet.merges.Count >= maxCells / 10)
                {
                    return null;
                }

                sheet.merges.Add(range);
            }
        }

        return sheet;
    }

    /// <summary>The stored cell at a place, or null; a cell covered by a merge that begins elsewhere is null.</summary>
    public SheetCell? At(int row, int column) =>
        cells.TryGetValue((row, column), out var cell) && !Covered(row, column) ? cell : null;

    /// <summary>The text of a cell as printed, trimmed; null when empty or covered by a merge that begins elsewhere.</summary>
    public string? Text(int row, int column)
    {
        var text = At(row, column)?.Display?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The text a cell stores, trimmed, even when a merge covers it; null when empty.</summary>
    public string? Stored(int row, int column)
    {
        var text = cells.TryGetValue((row, column), out var cell) ? cell.Display?.Trim() : null;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The merged range holding a place, or null.</summary>
    public MergedRange? MergeAt(int row, int column)
    {
        foreach (var m in merges)
        {
            if (row >= m.Top && row <= m.Bottom && column + 1 >= m.Left && column + 1 <= m.Right)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>True when a place lies in a merged range that begins in another cell.</summary>
    public bool Covered(int row, int column) => MergeAt(row, column) is { } m && (m.Top != row || m.Left != column + 1);

    /// <summary>True when the sheet has exactly this merged range (0-based columns).</summary>
    public bool HasMerge(int top, int left, int bottom, int right) => merges.Contains(new MergedRange(top, left + 1, bottom, right + 1));

    /// <summary>A range's reference: <c>C3:I3</c>.</summary>
    public static string Reference(MergedRange range) =>
        Xlsx.Reference(range.Top, range.Left - 1) + ":" + Xlsx.Reference(range.Bottom, range.Right - 1);

    /// <summary>A range's reference from 1-based rows and 0-based columns.</summary>
    public static string Reference(int top, int left, int bottom, int right) =>
        top == bottom && left == right ? Xlsx.Reference(top, left) : Xlsx.Reference(top, left) + ":" + Xlsx.Reference(bottom, right);

    /// <summary>Parses a stored number as Excel keeps it: at most 15 significant digits (binary noise such as 10.000000000000002 rounded away).</summary>
    public static decimal? StoredNumber(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            return null;
        }

        var digits = 0;
        var leading = true;
        foreach (var c in raw)
        {
            if (c is 'e' or 'E')
            {
                break;
            }

            if (char.IsAsciiDigit(c) && !(leading && c == '0'))
            {
                leading = false;
                digits++;
            }
        }

        var text = digits <= 15 ? raw.Trim() : d.ToString("G15", CultureInfo.InvariantCulture);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
