using DocumentFormat.OpenXml.Spreadsheet;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// A worksheet being laid out (工作表排版): cells by row and column (1-based rows, 0-based columns, as
/// <see cref="Xlsx.Reference"/>), merged ranges whose covered cells carry the range's style (so its borders are drawn
/// all round), and row heights; <see cref="Build"/> gives the Open XML worksheet. Text goes in as inline strings.
/// </summary>
public sealed class SheetGrid
{
    private readonly SortedDictionary<int, SortedDictionary<int, Cell>> rows = [];
    private readonly List<string> merges = [];
    private readonly Dictionary<int, double> heights = [];

    /// <summary>A text cell, merged over <paramref name="colSpan"/> columns and <paramref name="rowSpan"/> rows.</summary>
    public void Text(int row, int column, string? text, XlsxStyle style, int colSpan = 1, int rowSpan = 1) =>
        Put(Xlsx.TextCell(row, column, text, style), row, column, style, colSpan, rowSpan);

    /// <summary>A number cell (empty when <paramref name="value"/> is null), merged as <see cref="Text"/>.</summary>
    public void Number(int row, int column, decimal? value, XlsxStyle style, int colSpan = 1, int rowSpan = 1) =>
        Put(Xlsx.NumberCell(row, column, value, style), row, column, style, colSpan, rowSpan);

    /// <summary>Makes <paramref name="row"/> at least <paramref name="points"/> tall.</summary>
    public void Height(int row, double points) => heights[row] = Math.Max(heights.GetValueOrDefault(row), points);

    /// <summary>Makes <paramref name="row"/> tall enough for <paramref name="text"/> wrapped in a cell <paramref name="width"/> characters wide.</summary>
    public void Fit(int row, string? text, double width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        double units = 0;
        var lines = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
                units = 0;
                continue;
            }

            units += c < 0x2E80 ? 1.1 : 2.1; // CJK characters are about two Latin ones wide
            if (units > width)
            {
                lines++;
                units = c < 0x2E80 ? 1.1 : 2.1;
            }
        }

        Height(row, Math.Min(409, 15 * lines + 3));
    }

    /// <summary>The worksheet: column widths, the rows, the merged ranges and an A4 portrait page setup (one page wide when <paramref name="fitToPage"/>).</summary>
    public Worksheet Build(double[] widths, bool fitToPage)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var worksheet = new Worksheet();
        if (fitToPage)
        {
            worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        }

        var columns = new Columns();
        for (var i = 0; i < widths.Length; i++)
        {
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
        }

        worksheet.Append(columns);
        var data = new SheetData();
        foreach (var (index, cells) in rows)
        {
            var row = new Row { RowIndex = (uint)index };
            if (heights.TryGetValue(index, out var h))
            {
                row.Height = h;
                row.CustomHeight = true;
            }

            foreach (var cell in cells.Values)
            {
                row.Append(cell);
            }

            data.Append(row);
        }

        worksheet.Append(data);
        if (merges.Count > 0)
        {
            var mergeCells = new MergeCells { Count = (uint)merges.Count };
            foreach (var m in merges)
            {
                mergeCells.Append(new MergeCell { Reference = m });
            }

            worksheet.Append(mergeCells);
        }

        worksheet.Append(new PrintOptions { HorizontalCentered = true });
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
        return worksheet;
    }

    private void Put(Cell cell, int row, int column, XlsxStyle style, int colSpan, int rowSpan)
    {
        colSpan = Math.Max(1, colSpan);
        rowSpan = Math.Max(1, rowSpan);
        for (var r = row; r < row + rowSpan; r++)
        {
            if (!rows.TryGetValue(r, out var cells))
            {
                rows[r] = cells = [];
            }

            for (var c = column; c < column + colSpan; c++)
            {
                // the covered cells of a merged range carry its style, so its borders are drawn all round
                cells[c] = r == row && c == column ? cell : Xlsx.TextCell(r, c, null, style);
            }
        }

        if (colSpan > 1 || rowSpan > 1)
        {
            merges.Add($"{Xlsx.Reference(row, column)}:{Xlsx.Reference(row + rowSpan - 1, column + colSpan - 1)}");
        }
    }
}
