namespace Jixiao.Ingest.Tables;

/// <summary>
/// Where a cell is printed on a PDF page (单元格位置), in PDF points from the page's bottom-left corner.
/// </summary>
public readonly record struct CellBox(double Left, double Bottom, double Right, double Top);

/// <summary>
/// One cell of a table (单元格) as a reader found it: its text as printed (line breaks inside the cell kept as
/// <c>\n</c>), its 0-based row and column in the table, how many rows and columns it spans (a merged cell, 合并单元格),
/// and where it came from.
/// </summary>
/// <param name="Text">The cell's text; never null (an empty cell is <c>""</c>).</param>
/// <param name="Row">0-based row of the table where the cell begins.</param>
/// <param name="Column">0-based column of the table where the cell begins.</param>
/// <param name="RowSpan">Rows the cell covers (1 unless merged downwards).</param>
/// <param name="ColumnSpan">Columns the cell covers (1 unless merged across).</param>
public sealed record TableCell(string Text, int Row, int Column, int RowSpan = 1, int ColumnSpan = 1)
{
    /// <summary>The cell's own address in its source for a person, e.g. <c>B7</c> in a worksheet; null when the source has none.</summary>
    public string? Address { get; init; }

    /// <summary>Where the cell is printed on its page (PDF); null for other sources.</summary>
    public CellBox? Box { get; init; }
}

/// <summary>
/// A table (表格) found in a source: its cells with their spans, and where it is (the page of a PDF, the worksheet
/// of a workbook, the n-th table of a document or web page). Every reader of tables produces these; one form
/// assembler (<see cref="TableFormReader"/>) turns them into forms by the labels in their cells.
/// </summary>
public sealed class SourceTable
{
    /// <summary>A table of <paramref name="cells"/>; cells overlapping an earlier one are kept in the order given.</summary>
    /// <param name="cells">The cells, in any order.</param>
    /// <param name="page">The 1-based page the table is printed on (PDF, or the page of a printed document).</param>
    /// <param name="sheet">The worksheet (工作表) the table is on.</param>
    /// <param name="index">The 1-based number of the table in its source (Word documents and web pages), 0 when not counted.</param>
    /// <param name="firstSourceRow">The source's own number of the table's first row (row 1 of a worksheet is 1), for diagnostics; 0 when the source numbers no rows.</param>
    public SourceTable(IEnumerable<TableCell> cells, int? page = null, string? sheet = null, int index = 0, int firstSourceRow = 0)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Cells = [.. cells.Where(c => c is not null)];
        Page = page;
        Sheet = sheet;
        Index = index;
        FirstSourceRow = firstSourceRow;
        foreach (var cell in Cells)
        {
            RowCount = Math.Max(RowCount, cell.Row + Math.Max(1, cell.RowSpan));
            ColumnCount = Math.Max(ColumnCount, cell.Column + Math.Max(1, cell.ColumnSpan));
        }
    }

    /// <summary>The cells as given.</summary>
    public IReadOnlyList<TableCell> Cells { get; }

    /// <summary>Rows of the table: one more than the last row any cell covers.</summary>
    public int RowCount { get; }

    /// <summary>Columns of the table: one more than the last column any cell covers.</summary>
    public int ColumnCount { get; }

    /// <summary>The 1-based page, when the source has pages.</summary>
    public int? Page { get; }

    /// <summary>The worksheet, when the source has sheets.</summary>
    public string? Sheet { get; }

    /// <summary>The 1-based number of the table in its source, 0 when not counted.</summary>
    public int Index { get; }

    /// <summary>The source's own number of the first row (e.g. the worksheet row), 0 when none.</summary>
    public int FirstSourceRow { get; }

    /// <summary>
    /// The table as rows of cells for the placer: one <see cref="TableRow"/> per table row, numbered from
    /// <paramref name="firstLine"/>; a merged cell is given once, in its first row and column, and the positions it
    /// covers as empty cells. Rows no cell begins in are given as blank rows (they keep the row numbers right).
    /// </summary>
    public IEnumerable<TableRow> Rows(int firstLine)
    {
        if (RowCount == 0)
        {
            yield break;
        }

        var byRow = new List<TableCell>?[RowCount];
        foreach (var cell in Cells)
        {
            (byRow[cell.Row] ??= []).Add(cell);
        }

        for (var r = 0; r < RowCount; r++)
        {
            var texts = new string?[ColumnCount];
            if (byRow[r] is { } cells)
            {
                foreach (var cell in cells)
                {
                    if (texts[cell.Column] is null)
                    {
                        texts[cell.Column] = cell.Text;
                    }
                }
            }

            yield return new TableRow(texts, firstLine + r, Page, Sheet)
            {
                SourceRow = FirstSourceRow > 0 ? FirstSourceRow + r : null,
                Table = Index > 0 ? Index : null,
            };
        }
    }
}
