using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;

namespace Jixiao.App.Filings;

/// <summary>How a use case of filing ended.</summary>
public enum FilingOutcome
{
    /// <summary>Written, with its audit entries.</summary>
    Done,

    /// <summary>No such filing or comment — or one the caller may not see (another department's, another's draft): the same answer.</summary>
    NotFound,

    /// <summary>The caller's role may not do this (<see cref="FilingWorkflow"/>).</summary>
    Forbidden,

    /// <summary>The filing's status does not allow it now, or a condition is not met; <see cref="FilingResult.Problem"/> says which.</summary>
    NotNow,

    /// <summary>The input is not acceptable; <see cref="FilingResult.Problem"/> says why.</summary>
    Invalid,

    /// <summary>
    /// Someone changed the filing since the version the caller had: nothing was written;
    /// <see cref="FilingResult.Conflict"/> says who and what changed.
    /// </summary>
    Conflict,
}

/// <summary>What was wrong with a refused request (<see cref="FilingMessages"/> words each in both languages).</summary>
public enum FilingProblem
{
    None,

    /// <summary>The filing's status does not allow the step (<see cref="FilingWorkflow"/>).</summary>
    WrongStatus,

    /// <summary>A reviewer has already acted on the submitted form: it can no longer be withdrawn.</summary>
    ReviewStarted,

    /// <summary>The caller's department is not known to Jixiao (no stored organisation of that name).</summary>
    UnknownDepartment,

    /// <summary>The kind is not a target declaration or a self-evaluation.</summary>
    KindInvalid,

    /// <summary>The content is not one readable <c>jixiao.form/1</c> form; <see cref="FilingResult.Message"/> carries the reader's words.</summary>
    ContentInvalid,

    /// <summary>The content is of another kind than the filing.</summary>
    KindMismatch,

    /// <summary>The content (or the request) has no year, or one outside 2000–2100.</summary>
    YearRequired,

    /// <summary>The content (or the request) has no project name.</summary>
    ProjectRequired,

    /// <summary>A name or the content is longer than allowed.</summary>
    TooLong,

    /// <summary>The rule set named is not one Jixiao knows.</summary>
    UnknownRuleSet,

    /// <summary>No declaration of that id the caller may see.</summary>
    NoSuchDeclaration,

    /// <summary>The declaration a self-evaluation starts from is not approved (or published), or is not a declaration.</summary>
    DeclarationNotApproved,

    /// <summary>A self-evaluation was already started from that declaration.</summary>
    SelfEvaluationExists,

    /// <summary>A comment needs a text.</summary>
    TextRequired,

    /// <summary>A comment, note or reason is longer than <see cref="Data.Filings.FilingStore.TextLength"/> characters.</summary>
    TextTooLong,

    /// <summary>The cell a comment names is not a path of the interchange format.</summary>
    FieldInvalid,

    /// <summary>The checks found errors: approving needs the reviewer's reason for overriding them.</summary>
    OverrideReasonRequired,

    /// <summary>The form has cells the filler must fix before submitting it (<see cref="FilingResult.Blockers"/>).</summary>
    SubmissionBlocked,

    /// <summary>Withdrawing a form from public disclosure needs a reason.</summary>
    ReasonRequired,

    /// <summary>A return needs at least one comment.</summary>
    CommentRequired,

    /// <summary>No such comment on the filing.</summary>
    NoSuchComment,

    /// <summary>The comment was resolved already.</summary>
    AlreadyResolved,
}

/// <summary>One value of a form's content that differs between two versions, by its path in the interchange format.</summary>
/// <param name="Field">The path, e.g. <c>indicators[3].target</c> or <c>funds.total.executed</c>.</param>
/// <param name="Before">The value in the version the caller had (null: empty or absent).</param>
/// <param name="After">The value now (null: empty or absent).</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// Why a change was not written (并发冲突): the filing moved on since the version the caller had — to
/// <see cref="CurrentVersion"/> in <see cref="Status"/> — last changed by <see cref="ChangedBy"/> at
/// <see cref="ChangedAt"/>, and how its content differs from the caller's version (<see cref="Changes"/>; empty when
/// only the status moved). Nothing of the caller's change was written: reload, look, and save again.
/// </summary>
public sealed record FilingConflict(int ExpectedVersion, int CurrentVersion, FilingStatus Status, string ChangedBy, DateTime ChangedAt, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// The outcome of a use case of filing: the filing as it is afterwards (on success), the findings of the checks when
/// they ran (a submission, an approval, a publication), and for a refusal the problem in both languages or the conflict.
/// </summary>
public sealed record FilingResult(FilingOutcome Outcome, FilingProblem Problem = FilingProblem.None)
{
    /// <summary>The filing after the change (on success).</summary>
    public FilingView? Filing { get; init; }

    /// <summary>What the checks found, when they ran (also on a refused approval: the errors to override).</summary>
    public IReadOnlyList<Finding>? Findings { get; init; }

    /// <summary>On a refused submission: the cells to fix, each with its field path and message (<see cref="SubmissionRule"/>).</summary>
    public IReadOnlyList<SubmissionBlocker>? Blockers { get; init; }

    /// <summary>On <see cref="FilingOutcome.Conflict"/>: who changed the filing and what.</summary>
    public FilingConflict? Conflict { get; init; }

    /// <summary>The refusal in Chinese and English (also the reader's words for a content that does not read).</summary>
    public LocalText? Message { get; init; }

    /// <summary>The id of a comment made.</summary>
    public long? CommentId { get; init; }

    public bool Succeeded => Outcome == FilingOutcome.Done;

    public static FilingResult NotFound { get; } = new(FilingOutcome.NotFound) { Message = FilingMessages.NotFound.Format() };

    public static FilingResult Forbidden { get; } = new(FilingOutcome.Forbidden) { Message = FilingMessages.Forbidden.Format() };

    /// <summary>A refusal for <paramref name="problem"/>, worded by <see cref="FilingMessages.Of"/> unless <paramref name="message"/> is given.</summary>
    public static FilingResult Refused(FilingOutcome outcome, FilingProblem problem, LocalText? message = null) =>
        new(outcome, problem) { Message = message ?? FilingMessages.Of(problem) };

    public static FilingResult Invalid(FilingProblem problem, LocalText? message = null) => Refused(FilingOutcome.Invalid, problem, message);

    public static FilingResult NotNow(FilingProblem problem, LocalText? message = null) => Refused(FilingOutcome.NotNow, problem, message);

    public static FilingResult Conflicted(FilingConflict conflict) => new(FilingOutcome.Conflict)
    {
        Conflict = conflict,
        Message = FilingMessages.Conflict.Format(conflict?.ChangedBy ?? "", conflict?.CurrentVersion ?? 0),
    };
}
