using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Reviews;

namespace Jixiao.App.Review;

/// <summary>
/// The use case "ask for rectification" (下发整改通知): a finance reviewer or an administrator sends the form's
/// department a request with a text and a deadline; the form becomes 需整改. It needs a confirmed finding (what is to
/// be rectified) and no other request running on the form. Audited in its transaction.
/// </summary>
public sealed class RequestRectification(ReviewStore store, AccessPolicy policy, TimeProvider clock)
{
    /// <summary>The farthest deadline accepted, in days from today.</summary>
    public const int LongestTerm = 731;

    /// <summary>Sends form <paramref name="formId"/>'s department a request due on <paramref name="deadline"/>.</summary>
    public async Task<ReviewResult> ExecuteAsync(Caller caller, long formId, DateOnly deadline, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var target = await store.FormAsync(formId, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (target is null)
        {
            return ReviewResult.NotFound;
        }

        if (!ReviewWorkflow.MayEver(caller, ReviewAction.RequestRectification))
        {
            return ReviewResult.Forbidden;
        }

        var state = FormReviews.StateOf(target) ?? FormReviewState.Pending;
        var step = ReviewWorkflow.Find(state, ReviewAction.RequestRectification, target.Current?.Request.Status);
        if (step is null)
        {
            return ReviewResult.NotNow(ReviewProblem.WrongState);
        }

        if (!AccessPolicy.Allows(caller, step.Who))
        {
            return ReviewResult.Forbidden;
        }

        if (!target.Findings.Any(f => target.DecisionOf(f)?.Decision == FindingDecision.Confirmed))
        {
            return ReviewResult.NotNow(ReviewProblem.NoConfirmedFinding);
        }

        var body = ReviewText.Clean(text);
        var today = ReviewCalendar.Today(clock);
        var problem = body is null ? ReviewProblem.TextRequired
            : body.Length > ReviewStore.TextLength ? ReviewProblem.TextTooLong
            : deadline < today ? ReviewProblem.DeadlinePassed
            : deadline.DayNumber - today.DayNumber > LongestTerm ? ReviewProblem.DeadlineTooFar
            : ReviewProblem.None;
        if (problem != ReviewProblem.None)
        {
            return ReviewResult.Invalid(problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var form = target.Form;
        var request = new RectificationRecord
        {
            ContentHash = form.ContentHash, DepartmentId = form.DepartmentId, Department = form.Department, ProjectName = form.ProjectName,
            Year = form.Year, Text = body!, Deadline = deadline, Status = step.RequestTo!.Value, RequestedBy = caller.Name, RequestedAt = now,
        };
        var change = new ReviewChange(form.ContentHash, target.Version, step.To, caller.Name, now, id => [
            new AuditRecord(caller.Name, "rectification-request", "rectification", id?.ToString(CultureInfo.InvariantCulture),
                $"form={form.Id}; {state} -> {step.To}; department={form.Department}; deadline={deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; project={form.ProjectName}; text={ReviewText.Quote(body)}"),
        ])
        {
            NewRectification = request,
        };
        var written = await store.WriteAsync(change, cancellationToken);
        return written.Written ? new ReviewResult(ReviewOutcome.Done, State: step.To, RectificationId: written.RectificationId) : ReviewResult.Conflict;
    }
}
