using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Reviews;

namespace Jixiao.App.Review;

/// <summary>
/// The use case "confirm or dismiss a finding" (确认 / 排除): a reviewer, an administrator or a supervisor concludes
/// on one finding of a form, with a note (required to dismiss). The conclusion is stored by the form's content hash,
/// the check code and the field, so it holds when the form is imported again. Deciding the form's last undecided
/// finding completes its review (待复核 → 已复核) in the same transaction. Every step is audited in its transaction.
/// </summary>
public sealed class DecideFinding(ReviewStore store, AccessPolicy policy, TimeProvider clock)
{
    /// <summary>Concludes on finding <paramref name="position"/> (0-based) of form <paramref name="formId"/>.</summary>
    public async Task<ReviewResult> ExecuteAsync(
        Caller caller, long formId, int position, FindingDecision decision, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var target = await store.FormAsync(formId, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (target is null)
        {
            return ReviewResult.NotFound;
        }

        var action = decision == FindingDecision.Confirmed ? ReviewAction.Confirm : ReviewAction.Dismiss;
        if (!ReviewWorkflow.MayEver(caller, action))
        {
            return ReviewResult.Forbidden;
        }

        var finding = target.Findings.FirstOrDefault(f => f.Position == position);
        if (finding is null)
        {
            return new ReviewResult(ReviewOutcome.NotFound, ReviewProblem.NoSuchFinding);
        }

        var state = FormReviews.StateOf(target) ?? FormReviewState.Pending;
        var step = ReviewWorkflow.Find(state, action, target.Current?.Request.Status);
        if (step is null)
        {
            return ReviewResult.NotNow(ReviewProblem.WrongState);
        }

        if (!AccessPolicy.Allows(caller, step.Who))
        {
            return ReviewResult.Forbidden;
        }

        var text = ReviewText.Clean(note);
        if (text is null && decision == FindingDecision.Dismissed)
        {
            return ReviewResult.Invalid(ReviewProblem.NoteRequired);
        }

        if (text?.Length > ReviewStore.NoteLength)
        {
            return ReviewResult.Invalid(ReviewProblem.NoteTooLong);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new FindingReviewRecord
        {
            ContentHash = target.Form.ContentHash, Code = finding.Code, Field = finding.Field, Occurrence = FindingKeys.OccurrenceOf(finding, target.Findings),
            Decision = decision, Note = text,
            DecidedBy = caller.Name, DecidedAt = now,
        };

        // the form's review is complete once every finding has a conclusion (this one included)
        var to = step.To;
        var completes = to == FormReviewState.Pending
            && target.Findings.All(f => f.Position == finding.Position || target.DecisionOf(f) is not null);
        if (completes && ReviewWorkflow.Find(to, ReviewAction.CompleteReview) is { } complete && AccessPolicy.Allows(caller, complete.Who))
        {
            to = complete.To;
        }

        var form = target.Form;
        var id = form.Id.ToString(CultureInfo.InvariantCulture);
        var change = new ReviewChange(form.ContentHash, target.Version, to, caller.Name, now, _ =>
        {
            List<AuditRecord> audit =
            [
                new(caller.Name, decision == FindingDecision.Confirmed ? "finding-confirm" : "finding-dismiss", "form", id,
                    $"{finding.Code} {finding.Field} (#{position + 1}); project={form.ProjectName}; note={ReviewText.Quote(text)}"),
            ];
            if (to != state)
            {
                audit.Add(new(caller.Name, "form-review", "form", id, $"{state} -> {to}; findings={target.Findings.Count}; project={form.ProjectName}"));
            }

            return audit;
        })
        {
            Decision = record,
        };
        var written = await store.WriteAsync(change, cancellationToken);
        return written.Written ? new ReviewResult(ReviewOutcome.Done, State: to) : ReviewResult.Conflict;
    }
}
