using Jixiao.App.Access;
using Jixiao.Core.Workflow;

namespace Jixiao.App.Review;

/// <summary>
/// One allowed step of the follow-up (复核与整改): in form state <see cref="From"/>, <see cref="Action"/> leads to
/// <see cref="To"/> for a caller with permission <see cref="Who"/>; for the steps of a rectification request, the
/// request moves from <see cref="RequestFrom"/> to <see cref="RequestTo"/> (null: no request before, or none touched).
/// </summary>
public sealed record ReviewTransition(
    FormReviewState From,
    ReviewAction Action,
    FormReviewState To,
    Permission Who,
    RectificationStatus? RequestFrom = null,
    RectificationStatus? RequestTo = null);

/// <summary>
/// The follow-up of a form's findings as a transition table (流程表), the one place that says what may happen in
/// which state and who may do it (the roles behind each permission are the <see cref="AccessPolicy"/>'s):
/// <list type="bullet">
/// <item>findings are confirmed or dismissed while the form is 待复核 or 已复核 (frozen while a rectification runs);
/// the last one decided moves 待复核 to 已复核 (<see cref="ReviewAction.CompleteReview"/>);</item>
/// <item>a rectification is asked for from 待复核, 已复核 or 已整改 (a new round) and the form is 需整改;</item>
/// <item>the department answers an open request; the reviewer accepts the answer (已整改) or sends it back (open again).</item>
/// </list>
/// Anything not in the table is refused. docs/decisions/005-review-and-rectification.md explains the choices.
/// </summary>
public static class ReviewWorkflow
{
    /// <summary>Every allowed step.</summary>
    public static IReadOnlyList<ReviewTransition> Transitions { get; } =
    [
        new(FormReviewState.Pending, ReviewAction.Confirm, FormReviewState.Pending, Permission.ReviewFindings),
        new(FormReviewState.Reviewed, ReviewAction.Confirm, FormReviewState.Reviewed, Permission.ReviewFindings),
        new(FormReviewState.Pending, ReviewAction.Dismiss, FormReviewState.Pending, Permission.ReviewFindings),
        new(FormReviewState.Reviewed, ReviewAction.Dismiss, FormReviewState.Reviewed, Permission.ReviewFindings),
        new(FormReviewState.Pending, ReviewAction.CompleteReview, FormReviewState.Reviewed, Permission.ReviewFindings),
        new(FormReviewState.Pending, ReviewAction.RequestRectification, FormReviewState.RectificationRequired, Permission.DemandRectification, null, RectificationStatus.Open),
        new(FormReviewState.Reviewed, ReviewAction.RequestRectification, FormReviewState.RectificationRequired, Permission.DemandRectification, null, RectificationStatus.Open),
        new(FormReviewState.Rectified, ReviewAction.RequestRectification, FormReviewState.RectificationRequired, Permission.DemandRectification, null, RectificationStatus.Open),
        new(FormReviewState.RectificationRequired, ReviewAction.Answer, FormReviewState.RectificationRequired, Permission.AnswerRectification, RectificationStatus.Open, RectificationStatus.Answered),
        new(FormReviewState.RectificationRequired, ReviewAction.Accept, FormReviewState.Rectified, Permission.DemandRectification, RectificationStatus.Answered, RectificationStatus.Accepted),
        new(FormReviewState.RectificationRequired, ReviewAction.Return, FormReviewState.RectificationRequired, Permission.DemandRectification, RectificationStatus.Answered, RectificationStatus.Open),
    ];

    /// <summary>
    /// The step <paramref name="action"/> takes from form state <paramref name="from"/> with the form's current request
    /// in status <paramref name="request"/> (null: no open or answered request), or null when the table has none.
    /// </summary>
    public static ReviewTransition? Find(FormReviewState from, ReviewAction action, RectificationStatus? request = null)
    {
        foreach (var t in Transitions)
        {
            if (t.From == from && t.Action == action && (t.RequestFrom is null || t.RequestFrom == request))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="caller"/> may take <paramref name="action"/> from that state now.</summary>
    public static bool Allows(Caller caller, FormReviewState from, ReviewAction action, RectificationStatus? request = null) =>
        Find(from, action, request) is { } t && AccessPolicy.Allows(caller, t.Who);

    /// <summary>True when some state lets <paramref name="caller"/>'s role take <paramref name="action"/> at all.</summary>
    public static bool MayEver(Caller caller, ReviewAction action)
    {
        foreach (var t in Transitions)
        {
            if (t.Action == action && AccessPolicy.Allows(caller, t.Who))
            {
                return true;
            }
        }

        return false;
    }
}
