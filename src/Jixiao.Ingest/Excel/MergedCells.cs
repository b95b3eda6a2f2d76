namespace Jixiao.Ingest.Excel;

/// <summary>One merged range of a worksheet (合并单元格), 1-based and inclusive.</summary>
/// <param name="Top">First row.</param>
/// <param name="Left">First column.</param>
/// <param name="Bottom">Last row.</param>
/// <param name="Right">Last column.</param>
internal readonly record struct MergedRange(int Top, int Left, int Bottom, int Right)
{
    /// <summary>Parses a range reference such as <c>A12:A15</c>; null when it is not one.</summary>
    /// <param name="reference">The reference, e.g. <c>B7:E7</c>.</param>
    public static MergedRange? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var colon = reference.IndexOf(':');
        var first = colon < 0 ? reference : reference[..colon];
        var last = colon < 0 ? reference : reference[(colon + 1)..];
        return CellReference.TryParse(first, out var r1, out var c1) && CellReference.TryParse(last, out var r2, out var c2)
            ? new MergedRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2))
            : null;
    }
}

/// <summary>
/// The merged ranges of one worksheet, asked row by row in ascending order: whether a cell is covered by a merge that
/// begins elsewhere (and so is given empty: a merged cell is given once, in its first row and column). Memory is one
/// entry per merged range, never per covered cell.
/// </summary>
internal sealed class MergedCells
{
    private readonly MergedRange[] byTop;
    private readonly List<MergedRange> active = [];
    private int next;
    private int row;

    /// <summary>The sheet's merged ranges, in any order.</summary>
    public MergedCells(IEnumerable<MergedRange> ranges)
    {
        byTop = [.. ranges.OrderBy(r => r.Top)];
    }

    /// <summary>How many ranges the sheet has.</summary>
    public int Count => byTop.Length;

    /// <summary>Moves to 1-based <paramref name="sheetRow"/> (not below the last row asked).</summary>
    public void MoveTo(int sheetRow)
    {
        row = sheetRow;
        while (next < byTop.Length && byTop[next].Top <= sheetRow)
        {
            active.Add(byTop[next++]);
        }

        active.RemoveAll(r => r.Bottom < sheetRow);
    }

    /// <summary>True when the 1-based <paramref name="column"/> of the current row lies in a merge that begins in another cell.</summary>
    public bool Covered(int column)
    {
        foreach (var r in active)
        {
            if (column >= r.Left && column <= r.Right && (row != r.Top || column != r.Left))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The last column any merge active in the current row reaches (0 when none): the row is given that wide.</summary>
    public int LastColumn()
    {
        var last = 0;
        foreach (var r in active)
        {
            last = Math.Max(last, r.Right);
        }

        return last;
    }
}

/// <summary>A1-style cell references (单元格地址).</summary>
internal static class CellReference
{
    /// <summary>Parses <c>B7</c> into row 7, column 2 (1-based); false when it is not a reference.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < text.Length && text[i] == '$')
        {
            i++;
        }

        for (; i < text.Length && char.IsAsciiLetter(text[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            if (column > 16384)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            row = (row * 10) + (text[i] - '0');
            if (row > 1_048_576)
            {
                return false;
            }
        }

        return i == text.Length && column > 0 && row > 0;
    }

    /// <summary>Parses the column letters of a reference (<c>B7</c> gives 2); 0 when there are none.</summary>
    public static int Column(ReadOnlySpan<char> text)
    {
        var column = 0;
        foreach (var c in text)
        {
            if (c == '$')
            {
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > 16384)
            {
                return 0;
            }
        }

        return column;
    }
}
