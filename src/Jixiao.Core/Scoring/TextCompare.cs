namespace Jixiao.Core.Scoring;

/// <summary>
/// Compares free texts the way the interchange format does: after compatibility folding (full-width letters,
/// digits and signs to ASCII, ideographic space, small forms such as <c>﹦</c>) and removal of all white space.
/// </summary>
/// <remarks>
/// The product runs with invariant globalization, where <c>string.Normalize(FormKC)</c> leaves non-ASCII text
/// unchanged; this folding covers the compatibility characters forms actually print, without allocating.
/// </remarks>
public static class TextCompare
{
    /// <summary>True when the texts are equal after folding and white-space removal (and neither is empty).</summary>
    public static bool SameText(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        int i = 0, j = 0, seen = 0;
        while (true)
        {
            var ca = Next(a, ref i);
            var cb = Next(b, ref j);
            if (ca != cb)
            {
                return false;
            }

            if (ca == '\0')
            {
                return seen > 0;
            }

            seen++;
        }
    }

    /// <summary>The next folded, non-white-space character at or after <paramref name="i"/>, or '\0' at the end.</summary>
    private static char Next(string s, ref int i)
    {
        while (i < s.Length)
        {
            var c = Fold(s[i++]);
            if (!char.IsWhiteSpace(c))
            {
                return c;
            }
        }

        return '\0';
    }

    /// <summary>NFKC for the compatibility characters seen in forms; other characters unchanged.</summary>
    public static char Fold(char c)
    {
        if (c < 0x2000)
        {
            return c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        return c switch
        {
            '\u3000' => ' ',
            '\uFE50' => ',',
            '\uFE52' => '.',
            '\uFE54' => ';',
            '\uFE55' => ':',
            '\uFE56' => '?',
            '\uFE57' => '!',
            '\uFE59' => '(',
            '\uFE5A' => ')',
            '\uFE5B' => '{',
            '\uFE5C' => '}',
            '\uFE5F' => '#',
            '\uFE60' => '&',
            '\uFE61' => '*',
            '\uFE62' => '+',
            '\uFE63' => '-',
            '\uFE64' => '<',
            '\uFE65' => '>',
            '\uFE66' => '=',
            '\uFE68' => '\\',
            '\uFE69' => '$',
            '\uFE6A' => '%',
            '\uFE6B' => '@',
            '\u2024' => '.',
            _ => c,
        };
    }
}
