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
}
