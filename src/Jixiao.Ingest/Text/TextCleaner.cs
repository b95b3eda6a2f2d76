namespace Jixiao.Ingest.Text;

/// <summary>
/// Cleans the text of a cell as PDF extraction left it: trims it, drops the wrap spaces that extraction
/// leaves between two Chinese characters (<c>伙食食 材</c> → <c>伙食食材</c>, <c>管理， 调动</c> → <c>管理，调动</c>)
/// and folds other runs of white space to one space (<c>12 吨</c> and <c>2023 年</c> stay as printed).
/// Joins wrapped fragments the same way.
/// </summary>
internal static class TextCleaner
{
    public static string Clean(ReadOnlySpan<char> cell)
    {
        var t = cell.Trim();
        if (t.IsEmpty)
        {
            return "";
        }

        var hasSpace = false;
        foreach (var c in t)
        {
            if (IsSpace(c))
            {
                hasSpace = true;
                break;
            }
        }

        if (!hasSpace)
        {
            return new string(t);
        }

        return CleanSlow(t);
    }

    private static string CleanSlow(ReadOnlySpan<char> t)
    {
        Span<char> small = stackalloc char[256];
        var dst = t.Length <= small.Length ? small : new char[t.Length];
        var n = 0;
        var i = 0;
        while (i < t.Length)
        {
            var c = t[i];
            if (!IsSpace(c))
            {
                dst[n++] = c;
                i++;
                continue;
            }

            var runEnd = i;
            while (runEnd < t.Length && IsSpace(t[runEnd]))
            {
                runEnd++;
            }

            // t is trimmed: a run always has a character on each side.
            if (!(IsWide(t[i - 1]) && IsWide(t[runEnd])))
            {
                dst[n++] = ' ';
            }

            i = runEnd;
        }

        return new string(dst[..n]);
    }

    /// <summary>
    /// Joins a wrapped text and its continuation: no space between Chinese text, one space otherwise. A tail
    /// that the head already ends with (extraction printed the wrapped characters twice) is not repeated.
    /// </summary>
    public static string Join(string? head, string? tail)
    {
        if (string.IsNullOrEmpty(head))
        {
            return tail ?? "";
        }

        if (string.IsNullOrEmpty(tail))
        {
            return head;
        }

        if (head.EndsWith(tail, StringComparison.Ordinal))
        {
            return head;
        }

        // No space next to Chinese text, after an opening bracket, or before a closing one or a percent sign (≥90.00( + %)).
        return IsWide(head[^1]) || IsWide(tail[0]) || head[^1] is '(' or '[' || tail[0] is ')' or ']' or '%' ? head + tail : head + " " + tail;
    }

    /// <summary>Chinese characters and the full-width punctuation that surrounds them.</summary>
    public static bool IsWide(char c) =>
        c is >= '\u3400' and <= '\u9FFF'
        or >= '\uF900' and <= '\uFAFF'
        or >= '\u3000' and <= '\u303F'
        or >= '\uFF01' and <= '\uFF60'
        or '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u2026' or '\u2014';

    /// <summary>White space, without the table lookup <see cref="char.IsWhiteSpace(char)"/> makes for every Chinese character.</summary>
    public static bool IsSpace(char c) =>
        c < 128
            ? c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v'
            : c is '\u00A0' or '\u0085' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';
}
