using Jixiao.App.Imports;

namespace Jixiao.Web.Imports;

/// <summary>
/// The hosted service of the background import: runs <see cref="ImportRunner"/> (Jixiao.App) for the life of the
/// application. Stopping leaves nothing half-written; queued batches resume at the next start.
/// </summary>
public sealed class ImportWorker(ImportRunner runner) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the application is stopping (or never started): nothing is half-written, queued batches resume next start
        }
    }
}
