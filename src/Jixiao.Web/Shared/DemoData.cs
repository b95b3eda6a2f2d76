using System.Text;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Import;
using Jixiao.Data.Queries;
using Jixiao.Data.Storage;
using Jixiao.Ingest.Synthetic;
using Jixiao.Web.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Shared;

/// <summary>Where the demo data set stands, for the notice in the layout.</summary>
public enum DemoStatus
{
    /// <summary>No demo data is being loaded (disabled, or the database had data).</summary>
    Off,
    Loading,
    Ready,
    Failed,
}

/// <summary>The demo loader's state, read by every page.</summary>
public sealed class DemoState
{
    private volatile DemoStatus status;
    private long forms;

    public DemoStatus Status
    {
        get => status;
        set => status = value;
    }

    /// <summary>Forms stored so far.</summary>
    public long Forms
    {
        get => Interlocked.Read(ref forms);
        set => Interlocked.Exchange(ref forms, value);
    }

    public long Target { get; set; }
}

/// <summary>
/// On an empty database, generates the demo portfolio with the project's own <see cref="FormGenerator"/>
/// (<c>Jixiao:Demo:Forms</c> forms across the generator's districts, departments and years, with deliberate
/// mistakes) as text in the corpus layout, keeps the file like an upload, and imports it — re-scored and checked
/// like any file — in the background, so the first page shows at once with a notice.
/// </summary>
public sealed class DemoData(
    IOptions<JixiaoOptions> options,
    JixiaoDatabase database,
    FormImporter importer,
    FormStore store,
    UploadStore uploads,
    AuditLog audit,
    DemoState state,
    ILogger<DemoData> logger) : BackgroundService
{
    public const string DemoUser = "demo";
    public const string FileName = "demo-portfolio.txt";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Demo.Forms;
        if (count <= 0)
        {
            return;
        }

        try
        {
            if (!await PrepareAsync(stoppingToken))
            {
                return;
            }

            state.Target = count;
            state.Status = DemoStatus.Loading;
            await Task.Yield();
            var batchId = await importer.QueueAsync(FileName, 0, DemoUser, stoppingToken);
            var path = uploads.PathOf(batchId, FileName);
            Directory.CreateDirectory(uploads.Directory);
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                var generator = new FormGenerator(options.Value.Demo.Seed, new GeneratorOptions { FileName = FileName });
                generator.WriteText(writer, count);
            }

            var result = await importer.ImportFileAsync(path, new ImportOptions
            {
                BatchId = batchId,
                User = DemoUser,
                ChunkSize = 250,
                Progress = p => state.Forms = p.Forms,
            }, stoppingToken);
            await audit.WriteAsync(DemoUser, "import", "import", batchId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"demo data set: {result.Status}; forms={result.Forms}; findings={result.Findings}", CancellationToken.None);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Demo data: {Result}", result.ToString());
            }
            state.Forms = result.Forms;
            state.Status = result.Succeeded ? DemoStatus.Ready : DemoStatus.Failed;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Loading the demo data failed");
            state.Status = DemoStatus.Failed;
        }
    }

    /// <summary>True when the database holds no forms and no uploads (a demo load cut short before is removed).</summary>
    private async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        List<ImportBatch> batches;
        await using (var db = database.CreateContext())
        {
            if (await db.Forms.AnyAsync(cancellationToken))
            {
                return false;
            }

            batches = await db.ImportBatches.AsNoTracking().ToListAsync(cancellationToken);
        }

        if (batches.Any(b => b.CreatedBy != DemoUser))
        {
            return false;
        }

        foreach (var b in batches)
        {
            await store.DeleteBatchAsync(b.Id, cancellationToken);
            uploads.Delete(b.Id, b.FileName);
        }

        return true;
    }
}
