using System.Globalization;
using Jixiao.App.Imports;
using Jixiao.Core.Checks;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Rechecks;
using Jixiao.Data.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jixiao.App.Rechecks;

/// <summary>How a run of a re-check ended.</summary>
public enum RecheckOutcome
{
    /// <summary>Every form was re-checked; the stored checks version is the job's.</summary>
    Succeeded,

    /// <summary>An error that trying again does not cure stopped it (<see cref="RecheckJob.Error"/>).</summary>
    Failed,

    /// <summary>An administrator cancelled it, or it was replaced by a job of the code's version.</summary>
    Cancelled,

    /// <summary>The run was stopped (the application stops, Ctrl+C): the job stays running and goes on at the next run.</summary>
    Interrupted,

    /// <summary>Another process runs re-checks (it holds the lease); nothing was done here.</summary>
    Busy,

    /// <summary>The job is not queued or running (any more).</summary>
    NotOpen,
}

/// <summary>What a run of a re-check did: how it ended and the job as it stands.</summary>
public sealed record RecheckRun(RecheckOutcome Outcome, RecheckJob? Job);

/// <summary>
/// The host-free part of the re-check of all stored forms (重新核查): each stored form's model is read back as stored
/// (never the source files), scored and checked by the current rules and checks, and what changed — findings of the
/// checks of one form, recomputed scores, grades and rates, severity counts — is written through
/// <see cref="FormWriter.WriteRecheckAsync"/> in steps of <see cref="StepForms"/> forms, each one short transaction that
/// also moves the job row on; so a stopped application goes on from the last form at its next start. One process runs
/// re-checks at a time (<see cref="RecheckStore.TryLeaseAsync"/>). The web application's hosted service calls
/// <see cref="RunAsync"/>; <c>jixiao recheck</c> calls <see cref="RunJobAsync"/>.
/// </summary>
/// <remarks>
/// Nothing the database does ends it: a step that fails because the database is away (or, on PostgreSQL, lost a
/// deadlock) is tried again after a pause, from the job's last form. Any other error fails the job with its reason.
/// </remarks>
public sealed partial class RecheckRunner : IDisposable
{
    /// <summary>Forms per step (one transaction).</summary>
    public const int DefaultStepForms = 500;

    /// <summary>The pause of the worker between two looks for work when nobody wakes it.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private readonly RecheckStore store;
    private readonly FormWriter writer;
    private readonly FormChecker checker;
    private readonly ILogger logger;
    private readonly SemaphoreSlim wake = new(0);

    /// <param name="store">The jobs and the stored forms.</param>
    /// <param name="writer">The door of form writes.</param>
    /// <param name="logger">The log (none when null).</param>
    /// <param name="checker">The checks to run (<see cref="FormChecker.ByJurisdiction"/>, as on import, when null).</param>
    /// <param name="version">The checks version they make (<see cref="CheckVersion.Current"/> when null; tests give another).</param>
    public RecheckRunner(RecheckStore store, FormWriter writer, ILogger<RecheckRunner>? logger = null, FormChecker? checker = null, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        this.store = store;
        this.writer = writer;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        this.checker = checker ?? FormChecker.ByJurisdiction();
        Version = version ?? CheckVersion.Current;
    }

    /// <summary>The checks version this runner re-checks to.</summary>
    public string Version { get; }

    /// <summary>Forms per step: per transaction, and between two chances for a cancellation.</summary>
    public int StepForms { get; init; } = DefaultStepForms;

    /// <summary>For tests: the pauses before trying a failed step again (default <see cref="Imports.ImportRunner.RetryDelay"/>).</summary>
    internal Func<int, TimeSpan> Delay { get; init; } = ImportRunner.RetryDelay;

    /// <summary>For tests: runs after each step was written, with the job as it then stands.</summary>
    internal Func<RecheckJob, Task>? AfterStep { get; init; }

    public void Dispose() => wake.Dispose();

    /// <summary>Tells the worker (<see cref="RunAsync"/>) that a job was queued or asked to stop.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    /// <summary>
    /// The worker: starts a re-check when the stored checks version is not <see cref="Version"/>
    /// (<see cref="EnsureCurrentAsync"/>, unless <paramref name="automatic"/> is false), then runs the jobs that are
    /// queued or were left running, one at a time, until <paramref name="stoppingToken"/> is cancelled; it looks again
    /// when woken (<see cref="Wake"/>) or every <see cref="Poll"/>. Never throws but on stopping.
    /// </summary>
    public async Task RunAsync(bool automatic, CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                if (automatic)
                {
                    await EnsureCurrentAsync(stoppingToken);
                }

                while (await store.OpenAsync(stoppingToken) is { } open)
                {
                    var run = await RunJobAsync(open.Id, null, stoppingToken);
                    if (run.Outcome is not (RecheckOutcome.Succeeded or RecheckOutcome.Failed or RecheckOutcome.Cancelled))
                    {
                        break; // another process runs it, or the application stops
                    }

                    if (automatic && run.Outcome == RecheckOutcome.Cancelled && run.Job?.ChecksVersion != Version)
                    {
                        await EnsureCurrentAsync(stoppingToken); // it was replaced: start the code's own
                    }
                }

                attempt = 0;
                await wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var pause = Delay(attempt++);
                Retrying(logger, ex, pause.TotalSeconds);
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

    /// <summary>
    /// Starts a re-check when the stored forms were checked by another version than <see cref="Version"/> (or by an
    /// unrecorded one): a job left open for another version is cancelled as replaced; a database without forms just
    /// records the version; a re-check of this version that an administrator cancelled is not started again (they
    /// start it from the admin page), nor one that failed. Returns the job it started, else null. Does nothing while another process runs re-checks.
    /// </summary>
    public async Task<RecheckJob?> EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await store.TryLeaseAsync(cancellationToken);
        if (lease is null)
        {
            return null;
        }

        if (await store.OpenAsync(cancellationToken) is { } open)
        {
            if (open.ChecksVersion == Version)
            {
                return null;
            }

            await ReplaceAsync(open, cancellationToken);
        }

        var stored = await store.StoredVersionAsync(cancellationToken);
        if (stored == Version || await store.RecordVersionIfNoFormsAsync(Version, cancellationToken))
        {
            return null;
        }

        // an administrator's cancellation, or a failure that trying again does not cure, is not overridden
        var last = await store.LatestForAsync(Version, cancellationToken);
        if (last is { State: RecheckState.Failed } or { State: RecheckState.Cancelled, CancelRequestedBy: not null })
        {
            NotRestarted(logger, Version, last.State.ToString(), last.CancelRequestedBy ?? "system");
            return null;
        }

        var start = await store.CreateAsync(RecheckTrigger.Automatic, "system", Version, job => StartAudit(job), cancellationToken);
        if (start.Created)
        {
            Started(logger, start.Job.Id, stored ?? "none", Version, start.Job.Total);
        }

        return start.Created ? start.Job : null;
    }

    private Task ReplaceAsync(RecheckJob open, CancellationToken cancellationToken)
    {
        var reason = RecheckMessages.Replaced.Format(Version, open.ChecksVersion).Kept;
        return store.FinishAsync(open.Id, RecheckState.Cancelled, reason,
            job => new AuditRecord("system", "recheck-cancel", "recheck", Id(job), Summary(job) + "; reason=" + reason), cancellationToken);
    }

    /// <summary>
    /// Runs job <paramref name="jobId"/> from its last form to its end in this process, reporting the job after each
    /// step to <paramref name="progress"/>; returns how it ended. A job for another version than <see cref="Version"/>
    /// is cancelled as replaced. Stopped by <paramref name="cancellationToken"/>, it stays running and goes on at its next run.
    /// </summary>
    public async Task<RecheckRun> RunJobAsync(long jobId, Action<RecheckJob>? progress, CancellationToken cancellationToken)
    {
        await using var lease = await store.TryLeaseAsync(cancellationToken);
        if (lease is null)
        {
            return new RecheckRun(RecheckOutcome.Busy, await store.GetAsync(jobId, cancellationToken));
        }

        var job = await store.GetAsync(jobId, cancellationToken);
        if (job is null || job.State is not (RecheckState.Queued or RecheckState.Running))
        {
            return new RecheckRun(RecheckOutcome.NotOpen, job);
        }

        if (job.ChecksVersion != Version)
        {
            await ReplaceAsync(job, cancellationToken);
            return new RecheckRun(RecheckOutcome.Cancelled, await store.GetAsync(jobId, cancellationToken));
        }

        if (job.CancelRequestedBy is not null || !await store.BeginRunAsync(jobId, cancellationToken))
        {
            return await EndAsync(jobId, cancellationToken);
        }

        Running(logger, jobId, job.Done, job.Total);
        // the next step is read and checked on another thread while this one is written (SQLite's WAL lets it read)
        Task<RecheckStep?>? next = null;
        var nextAfter = -1L;
        Task<RecheckStep?> PrepareAsync(long after, long through) => Task.Run(async () =>
        {
            var forms = await store.ReadAsync(after, through, StepForms, cancellationToken);
            return forms.Count == 0 ? null : Check(jobId, after, forms);
        }, cancellationToken);

        try
        {
            for (var attempt = 0; ;)
            {
                try
                {
                    job = await store.GetAsync(jobId, cancellationToken);
                    if (job is null || job.State != RecheckState.Running || job.CancelRequestedBy is not null)
                    {
                        return await EndAsync(jobId, cancellationToken);
                    }

                    var prepared = next is not null && nextAfter == job.LastFormId ? next : PrepareAsync(job.LastFormId, job.ThroughFormId);
                    if (prepared != next)
                    {
                        await SettleAsync(next);
                    }

                    next = null;
                    var step = await prepared;
                    if (step is null)
                    {
                        await store.FinishAsync(jobId, RecheckState.Succeeded, null,
                            j => new AuditRecord("system", "recheck-finish", "recheck", Id(j), Summary(j) + "; version=" + j.ChecksVersion), cancellationToken);
                        var done = await store.GetAsync(jobId, cancellationToken);
                        Finished(logger, jobId, done?.Done ?? 0, done?.Changed ?? 0);
                        return new RecheckRun(RecheckOutcome.Succeeded, done);
                    }

                    (next, nextAfter) = (PrepareAsync(step.Last, job.ThroughFormId), step.Last);
                    if (await writer.WriteRecheckAsync(step, cancellationToken))
                    {
                        attempt = 0;

                        if (await store.GetAsync(jobId, cancellationToken) is { } moved)
                        {
                            progress?.Invoke(moved);
                            if (AfterStep is { } hook)
                            {
                                await hook(moved);
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Interrupted(logger, jobId);
                    return new RecheckRun(RecheckOutcome.Interrupted, job);
                }
                catch (Exception ex) when (DatabaseErrors.IsTransient(ex))
                {
                    var pause = Delay(attempt++);
                    StepRetried(logger, ex, jobId, pause.TotalSeconds);
                    await Task.Delay(pause, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return new RecheckRun(RecheckOutcome.Interrupted, job);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    StepFailed(logger, ex, jobId);
                    var error = ex is RecheckFormException ? ex.Message : RecheckMessages.Failed.Format(ex.GetType().Name, ex.Message).Kept;
                    await store.FinishAsync(jobId, RecheckState.Failed, error,
                        j => new AuditRecord("system", "recheck-fail", "recheck", Id(j), Summary(j) + "; reason=" + error), CancellationToken.None);
                    return new RecheckRun(RecheckOutcome.Failed, await store.GetAsync(jobId, CancellationToken.None));
                }
            }
        }
        finally
        {
            await SettleAsync(next);
        }
    }

    /// <summary>Waits for a step read ahead that is not used (its failure, if any, is the next read's to meet again).</summary>
    private static async Task SettleAsync(Task<RecheckStep?>? ahead)
    {
        if (ahead is null)
        {
            return;
        }

        try
        {
            await ahead;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // read ahead for a step that did not come: whatever it met, the step is read again when it comes
        }
    }

    /// <summary>Ends a job that was asked to stop (cancelled, with its audit entry); or says how it stands.</summary>
    private async Task<RecheckRun> EndAsync(long jobId, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(jobId, cancellationToken);
        if (job is { State: RecheckState.Queued or RecheckState.Running, CancelRequestedBy: { } who })
        {
            await store.FinishAsync(jobId, RecheckState.Cancelled, null,
                j => new AuditRecord(who, "recheck-cancel", "recheck", Id(j), Summary(j)), cancellationToken);
            Cancelled(logger, jobId, who);
            return new RecheckRun(RecheckOutcome.Cancelled, await store.GetAsync(jobId, cancellationToken));
        }

        return new RecheckRun(RecheckOutcome.NotOpen, job);
    }

    /// <summary>Checks the forms of one step and keeps what changed.</summary>
    private RecheckStep Check(long jobId, long after, IReadOnlyList<StoredForm> forms)
    {
        var changed = new List<FormRecord>();
        long before = 0, findings = 0;
        foreach (var stored in forms)
        {
            FormRecord fresh;
            try
            {
                fresh = FormMapper.Rechecked(stored.Record.Id, stored.Form, checker.CheckAndScore(stored.Form));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new RecheckFormException(RecheckMessages.FormFailed.Format(stored.Record.Id, stored.Record.ProjectName, ex.GetType().Name, ex.Message).Kept, ex);
            }

            before += stored.Findings.Count;
            findings += fresh.Findings.Count;
            if (FormMapper.Changes(stored.Record, stored.Indicators, stored.Findings, fresh) is { } change)
            {
                changed.Add(change);
            }
        }

        return new RecheckStep(jobId, after, forms[^1].Record.Id, forms.Count, changed, before, findings);
    }

    /// <summary>The audit entry of a job's start (written in the transaction that records it).</summary>
    internal static AuditRecord StartAudit(RecheckJob job) =>
        new(job.StartedBy, "recheck-start", "recheck", Id(job), string.Create(CultureInfo.InvariantCulture,
            $"trigger={job.Trigger}; forms={job.Total:N0}; version={job.PreviousVersion ?? "—"} → {job.ChecksVersion}"));

    private static string Id(RecheckJob job) => job.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a job did, as its audit entries say it (<c>key=value</c> parts the audit page words in the UI's language).</summary>
    private static string Summary(RecheckJob job) => string.Create(CultureInfo.InvariantCulture,
        $"done={job.Done:N0}; total={job.Total:N0}; changed={job.Changed:N0}; findings={job.FindingsBefore:N0} → {job.FindingsAfter:N0}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {Job} started: checks version {Stored} → {Version}, {Forms} forms")]
    private static partial void Started(ILogger logger, long job, string stored, string version, int forms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {Job} running from form {Done} of {Total}")]
    private static partial void Running(ILogger logger, long job, int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {Job} finished: {Done} forms, {Changed} changed")]
    private static partial void Finished(ILogger logger, long job, int done, int changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {Job} cancelled by {User}")]
    private static partial void Cancelled(ILogger logger, long job, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {Job} interrupted; it goes on at the next start")]
    private static partial void Interrupted(ILogger logger, long job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last re-check to checks version {Version} ended {State} ({User}); not started again automatically: an administrator starts it on /admin/rechecks")]
    private static partial void NotRestarted(ILogger logger, string version, string state, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A step of re-check {Job} failed; trying again in {Seconds} s")]
    private static partial void StepRetried(ILogger logger, Exception exception, long job, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-check {Job} failed")]
    private static partial void StepFailed(ILogger logger, Exception exception, long job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The re-check worker failed; looking again in {Seconds} s")]
    private static partial void Retrying(ILogger logger, Exception exception, double seconds);
}

/// <summary>A stored form the checks could not check (a fault of a check): the re-check fails with the form named.</summary>
public sealed class RecheckFormException : Exception
{
    public RecheckFormException()
    {
    }

    public RecheckFormException(string message)
        : base(message)
    {
    }

    public RecheckFormException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
