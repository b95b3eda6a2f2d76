using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;

namespace Jixiao.App.Filings;

/// <summary>A comment on the whole form (<see cref="Field"/> null) or on one of its cells (<c>indicators[3].target</c>).</summary>
public sealed record FilingCommentInput(string? Field, string? Text);

/// <summary>
/// The steps of filing that move a filing between statuses (<see cref="FilingWorkflow"/>), each checked in this
/// order — found and seen, the role, the version the caller had (when given), the status, the input — and written
/// with its audit entry in one transaction, from the version read: submit (the checks run, their findings are
/// returned), withdraw (while no reviewer acted), return with comments (one per cell allowed), approve (an
/// error-level finding needs the reviewer's reason to be overridden). Publishing is <see cref="PublishFiling"/>.
/// </summary>
public sealed class FilingSteps(FilingCatalog filings, TimeProvider clock)
{
    /// <summary>
    /// 提交: sends filing <paramref name="id"/> to review; the findings of the checks come with the answer. Refused
    /// (invalid, <see cref="FilingProblem.SubmissionBlocked"/>, nothing written) while the form has cells the filler
    /// must fix (<see cref="SubmissionRule"/>): the answer lists them, each on its cell. Override reasons are the
    /// filler's unresolved comments on the score cells (<see cref="OverrideReasons"/>).
    /// </summary>
    public async Task<FilingResult> SubmitAsync(Caller caller, long id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Submit, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = FilingContent.Parse(filing!.Content);
        var findings = filings.Check(filing, FilingCatalog.Filed(filing)).Findings;
        var reasons = OverrideReasons.Of(await filings.Store.CommentsAsync(id, cancellationToken));
        var blockers = SubmissionRule.Blockers(LiveEvaluator.For(FilingCatalog.RulesOf(filing, form)).Evaluate(form, reasons));
        if (blockers.Count > 0)
        {
            return FilingResult.Invalid(FilingProblem.SubmissionBlocked, FilingMessages.SubmissionBlocked(blockers)) with { Blockers = blockers, Findings = findings };
        }

        return await MoveAsync(caller, filing, FilingAction.Submit, findings,
            $"errors={N(Count(findings, Severity.Error))}; warnings={N(Count(findings, Severity.Warning))}", c => c with { Mark = FilingMark.Submitted }, cancellationToken);
    }

    /// <summary>撤回: takes submitted filing <paramref name="id"/> back to draft, while no reviewer has acted on it.</summary>
    public async Task<FilingResult> WithdrawAsync(Caller caller, long id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Withdraw, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (filing!.ReviewStartedAt is not null)
        {
            return FilingResult.NotNow(FilingProblem.ReviewStarted);
        }

        var result = await MoveAsync(caller, filing, FilingAction.Withdraw, null, null, c => c with { OnlyUntouched = true }, cancellationToken);
        if (result.Outcome == FilingOutcome.Conflict && (await filings.Store.GetAsync(id, cancellationToken)) is { Status: FilingStatus.Submitted, ReviewStartedAt: not null } started
            && started.Version == filing.Version)
        {
            return FilingResult.NotNow(FilingProblem.ReviewStarted);
        }

        return result;
    }

    /// <summary>退回: sends filing <paramref name="id"/> back to its department with at least one comment (on the form or a cell).</summary>
    public async Task<FilingResult> ReturnAsync(
        Caller caller, long id, IReadOnlyList<FilingCommentInput> comments, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(comments);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Return, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var records = new List<FilingCommentRecord>(comments.Count);
        foreach (var c in comments)
        {
            var (record, bad) = Comment(caller, c, now, byReviewer: true);
            if (bad is not null)
            {
                return bad;
            }

            records.Add(record!);
        }

        if (records.Count == 0)
        {
            return FilingResult.Invalid(FilingProblem.CommentRequired);
        }

        var cells = records.Count(r => r.Field is not null);
        return await MoveAsync(caller, filing!, FilingAction.Return, null,
            $"comments={N(records.Count)}; cells={N(cells)}; text={Quote(records[0].Text)}",
            c => c with { Comments = records }, cancellationToken);
    }

    /// <summary>
    /// 审核通过: approves filing <paramref name="id"/>. The checks run again on its content; when they find errors the
    /// approval needs <paramref name="overrideReason"/> (放行理由), kept on the filing and in the audit log — without
    /// it the answer is invalid and carries the findings to override.
    /// </summary>
    public async Task<FilingResult> ApproveAsync(
        Caller caller, long id, string? overrideReason = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Approve, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var findings = filings.Check(filing!, FilingCatalog.Filed(filing!)).Findings;
        var errors = Count(findings, Severity.Error);
        var reason = errors == 0 ? null : Clean(overrideReason);
        if (errors > 0 && reason is null)
        {
            return FilingResult.Invalid(FilingProblem.OverrideReasonRequired, FilingMessages.OverrideReasonRequired.Format(errors)) with { Findings = findings };
        }

        if (reason?.Length > FilingStore.TextLength)
        {
            return FilingResult.Invalid(FilingProblem.TextTooLong) with { Findings = findings };
        }

        return await MoveAsync(caller, filing!, FilingAction.Approve, findings,
            $"errors={N(errors)}" + (reason is null ? "" : "; override=" + Quote(reason)), c => c with { Mark = FilingMark.Approved, OverrideReason = reason }, cancellationToken);
    }

    /// <summary>
    /// A comment made by <paramref name="caller"/> from <paramref name="input"/>: its text cleaned and within
    /// <see cref="FilingStore.TextLength"/>, its cell a path of the interchange format; or why it cannot be made.
    /// </summary>
    internal static (FilingCommentRecord? Comment, FilingResult? Refusal) Comment(Caller caller, FilingCommentInput input, DateTime at, bool byReviewer)
    {
        var text = Clean(input.Text);
        if (text is null)
        {
            return (null, FilingResult.Invalid(FilingProblem.TextRequired));
        }

        if (text.Length > FilingStore.TextLength)
        {
            return (null, FilingResult.Invalid(FilingProblem.TextTooLong));
        }

        var field = string.IsNullOrWhiteSpace(input.Field) ? null : input.Field.Trim();
        if (field is not null && !FieldPaths.IsValid(field))
        {
            return (null, FilingResult.Invalid(FilingProblem.FieldInvalid, FilingMessages.FieldInvalid.Format(field.Length > 80 ? field[..80] + "…" : field)));
        }

        return (new FilingCommentRecord { Field = field, Author = caller.Name, ByReviewer = byReviewer, Text = text, CreatedAt = at }, null);
    }

    /// <summary>The text trimmed with its line ends made <c>\n</c>, or null when it is empty or white space only (as the follow-up's notes).</summary>
    internal static string? Clean(string? text) => Review.ReviewText.Clean(text);

    /// <summary>A short, one-line quote of a text for an audit entry.</summary>
    internal static string Quote(string text) => Review.ReviewText.Quote(text);

    /// <summary>Writes the step <paramref name="action"/> of the table from the filing's status and version, with its audit entry.</summary>
    private async Task<FilingResult> MoveAsync(
        Caller caller, FilingRecord filing, FilingAction action, IReadOnlyList<Finding>? findings,
        string? details, Func<FilingChange, FilingChange> shape, CancellationToken cancellationToken)
    {
        var step = FilingWorkflow.Find(filing.Status, action)!;
        var audit = new AuditRecord(caller.Name, "filing-" + action.ToString().ToLowerInvariant(), "filing", filing.Id.ToString(CultureInfo.InvariantCulture),
            $"{filing.Status} -> {step.To}; revision={(filing.Version + 1).ToString(CultureInfo.InvariantCulture)}" + (details is null ? "" : "; " + details)
            + $"; project={filing.ProjectName}");
        var change = shape(new FilingChange(filing.Id, filing.Version, filing.Status, step.To, caller.Name, clock.GetUtcNow().UtcDateTime, [audit]));
        return await filings.Store.WriteAsync(change, cancellationToken)
            ? await filings.DoneAsync(caller, filing.Id, findings, cancellationToken)
            : await filings.ConflictAsync(filing.Id, filing.Version, cancellationToken);
    }

    private static int Count(IReadOnlyList<Finding> findings, Severity severity) => findings.Count(f => f.Severity == severity);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
