using System.Globalization;
using Jixiao.Data.Entities;
using Jixiao.Data.Accounts;
using Jixiao.Data.Imports;
using Microsoft.Extensions.Logging;

namespace Jixiao.App.Imports;

/// <summary>
/// The host-free part of the background import (后台导入): runs queued files one after another (SQLite has one writer
/// anyway; PostgreSQL imports are fast enough in sequence) and, at start, picks up batches left queued or interrupted
/// by a stop (their transaction was rolled back, so running them again is safe). A failing file fails its batch only;
/// the next goes on. The web application's hosted service only calls <see cref="RunAsync(CancellationToken)"/>.
/// </summary>
public sealed class ImportRunner(
    ImportQueue queue,
    FormImporter importer,
    ImportBatchStore batches,
    IKeptFiles kept,
    ILogger<ImportRunner> logger)
{
    /// <summary>The creator name of batches the demo loader restarts itself (never resumed here).</summary>
    public const string DemoUser = "demo";

    /// <summary>Resumes open batches, then imports queued files until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
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
                await FailAsync(job, $"{job.FileName}: the uploaded file is gone; nothing was stored, please upload it again");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Import of batch {Batch} ({File}) failed unexpectedly", job.BatchId, job.FileName);
                await FailAsync(job, $"{job.FileName}: the import stopped unexpectedly ({ex.GetType().Name}); nothing was stored");
                kept.Delete(job.BatchId, job.FileName);
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

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in await batches.ListOpenAsync(cancellationToken))
        {
            if (batch.CreatedBy == DemoUser)
            {
                continue; // the demo loader restarts its own batch
            }

            var path = kept.PathOf(batch.Id, batch.FileName);
            var user = batch.CreatedBy ?? "system";
            if (File.Exists(path))
            {
                await queue.EnqueueAsync(new ImportJob(batch.Id, path, batch.FileName, user), cancellationToken);
            }
            else
            {
                await FailAsync(new ImportJob(batch.Id, path, batch.FileName, user),
                    $"{batch.FileName}: the import was interrupted and the uploaded file is gone; nothing was stored, please upload it again");
            }
        }
    }

    private Task FailAsync(ImportJob job, string message) =>
        batches.FailAsync(job.BatchId, message, 0, "", new AuditRecord(job.User, "import", "import",
            job.BatchId.ToString(CultureInfo.InvariantCulture), $"{job.FileName}: {ImportStatus.Failed}; forms=0; findings=0; {message}"), CancellationToken.None);
}
