namespace Jixiao.Data.Forms;

/// <summary>
/// A counter of the changes to the stored forms made in this process (批次写入计数): <see cref="FormWriter"/> moves it on
/// after each commit that adds or removes forms, so that what is kept in memory about the stored forms (the filter
/// choices of <see cref="Portfolio.PortfolioQueries"/>) is read again at once. Writes by another process (the
/// command-line import into the same database) are not counted here; what is kept also expires after a short time.
/// </summary>
public static class StoredFormChanges
{
    private static long generation;

    /// <summary>The number of changes so far; compare it with the one read before the data.</summary>
    public static long Generation => Interlocked.Read(ref generation);

    /// <summary>Called after a commit that added or removed stored forms.</summary>
    internal static void Changed() => Interlocked.Increment(ref generation);
}
