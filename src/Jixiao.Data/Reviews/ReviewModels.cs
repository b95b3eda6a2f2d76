using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.Data.Reviews;

/// <summary>The form a review concerns: what identifies it across imports and whose department it belongs to.</summary>
public sealed record ReviewedForm(long Id, string ContentHash, long? DepartmentId, string? Department, string ProjectName, int? Year);

/// <summary>One rectification request with its thread (oldest message first) and the form it concerns, if stored.</summary>
/// <param name="Request">The request.</param>
/// <param name="Messages">Its thread: the request, answers, returns, the acceptance.</param>
/// <param name="FormId">The stored form of the request's content (the newest, when imported twice); null when none is stored.</param>
public sealed record RectificationThread(RectificationRecord Request, IReadOnlyList<RectificationMessageRecord> Messages, long? FormId);

/// <summary>
/// Everything of a form's follow-up (复核与整改): the form, its findings (in order), its review row (null while nothing
/// was done), the conclusions on its findings, and its rectification requests (newest first).
/// </summary>
public sealed record ReviewTarget(
    ReviewedForm Form,
    IReadOnlyList<FindingRecord> Findings,
    FormReviewRecord? Review,
    IReadOnlyList<FindingReviewRecord> Decisions,
    IReadOnlyList<RectificationThread> Rectifications)
{
    /// <summary>The version a change must find (<see cref="FormReviewRecord.Version"/>; 0 while there is no row).</summary>
    public int Version => Review?.Version ?? 0;

    /// <summary>The conclusion on a finding of <see cref="Findings"/>, or null while undecided.</summary>
    public FindingReviewRecord? DecisionOf(FindingRecord finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var occurrence = FindingKeys.OccurrenceOf(finding, Findings);
        foreach (var d in Decisions)
        {
            if (d.Code == finding.Code && d.Field == finding.Field && d.Occurrence == occurrence)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The open or answered request, if any (at most one at a time).</summary>
    public RectificationThread? Current => Rectifications.FirstOrDefault(r => r.Request.Status != RectificationStatus.Accepted);
}

/// <summary>What identifies a finding across imports of its form: (content hash,) code, field and occurrence.</summary>
public static class FindingKeys
{
    /// <summary>
    /// Which finding of its check on its field <paramref name="finding"/> is among <paramref name="findings"/> (its
    /// form's findings): the number of findings of the same code and field at an earlier position.
    /// </summary>
    public static int OccurrenceOf(FindingRecord finding, IEnumerable<FindingRecord> findings)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(findings);
        var n = 0;
        foreach (var x in findings)
        {
            if (x.FormId == finding.FormId && x.Position < finding.Position && x.Code == finding.Code && x.Field == finding.Field)
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>One row of a rectification list: the request and the stored form of its content (null when none is stored).</summary>
public sealed record RectificationItem(RectificationRecord Request, long? FormId);

/// <summary>A filtered, paged list of rectification requests (整改通知), within a department scope.</summary>
public sealed record RectificationQuery
{
    /// <summary>The departments the caller may see (set by the access policy); null for all.</summary>
    public DepartmentScope? Scope { get; init; }

    public RectificationStatus? Status { get; init; }

    /// <summary>Only requests overdue on this day: still <see cref="RectificationStatus.Open"/> with a deadline before it.</summary>
    public DateOnly? OverdueOn { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>A change of a rectification request that exists: from the status it must still have to its new status.</summary>
public sealed record RectificationUpdate(long Id, RectificationStatus From, RectificationStatus To, RectificationMessageRecord Message);

/// <summary>
/// One change of a form's follow-up, written in one transaction by <see cref="ReviewStore.WriteAsync"/>: the form's
/// review row moves from <see cref="ExpectedVersion"/> to the next version with <see cref="State"/>, together with a
/// finding's conclusion, a new rectification request or a step of one, and the audit entries.
/// </summary>
/// <param name="ContentHash">The form's content hash.</param>
/// <param name="ExpectedVersion">The version read before the change (0: no row yet); another version is a conflict.</param>
/// <param name="State">The form's review state after the change.</param>
/// <param name="Actor">Who changes it.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Audit">The audit entries, made once the id of a new request is known (null otherwise).</param>
public sealed record ReviewChange(
    string ContentHash,
    int ExpectedVersion,
    FormReviewState State,
    string Actor,
    DateTime At,
    Func<long?, IReadOnlyList<AuditRecord>> Audit)
{
    /// <summary>A finding's conclusion, written over an earlier one of the same content hash, code and field.</summary>
    public FindingReviewRecord? Decision { get; init; }

    /// <summary>A new request, stored with its first message (<see cref="RectificationStep.Request"/>).</summary>
    public RectificationRecord? NewRectification { get; init; }

    /// <summary>A step of an existing request.</summary>
    public RectificationUpdate? Rectification { get; init; }
}

/// <summary>How a <see cref="ReviewChange"/> ended.</summary>
/// <param name="Written">False when someone changed the form's review (or the request) first: nothing was written.</param>
/// <param name="RectificationId">The id of the new request, if one was made.</param>
public sealed record ReviewWrite(bool Written, long? RectificationId);
