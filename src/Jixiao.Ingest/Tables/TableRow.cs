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
    /// <summary>Where the row is, for a person: <c>sheet 项目表, page 3</c>; null when the row names no page or sheet.</summary>
    public string? Place =>
        (Sheet, Page) switch
        {
            (null or "", null) => null,
            (null or "", { } page) => $"page {page}",
            ({ } sheet, null) => $"sheet {sheet}",
            ({ } sheet, { } page) => $"sheet {sheet}, page {page}",
        };
}
