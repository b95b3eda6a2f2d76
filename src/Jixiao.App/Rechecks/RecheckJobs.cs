using Jixiao.App.Access;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Rechecks;

namespace Jixiao.App.Rechecks;

/// <summary>
/// A job with what its row says about progress: the share done, the forms per second of the current run and the time
/// left at that pace (null while unknown).
/// </summary>
/// <param name="Job">The job row.</param>
/// <param name="Percent">Forms re-checked of those to re-check, 0–100 (100 once it succeeded).</param>
/// <param name="FormsPerSecond">Forms per second of the current (or last) run; null before its first step.</param>
/// <param name="Remaining">The time left at that pace, while it runs; null otherwise.</param>
public sealed record RecheckProgress(RecheckJob Job, double Percent, double? FormsPerSecond, TimeSpan? Remaining)
{
    /// <summary>True while the job is queued or running.</summary>
    public bool IsOpen => Job.State is RecheckState.Queued or RecheckState.Running;

    /// <summary>The progress <paramref name="job"/>'s row gives.</summary>
    public static RecheckProgress Of(RecheckJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var percent = job.State == RecheckState.Succeeded ? 100d
            : job.Total <= 0 ? 0d
            : Math.Min(100d, Math.Round(job.Done * 100d / job.Total, 1));
        double? rate = null;
        if (job is { RunStartedAt: { } from, UpdatedAt: { } to } && to > from && job.Done > job.RunStartDone)
        {
            rate = Math.Round((job.Done - job.RunStartDone) / (to - from).TotalSeconds, 1);
        }

        TimeSpan? remaining = rate is > 0 && job.State == RecheckState.Running
            ? TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, job.Total - job.Done) / rate.Value))
            : null;
        return new RecheckProgress(job, percent, rate, remaining);
    }
}

/// <summary>Where the re-checks stand: the checks version of the code and of the stored forms, the open job and the latest ones.</summary>
/// <param name="CodeVersion">The checks version of this code (<see cref="Core.Checks.CheckVersion.Current"/>).</param>
/// <param name="StoredVersion">The checks version the stored forms were checked with (null: not recorded).</param>
/// <param name="Open">The job queued or running, if any.</param>
/// <param name="Latest">The latest jobs, newest first.</param>
public sealed record RecheckStatus(string CodeVersion, string? StoredVersion, RecheckProgress? Open, IReadOnlyList<RecheckProgress> Latest)
{
    /// <summary>True when the stored forms were checked by this code's checks.</summary>
    public bool IsCurrent => StoredVersion == CodeVersion;
}

/// <summary>How a request to cancel a re-check ended.</summary>
public enum RecheckCancel
{
    /// <summary>Asked: the worker stops after its current step (or at once when the job waits).</summary>
    Requested,

    /// <summary>No such job.</summary>
    NotFound,

    /// <summary>The job is not queued or running any more.</summary>
    NotOpen,
}

/// <summary>
/// The use cases of the re-check of all stored forms (重新核查), for administrators: start one and cancel one
/// (<see cref="Permission.RecheckForms"/>; one at a time: while one is open, starting returns it), and follow them
/// (administrators, a read-only caller of that role included). The audit entries are written in the transactions that
/// change the jobs. The run itself is <see cref="RecheckRunner"/>'s.
/// </summary>
public sealed class RecheckJobs(RecheckStore store, RecheckRunner runner)
{
    /// <summary>
    /// Records a re-check of every stored form to the code's checks version, started by <paramref name="caller"/>, and
    /// wakes the worker; when one is queued or running already, returns that one (<see cref="RecheckStart.Created"/> false).
    /// </summary>
    public async Task<RecheckStart> StartAsync(Caller caller, RecheckTrigger trigger = RecheckTrigger.Administrator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessPolicy.Demand(caller, Permission.RecheckForms);
        var start = await store.CreateAsync(trigger, caller.Name, runner.Version, RecheckRunner.StartAudit, cancellationToken);
        runner.Wake();
        return start;
    }

    /// <summary>Asks job <paramref name="id"/> to stop; the cancellation and its audit entry (with <paramref name="caller"/>'s name) are written when the worker stops it.</summary>
    public async Task<RecheckCancel> CancelAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessPolicy.Demand(caller, Permission.RecheckForms);
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return RecheckCancel.NotFound;
        }

        if (!await store.RequestCancelAsync(id, caller.Name, cancellationToken))
        {
            return RecheckCancel.NotOpen;
        }

        runner.Wake();
        return RecheckCancel.Requested;
    }

    /// <summary>One job with its progress, or null.</summary>
    public async Task<RecheckProgress?> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        DemandFollow(caller);
        return await store.GetAsync(id, cancellationToken) is { } job ? RecheckProgress.Of(job) : null;
    }

    /// <summary>Jobs, newest first, with their progress.</summary>
    public async Task<PagedResult<RecheckProgress>> ListAsync(Caller caller, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        DemandFollow(caller);
        var jobs = await store.ListAsync(page, pageSize, cancellationToken);
        return new PagedResult<RecheckProgress>([.. jobs.Items.Select(RecheckProgress.Of)], jobs.TotalCount, jobs.Page, jobs.PageSize);
    }

    /// <summary>The versions, the open job and the <paramref name="latest"/> newest jobs.</summary>
    public async Task<RecheckStatus> StatusAsync(Caller caller, int latest = 10, CancellationToken cancellationToken = default)
    {
        DemandFollow(caller);
        var jobs = await store.ListAsync(1, latest, cancellationToken);
        var open = await store.OpenAsync(cancellationToken);
        return new RecheckStatus(runner.Version, await store.StoredVersionAsync(cancellationToken), open is null ? null : RecheckProgress.Of(open),
            [.. jobs.Items.Select(RecheckProgress.Of)]);
    }

    /// <summary>Following re-checks is for the role that may run them: reading, so a read-only caller of that role may.</summary>
    private static void DemandFollow(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!AccessPolicy.Allows(caller.ReadOnly ? new Caller(caller.Name, caller.Role, caller.Department, caller.IsTool) : caller, Permission.RecheckForms))
        {
            throw new AccessDeniedException($"{caller} may not follow re-checks");
        }
    }
}
