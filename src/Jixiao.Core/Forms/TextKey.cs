using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Jixiao.Core.Forms;

/// <summary>
/// The text key (比较键): the one form in which Jixiao compares texts — level labels, header words, names of
/// projects, departments and indicators, targets and goals. It is the comparison rule of the interchange format
/// (form-schema.md: Unicode NFKC 兼容性规范化, then every white-space character removed), with one addition: the
/// characters that print nothing are removed too — control characters (Unicode category Cc) and format characters
/// (Cf): the zero-width characters U+200B–U+200D, U+2060 and U+FEFF that PDF extraction leaves in text, the
/// direction marks and embeddings (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the soft hyphen U+00AD and the
/// invisible operators U+2061–U+2064 that a copied name may carry.
/// </summary>
/// <remarks>
/// <para>
/// NFKC folds full-width letters, digits and signs (<c>（１００％）</c> → <c>(100%)</c>), the small forms
/// (<c>﹦</c> → <c>=</c>), the ideographic space, Kangxi radicals (<c>⽬</c> → <c>目</c>), CJK compatibility
/// ideographs, circled numbers (<c>①</c> → <c>1</c>) and squared units (<c>㎡</c> → <c>m2</c>). White space and the
/// characters above are removed after the folding, so <c>可持 续影 响指 标</c> is 可持续影响指标.
/// </para>
/// <para>
/// Speed: the characters forms print almost always — ASCII, CJK ideographs, CJK and general punctuation, arrows,
/// mathematical operators, box drawing, full-width ASCII and the small forms — are keyed by TextKey's own table,
/// which equals NFKC for each of them (a test checks every character against the runtime), with no allocation.
/// Only a text holding some other character is folded as a whole by <see cref="string.Normalize(NormalizationForm)"/>.
/// </para>
/// <para>
/// That last step needs ICU. Under invariant globalization <c>string.Normalize</c> leaves non-ASCII text as it is,
/// so the table is all the folding there is: the build keeps ICU on (Directory.Build.props). Text that is not valid
/// UTF-16 (a lone surrogate), which <c>string.Normalize</c> refuses, is keyed by the table alone: a key never throws.
/// </para>
/// </remarks>
public static class TextKey
{
    /// <summary>The character leaves nothing in the key.</summary>
    private const int Dropped = -1;

    /// <summary>Only the runtime's NFKC knows what the character folds to (or it composes with its neighbours).</summary>
    private const int NeedsRuntime = -2;

    /// <summary>The end of the text (<see cref="Next"/>).</summary>
    private const int End = -3;

    /// <summary>The small forms U+FE50–U+FE6B folded (NFKC); U+FFFF where the code point is unassigned.</summary>
    private const string SmallForms = ",、.\uFFFF;:?!—(){}〔〕#&*+-<>=\uFFFF\\$%@";

    private const int StackLimit = 256;

    /// <summary>The key of <paramref name="text"/>; empty for null or empty text. Returns the text itself when it is its own key.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (Map(c) != c)
            {
                break;
            }

            i++;
        }

        return i == text.Length ? text : Build(text, text);
    }

    /// <summary>The key of <paramref name="text"/> as a new string.</summary>
    public static string Of(ReadOnlySpan<char> text) => text.IsEmpty ? "" : Build(text, null);

    /// <summary>
    /// Writes the key of <paramref name="text"/> into <paramref name="destination"/> and returns its length, or -1 when
    /// it does not fit. Allocates nothing unless the text holds a character outside TextKey's table (see the remarks
    /// on <see cref="TextKey"/>). Keys are at most as long as their text, except where NFKC expands a character
    /// (<c>㎡</c> → <c>m2</c>); -1 is returned as soon as the characters read so far do not fit.
    /// </summary>
    public static int Write(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = WriteByTable(text, destination);
        if (n != NeedsRuntime)
        {
            return n;
        }

        var key = ByRuntime(new string(text));
        if (key.Length > destination.Length)
        {
            return -1;
        }

        key.CopyTo(destination);
        return key.Length;
    }

    /// <summary>
    /// True when both texts have the same key and it is not empty: a null, empty or blank text is the same as no
    /// other. Allocates nothing for texts inside TextKey's table.
    /// </summary>
    public static bool Same(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        int i = 0, j = 0;
        var seen = false;
        while (true)
        {
            var x = Next(a, ref i);
            var y = Next(b, ref j);
            if (x == NeedsRuntime || y == NeedsRuntime)
            {
                return SameByRuntime(a, b);
            }

            if (x != y)
            {
                // A character further on may still compose with what was read (e + U+0301 is é).
                return NeedsRuntimeFrom(a, i) || NeedsRuntimeFrom(b, j) ? SameByRuntime(a, b) : false;
            }

            if (x == End)
            {
                return seen;
            }

            seen = true;
        }
    }

    /// <summary>
    /// The key character of <paramref name="c"/> by the table: the character itself, what it folds to,
    /// <see cref="Dropped"/> or <see cref="NeedsRuntime"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Map(char c)
    {
        if (c < 0x80)
        {
            return c > ' ' && c != '\u007F' ? c : Dropped;
        }

        // CJK ideographs: extension A, the Yijing hexagrams, the unified block.
        return (uint)(c - 0x3400) <= 0x9FFF - 0x3400 ? c : MapOther(c);
    }

    private static int MapOther(char c)
    {
        if ((uint)(c - 0xFF01) <= 0xFF5E - 0xFF01)
        {
            return c - 0xFEE0; // full-width ASCII
        }

        return c switch
        {
            <= '\u00A0' => Dropped, // C1 controls, next line, no-break space (NFKC: a space)
            '\u00AD' => Dropped, // soft hyphen
            '\u00A8' or '\u00AA' or '\u00AF' or (>= '\u00B2' and <= '\u00B5') or (>= '\u00B8' and <= '\u00BA') or (>= '\u00BC' and <= '\u00BE') => NeedsRuntime,
            <= '\u00FF' => c,
            '\u1680' => Dropped,
            < '\u2000' => NeedsRuntime,
            <= '\u200F' => Dropped, // the typographic spaces (NFKC: a space), the zero-width characters, the direction marks
            '\u2010' or (>= '\u2012' and <= '\u2016') or (>= '\u2018' and <= '\u2023') or '\u2027' or (>= '\u2030' and <= '\u2032') or '\u2035' or '\u203B' => c,
            '\u2024' => '.',
            (>= '\u2028' and <= '\u202F') or '\u205F' or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u206F') => Dropped, // separators, embeddings, invisible operators
            < '\u2190' => NeedsRuntime,
            <= '\u222B' or '\u222E' => c, // arrows, mathematical operators (≥ ≤ ≠ ± …)
            < '\u2231' => NeedsRuntime, // ∬ ∭ ∯ ∰
            <= '\u22FF' => c,
            < '\u2500' => NeedsRuntime, // 〈 〉 (2329, 232A), enclosed alphanumerics ①
            <= '\u27BF' => c, // box drawing, blocks, geometric shapes, symbols, dingbats
            < '\u3000' => NeedsRuntime, // Kangxi radicals …
            '\u3000' => Dropped, // ideographic space
            <= '\u3029' or (>= '\u3030' and <= '\u3035') or (>= '\u303B' and <= '\u303F') => c, // CJK punctuation 、。【】〔〕
            < '\uFE50' => NeedsRuntime,
            <= '\uFE6B' => SmallForms[c - 0xFE50] is var s && s != '\uFFFF' ? s : NeedsRuntime,
            '\uFEFF' => Dropped,
            _ => NeedsRuntime,
        };
    }

    /// <summary>Removed from the folded text: white space, control characters, format characters (zero-width, direction marks …).</summary>
    private static bool IsDropped(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    /// <summary>The key by the table into <paramref name="destination"/>: its length, -1 when it does not fit, or <see cref="NeedsRuntime"/>.</summary>
    private static int WriteByTable(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            var m = Map(c);
            if (m >= 0)
            {
                if (n == destination.Length)
                {
                    return -1;
                }

                destination[n++] = (char)m;
            }
            else if (m == NeedsRuntime)
            {
                return NeedsRuntime;
            }
        }

        return n;
    }

    /// <summary>The key of a text that is not its own key; <paramref name="original"/> is the same text as a string when there is one.</summary>
    private static string Build(ReadOnlySpan<char> text, string? original)
    {
        char[]? rented = null;
        Span<char> buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var n = WriteByTable(text, buffer);
            return n >= 0 ? new string(buffer[..n]) : ByRuntime(original ?? new string(text));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The key through the runtime's NFKC. The table's foldings are applied first: NFKC gives the same result with or
    /// without them, and under invariant globalization they are what remains.
    /// </summary>
    private static string ByRuntime(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var m = Map(c);
            sb.Append(m >= 0 ? (char)m : c);
        }

        var folded = sb.ToString();
        try
        {
            folded = folded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate): the table's folding is all there is.
        }

        sb.Clear();
        foreach (var c in folded)
        {
            if (!IsDropped(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool SameByRuntime(string a, string b)
    {
        var x = Of(a);
        return x.Length > 0 && string.Equals(x, Of(b), StringComparison.Ordinal);
    }

    /// <summary>The next key character at or after <paramref name="i"/>, <see cref="End"/> or <see cref="NeedsRuntime"/>.</summary>
    private static int Next(string s, ref int i)
    {
        while (i < s.Length)
        {
            var m = Map(s[i++]);
            if (m != Dropped)
            {
                return m;
            }
        }

        return End;
    }

    private static bool NeedsRuntimeFrom(string s, int i)
    {
        for (; i < s.Length; i++)
        {
            if (Map(s[i]) == NeedsRuntime)
            {
                return true;
            }
        }

        return false;
    }
}
