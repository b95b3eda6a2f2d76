using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;

namespace Jixiao.Ingest.Pdf;

/// <summary>
/// A ruling line (表格线) of a page: horizontal at <see cref="At"/> = y from <see cref="From"/> to <see cref="To"/>
/// in x, or vertical at <see cref="At"/> = x from <see cref="From"/> to <see cref="To"/> in y.
/// </summary>
internal readonly record struct Segment(bool Horizontal, double At, double From, double To);

/// <summary>
/// A table drawn with ruling lines (有框线的表格): the distinct x of its vertical lines (columns between them), the
/// distinct y of its horizontal lines (rows between them, top to bottom), and which lines are drawn between each
/// two neighbouring slots, from which merged cells (合并单元格) follow.
/// </summary>
internal sealed class RulingGrid
{
    /// <summary>Ruling lines closer than this (points) are one line: collapsed borders are drawn twice, a hair apart.</summary>
    private const double Snap = 1.0;

    /// <summary>A filled rectangle thinner than this (points) is a ruling line.</summary>
    private const double Thin = 2.5;

    /// <summary>Lines are connected when they meet within this distance (points).</summary>
    private const double Touch = 2.0;

    /// <summary>At most this many ruling lines of one page are considered (a drawing, not a table, beyond it).</summary>
    public const int MaxSegments = 20_000;

    private RulingGrid(double[] xs, double[] ys, bool[,] vertical, bool[,] horizontal, bool openTop, bool openBottom)
    {
        OpenTop = openTop;
        OpenBottom = openBottom;
        Xs = xs;
        Ys = ys;
        VerticalDrawn = vertical;
        HorizontalDrawn = horizontal;
    }

    /// <summary>
    /// The vertical lines run above the first horizontal line: the table's first row is the rest of a row begun on
    /// the page before (a row split by a page break, 跨页断行).
    /// </summary>
    public bool OpenTop { get; }

    /// <summary>The vertical lines run below the last horizontal line: the last row goes on on the next page.</summary>
    public bool OpenBottom { get; }

    /// <summary>Column boundaries, left to right.</summary>
    public double[] Xs { get; }

    /// <summary>Row boundaries, top to bottom (descending y).</summary>
    public double[] Ys { get; }

    /// <summary>[row, j]: a line is drawn at <c>Xs[j]</c> beside row <c>row</c>.</summary>
    public bool[,] VerticalDrawn { get; }

    /// <summary>[i, col]: a line is drawn at <c>Ys[i]</c> over column <c>col</c>.</summary>
    public bool[,] HorizontalDrawn { get; }

    public int Rows => Ys.Length - 1;

    public int Columns => Xs.Length - 1;

    public double Left => Xs[0];

    public double Right => Xs[^1];

    public double Top => Ys[0];

    public double Bottom => Ys[^1];

    /// <summary>True when the point lies inside the grid.</summary>
    public bool Contains(double x, double y) => x >= Left && x <= Right && y <= Top && y >= Bottom;

    /// <summary>The column holding <paramref name="x"/>.</summary>
    public int ColumnAt(double x)
    {
        var i = Array.BinarySearch(Xs, x);
        i = i >= 0 ? i : ~i - 1;
        return Math.Clamp(i, 0, Columns - 1);
    }

    /// <summary>The row holding <paramref name="y"/>.</summary>
    public int RowAt(double y)
    {
        // Ys descend: find the last boundary at or above y.
        int lo = 0, hi = Ys.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Ys[mid] >= y)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Math.Clamp(lo, 0, Rows - 1);
    }

    /// <summary>
    /// The merged cells of the grid: each slot belongs to one rectangle of slots not divided by a drawn line,
    /// found left to right, top to bottom. Returns, per slot, the rectangle (row, column, rows, columns) it belongs to.
    /// </summary>
    public (int Row, int Column, int RowSpan, int ColumnSpan)[] Cells(out int[,] owner)
    {
        owner = new int[Rows, Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                owner[r, c] = -1;
            }
        }

        var cells = new List<(int, int, int, int)>();
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                if (owner[r, c] >= 0)
                {
                    continue;
                }

                var c2 = c;
                while (c2 + 1 < Columns && !VerticalDrawn[r, c2 + 1] && owner[r, c2 + 1] < 0)
                {
                    c2++;
                }

                var r2 = r;
                while (r2 + 1 < Rows && OpenBelow(r2, c, c2, owner))
                {
                    r2++;
                }

                for (var i = r; i <= r2; i++)
                {
                    for (var j = c; j <= c2; j++)
                    {
                        owner[i, j] = cells.Count;
                    }
                }

                cells.Add((r, c, r2 - r + 1, c2 - c + 1));
            }
        }

        return [.. cells];
    }

    private bool OpenBelow(int r, int c, int c2, int[,] owner)
    {
        for (var j = c; j <= c2; j++)
        {
            if (HorizontalDrawn[r + 1, j] || owner[r + 1, j] >= 0)
            {
                return false;
            }
        }

        // The row below must not be divided inside the span either, nor be walled off at its sides differently.
        for (var j = c + 1; j <= c2; j++)
        {
            if (VerticalDrawn[r + 1, j])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ruling lines a page draws: stroked straight lines and thin filled rectangles, axis-aligned.</summary>
    public static List<Segment> Segments(IEnumerable<PdfPath> paths)
    {
        var segments = new List<Segment>();
        foreach (var path in paths)
        {
            if (path.IsClipping || !(path.IsFilled || path.IsStroked))
            {
                continue;
            }

            foreach (var sub in path)
            {
                if (segments.Count >= MaxSegments)
                {
                    return segments;
                }

                if (path.IsFilled && sub.GetBoundingRectangle() is { } box && double.IsFinite(box.Width) && double.IsFinite(box.Height) && double.IsFinite(box.Left) && double.IsFinite(box.Bottom)
                    && (box.Width <= Thin || box.Height <= Thin))
                {
                    if (box.Height <= Thin && box.Width > box.Height && box.Width > 1)
                    {
                        segments.Add(new Segment(true, (box.Bottom + box.Top) / 2, box.Left, box.Right));
                    }
                    else if (box.Width <= Thin && box.Height > box.Width && box.Height > 1)
                    {
                        segments.Add(new Segment(false, (box.Left + box.Right) / 2, box.Bottom, box.Top));
                    }

                    continue;
                }

                if (path.IsStroked)
                {
                    AddStrokes(sub, segments);
                }
            }
        }

        return segments;
    }

    private static void AddStrokes(PdfSubpath sub, List<Segment> segments)
    {
        PdfPoint? start = null, current = null;
        foreach (var command in sub.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = current = move.Location;
                    break;
                case PdfSubpath.Line line:
                    Add(line.From, line.To, segments);
                    start ??= line.From;
                    current = line.To;
                    break;
                case PdfSubpath.BezierCurve curve:
                    start ??= curve.StartPoint;
                    current = curve.EndPoint;
                    break;
                case PdfSubpath.Close when start is { } s && current is { } c:
                    Add(c, s, segments);
                    current = s;
                    break;
            }
        }
    }

    private static void Add(PdfPoint a, PdfPoint b, List<Segment> segments)
    {
        if (!double.IsFinite(a.X) || !double.IsFinite(a.Y) || !double.IsFinite(b.X) || !double.IsFinite(b.Y))
        {
            return;
        }

        if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) > 1)
        {
            segments.Add(new Segment(true, (a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X)));
        }
        else if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) > 1)
        {
            segments.Add(new Segment(false, (a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));
        }
    }

    /// <summary>
    /// The tables the lines draw: lines that meet form one table; a table needs at least two horizontal and two
    /// vertical lines (a lone underline or frame is not a table).
    /// </summary>
    public static List<RulingGrid> Find(List<Segment> segments)
    {
        var grids = new List<RulingGrid>();
        if (segments.Count < 4)
        {
            return grids;
        }

        var parent = new int[segments.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        // Sort by the left (or bottom) end so that the inner loop can stop early on the sweep axis.
        var order = Enumerable.Range(0, segments.Count).OrderBy(i => MinX(segments[i])).ToArray();
        for (var a = 0; a < order.Length; a++)
        {
            var s = segments[order[a]];
            var sMaxX = MaxX(s);
            for (var b = a + 1; b < order.Length; b++)
            {
                var t = segments[order[b]];
                if (MinX(t) > sMaxX + Touch)
                {
                    break;
                }

                if (Meet(s, t))
                {
                    var ra = Root(order[a]);
                    var rb = Root(order[b]);
                    if (ra != rb)
                    {
                        parent[ra] = rb;
                    }
                }
            }
        }

        foreach (var group in Enumerable.Range(0, segments.Count).GroupBy(Root))
        {
            var members = group.Select(i => segments[i]).ToList();
            if (Build(members) is { } grid)
            {
                grids.AddRange(grid.Split(members));
            }
        }

        return grids;
    }

    private static double MinX(Segment s) => s.Horizontal ? s.From : s.At;

    private static double MaxX(Segment s) => s.Horizontal ? s.To : s.At;

    private static bool Meet(Segment s, Segment t)
    {
        if (s.Horizontal == t.Horizontal)
        {
            return Math.Abs(s.At - t.At) <= Snap && s.From <= t.To + Touch && t.From <= s.To + Touch;
        }

        var (h, v) = s.Horizontal ? (s, t) : (t, s);
        return v.At >= h.From - Touch && v.At <= h.To + Touch && h.At >= v.From - Touch && h.At <= v.To + Touch;
    }

    private static RulingGrid? Build(List<Segment> members)
    {
        var horizontals = members.Where(s => s.Horizontal).ToList();
        var verticals = members.Where(s => !s.Horizontal).ToList();
        var xs = Cluster(verticals.Select(s => s.At));
        var ys = Cluster(horizontals.Select(s => s.At));
        if (xs.Length < 2 || ys.Length < 2)
        {
            return null;
        }

        // Vertical lines running past the first or last horizontal one: a row cut by the page's edge.
        var low = verticals.Min(v => v.From);
        var high = verticals.Max(v => v.To);
        var openBottom = low < ys[0] - (3 * Snap);
        var openTop = high > ys[^1] + (3 * Snap);
        if (openBottom)
        {
            ys = [low, .. ys];
        }

        if (openTop)
        {
            ys = [.. ys, high];
        }

        Array.Reverse(ys);
        var rows = ys.Length - 1;
        var columns = xs.Length - 1;
        var vertical = new bool[rows, xs.Length];
        var horizontal = new bool[ys.Length, columns];
        foreach (var v in verticals)
        {
            var j = Nearest(xs, v.At);
            for (var r = 0; r < rows; r++)
            {
                var mid = (ys[r] + ys[r + 1]) / 2;
                if (v.From <= mid + Snap && v.To >= mid - Snap)
                {
                    vertical[r, j] = true;
                }
            }
        }

        foreach (var h in horizontals)
        {
            var i = NearestDescending(ys, h.At);
            for (var c = 0; c < columns; c++)
            {
                var mid = (xs[c] + xs[c + 1]) / 2;
                if (h.From <= mid + Snap && h.To >= mid - Snap)
                {
                    horizontal[i, c] = true;
                }
            }
        }

        return new RulingGrid(xs, ys, vertical, horizontal, openTop, openBottom);
    }

    /// <summary>
    /// Tables printed one right under the other (their ruling lines touch) but with columns of their own: where a
    /// row shares no vertical line with the row above (the left edge aside), a new table begins, built from its own
    /// lines so that it gets no columns from the table above.
    /// </summary>
    private IEnumerable<RulingGrid> Split(List<Segment> members)
    {
        var cuts = new List<int>();
        HashSet<int>? above = null;
        for (var r = 0; r < Rows; r++)
        {
            var here = new HashSet<int>();
            for (var j = 0; j < Xs.Length; j++)
            {
                if (VerticalDrawn[r, j])
                {
                    here.Add(j);
                }
            }

            if (here.Count > 0)
            {
                here.Remove(here.Min());
            }

            if (above is { Count: > 0 } && here.Count > 0 && !here.Overlaps(above))
            {
                cuts.Add(r);
            }

            if (here.Count > 0)
            {
                above = here;
            }
        }

        if (cuts.Count == 0)
        {
            yield return this;
            yield break;
        }

        cuts.Add(Rows);
        var from = 0;
        foreach (var cut in cuts)
        {
            double top = Ys[from], bottom = Ys[cut];
            var band = members.Where(m => m.Horizontal
                ? m.At <= top + Snap && m.At >= bottom - Snap
                : Math.Min(m.To, top) - Math.Max(m.From, bottom) > Snap).ToList();
            if (Build(band) is { } grid)
            {
                yield return grid;
            }

            from = cut;
        }
    }

    /// <summary>The distinct values, ascending, values within <see cref="Snap"/> of the previous one taken as the same.</summary>
    private static double[] Cluster(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var result = new List<double>();
        var sum = 0.0;
        var count = 0;
        var last = double.NaN;
        foreach (var v in sorted)
        {
            if (count > 0 && v - last > Snap)
            {
                result.Add(sum / count);
                sum = 0;
                count = 0;
            }

            sum += v;
            count++;
            last = v;
        }

        if (count > 0)
        {
            result.Add(sum / count);
        }

        return [.. result];
    }

    private static int Nearest(double[] ascending, double v)
    {
        var best = 0;
        for (var i = 1; i < ascending.Length; i++)
        {
            if (Math.Abs(ascending[i] - v) < Math.Abs(ascending[best] - v))
            {
                best = i;
            }
        }

        return best;
    }

    private static int NearestDescending(double[] descending, double v) => Nearest(descending, v);
}
