namespace Jixiao.Ingest.Formats;

/// <summary>Tests on the first bytes of a file (its head) that several formats share.</summary>
internal static class Heads
{
    /// <summary>The UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>True when the head begins with a UTF-16 byte order mark (little or big endian).</summary>
    public static bool HasUtf16Bom(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>The head without a UTF-8 byte order mark and leading white space (space, TAB, CR, LF).</summary>
    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> head)
    {
        var body = head.StartsWith(Utf8Bom) ? head[3..] : head;
        return body.TrimStart(" \t\r\n"u8);
    }

    /// <summary>
    /// True when the head is not text in a byte encoding (UTF-8, GB18030): it holds a NUL byte, or more than one byte
    /// in ten is a control character other than TAB, CR, LF and form feed.
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not (byte)'\f')
            {
                control++;
            }
        }

        return control * 10 > head.Length;
    }

    /// <summary>True when <paramref name="head"/> begins with <paramref name="prefix"/>, ASCII letters compared without case.</summary>
    public static bool StartsWithIgnoringCase(ReadOnlySpan<byte> head, ReadOnlySpan<byte> prefix)
    {
        if (head.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (Lower(head[i]) != Lower(prefix[i]))
            {
                return false;
            }
        }

        return true;

        static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
    }
}
