namespace Jixiao.Ingest.Tables;

/// <summary>
/// One row of a table (表格行) as a reader found it: its cells in order, left to right, and where it came from.
/// A reader of tables (PDF, Excel, Word, web pages) hands rows like this to <see cref="TableFormReader"/> instead of
/// rendering them as text.
/// </summary>
/// <param name="Cells">The cells' text as printed, empty ones included (a null cell is empty). Cells need not be
/// trimmed; a merged cell is given once, in its first column, and its other columns as empty cells.</param>
/// <param name="Line">The 1-based number of the row in its source: the line of a text file, or the row count of a
/// table reader over the whole source (not restarting on each page or sheet), so that one number names one row.
/// Diagnostics and the forms' <see cref="Core.Forms.Provenance"/> cite it.</param>
/// <param name="Page">The 1-based page the row is printed on (PDF), when the source has pages.</param>
/// <param name="Sheet">The worksheet (工作表) the row is on (Excel), when the source has sheets.</param>
public sealed record TableRow(IReadOnlyList<string?> Cells, int Line, int? Page = null, string? Sheet = null)
{
    /// <summary>The source's own number of the row (row 12 of a worksheet), when it numbers rows.</summary>
    public int? SourceRow { get; init; }

    /// <summary>The 1-based number of the table the row belongs to (the n-th table of a document or web page), when counted.</summary>
    public int? Table { get; init; }

    /// <summary>
    /// Where the row is, for a person: <c>sheet 项目表, row 12</c>, <c>page 3</c>, <c>table 2, row 5</c>; null when the
    /// row names no page, sheet or table.
    /// </summary>
    public string? Place
    {
        get
        {
            var parts = new List<string>(3);
            if (!string.IsNullOrEmpty(Sheet))
            {
                parts.Add($"sheet {Sheet}");
            }

            if (Page is { } page)
            {
                parts.Add($"page {page}");
            }

            if (Table is { } table)
            {
                parts.Add($"table {table}");
            }

            if (parts.Count > 0 && SourceRow is { } row)
            {
                parts.Add($"row {row}");
            }

            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
    }
}
