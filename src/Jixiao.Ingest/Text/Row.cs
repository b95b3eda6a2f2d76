namespace Jixiao.Ingest.Text;

/// <summary>
/// One line of PDF-extracted text cut into trimmed cells. Cells are separated by TAB; a line without TAB
/// is cut at markdown table pipes (<c>|</c>), else at runs of two or more spaces (pdftotext -layout), else it
/// is one cell. Markdown heading marks (<c>#</c>) and table pipes around cells are dropped, and a markdown
/// separator row (<c>|---|---|</c>) reads as a blank line. The row is reused from line to line: it holds ranges
/// into the line buffer, and strings are made only for the cells a caller asks for.
/// </summary>
internal sealed class Row
{
    private const int MaxCells = 4096;

    private char[] buffer = [];
    private int[] starts = new int[16];
    private int[] lengths = new int[16];

    /// <summary>1-based line number.</summary>
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

    public void Load(char[] source, int offset, int length, int line)
    {
        buffer = source;
        Line = line;
        Count = 0;
        NonEmptyCount = 0;
        FirstNonEmpty = -1;
        LastNonEmpty = -1;

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
