using Jixiao.App.Imports;

namespace Jixiao.Web.Imports;

/// <summary>
/// The hosted service of the background import: runs <see cref="ImportRunner"/> (Jixiao.App) for the life of the
/// application. Stopping leaves nothing half-written; queued batches resume at the next start. Nothing that goes wrong
/// in an import — the database going away included — ends the application: the runner settles it, and should it
/// ever throw, it is started again after a pause.
/// </summary>
public sealed partial class ImportWorker(ImportRunner runner, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await runner.RunAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // the application is stopping (or never started): nothing is half-written, queued batches resume next start
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var pause = ImportRunner.RetryDelay(attempt);
                Restarting(logger, ex, pause.TotalSeconds);
                await Task.Delay(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The background import stopped; starting it again in {Seconds} s")]
    private static partial void Restarting(ILogger logger, Exception exception, double seconds);
}
