using Jixiao.Data.Forms;

namespace Jixiao.Web.Imports;

/// <summary>
/// Compares, in the background after the start, the batches stored before the checks across forms existed or whose
/// comparison was interrupted (<see cref="CrossFormChecks.RunPendingAsync"/>); new imports compare their own batch. A
/// database that is away is tried again a minute later; the application serves meanwhile.
/// </summary>
public sealed partial class CrossCheckWorker(CrossFormChecks checks, ILogger<CrossCheckWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await checks.RunPendingAsync(stoppingToken);
                if (done > 0)
                {
                    Compared(logger, done);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                Postponed(logger, ex.Message);
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checks across forms: {Batches} stored batch(es) compared")]
    private static partial void Compared(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checks across forms could not run ({Reason}); trying again in a minute")]
    private static partial void Postponed(ILogger logger, string reason);
}
