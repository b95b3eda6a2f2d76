using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;

namespace Jixiao.App.Filings;

/// <summary>
/// The comment thread of a filing (审核意见): a comment on the whole form or on one cell, made by those who work on
/// the form in its status (<see cref="FilingWorkflow"/>), and resolved when dealt with. A reviewer's comment on a
/// submitted form starts its review: the form can no longer be withdrawn. Comments change neither the content nor the
/// version; each is audited in its transaction.
/// </summary>
public sealed class FilingComments(FilingCatalog filings, TimeProvider clock)
{
    /// <summary>Comments on filing <paramref name="id"/>: on cell <see cref="FilingCommentInput.Field"/>, or on the whole form.</summary>
    public async Task<FilingResult> AddAsync(Caller caller, long id, FilingCommentInput comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(comment);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Comment, null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var byReviewer = (FilingParties.Of(caller) & (FilingParty.DepartmentReviewer | FilingParty.Finance)) != 0;
        var (record, bad) = FilingSteps.Comment(caller, comment, clock.GetUtcNow().UtcDateTime, byReviewer);
        if (bad is not null)
        {
            return bad;
        }

        record!.FilingId = id;
        var commentId = await filings.Store.CommentAsync(record, filing!.Status, byReviewer && filing.Status == FilingStatus.Submitted,
            c => new AuditRecord(caller.Name, "filing-comment", "filing", id.ToString(CultureInfo.InvariantCulture),
                $"comment={c.ToString(CultureInfo.InvariantCulture)}; cell={record!.Field ?? "-"}; text={FilingSteps.Quote(record.Text)}"),
            cancellationToken);
        return commentId is { } made
            ? await filings.DoneAsync(caller, id, null, cancellationToken, made)
            : await filings.ConflictAsync(id, filing.Version, cancellationToken);
    }

    /// <summary>Marks comment <paramref name="commentId"/> of filing <paramref name="id"/> resolved.</summary>
    public async Task<FilingResult> ResolveAsync(Caller caller, long id, long commentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.ResolveComment, null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var comment = (await filings.Store.CommentsAsync(id, cancellationToken)).FirstOrDefault(c => c.Id == commentId);
        if (comment is null)
        {
            return FilingResult.Refused(FilingOutcome.NotFound, FilingProblem.NoSuchComment);
        }

        if (comment.Resolved)
        {
            return FilingResult.NotNow(FilingProblem.AlreadyResolved);
        }

        var resolved = await filings.Store.ResolveAsync(id, commentId, filing!.Status, caller.Name, clock.GetUtcNow().UtcDateTime,
            new AuditRecord(caller.Name, "filing-comment-resolve", "filing", id.ToString(CultureInfo.InvariantCulture),
                $"comment={commentId.ToString(CultureInfo.InvariantCulture)}; cell={comment.Field ?? "-"}"),
            cancellationToken);
        if (resolved)
        {
            return await filings.DoneAsync(caller, id, null, cancellationToken, commentId);
        }

        return (await filings.Store.CommentsAsync(id, cancellationToken)).Any(c => c.Id == commentId && c.Resolved)
            ? FilingResult.NotNow(FilingProblem.AlreadyResolved)
            : await filings.ConflictAsync(id, filing.Version, cancellationToken);
    }
}
