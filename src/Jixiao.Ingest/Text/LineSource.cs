namespace Jixiao.Ingest.Text;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> into one reusable buffer, so that a line costs no allocation.
/// Line ends are LF, CRLF or a lone CR. A line longer than <see cref="MaxLineLength"/> characters is cut:
/// the caller gets its first <see cref="MaxLineLength"/> characters and <see cref="LastLineTruncated"/> is set.
/// </summary>
internal sealed class LineSource
{
    /// <summary>The longest line kept whole (1 Mi characters); the rest of a longer line is skipped.</summary>
    public const int MaxLineLength = 1 << 20;

    private const int InitialBuffer = 1 << 16;

    private readonly TextReader reader;
    private char[] buffer = new char[InitialBuffer];
    private int start;
    private int end;
    private int scanned;
    private bool eof;
    private bool skipLineFeed;
    private bool discardRestOfLine;

    public LineSource(TextReader reader) => this.reader = reader;

    /// <summary>1-based number of the last line returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>True when the last line returned was longer than <see cref="MaxLineLength"/> and was cut.</summary>
    public bool LastLineTruncated { get; private set; }

    /// <summary>The buffer holding the last line; valid until the next call of <see cref="TryReadLine"/>.</summary>
    public char[] Buffer => buffer;

    /// <summary>Reads the next line; false at the end of the input. I/O errors propagate to the caller.</summary>
    public bool TryReadLine(out int offset, out int length)
    {
        LastLineTruncated = false;
        if (discardRestOfLine && !DiscardRestOfLine())
        {
            offset = length = 0;
            return false;
        }

        while (true)
        {
            if (skipLineFeed)
            {
                if (start == end && !eof)
                {
                    Fill();
                    continue;
                }

                if (start < end && buffer[start] == '\n')
                {
                    start++;
                }

                skipLineFeed = false;
            }

            var pending = buffer.AsSpan(start + scanned, end - start - scanned);
            var idx = pending.IndexOfAny('\n', '\r');
            if (idx >= 0)
            {
                var lineEnd = start + scanned + idx;
                offset = start;
                length = lineEnd - start;
                skipLineFeed = buffer[lineEnd] == '\r';
                start = lineEnd + 1;
                scanned = 0;
                return Deliver(ref offset, ref length);
            }

            scanned = end - start;
            if (eof)
            {
                if (start < end)
                {
                    offset = start;
                    length = end - start;
                    start = end;
                    scanned = 0;
                    return Deliver(ref offset, ref length);
                }

                offset = length = 0;
                return false;
            }

            if (end - start >= MaxLineLength)
            {
                // Too long: hand out the head, skip the rest of the line on the next call.
                offset = start;
                length = MaxLineLength;
                start = end;
                scanned = 0;
                discardRestOfLine = true;
                LastLineTruncated = true;
                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    private bool Deliver(ref int offset, ref int length)
    {
        LineNumber++;
        if (LineNumber == 1 && length > 0 && buffer[offset] == '\uFEFF')
        {
            offset++;
            length--;
        }

        return true;
    }

    /// <summary>Skips the remainder of a cut line; false when the input ended inside it.</summary>
    private bool DiscardRestOfLine()
    {
        while (true)
        {
            var idx = buffer.AsSpan(start, end - start).IndexOfAny('\n', '\r');
            if (idx >= 0)
            {
                skipLineFeed = buffer[start + idx] == '\r';
                start += idx + 1;
                scanned = 0;
                discardRestOfLine = false;
                return true;
            }

            start = end = scanned = 0;
            if (eof)
            {
                discardRestOfLine = false;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            var live = end - start;
            if (live > 0)
            {
                Array.Copy(buffer, start, buffer, 0, live);
            }

            start = 0;
            end = live;
        }

        if (end == buffer.Length)
        {
            var bigger = new char[Math.Min(buffer.Length * 2, MaxLineLength + InitialBuffer)];
            Array.Copy(buffer, bigger, end);
            buffer = bigger;
        }

        var n = reader.Read(buffer, end, buffer.Length - end);
        if (n <= 0)
        {
            eof = true;
        }
        else
        {
            end += n;
        }
    }
}
