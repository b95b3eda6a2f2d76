using System.Buffers;
using System.Numerics;

namespace Jixiao.Core.Forms;

/// <summary>
/// How alike two texts are, by the Sørensen–Dice coefficient of their character bigrams (字符二元组) compared as
/// <see cref="TextKey"/>s: 2 × |shared bigrams| / (|bigrams of a| + |bigrams of b|), counting repeated bigrams as often as
/// they occur. 1 for the same key, 0 for texts with no bigram in common. Chinese has no spaces between words, so
/// bigrams of characters are the usual unit: one character changed costs at most two bigrams, a comma for a full
/// stop the same, whatever the length of the text.
/// </summary>
/// <remarks>
/// Linear in the lengths (a table of bigram counts, no sorting). Allocates nothing for texts of up to
/// <see cref="StackLimit"/> characters inside TextKey's table; longer texts borrow from <see cref="ArrayPool{T}.Shared"/>.
/// </remarks>
public static class TextSimilarity
{
    /// <summary>Texts up to this length are keyed on the stack.</summary>
    public const int StackLimit = 256;

    /// <summary>Bigram tables up to this many slots (texts up to half as long) are on the stack.</summary>
    private const int TableLimit = 1024;

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

        // Count the bigrams of a in a small open-addressing table, then take b's bigrams out of it: linear in the
        // lengths, no sorting. 0 marks an empty slot (no key character is below U+0021).
        var size = 64;
        while (size < 2 * a.Length)
        {
            size <<= 1;
        }

        uint[]? rentedKeys = null;
        int[]? rentedCounts = null;
        try
        {
            Span<uint> keys = size <= TableLimit ? stackalloc uint[size] : (rentedKeys = ArrayPool<uint>.Shared.Rent(size)).AsSpan(0, size);
            Span<int> counts = size <= TableLimit ? stackalloc int[size] : (rentedCounts = ArrayPool<int>.Shared.Rent(size)).AsSpan(0, size);
            keys.Clear();
            counts.Clear();
            var mask = size - 1;
            var bits = BitOperations.Log2((uint)size);
            for (var i = 0; i + 1 < a.Length; i++)
            {
                var g = Bigram(a, i);
                var slot = Slot(g, bits);
                while (keys[slot] != 0 && keys[slot] != g)
                {
                    slot = (slot + 1) & mask;
                }

                keys[slot] = g;
                counts[slot]++;
            }

            var shared = 0;
            for (var i = 0; i + 1 < b.Length; i++)
            {
                var g = Bigram(b, i);
                var slot = Slot(g, bits);
                while (keys[slot] != 0 && keys[slot] != g)
                {
                    slot = (slot + 1) & mask;
                }

                if (keys[slot] == g && counts[slot] > 0)
                {
                    counts[slot]--;
                    shared++;
                }
            }

            return 2.0 * shared / (a.Length - 1 + b.Length - 1);
        }
        finally
        {
            if (rentedKeys is not null)
            {
                ArrayPool<uint>.Shared.Return(rentedKeys);
                ArrayPool<int>.Shared.Return(rentedCounts!);
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

    /// <summary>Two characters in one number.</summary>
    private static uint Bigram(ReadOnlySpan<char> key, int i) => ((uint)key[i] << 16) | key[i + 1];

    /// <summary>The home slot of a bigram in a table of 2^<paramref name="bits"/> slots (Fibonacci hashing).</summary>
    private static int Slot(uint bigram, int bits) => (int)((bigram * 2654435769u) >> (32 - bits));
}
