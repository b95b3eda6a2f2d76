using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Jixiao.App.Imports;

/// <summary>One queued file: its batch, where it is kept, and who sent it.</summary>
public sealed record ImportJob(long BatchId, string Path, string FileName, string User);

/// <summary>
/// The queue of import batches (a <see cref="Channel{T}"/> read by the host's worker through <see cref="ImportRunner"/>) and the live progress
/// of the running ones, for the status endpoint.
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportJob> channel = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, ImportProgress> progress = new();
    private readonly ConcurrentDictionary<long, bool> queued = new();
    private int pending;

    public ChannelReader<ImportJob> Reader => channel.Reader;

    /// <summary>Batches queued or running.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Queues a batch once (a batch already queued or running is not queued again).</summary>
    public async ValueTask EnqueueAsync(ImportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!queued.TryAdd(job.BatchId, true))
        {
            return;
        }

        Interlocked.Increment(ref pending);
        await channel.Writer.WriteAsync(job, cancellationToken);
    }

    public void Report(ImportProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        progress[p.BatchId] = p;
    }

    public ImportProgress? ProgressOf(long batchId) => progress.GetValueOrDefault(batchId);

    public void Finished(long batchId)
    {
        progress.TryRemove(batchId, out _);
        queued.TryRemove(batchId, out _);
        Interlocked.Decrement(ref pending);
    }
}
