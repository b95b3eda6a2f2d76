using Jixiao.App.Library;

namespace Jixiao.Web.Library;

/// <summary>
/// Keeps the indicator library's counts up with the stored forms (decision 010): at the start and then every
/// <see cref="Interval"/>, the import batches not counted yet are counted (<see cref="IndicatorLibrary.CatchUpAsync"/>;
/// a deleted batch takes its counts with it in its own transaction). A database that is away is tried again a minute
/// later; the application serves meanwhile.
/// </summary>
public sealed partial class LibraryWorker(IndicatorLibrary library, ILogger<LibraryWorker> logger) : BackgroundService
{
    /// <summary>How often the worker looks for batches to count.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                var counted = await library.CatchUpAsync(stoppingToken);
                if (counted > 0)
                {
                    Counted(logger, counted);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                Postponed(logger, ex.Message);
                wait = TimeSpan.FromMinutes(1);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // anything else is a fault of the build, not of the database: logged, and tried again later (the host
                // would otherwise stop the worker for good)
                Failed(logger, ex);
                wait = TimeSpan.FromMinutes(1);
            }

            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator library: {Batches} import batch(es) counted")]
    private static partial void Counted(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indicator library: the build failed; trying again in a minute")]
    private static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator library: the counts could not be built ({Reason}); trying again in a minute")]
    private static partial void Postponed(ILogger logger, string reason);
}
