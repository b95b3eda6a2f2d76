using Jixiao.Ingest.Tables;
using UglyToad.PdfPig.Content;

namespace Jixiao.Ingest.Pdf;

/// <summary>What one page holds, for the reader's summary and diagnostics.</summary>
internal enum PageContent
{
    /// <summary>Text laid out in tables (with or without ruling lines).</summary>
    Tables,

    /// <summary>Only images: a scanned page (扫描页).</summary>
    ImagesOnly,

    /// <summary>Nothing printed.</summary>
    Empty,
}

/// <summary>
/// A piece of a page in reading order: a table, or one line of text outside any table (a one-cell table).
/// <paramref name="OpenTop"/> and <paramref name="OpenBottom"/>: the table's first or last row is cut by the page's
/// edge (its ruling lines run off the page), so it joins the row on the page before or after.
/// </summary>
internal sealed record PageBlock(double Top, SourceTable Table, bool OpenTop = false, bool OpenBottom = false);

/// <summary>
/// Reads one page (页面): its characters and ruling lines become tables — a grid where lines are drawn
/// (<see cref="RulingGrid"/>), alignment where they are not (<see cref="BorderlessTable"/>) — and the text outside
/// the drawn tables becomes one-cell rows (the form's heading, its year, 单位：万元), all in reading order, top to
/// bottom.
/// </summary>
internal static class PdfPageReader
{
    /// <summary>The page's blocks, top to bottom; <paramref name="content"/> says what the page holds.</summary>
    public static List<PageBlock> Read(Page page, int number, BorderlessTable borderless, out PageContent content, out int glyphCount)
    {
        var glyphs = new List<Glyph>(page.Letters.Count);
        foreach (var letter in page.Letters)
        {
            if (letter.TextOrientation != TextOrientation.Horizontal || string.IsNullOrEmpty(letter.Value) || letter.Value[0] == '\0')
            {
                continue;
            }

            var size = letter.PointSize > 0 ? letter.PointSize : Math.Max(1, letter.BoundingBox.Height);
            var left = letter.StartBaseLine.X;
            var right = Math.Max(letter.EndBaseLine.X, left + 0.01);
            if (!double.IsFinite(left) || !double.IsFinite(right) || !double.IsFinite(letter.StartBaseLine.Y) || !double.IsFinite(size))
            {
                // A damaged font or matrix: the character has no place on the page.
                continue;
            }

            glyphs.Add(new Glyph(letter.Value, left, right, letter.StartBaseLine.Y, size));
        }

        glyphCount = glyphs.Count(g => !g.IsBlank);
        var blocks = new List<PageBlock>();
        if (glyphCount == 0)
        {
            content = page.NumberOfImages > 0 ? PageContent.ImagesOnly : PageContent.Empty;
            return blocks;
        }

        content = PageContent.Tables;
        var grids = RulingGrid.Find(RulingGrid.Segments(page.Paths));
        var inGrid = new List<Glyph>[grids.Count];
        var outside = new List<Glyph>();
        foreach (var g in glyphs)
        {
            var home = -1;
            for (var i = 0; i < grids.Count; i++)
            {
                if (grids[i].Contains(g.CenterX, g.CenterY))
                {
                    home = i;
                    break;
                }
            }

            if (home < 0)
            {
                outside.Add(g);
            }
            else
            {
                (inGrid[home] ??= []).Add(g);
            }
        }

        for (var i = 0; i < grids.Count; i++)
        {
            if (Table(grids[i], inGrid[i] ?? [], number) is { } table)
            {
                blocks.Add(new PageBlock(grids[i].Top, table, grids[i].OpenTop, grids[i].OpenBottom));
            }
        }

        var lines = PageText.Lines(outside);
        if (grids.Count == 0)
        {
            // No ruling lines: the whole page is read by alignment.
            if (borderless.Build(lines, number) is { } table)
            {
                blocks.Add(new PageBlock(lines[0].Top, table, OpenTop: borderless.Continued, OpenBottom: true));
            }
        }
        else
        {
            // Text beside drawn tables: each line a one-cell row (a heading, the year, the unit).
            foreach (var line in lines)
            {
                var text = PageText.CellText([line]);
                if (text.Length > 0)
                {
                    var cell = new TableCell(text, 0, 0) { Box = PageText.Box(line.Glyphs.Where(g => !g.IsBlank)) };
                    blocks.Add(new PageBlock(line.Top, new SourceTable([cell], number)));
                }
            }
        }

        blocks.Sort((a, b) => b.Top.CompareTo(a.Top));
        return blocks;
    }

    private static SourceTable? Table(RulingGrid grid, List<Glyph> glyphs, int page)
    {
        var spans = grid.Cells(out var owner);
        var text = new List<Glyph>?[spans.Length];
        foreach (var g in glyphs)
        {
            var id = owner[grid.RowAt(g.CenterY), grid.ColumnAt(g.CenterX)];
            (text[id] ??= []).Add(g);
        }

        var cells = new List<TableCell>(spans.Length);
        for (var id = 0; id < spans.Length; id++)
        {
            var (row, column, rowSpan, columnSpan) = spans[id];
            var box = new CellBox(
                PageText.Round(grid.Xs[column]),
                PageText.Round(grid.Ys[row + rowSpan]),
                PageText.Round(grid.Xs[column + columnSpan]),
                PageText.Round(grid.Ys[row]));
            cells.Add(new TableCell(text[id] is { } t ? PageText.CellText(t) : "", row, column, rowSpan, columnSpan) { Box = box });
        }

        return cells.Count == 0 ? null : new SourceTable(cells, page);
    }
}
