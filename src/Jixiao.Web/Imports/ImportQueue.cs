using System.Collections.Concurrent;
using System.Threading.Channels;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Import;
using Jixiao.Data.Storage;
using Jixiao.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Imports;

/// <summary>One queued file: its batch, where it is kept, and who sent it.</summary>
public sealed record ImportJob(long BatchId, string Path, string FileName, string User);

/// <summary>
/// The queue of import batches (a <see cref="Channel{T}"/> read by <see cref="ImportWorker"/>) and the live progress
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

    internal void Finished(long batchId)
    {
        progress.TryRemove(batchId, out _);
        queued.TryRemove(batchId, out _);
        Interlocked.Decrement(ref pending);
    }
}

/// <summary>
/// Imports queued files one after another in the background (SQLite has one writer anyway; PostgreSQL imports are
/// fast enough in sequence). A failing file fails its batch only; the next goes on. At start it picks up batches
/// left queued or interrupted by a stop (their transaction was rolled back, so running them again is safe).
/// </summary>
public sealed class ImportWorker(
    ImportQueue queue,
    FormImporter importer,
    AuditLog audit,
    UploadStore uploads,
    JixiaoDatabase database,
    ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WorkAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the application is stopping (or never started): nothing is half-written, queued batches resume next start
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (FileNotFoundException)
            {
                await FailAsync(job.BatchId, $"{job.FileName}: the uploaded file is gone; nothing was stored, please upload it again");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Import of batch {Batch} ({File}) failed unexpectedly", job.BatchId, job.FileName);
                await FailAsync(job.BatchId, $"{job.FileName}: the import stopped unexpectedly ({ex.GetType().Name}); nothing was stored");
                uploads.Delete(job.BatchId, job.FileName);
            }
            finally
            {
                queue.Finished(job.BatchId);
            }
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken cancellationToken)
    {
        // read from the kept copy, under the name it was uploaded with (messages and provenance name that file)
        ImportResult result;
        await using (var stream = new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            result = await importer.ImportAsync(stream, job.FileName, new ImportOptions
            {
                BatchId = job.BatchId,
                User = job.User,
                Progress = queue.Report,
            }, cancellationToken);
        }

        if (result.Status != ImportStatus.Succeeded)
        {
            uploads.Delete(job.BatchId, job.FileName);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Import batch {Batch}: {Result}", job.BatchId, result.ToString());
        }
        await audit.WriteAsync(job.User, "import", "import", job.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{job.FileName}: {result.Status}; forms={result.Forms}; findings={result.Findings}" + (result.Error is null ? "" : "; " + result.Error),
            CancellationToken.None);
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        List<ImportBatch> open;
        await using (var db = database.CreateContext())
        {
            open = await db.ImportBatches.AsNoTracking()
                .Where(b => b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running)
                .OrderBy(b => b.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var batch in open)
        {
            if (batch.CreatedBy == DemoData.DemoUser)
            {
                continue; // the demo loader restarts its own batch
            }

            var path = uploads.PathOf(batch.Id, batch.FileName);
            if (File.Exists(path))
            {
                await queue.EnqueueAsync(new ImportJob(batch.Id, path, batch.FileName, batch.CreatedBy ?? "system"), cancellationToken);
            }
            else
            {
                await FailAsync(batch.Id, $"{batch.FileName}: the import was interrupted and the uploaded file is gone; nothing was stored, please upload it again");
            }
        }
    }

    private async Task FailAsync(long batchId, string message)
    {
        await using var db = database.CreateContext();
        await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, ImportStatus.Failed)
            .SetProperty(b => b.ErrorMessage, message)
            .SetProperty(b => b.FinishedAt, DateTime.UtcNow));
    }
}
