using System.Text;
using Jixiao.App.Imports;
using Jixiao.Ingest.Synthetic;
using Jixiao.Web.Imports;
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
    DemoPortfolio demo,
    FormImporter importer,
    UploadStore uploads,
    DemoState state,
    ILogger<DemoData> logger) : BackgroundService
{
    public const string DemoUser = ImportRunner.DemoUser;
    /// <summary>
    /// The demo file's name: the batch's name and every demo form's source file in the page, the exports and the API
    /// (the kept copy is named by its batch, e.g. <c>uploads/1.txt</c>, which is no source a reader can place).
    /// </summary>
    public const string FileName = "演示数据-demo-portfolio.txt";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Demo.Forms;
        if (count <= 0)
        {
            return;
        }

        try
        {
            if (!await demo.PrepareAsync(DemoUser, stoppingToken))
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

            ImportResult result;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            {
                // read under the demo's own name, not the kept copy's (1.txt)
                result = await importer.ImportAsync(stream, FileName, new ImportOptions
                {
                    BatchId = batchId,
                    User = DemoUser,
                    ChunkSize = 250,
                    Progress = p => state.Forms = p.Forms,
                }, stoppingToken);
            }

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
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(ex, "Loading the demo data failed");
            state.Status = DemoStatus.Failed;
        }
    }
}
