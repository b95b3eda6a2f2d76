using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Pdf;

/// <summary>
/// Rebuilds a table printed without ruling lines (无框线表格) from the alignment of its text. Columns begin where
/// the left edges of many pieces of text line up (a cell's text, and the lines it wraps onto, begin at its column's
/// left edge); rows begin on the baselines where some cell begins: a line closer than about one line pitch to the
/// line above, whose pieces all continue cells of the row above, is a wrapped line of that row, anything else opens
/// a new row. The columns are remembered from page to page (<see cref="Columns"/>), so a table continued on the next
/// page keeps its column numbers even where a page leaves a column empty. A page that begins a little higher than the
/// others begins with the rest of a row cut by the page break (<see cref="Continued"/>).
/// </summary>
internal sealed class BorderlessTable
{
    /// <summary>Pieces of a line further apart than this many times the type size are in different cells.</summary>
    public const double CellGap = 0.5;

    /// <summary>Left edges closer than this (points) are one column.</summary>
    private const double Align = 2.5;

    /// <summary>At most this many columns are remembered for a document.</summary>
    private const int MaxColumns = 128;

    private double pitch = double.NaN;

    /// <summary>Pages built so far.</summary>
    private int built;

    /// <summary>The first baselines of the pages so far but the first (to a quarter point): where their first rows begin.</summary>
    private readonly HashSet<double> firstBaselines = [];

    /// <summary>
    /// True when the last page built begins a little higher (1–2 pt) than a page before it (but the first): its first
    /// row is the rest of a row cut by the page break (the cell's top padding was left on the page before, as Chromium
    /// prints).
    /// </summary>
    public bool Continued { get; private set; }

    /// <summary>Left edges of the columns seen so far in the document, ascending.</summary>
    public List<double> Columns { get; } = [];

    /// <summary>
    /// The table the lines form on page <paramref name="page"/>, with each cell's box; null when the lines hold no text.
    /// </summary>
    public SourceTable? Build(List<TextLine> lines, int page)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var first = lines[0].Baseline;
        Continued = firstBaselines.Any(v => first - v is >= 1.0 and <= 2.0);
        if (built++ > 0 && firstBaselines.Count < MaxColumns)
        {
            // Not the first page: that one begins lower, below the document's own top margin.
            firstBaselines.Add(Math.Round(first * 4) / 4);
        }

        var pieces = lines.Select(l => PageText.Fragments(l, CellGap)).ToList();
        foreach (var piece in pieces.SelectMany(p => p))
        {
            Learn(piece.Left);
        }

        var linePitch = Pitch(lines);
        var cells = new List<TableCell>();

        // The open row: per column, the pieces of its cell and the index of the last line that added to it.
        var open = new SortedDictionary<int, (List<TextLine> Lines, int Last)>();
        var row = -1;
        double previousBaseline = double.NaN;
        for (var i = 0; i < lines.Count; i++)
        {
            var placed = pieces[i].Select(p => (Column: ColumnOf(p.Left), Piece: p)).ToList();
            var gap = previousBaseline - lines[i].Baseline;
            var continues = row >= 0
                && gap <= linePitch * 1.12
                && placed.All(p => open.TryGetValue(p.Column, out var cell) && cell.Last == i - 1);
            if (!continues)
            {
                Close(open, row, cells);
                row++;
            }

            foreach (var (column, piece) in placed)
            {
                if (open.TryGetValue(column, out var cell))
                {
                    cell.Lines.Add(piece);
                    open[column] = (cell.Lines, i);
                }
                else
                {
                    open[column] = ([piece], i);
                }
            }

            previousBaseline = lines[i].Baseline;
        }

        Close(open, row, cells);
        return cells.Count == 0 ? null : new SourceTable(cells, page);
    }

    private static void Close(SortedDictionary<int, (List<TextLine> Lines, int Last)> open, int row, List<TableCell> cells)
    {
        foreach (var (column, cell) in open)
        {
            var glyphs = cell.Lines.SelectMany(l => l.Glyphs);
            cells.Add(new TableCell(PageText.CellText(cell.Lines), row, column) { Box = PageText.Box(glyphs.Where(g => !g.IsBlank)) });
        }

        open.Clear();
    }

    /// <summary>
    /// The distance between the baselines of a wrapped cell's lines: the smallest gap between lines that occurs at
    /// least twice on this page or a page before (rows sit a little further apart than the lines of one cell).
    /// </summary>
    private double Pitch(List<TextLine> lines)
    {
        var gaps = new Dictionary<double, int>();
        for (var i = 1; i < lines.Count; i++)
        {
            var gap = lines[i - 1].Baseline - lines[i].Baseline;
            if (gap > 0.8 * lines[i].Size && gap < 2.5 * lines[i].Size)
            {
                var key = Math.Round(gap * 4) / 4;
                gaps[key] = gaps.GetValueOrDefault(key) + 1;
            }
        }

        var repeated = gaps.Where(g => g.Value >= 2).Select(g => g.Key).DefaultIfEmpty(double.NaN).Min();
        if (!double.IsNaN(repeated))
        {
            // A page of one-line rows repeats only the gap between rows: the pitch of the pages before is smaller.
            pitch = double.IsNaN(pitch) ? repeated : Math.Min(pitch, repeated);
            return pitch;
        }

        return double.IsNaN(pitch) ? 1.2 * lines.Select(l => l.Size).DefaultIfEmpty(10).Max() : pitch;
    }

    private void Learn(double left)
    {
        var i = Columns.BinarySearch(left);
        i = i >= 0 ? i : ~i;
        if ((i < Columns.Count && Columns[i] - left <= Align) || (i > 0 && left - Columns[i - 1] <= Align))
        {
            return;
        }

        if (Columns.Count < MaxColumns)
        {
            Columns.Insert(i, left);
        }
    }

    private int ColumnOf(double left)
    {
        var i = Columns.BinarySearch(left + Align);
        i = i >= 0 ? i : ~i - 1;
        return Math.Max(0, i);
    }
}
