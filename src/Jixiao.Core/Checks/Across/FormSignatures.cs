namespace Jixiao.Core.Checks.Across;

/// <summary>What a signature is of.</summary>
public enum SignatureKind
{
    /// <summary>The project within its 主管部门 (any year): declarations meet their self-evaluations, a project meets its other forms.</summary>
    Project = 1,

    /// <summary>A long goal or actual-results text.</summary>
    Goal = 2,

    /// <summary>One band of the MinHash of the indicator rows: tables mostly alike share a band with high probability.</summary>
    Rows = 3,

    /// <summary>The content hash: the same form from two files.</summary>
    Content = 4,
}

/// <summary>One signature of a form: forms sharing one are compared (<see cref="FormPairs"/>).</summary>
public readonly record struct FormSignature(SignatureKind Kind, long Hash);

/// <summary>
/// The signatures of a form, for finding the forms to compare it with without comparing every pair: a store keeps
/// them indexed, and the candidates of a new form are the stored forms sharing any of its signatures. Hashes are
/// stable across processes and versions of .NET (FNV-1a with a SplitMix64 finaliser, not <see cref="string.GetHashCode()"/>).
/// </summary>
/// <remarks>
/// The indicator rows (<see cref="ComparedForm.Rows"/>) are summarised by a MinHash of <see cref="Hashes"/> values in
/// <see cref="Bands"/> bands: two tables with Jaccard similarity s share at least one band with probability
/// 1 − (1 − s^r)^b (r = rows per band): 0.99 at s = 0.8, 0.33 at 0.4 and 0.05 at 0.2, so the tables
/// <see cref="FormPairs"/> calls copies are almost always found and few unlike ones are loaded to be ruled out.
/// </remarks>
public static class FormSignatures
{
    public const int Hashes = 18;
    public const int Bands = 6;
    private const int RowsPerBand = Hashes / Bands;

    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>The signatures of <paramref name="form"/>.</summary>
    public static IReadOnlyList<FormSignature> Of(ComparedForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var list = new List<FormSignature>(12);
        if (form.ProjectKey.Length > 0)
        {
            list.Add(new(SignatureKind.Project, Hash(SignatureKind.Project, form.DepartmentKey + "\u0001" + form.ProjectKey)));
        }

        foreach (var (_, key) in form.GoalKeys)
        {
            var s = new FormSignature(SignatureKind.Goal, Hash(SignatureKind.Goal, key));
            if (!list.Contains(s))
            {
                list.Add(s);
            }
        }

        if (form.Rows.Count >= ComparedForm.MinRows)
        {
            Span<ulong> min = stackalloc ulong[Hashes];
            min.Fill(ulong.MaxValue);
            foreach (var row in form.Rows)
            {
                var h = Fnv(row);
                for (var i = 0; i < Hashes; i++)
                {
                    var v = Mix(h ^ Seeds[i]);
                    if (v < min[i])
                    {
                        min[i] = v;
                    }
                }
            }

            var kind = form.IsDeclaration ? 1UL : 2UL;
            for (var b = 0; b < Bands; b++)
            {
                var h = Mix(((ulong)SignatureKind.Rows << 56) ^ (kind << 48) ^ (ulong)b);
                for (var r = 0; r < RowsPerBand; r++)
                {
                    h = Mix(h ^ min[(b * RowsPerBand) + r]);
                }

                list.Add(new(SignatureKind.Rows, (long)h));
            }
        }

        if (form.ContentHash.Length >= 16)
        {
            list.Add(new(SignatureKind.Content, Hash(SignatureKind.Content, form.ContentHash)));
        }

        return list;
    }

    private static long Hash(SignatureKind kind, string text) => (long)Mix(Fnv(text) ^ ((ulong)kind << 56));

    private static ulong Fnv(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>SplitMix64's finaliser: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        var state = 0x6A09E667F3BCC909UL;
        for (var i = 0; i < Hashes; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}
