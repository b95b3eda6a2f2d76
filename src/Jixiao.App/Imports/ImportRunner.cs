using System.Globalization;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Imports;
using Jixiao.Data.Schema;
using Microsoft.Extensions.Logging;

namespace Jixiao.App.Imports;

/// <summary>
/// The host-free part of the background import (后台导入): runs queued files one after another (SQLite has one writer
/// anyway; PostgreSQL imports are fast enough in sequence). A failing file fails its batch only; the next goes on.
/// The web application's hosted service only calls <see cref="RunAsync(CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Nothing the database does ends it. A batch whose failure cannot be recorded because the database is away (a
/// PostgreSQL restart, a SQLite file locked or gone) is recorded when the database is back, tried again with growing
/// pauses (<see cref="RetryDelay"/>); meanwhile the application serves. At start, batches left queued are imported
/// and batches left running by a process that is gone are failed with the reason (their forms are removed), so none
/// stays "running".
/// </remarks>
public sealed partial class ImportRunner(
    ImportQueue queue,
    FormImporter importer,
    ImportBatchStore batches,
    IKeptFiles kept,
    ILogger<ImportRunner> logger)
{
    /// <summary>The creator name of batches the demo loader restarts itself (never resumed here).</summary>
    public const string DemoUser = "demo";

    /// <summary>The pause before the next attempt to reach the database: 1, 2, 4 … seconds, at most 30.</summary>
    public static TimeSpan RetryDelay(int attempt) => TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5)));

    /// <summary>For tests: the pauses between attempts (default <see cref="RetryDelay"/>).</summary>
    internal Func<int, TimeSpan> Delay { get; init; } = RetryDelay;

    /// <summary>Recovers the batches left open, then imports queued files until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await UntilDoneAsync(ResumeAsync, "Resuming the import batches left open", stoppingToken);
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the batch stays running: the next start fails it
            }
            catch (ImportNotRecordedException ex)
            {
                await RecordFailureAsync(job, ex.Message, ex.Line, ex.ContentHash, stoppingToken);
            }
            catch (FileNotFoundException)
            {
                await RecordFailureAsync(job, ImportMessages.UploadGone.Format(job.FileName).Kept, 0, "", stoppingToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Unexpected(logger, ex, job.BatchId, job.FileName);
                var message = DatabaseErrors.IsUnavailable(ex)
                    ? ImportMessages.DatabaseLost(job.FileName, ex)
                    : ImportMessages.Stopped.Format(job.FileName, ex.GetType().Name).Kept;
                await RecordFailureAsync(job, message, 0, "", stoppingToken);
            }
            finally
            {
                queue.Finished(job.BatchId);
            }
        }
    }

    /// <summary>Imports one queued file from its kept copy, under the name it was uploaded with.</summary>
    public async Task<ImportResult> RunAsync(ImportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
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
            kept.Delete(job.BatchId, job.FileName);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Import batch {Batch}: {Result}", job.BatchId, result.ToString());
        }

        return result;
    }

    /// <summary>
    /// The batches left open: queued ones are imported; running ones were left by a process that is gone (on SQLite no
    /// import holds the import lock, which is taken here; on PostgreSQL the batch's lease is free) and are failed with
    /// the reason, their forms removed. The demo loader's own batches are left to it.
    /// </summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using var importLock = await importer.LockImportsAsync(cancellationToken);
        foreach (var batch in await batches.ListOpenAsync(cancellationToken))
        {
            if (batch.CreatedBy == DemoUser)
            {
                continue; // the demo loader restarts its own batch
            }

            var path = kept.PathOf(batch.Id, batch.FileName);
            var user = batch.CreatedBy ?? "system";
            var job = new ImportJob(batch.Id, path, batch.FileName, user);
            if (batch.Status == ImportStatus.Running)
            {
                var reason = ImportMessages.Interrupted(batch.FileName);
                if (await batches.FailAbandonedAsync(batch.Id, reason, batch.ContentHash, Audit(job, reason), cancellationToken))
                {
                    kept.Delete(batch.Id, batch.FileName);
                }
            }
            else if (File.Exists(path))
            {
                await queue.EnqueueAsync(job, cancellationToken);
            }
            else
            {
                await FailAsync(job, ImportMessages.InterruptedUploadGone.Format(batch.FileName).Kept, 0, "", cancellationToken);
            }
        }
    }

    /// <summary>Records the failure of <paramref name="job"/> once the database takes it, trying again with pauses until stopped.</summary>
    private async Task RecordFailureAsync(ImportJob job, string message, int line, string contentHash, CancellationToken stoppingToken)
    {
        await UntilDoneAsync(ct => FailAsync(job, message, line, contentHash, ct), $"Recording the failure of import batch {job.BatchId}", stoppingToken);
        kept.Delete(job.BatchId, job.FileName);
    }

    /// <summary>
    /// Runs <paramref name="work"/> until it is done, pausing (<see cref="Delay"/>) after each failure; never throws
    /// but on stopping. An interruption that outlasts the application is settled by the next start.
    /// </summary>
    private async Task UntilDoneAsync(Func<CancellationToken, Task> work, string what, CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await work(stoppingToken);
                if (attempt > 0)
                {
                    Recovered(logger, what, attempt + 1);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var pause = Delay(attempt);
                Retrying(logger, ex, what, pause.TotalSeconds);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private Task FailAsync(ImportJob job, string message, int line, string contentHash, CancellationToken cancellationToken) =>
        batches.FailAsync(job.BatchId, message, line, contentHash, Audit(job, message), cancellationToken);

    private static AuditRecord Audit(ImportJob job, string message) =>
        new(job.User, "import", "import", job.BatchId.ToString(CultureInfo.InvariantCulture), $"{job.FileName}: {ImportStatus.Failed}; forms=0; findings=0; {message}");

    [LoggerMessage(Level = LogLevel.Error, Message = "Import of batch {Batch} ({File}) failed unexpectedly")]
    private static partial void Unexpected(ILogger logger, Exception exception, long batch, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed; trying again in {Seconds} s")]
    private static partial void Retrying(ILogger logger, Exception exception, string what, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}: done at attempt {Attempt}")]
    private static partial void Recovered(ILogger logger, string what, int attempt);
}
