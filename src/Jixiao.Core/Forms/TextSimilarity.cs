using System.Buffers;

namespace Jixiao.Core.Forms;

/// <summary>
/// How alike two texts are, by the Sørensen–Dice coefficient of their character bigrams (字符二元组) compared as
/// <see cref="TextKey"/>s: 2 × |shared bigrams| / (|bigrams of a| + |bigrams of b|), counting repeated bigrams as often as
/// they occur. 1 for the same key, 0 for texts with no bigram in common. Chinese has no spaces between words, so
/// bigrams of characters are the usual unit: one character changed costs at most two bigrams, a comma for a full
/// stop the same, whatever the length of the text.
/// </summary>
/// <remarks>
/// Allocates nothing for texts of up to <see cref="StackLimit"/> characters inside TextKey's table; longer texts
/// borrow from <see cref="ArrayPool{T}.Shared"/>.
/// </remarks>
public static class TextSimilarity
{
    /// <summary>Texts up to this length are keyed on the stack.</summary>
    public const int StackLimit = 256;

    /// <summary>The Dice coefficient of the bigrams of the keys of <paramref name="a"/> and <paramref name="b"/>; 0 when either is null or blank.</summary>
    public static double Dice(string? a, string? b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            return 0;
        }

        char[]? rentedA = null, rentedB = null;
        try
        {
            Span<char> x = a.Length <= StackLimit ? stackalloc char[StackLimit] : (rentedA = ArrayPool<char>.Shared.Rent(a.Length * 2));
            Span<char> y = b.Length <= StackLimit ? stackalloc char[StackLimit] : (rentedB = ArrayPool<char>.Shared.Rent(b.Length * 2));
            return DiceOfKeys(KeyInto(a, x, ref rentedA), KeyInto(b, y, ref rentedB));
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<char>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<char>.Shared.Return(rentedB);
            }
        }
    }

    /// <summary>The Dice coefficient of the bigrams of two texts that are already keys (<see cref="TextKey.Write"/>).</summary>
    public static double DiceOfKeys(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        if (a.SequenceEqual(b))
        {
            return 1;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        uint[]? rentedA = null, rentedB = null;
        try
        {
            Span<uint> x = a.Length <= StackLimit ? stackalloc uint[StackLimit] : (rentedA = ArrayPool<uint>.Shared.Rent(a.Length));
            Span<uint> y = b.Length <= StackLimit ? stackalloc uint[StackLimit] : (rentedB = ArrayPool<uint>.Shared.Rent(b.Length));
            x = Bigrams(a, x);
            y = Bigrams(b, y);
            return 2.0 * Shared(x, y) / (x.Length + y.Length);
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<uint>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<uint>.Shared.Return(rentedB);
            }
        }
    }

    /// <summary>
    /// Writes the key of <paramref name="text"/> into <paramref name="buffer"/>; when it does not fit (NFKC expands a
    /// character), into a larger array rented into <paramref name="rented"/>. Returns the key.
    /// </summary>
    private static ReadOnlySpan<char> KeyInto(string text, Span<char> buffer, ref char[]? rented)
    {
        var n = TextKey.Write(text, buffer);
        if (n >= 0)
        {
            return buffer[..n];
        }

        var key = TextKey.Of(text);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        rented = ArrayPool<char>.Shared.Rent(key.Length);
        key.CopyTo(rented);
        return rented.AsSpan(0, key.Length);
    }

    /// <summary>The bigrams of <paramref name="key"/>, two characters in one number, sorted.</summary>
    private static Span<uint> Bigrams(ReadOnlySpan<char> key, Span<uint> destination)
    {
        var count = key.Length - 1;
        var grams = destination[..count];
        for (var i = 0; i < count; i++)
        {
            grams[i] = ((uint)key[i] << 16) | key[i + 1];
        }

        grams.Sort();
        return grams;
    }

    /// <summary>How many bigrams two sorted lists share, each occurrence matched once.</summary>
    private static int Shared(ReadOnlySpan<uint> x, ReadOnlySpan<uint> y)
    {
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }
}
