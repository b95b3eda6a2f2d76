namespace Jixiao.Data.Entities;

/// <summary>Where a re-check of the stored forms stands.</summary>
public enum RecheckState
{
    /// <summary>Recorded, waiting for the worker.</summary>
    Queued,

    /// <summary>Being run (or interrupted by a stop of the application: the next start goes on from <see cref="RecheckJob.LastFormId"/>).</summary>
    Running,

    /// <summary>Every form up to <see cref="RecheckJob.ThroughFormId"/> was re-checked; the stored checks version is the job's.</summary>
    Succeeded,

    /// <summary>Stopped by an error (<see cref="RecheckJob.Error"/>); the forms before <see cref="RecheckJob.LastFormId"/> are re-checked.</summary>
    Failed,

    /// <summary>Stopped by an administrator (or replaced by a newer version's job); the forms before <see cref="RecheckJob.LastFormId"/> are re-checked.</summary>
    Cancelled,
}

/// <summary>Why a re-check was started.</summary>
public enum RecheckTrigger
{
    /// <summary>At the start of the application: the stored checks version was not the code's.</summary>
    Automatic,

    /// <summary>By an administrator, on the admin page or through the API.</summary>
    Administrator,

    /// <summary>By <c>jixiao recheck</c>.</summary>
    CommandLine,
}

/// <summary>
/// One re-check of the stored forms (重新核查): every form's stored model is scored and checked again with the current
/// rules and its findings and recomputed values replaced, 500 forms per transaction, in the order of their ids. The
/// row is the job's whole state — so a stopped application goes on where it stopped — and its progress, which the
/// admin page and the API show. Changed in the transaction of each step (<see cref="LastFormId"/>, <see cref="Done"/> …).
/// </summary>
public sealed class RecheckJob
{
    public long Id { get; set; }

    public RecheckState State { get; set; }

    public RecheckTrigger Trigger { get; set; }

    /// <summary>The checks version the job re-checks to (<see cref="Core.Checks.CheckVersion.Current"/> of the code that created it).</summary>
    public string ChecksVersion { get; set; } = "";

    /// <summary>The checks version stored when the job was created (null: none was recorded).</summary>
    public string? PreviousVersion { get; set; }

    /// <summary>Who started it: a user name, <c>system</c> (automatic) or the command line's <c>--user</c>.</summary>
    public string StartedBy { get; set; } = "";

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When its first step began (UTC).</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When it ended: succeeded, failed or cancelled (UTC).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>When its last step was committed (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>When the current run began (a resumed job runs again); with <see cref="RunStartDone"/> it gives forms per second.</summary>
    public DateTime? RunStartedAt { get; set; }

    /// <summary><see cref="Done"/> when the current run began.</summary>
    public int RunStartDone { get; set; }

    /// <summary>The forms to re-check: those stored when the job was recorded (ids up to <see cref="ThroughFormId"/>).</summary>
    public int Total { get; set; }

    /// <summary>The forms re-checked so far.</summary>
    public int Done { get; set; }

    /// <summary>The forms whose findings or recomputed values changed.</summary>
    public int Changed { get; set; }

    /// <summary>The findings of the checks of one form on the re-checked forms before (as stored) and after.</summary>
    public long FindingsBefore { get; set; }

    public long FindingsAfter { get; set; }

    /// <summary>The highest form id when the job was recorded: forms stored later were checked by the current code already.</summary>
    public long ThroughFormId { get; set; }

    /// <summary>The last form re-checked (0 before the first step): the job goes on after it.</summary>
    public long LastFormId { get; set; }

    /// <summary>Who asked to cancel it, while it runs; the worker stops after its current step.</summary>
    public string? CancelRequestedBy { get; set; }

    /// <summary>Why it failed (or was replaced).</summary>
    public string? Error { get; set; }
}
