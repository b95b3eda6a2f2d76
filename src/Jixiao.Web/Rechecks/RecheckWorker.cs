using Jixiao.App.Rechecks;
using Jixiao.Web.Shared;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Rechecks;

/// <summary>
/// The hosted service of the re-check of all stored forms (重新核查): runs <see cref="RecheckRunner"/> (Jixiao.App) for the
/// life of the application — at start it re-checks when the stored checks version is not the code's (unless
/// <c>Jixiao:Rechecks:Automatic</c> is false), goes on with a job a stopped application left running, and runs the jobs
/// administrators start, one at a time. Stopping leaves the job running: the next start goes on from its last form.
/// </summary>
public sealed class RecheckWorker(RecheckRunner runner, IOptions<JixiaoOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        runner.RunAsync(options.Value.Rechecks.Automatic, stoppingToken);
}
