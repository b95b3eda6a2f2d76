using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;

namespace Jixiao.Data.Entities;

/// <summary>
/// A form being filled in Jixiao (填报表): a target declaration or a self-evaluation of one department, its status in
/// the filing workflow (<see cref="FilingWorkflow"/>) and its content as one <c>jixiao.form/1</c> object. The columns
/// beside the content (kind, year, project, department, unit) are copies for the lists and the department scope; the
/// content is the form. <see cref="Version"/> grows with every save and every step, and every write checks it: two
/// people saving the same version cannot both win. Once published, the approved content is also a stored form
/// (<see cref="PublishedFormId"/>), written through the one door for forms.
/// </summary>
public sealed class FilingRecord
{
    public long Id { get; set; }

    /// <summary>表类型: <see cref="FormKind.TargetDeclaration"/> or <see cref="FormKind.SelfEvaluation"/>.</summary>
    public FormKind Kind { get; set; }

    /// <summary>年度 (the budget year).</summary>
    public int Year { get; set; }

    /// <summary>项目名称, as in the content.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>The 主管部门 organisation the filing belongs to (its department's users fill it, its reviewers review it).</summary>
    public long? DepartmentId { get; set; }

    /// <summary>主管部门 as named by the account that created the filing (the content says the same).</summary>
    public string Department { get; set; } = "";

    /// <summary>实施单位, as in the content.</summary>
    public string? ImplementingUnit { get; set; }

    public FilingStatus Status { get; set; }

    /// <summary>The optimistic-concurrency version: 1 when created, one more for each save and each step.</summary>
    public int Version { get; set; }

    /// <summary>The form as one <c>jixiao.form/1</c> JSON object (docs/schema.md, "Filings").</summary>
    public string Content { get; set; } = "";

    /// <summary>The name of the rule set that scores and checks the form (<see cref="Core.Scoring.RuleSet.Name"/>).</summary>
    public string RuleSet { get; set; } = "";

    /// <summary>For a self-evaluation started from an approved declaration of the same project: that declaration.</summary>
    public long? DeclarationFilingId { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who made the last change (a save or a step).</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The last submission (UTC).</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>
    /// When a reviewer first acted on the current submission without deciding it (a comment), UTC; null while
    /// nobody did. A submitted form can be withdrawn only while it is null.
    /// </summary>
    public DateTime? ReviewStartedAt { get; set; }

    public string? ApprovedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime? ApprovedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>The stored form (<see cref="FormRecord.Id"/>) the published content was written as.</summary>
    public long? PublishedFormId { get; set; }

    /// <summary>Why the reviewer approved the form although the checks found errors (放行理由); null when none did.</summary>
    public string? FindingsOverriddenReason { get; set; }
}

/// <summary>
/// A comment on a filing (审核意见), on the whole form (<see cref="Field"/> null) or on one cell
/// (<c>indicators[3].target</c>, the paths of <see cref="Core.Checks.Fields"/>).
/// </summary>
public sealed class FilingCommentRecord
{
    public long Id { get; set; }

    public long FilingId { get; set; }

    /// <summary>The cell, as a path of the interchange format (<see cref="FieldPaths"/>); null for the whole form.</summary>
    public string? Field { get; set; }

    public string Author { get; set; } = "";

    /// <summary>True when the author commented as a reviewer (the department's reviewer or the finance bureau).</summary>
    public bool ByReviewer { get; set; }

    public string Text { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The filing's version when the comment was made.</summary>
    public int FilingVersion { get; set; }

    public bool Resolved { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime? ResolvedAt { get; set; }
}

/// <summary>
/// One version of a filing's content (修订): the content each save (and the creation) left, who saved it and when —
/// what a second editor is shown as "what changed", and what a reviewer compares.
/// </summary>
public sealed class FilingRevisionRecord
{
    public long Id { get; set; }

    public long FilingId { get; set; }

    /// <summary>The filing's version this content became.</summary>
    public int Version { get; set; }

    public string Author { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The content (<c>jixiao.form/1</c> JSON) as saved.</summary>
    public string Content { get; set; } = "";
}
