namespace Jixiao.Ingest.Text;

/// <summary>
/// One row of trimmed cells, as the placer sees it: either a line of PDF-extracted text cut into cells
/// (<see cref="Load(char[], int, int, int)"/>) or the cells of a table row (<see cref="Load(IReadOnlyList{string}, int)"/>).
/// In a line, cells are separated by TAB; a line without TAB is cut at markdown table pipes (<c>|</c>), else at runs
/// of two or more spaces (pdftotext -layout), else it is one cell; markdown heading marks (<c>#</c>) are dropped.
/// In both, table pipes and white space around cells are trimmed and a markdown separator row
/// (<c>|---|---|</c>) reads as a blank row. The row is reused from row to row: it holds ranges into a character
/// buffer, and strings are made only for the cells a caller asks for.
/// </summary>
internal sealed class Row
{
    private const int MaxCells = 4096;

    private char[] buffer = [];
    private char[] cellText = [];
    private int[] starts = new int[16];
    private int[] lengths = new int[16];

    /// <summary>1-based line number (for a table row: its row number in the source).</summary>
    public int Line { get; private set; }

    /// <summary>Number of cells, empty ones included.</summary>
    public int Count { get; private set; }

    /// <summary>Number of non-empty cells.</summary>
    public int NonEmptyCount { get; private set; }

    /// <summary>Index of the first non-empty cell, -1 when the row is blank.</summary>
    public int FirstNonEmpty { get; private set; }

    /// <summary>Index of the last non-empty cell, -1 when the row is blank.</summary>
    public int LastNonEmpty { get; private set; }

    public bool IsBlank => NonEmptyCount == 0;

    public ReadOnlySpan<char> this[int index] => buffer.AsSpan(starts[index], lengths[index]);

    public bool IsEmpty(int index) => lengths[index] == 0;

    /// <summary>The cell as cleaned text (see <see cref="TextCleaner.Clean"/>).</summary>
    public string Text(int index) => TextCleaner.Clean(this[index]);

    /// <summary>Index of the next non-empty cell after <paramref name="index"/>, or -1.</summary>
    public int NextNonEmpty(int index)
    {
        for (var i = index + 1; i < Count; i++)
        {
            if (lengths[i] > 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of the previous non-empty cell before <paramref name="index"/>, or -1.</summary>
    public int PreviousNonEmpty(int index)
    {
        for (var i = Math.Min(index, Count) - 1; i >= 0; i--)
        {
            if (lengths[i] > 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A short quotation of the whole row for diagnostics, cells joined by ⇥.</summary>
    public string Preview(int max = 80)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = FirstNonEmpty; i >= 0 && i <= LastNonEmpty && sb.Length < max; i++)
        {
            if (i > FirstNonEmpty)
            {
                sb.Append('⇥');
            }

            sb.Append(this[i]);
        }

        if (sb.Length > max)
        {
            sb.Length = max;
            sb.Append('…');
        }

        return sb.ToString();
    }

    /// <summary>Loads a line of text (<paramref name="length"/> characters of <paramref name="source"/> from <paramref name="offset"/>), cutting it into cells.</summary>
    public void Load(char[] source, int offset, int length, int line)
    {
        Reset(source, line);

        var span = source.AsSpan(offset, length);

        // A markdown heading mark: "# 财政项目支出绩效自评表", "## …".
        var lead = 0;
        while (lead < span.Length && IsSpace(span[lead]))
        {
            lead++;
        }

        if (lead < span.Length && span[lead] == '#')
        {
            while (lead < span.Length && span[lead] == '#')
            {
                lead++;
            }

            offset += lead;
            span = span[lead..];
        }

        if (span.IndexOf('\t') >= 0)
        {
            SplitOn(span, offset, '\t');
        }
        else if (span.IndexOf('|') >= 0)
        {
            SplitOn(span, offset, '|');
        }
        else
        {
            SplitOnSpaceRuns(span, offset);
        }

        BlankIfSeparator();
    }

    /// <summary>
    /// Loads the cells of a table row as they are (a null cell is empty), copied into a buffer the row keeps.
    /// As with a line of text, cells after the 4,095th are joined into the last one with TABs, and a row longer than
    /// <see cref="LineSource.MaxLineLength"/> characters is cut there; the result is false when the row was cut.
    /// </summary>
    public bool Load(IReadOnlyList<string?> cells, int line)
    {
        long total = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            total += (cells[i]?.Length ?? 0) + 1;
        }

        var size = (int)Math.Min(total, LineSource.MaxLineLength);
        if (cellText.Length < size)
        {
            cellText = new char[Math.Max(size, Math.Min(cellText.Length * 2, LineSource.MaxLineLength))];
        }

        Reset(cellText, line);
        var at = 0;
        var whole = true;
        for (var i = 0; i < cells.Count && whole; i++)
        {
            var start = at;
            var rest = Count == MaxCells - 1;
            for (var k = i; k < (rest ? cells.Count : i + 1) && whole; k++)
            {
                if (k > i)
                {
                    whole = Append('\t', ref at);
                }

                whole = whole && Append(cells[k], ref at);
            }

            Add(0, start, at - start, cellText.AsSpan(start, at - start));
            if (rest)
            {
                break;
            }
        }

        BlankIfSeparator();
        return whole;
    }

    private bool Append(char c, ref int at)
    {
        if (at >= LineSource.MaxLineLength)
        {
            return false;
        }

        cellText[at++] = c;
        return true;
    }

    private bool Append(string? text, ref int at)
    {
        var span = (text ?? "").AsSpan();
        var n = Math.Min(span.Length, LineSource.MaxLineLength - at);
        span[..n].CopyTo(cellText.AsSpan(at));
        at += n;
        return n == span.Length;
    }

    private void Reset(char[] source, int line)
    {
        buffer = source;
        Line = line;
        Count = 0;
        NonEmptyCount = 0;
        FirstNonEmpty = -1;
        LastNonEmpty = -1;
    }

    private void BlankIfSeparator()
    {
        if (NonEmptyCount > 0 && IsMarkdownSeparator())
        {
            NonEmptyCount = 0;
            FirstNonEmpty = LastNonEmpty = -1;
        }
    }

    private void SplitOn(ReadOnlySpan<char> span, int offset, char separator)
    {
        var cellStart = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i == span.Length || span[i] == separator)
            {
                if (Count == MaxCells - 1 && i < span.Length)
                {
                    // Absurdly many cells: the rest of the line is one last cell.
                    Add(offset, cellStart, span.Length - cellStart, span[cellStart..]);
                    return;
                }

                Add(offset, cellStart, i - cellStart, span.Slice(cellStart, i - cellStart));
                cellStart = i + 1;
            }
        }
    }

    private void SplitOnSpaceRuns(ReadOnlySpan<char> span, int offset)
    {
        var first = 0;
        while (first < span.Length && IsSpace(span[first]))
        {
            first++;
        }

        var cellStart = first;
        var i = first;
        while (i < span.Length)
        {
            if (IsSpace(span[i]) && i + 1 < span.Length && IsSpace(span[i + 1]))
            {
                var runEnd = i;
                while (runEnd < span.Length && IsSpace(span[runEnd]))
                {
                    runEnd++;
                }

                if (runEnd < span.Length)
                {
                    if (Count == MaxCells - 1)
                    {
                        break;
                    }

                    Add(offset, cellStart, i - cellStart, span.Slice(cellStart, i - cellStart));
                    cellStart = runEnd;
                }

                i = runEnd;
                continue;
            }

            i++;
        }

        Add(offset, cellStart, span.Length - cellStart, span[cellStart..]);
    }

    private void Add(int offset, int cellStart, int cellLength, ReadOnlySpan<char> cell)
    {
        // Trim white space and markdown pipes.
        var a = 0;
        var b = cellLength;
        while (a < b && IsTrimmed(cell[a]))
        {
            a++;
        }

        while (b > a && IsTrimmed(cell[b - 1]))
        {
            b--;
        }

        if (Count == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref lengths, lengths.Length * 2);
        }

        starts[Count] = offset + cellStart + a;
        lengths[Count] = b - a;
        if (b > a)
        {
            NonEmptyCount++;
            if (FirstNonEmpty < 0)
            {
                FirstNonEmpty = Count;
            }

            LastNonEmpty = Count;
        }

        Count++;
    }

    private bool IsMarkdownSeparator()
    {
        var longDash = false;
        for (var i = 0; i < Count; i++)
        {
            var cell = this[i];
            var dashes = 0;
            foreach (var c in cell)
            {
                if (c == '-')
                {
                    dashes++;
                }
                else if (c != ':')
                {
                    return false;
                }
            }

            longDash |= dashes >= 3;
        }

        return longDash;
    }

    private static bool IsSpace(char c) => c is ' ' or '\u3000' or '\u00A0' or '\t';

    private static bool IsTrimmed(char c) => c == '|' || c == '\uFEFF' || c == '\0' || TextCleaner.IsSpace(c);
}
