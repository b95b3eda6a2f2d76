using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.Data.Filings;

/// <summary>One row of a list of filings (a queue): the filing without its content, and its unresolved comments.</summary>
public sealed record FilingItem(
    long Id,
    FormKind Kind,
    int Year,
    string ProjectName,
    long? DepartmentId,
    string Department,
    string? ImplementingUnit,
    FilingStatus Status,
    int Version,
    string UpdatedBy,
    DateTime UpdatedAt,
    DateTime? SubmittedAt,
    long? PublishedFormId,
    int OpenComments);

/// <summary>A filtered, paged list of filings, within a department scope: the newest change first.</summary>
public sealed record FilingQuery
{
    /// <summary>The departments the caller may see (set by the access policy); null for all.</summary>
    public DepartmentScope? Scope { get; init; }

    /// <summary>Only filings in these statuses; null for every status.</summary>
    public IReadOnlyCollection<FilingStatus>? Statuses { get; init; }

    public FormKind? Kind { get; init; }

    public int? Year { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>Which of a filing's dated columns a step sets.</summary>
public enum FilingMark
{
    /// <summary>None: a save, a return, a withdrawal.</summary>
    None,

    /// <summary>A submission: <see cref="FilingRecord.SubmittedAt"/>, and the review of the new submission not started.</summary>
    Submitted,

    /// <summary>An approval: <see cref="FilingRecord.ApprovedBy"/>, <see cref="FilingRecord.ApprovedAt"/> and the override reason.</summary>
    Approved,

    /// <summary>
    /// A withdrawal from public disclosure (撤销公开): <see cref="FilingRecord.PublishedBy"/> and
    /// <see cref="FilingRecord.PublishedAt"/> cleared; <see cref="FilingRecord.PublishedFormId"/> kept, so that publishing
    /// again shows the same stored form.
    /// </summary>
    Unpublished,

    /// <summary>
    /// Publishing again the stored form a withdrawal kept: <see cref="FilingRecord.PublishedBy"/> and
    /// <see cref="FilingRecord.PublishedAt"/> set; written only while <see cref="FilingRecord.PublishedFormId"/> names a
    /// stored form (a deleted batch takes it away: then the form is written anew through the one door).
    /// </summary>
    Republished,
}

/// <summary>
/// One change of a filing, written in one transaction by <see cref="FilingStore.WriteAsync"/>: the filing moves from
/// <see cref="ExpectedVersion"/> in <see cref="ExpectedStatus"/> to the next version in <see cref="To"/>, with new
/// content (a save, written with its revision), comments (a return with comments) and the audit entries.
/// </summary>
/// <param name="FilingId">The filing.</param>
/// <param name="ExpectedVersion">The version the change was made from; another version is a conflict.</param>
/// <param name="ExpectedStatus">The status the change was made from.</param>
/// <param name="To">The status after the change.</param>
/// <param name="Actor">Who changes it.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Audit">The audit entries.</param>
public sealed record FilingChange(
    long FilingId,
    int ExpectedVersion,
    FilingStatus ExpectedStatus,
    FilingStatus To,
    string Actor,
    DateTime At,
    IReadOnlyList<AuditRecord> Audit)
{
    /// <summary>The new content and the columns copied from it (a save); null when the content stays.</summary>
    public FilingContentUpdate? Content { get; init; }

    /// <summary>Comments made with the step (a return with a comment per cell).</summary>
    public IReadOnlyList<FilingCommentRecord> Comments { get; init; } = [];

    public FilingMark Mark { get; init; }

    /// <summary>With <see cref="FilingMark.Approved"/>: the reason the errors found were overridden, or null.</summary>
    public string? OverrideReason { get; init; }

    /// <summary>True when the change needs the review of the current submission not started (a withdrawal).</summary>
    public bool OnlyUntouched { get; init; }
}

/// <summary>A filing's new content and what its columns copy from it.</summary>
public sealed record FilingContentUpdate(string Content, int Year, string ProjectName, string? ImplementingUnit);

/// <summary>
/// A publication (公开), written by <see cref="FilingStore.PublishAsync"/> in one transaction through the one door
/// for forms: the approved <paramref name="Form"/>, scored and checked (<paramref name="Result"/>), as the only form of
/// an import batch named <paramref name="BatchName"/>, and the filing moved to published with a link to it.
/// </summary>
/// <param name="FilingId">The filing.</param>
/// <param name="ExpectedVersion">The version of the approved filing read; another version is a conflict.</param>
/// <param name="Form">The form, as approved.</param>
/// <param name="Result">Its score and findings (by <paramref name="RuleSet"/>).</param>
/// <param name="RuleSet">The rule set's name.</param>
/// <param name="BatchName">The name of the batch that holds the published form.</param>
/// <param name="Actor">Who publishes.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Audit">The publication's audit entry, made once the stored form's id is known.</param>
/// <param name="ImportAudit">The batch's audit entry, made once its id is known.</param>
public sealed record FilingPublication(
    long FilingId,
    int ExpectedVersion,
    PerformanceForm Form,
    CheckResult Result,
    string RuleSet,
    string BatchName,
    string Actor,
    DateTime At,
    Func<long, AuditRecord> Audit,
    Func<long, AuditRecord> ImportAudit);

/// <summary>A published filing's stored form and the batch that holds it.</summary>
public sealed record FilingPublished(long FormId, long BatchId);
