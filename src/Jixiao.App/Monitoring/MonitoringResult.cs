using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;

namespace Jixiao.App.Monitoring;

/// <summary>
/// What a department user records at a checkpoint (监控时点) of an approved declaration: the date, 执行数 to date,
/// the adjusted 全年预算数 if the budget changed, per indicator the value to date, the full-year estimate, the
/// likelihood and the deviation cause, and a note. Money in yuan.
/// </summary>
public sealed record CheckpointInput(DateOnly Date, decimal? Executed, IReadOnlyList<IndicatorProgress> Indicators)
{
    /// <summary>全年预算数 when adjusted, yuan; null: the declaration's 年度资金申请总额.</summary>
    public decimal? Budget { get; init; }

    /// <summary>备注.</summary>
    public string? Note { get; init; }
}

/// <summary>A stored checkpoint with what the <see cref="MonitoringEvaluator"/> makes of it now.</summary>
/// <param name="Record">The stored checkpoint (its version, who saved it and when).</param>
/// <param name="Report">The report: execution against the time line, each indicator's light, the warnings.</param>
public sealed record CheckpointView(MonitoringCheckpointRecord Record, MonitoringReport Report)
{
    /// <summary>The warnings a user acts on: errors and warnings, not what could not be assessed.</summary>
    public int WarningCount => MonitoringCatalog.CountWarnings(Report);
}

/// <summary>
/// The monitoring of one approved declaration as the caller sees it: the declaration, its content, its checkpoints
/// (earliest first, each with its report) and whether the caller may record one.
/// </summary>
public sealed record MonitoringView(FilingRecord Declaration, PerformanceForm Form, IReadOnlyList<CheckpointView> Checkpoints, bool MayRecord)
{
    /// <summary>The latest checkpoint, or null.</summary>
    public CheckpointView? Latest => Checkpoints.Count == 0 ? null : Checkpoints[^1];
}

/// <summary>One row of the monitoring table (监控表): a project's approved declaration and its latest checkpoint.</summary>
/// <param name="FilingId">The declaration.</param>
/// <param name="Year">预算年度.</param>
/// <param name="Department">主管部门.</param>
/// <param name="ProjectName">项目名称.</param>
/// <param name="Status">Approved or published.</param>
/// <param name="Latest">The latest checkpoint with its report; null when none is recorded.</param>
public sealed record MonitoringRow(long FilingId, int Year, string Department, string ProjectName, FilingStatus Status, CheckpointView? Latest)
{
    /// <summary>The project's light (unknown without a checkpoint).</summary>
    public MonitoringLight Light => Latest?.Report.Light ?? MonitoringLight.Unknown;

    /// <summary>How many indicators have <paramref name="light"/> at the latest checkpoint.</summary>
    public int Indicators(MonitoringLight light) => Latest?.Report.Indicators.Count(i => i.Light == light) ?? 0;
}

/// <summary>How a monitoring use case ended.</summary>
public enum MonitoringOutcome
{
    /// <summary>Written, with its audit entry.</summary>
    Done,

    /// <summary>No such declaration, or not the caller's to see: the same answer.</summary>
    NotFound,

    /// <summary>The caller may not record checkpoints (only the department's users may, with a session or a full token).</summary>
    Forbidden,

    /// <summary>The filing is not an approved (or published) declaration.</summary>
    NotApproved,

    /// <summary>The input is not acceptable; the message says why.</summary>
    Invalid,

    /// <summary>Someone saved the checkpoint since the version the caller had: nothing was written.</summary>
    Conflict,
}

/// <summary>
/// Why a checkpoint was not saved (并发冲突): someone saved it since <see cref="ExpectedVersion"/> — it is now at
/// <see cref="CurrentVersion"/>, saved by <see cref="ChangedBy"/> at <see cref="ChangedAt"/> — and how the stored
/// values differ from the caller's (<see cref="Changes"/>: before = the caller's, after = stored).
/// </summary>
public sealed record MonitoringConflict(int ExpectedVersion, int CurrentVersion, string ChangedBy, DateTime ChangedAt, IReadOnlyList<FieldChange> Changes);

/// <summary>The outcome of recording a checkpoint: the checkpoint with its report on success, else the refusal in both languages.</summary>
public sealed record MonitoringResult(MonitoringOutcome Outcome)
{
    /// <summary>The checkpoint saved, with its report.</summary>
    public CheckpointView? Checkpoint { get; init; }

    /// <summary>On <see cref="MonitoringOutcome.Conflict"/>: who saved it and what differs.</summary>
    public MonitoringConflict? Conflict { get; init; }

    /// <summary>The refusal in Chinese and English.</summary>
    public LocalText? Message { get; init; }

    public bool Succeeded => Outcome == MonitoringOutcome.Done;

    /// <summary>A refusal worded by <paramref name="message"/>.</summary>
    public static MonitoringResult Refused(MonitoringOutcome outcome, LocalText message) => new(outcome) { Message = message };
}
