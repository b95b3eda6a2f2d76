using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Filings;

namespace Jixiao.App.Filings;

/// <summary>
/// The use case "withdraw from public disclosure" (撤销公开): the finance bureau takes a published filing off the public
/// pages and the open data, with a reason (required). The filing becomes approved again — its content unchanged — in
/// one transaction with its audit entry and the reason as a comment on the form (<see cref="CommentPrefix"/>), so the
/// reviewers read why. The stored form stays where the signed-in pages read it and stays linked
/// (<c>published_form_id</c>); the public pages show a form only while its filing is published (decision 011), so it is
/// gone from them at the commit. Publishing again (<see cref="PublishFiling"/>) shows the same stored form again.
/// </summary>
public sealed class UnpublishFiling(FilingCatalog filings, TimeProvider clock)
{
    /// <summary>What the comment carrying the reason starts with.</summary>
    public const string CommentPrefix = "撤销公开：";

    /// <summary>Withdraws published filing <paramref name="id"/> from public disclosure for <paramref name="reason"/>.</summary>
    public async Task<FilingResult> ExecuteAsync(Caller caller, long id, string? reason, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Unpublish, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var why = FilingSteps.Clean(reason);
        if (why is null)
        {
            return FilingResult.Invalid(FilingProblem.ReasonRequired);
        }

        var at = clock.GetUtcNow().UtcDateTime;
        var (comment, bad) = FilingSteps.Comment(caller, new FilingCommentInput(null, CommentPrefix + why), at, byReviewer: true);
        if (bad is not null)
        {
            return bad;
        }

        var audit = new AuditRecord(caller.Name, "filing-unpublish", "filing", id.ToString(CultureInfo.InvariantCulture),
            $"{filing!.Status} -> {FilingStatus.Approved}; revision={(filing.Version + 1).ToString(CultureInfo.InvariantCulture)}; "
            + $"form={filing.PublishedFormId?.ToString(CultureInfo.InvariantCulture) ?? "-"}; reason={FilingSteps.Quote(why)}; project={filing.ProjectName}");
        var change = new FilingChange(id, filing.Version, filing.Status, FilingStatus.Approved, caller.Name, at, [audit])
        {
            Mark = FilingMark.Unpublished,
            Comments = [comment!],
        };
        return await filings.Store.WriteAsync(change, cancellationToken)
            ? await filings.DoneAsync(caller, id, null, cancellationToken)
            : await filings.ConflictAsync(id, filing.Version, cancellationToken);
    }
}
