using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Reviews;

namespace Jixiao.App.Review;

/// <summary>A finding with its conclusion and what the caller may do to it now.</summary>
public sealed record FindingReviewView(FindingRecord Finding, FindingReviewRecord? Decision, bool CanConfirm, bool CanDismiss);

/// <summary>A rectification request with its thread, whether it is overdue, and what the caller may do to it now.</summary>
public sealed record RectificationView(RectificationThread Thread, bool Overdue, int DaysOverdue, bool CanAnswer, bool CanAccept, bool CanReturn)
{
    public RectificationRecord Request => Thread.Request;
}

/// <summary>
/// A form's follow-up as the caller sees it: its review state (null for a form without findings and without review),
/// each finding with its conclusion, the rectification requests (newest first), and the buttons the caller gets.
/// </summary>
public sealed record FormReviewView(
    ReviewTarget Target,
    FormReviewState? State,
    IReadOnlyList<FindingReviewView> Findings,
    IReadOnlyList<RectificationView> Rectifications,
    bool CanRequestRectification,
    bool MayRequestRectification,
    DateOnly Today)
{
    /// <summary>Findings confirmed, dismissed and undecided.</summary>
    public (int Confirmed, int Dismissed, int Undecided) Counts => (
        Findings.Count(f => f.Decision?.Decision == FindingDecision.Confirmed),
        Findings.Count(f => f.Decision?.Decision == FindingDecision.Dismissed),
        Findings.Count(f => f.Decision is null));
}

/// <summary>One page of rectification requests, each with its overdue mark, on <see cref="Today"/>.</summary>
public sealed record RectificationList(PagedResult<RectificationItem> Page, DateOnly Today)
{
    public bool IsOverdue(RectificationItem item) => ReviewCalendar.IsOverdue(item?.Request ?? throw new ArgumentNullException(nameof(item)), Today);
}

/// <summary>What the navigation shows a caller: requests waiting for them, and overdue ones (within their scope).</summary>
/// <param name="Waiting">For a department user: open requests to answer; for reviewers and administrators: answers to accept or send back; else 0.</param>
/// <param name="Overdue">Requests within the caller's scope past their deadline without an answer.</param>
public sealed record RectificationCounts(int Waiting, int Overdue);

/// <summary>
/// The follow-up as a caller may see it (复核与整改): one form's review with the caller's buttons, the lists of
/// rectification requests (a department user's own department only; others' are not found), the overdue ones, and
/// the counts for the navigation. A thin facade over <see cref="ReviewStore"/> applying the access policy's scope.
/// </summary>
public sealed class FormReviews(ReviewStore store, AccessPolicy policy, TimeProvider clock)
{
    /// <summary>The review state of a form: its row's, else 待复核 when it has findings, else none.</summary>
    public static FormReviewState? StateOf(ReviewTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Review?.State ?? (target.Findings.Count > 0 ? FormReviewState.Pending : null);
    }

    /// <summary>Today in China (for deadlines and the overdue marks).</summary>
    public DateOnly Today => ReviewCalendar.Today(clock);

    /// <summary>Form <paramref name="formId"/>'s follow-up; null when missing or out of the caller's scope.</summary>
    public async Task<FormReviewView?> FormAsync(Caller caller, long formId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var target = await store.FormAsync(formId, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (target is null)
        {
            return null;
        }

        var state = StateOf(target);
        var request = target.Current?.Request.Status;
        var today = Today;
        var canDecide = state is { } s && ReviewWorkflow.Allows(caller, s, ReviewAction.Confirm, request);
        var findings = target.Findings.Select(f => new FindingReviewView(f, target.DecisionOf(f), canDecide, canDecide)).ToList();
        var mayRequest = state is { } r && ReviewWorkflow.Allows(caller, r, ReviewAction.RequestRectification, request);
        var canRequest = mayRequest && findings.Any(f => f.Decision?.Decision == FindingDecision.Confirmed);
        var threads = target.Rectifications.Select(t => View(caller, t, state, today)).ToList();
        return new FormReviewView(target, state, findings, threads, canRequest, mayRequest, today);
    }

    /// <summary>Request <paramref name="id"/> with its thread and the caller's buttons; null when missing or out of scope.</summary>
    public async Task<RectificationView?> RectificationAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var thread = await store.RectificationAsync(id, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (thread is null)
        {
            return null;
        }

        var review = await store.ReviewOfAsync(thread.Request.ContentHash, cancellationToken);
        return View(caller, thread, review?.State, Today);
    }

    /// <summary>
    /// One page of the requests within the caller's scope: of <paramref name="status"/> when given, only the overdue
    /// ones when <paramref name="overdue"/>; the nearest deadline first.
    /// </summary>
    public async Task<RectificationList> ListAsync(
        Caller caller, RectificationStatus? status, bool overdue, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var today = Today;
        var query = new RectificationQuery
        {
            Scope = await policy.ScopeAsync(caller, cancellationToken),
            Status = status,
            OverdueOn = overdue ? today : null,
            Page = page,
            PageSize = pageSize,
        };
        return new RectificationList(await store.RectificationsAsync(query, cancellationToken), today);
    }

    /// <summary>The counts the navigation shows the caller.</summary>
    public async Task<RectificationCounts> CountsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await policy.ScopeAsync(caller, cancellationToken);
        var today = Today;
        RectificationStatus? waiting = AccessPolicy.Allows(caller, Permission.AnswerRectification) ? RectificationStatus.Open
            : AccessPolicy.Allows(caller, Permission.DemandRectification) ? RectificationStatus.Answered
            : null;
        var (count, overdue) = await store.CountRectificationsAsync(scope, waiting, today, cancellationToken);
        return new RectificationCounts(count, overdue);
    }

    private static RectificationView View(Caller caller, RectificationThread thread, FormReviewState? state, DateOnly today)
    {
        var r = thread.Request;
        bool May(ReviewAction action) => state is { } s && r.Status != RectificationStatus.Accepted && ReviewWorkflow.Allows(caller, s, action, r.Status);
        return new RectificationView(thread, ReviewCalendar.IsOverdue(r, today), ReviewCalendar.DaysOverdue(r.Deadline, today),
            May(ReviewAction.Answer), May(ReviewAction.Accept), May(ReviewAction.Return));
    }
}
