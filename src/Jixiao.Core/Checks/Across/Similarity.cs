namespace Jixiao.Core.Checks.Across;

/// <summary>The measures of likeness the cross-form checks use.</summary>
public static class Similarity
{
    /// <summary>|A ∩ B| / |A ∪ B|; 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = 0;
        foreach (var x in small)
        {
            if (large.Contains(x))
            {
                common++;
            }
        }

        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>Rows of <paramref name="a"/> also in <paramref name="b"/>.</summary>
    public static int Common(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var common = 0;
        foreach (var x in a)
        {
            if (b.Contains(x))
            {
                common++;
            }
        }

        return common;
    }

    /// <summary>
    /// The Dice coefficient of the character bigrams of two texts (2|A ∩ B| / (|A| + |B|), bigrams counted with their
    /// multiplicity): 1 for equal texts, near 1 for small edits, 0 for texts sharing no two adjacent characters. A
    /// text of one character is its own bigram.
    /// </summary>
    public static double Dice(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var counts = new Dictionary<int, int>();
        foreach (var g in Bigrams(a))
        {
            counts[g] = counts.GetValueOrDefault(g) + 1;
        }

        var common = 0;
        var total = 0;
        foreach (var g in Bigrams(b))
        {
            total++;
            if (counts.TryGetValue(g, out var n) && n > 0)
            {
                counts[g] = n - 1;
                common++;
            }
        }

        total += Math.Max(1, a.Length - 1);
        return 2.0 * common / total;
    }

    private static IEnumerable<int> Bigrams(string s)
    {
        if (s.Length == 1)
        {
            yield return s[0];
            yield break;
        }

        for (var i = 0; i + 1 < s.Length; i++)
        {
            yield return (s[i] << 16) | s[i + 1];
        }
    }
}
