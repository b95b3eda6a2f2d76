using Jixiao.Core.Workflow;

namespace Jixiao.Data.Entities;

/// <summary>
/// A reviewer's conclusion on one finding (复核结论): confirmed or dismissed, with a note. Keyed by what stays the same
/// when the form is imported again — the form's content hash, the check code, the finding's field and its occurrence —
/// never by the form's id or the finding's position among all findings.
/// </summary>
public sealed class FindingReviewRecord
{
    public long Id { get; set; }

    /// <summary>The form's <see cref="FormRecord.ContentHash"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The check code (<see cref="FindingRecord.Code"/>).</summary>
    public string Code { get; set; } = "";

    /// <summary>The finding's field (<see cref="FindingRecord.Field"/>).</summary>
    public string Field { get; set; } = "";

    /// <summary>
    /// Which finding of this check on this field (0-based, in the order the check reported them): one check may report
    /// one field more than once (CAT-MISSING: each missing category on <c>indicators</c>).
    /// </summary>
    public int Occurrence { get; set; }

    public FindingDecision Decision { get; set; }

    /// <summary>Why (required for a dismissal).</summary>
    public string? Note { get; set; }

    public string DecidedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime DecidedAt { get; set; }
}
