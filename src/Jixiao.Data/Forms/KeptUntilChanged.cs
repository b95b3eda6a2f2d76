using System.Collections.Concurrent;

namespace Jixiao.Data.Forms;

/// <summary>
/// Values read from the stored forms and kept in memory (保留至变更) until the forms change in this process
/// (<see cref="StoredFormChanges"/>) or <see cref="Lifetime"/> passes (against changes made by another process). The
/// change counter is read before the value, so a change committed while reading makes the next call read again.
/// At most <see cref="Capacity"/> keys are kept; past it the store starts again empty.
/// </summary>
/// <typeparam name="TKey">What a value was asked for.</typeparam>
/// <typeparam name="TValue">What was read.</typeparam>
public sealed class KeptUntilChanged<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Kept> kept;

    public KeptUntilChanged(IEqualityComparer<TKey>? comparer = null) => kept = new(comparer);

    /// <summary>How long a value is kept at most.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many keys are kept at most.</summary>
    public int Capacity { get; init; } = 512;

    /// <summary>The value kept for <paramref name="key"/>, or the one <paramref name="read"/> gives when none is kept or it is stale.</summary>
    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var generation = StoredFormChanges.Generation;
        var now = Environment.TickCount64;
        if (kept.TryGetValue(key, out var k) && k.Generation == generation && now - k.ReadAt < (long)Lifetime.TotalMilliseconds)
        {
            return k.Value;
        }

        var value = await read();
        if (kept.Count >= Capacity)
        {
            kept.Clear();
        }

        kept[key] = new Kept(generation, now, value);
        return value;
    }

    private sealed record Kept(long Generation, long ReadAt, TValue Value);
}
