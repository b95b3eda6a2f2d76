using Jixiao.Core.Workflow;

namespace Jixiao.Data.Entities;

/// <summary>
/// The review state of a form (复核状态), one row per form content. Keyed by the form's
/// <see cref="FormRecord.ContentHash"/>, not by its id: a form deleted with its batch and imported again gets a new id
/// but the same content hash, and finds its review again. No row means <see cref="FormReviewState.Pending"/> for a
/// form with findings. <see cref="Version"/> grows with every change of the form's review (a finding decided, a
/// rectification step): two reviewers acting at once on one form cannot both win.
/// </summary>
public sealed class FormReviewRecord
{
    /// <summary>SHA-256 (hex) of the form's content (<see cref="FormRecord.ContentHash"/>).</summary>
    public string ContentHash { get; set; } = "";

    public FormReviewState State { get; set; }

    /// <summary>The optimistic-concurrency version: 1 for the first change, one more for each change after.</summary>
    public int Version { get; set; }

    /// <summary>Who made the last change.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
