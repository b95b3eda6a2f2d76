using Jixiao.App.Access;
using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;

namespace Jixiao.App.Tests.Review;

/// <summary>
/// The transition table of the follow-up, for every role × state × action × request status: exactly the steps
/// written below are allowed, each to exactly the roles written below; everything else is refused.
/// </summary>
public sealed class ReviewWorkflowTests
{
    private const UserRole Admin = UserRole.Administrator;
    private const UserRole Reviewer = UserRole.FinanceReviewer;
    private const UserRole Supervisor = UserRole.Supervisor;
    private const UserRole Department = UserRole.DepartmentUser;

    /// <summary>The specification: (state, action, the request's status) → the roles that may, and the state after.</summary>
    private static readonly Dictionary<(FormReviewState, ReviewAction, RectificationStatus?), (UserRole[] Roles, FormReviewState To)> Allowed = new()
    {
        [(FormReviewState.Pending, ReviewAction.Confirm, null)] = ([Admin, Reviewer, Supervisor], FormReviewState.Pending),
        [(FormReviewState.Pending, ReviewAction.Dismiss, null)] = ([Admin, Reviewer, Supervisor], FormReviewState.Pending),
        [(FormReviewState.Reviewed, ReviewAction.Confirm, null)] = ([Admin, Reviewer, Supervisor], FormReviewState.Reviewed),
        [(FormReviewState.Reviewed, ReviewAction.Dismiss, null)] = ([Admin, Reviewer, Supervisor], FormReviewState.Reviewed),
        [(FormReviewState.Pending, ReviewAction.CompleteReview, null)] = ([Admin, Reviewer, Supervisor], FormReviewState.Reviewed),
        [(FormReviewState.Pending, ReviewAction.RequestRectification, null)] = ([Admin, Reviewer], FormReviewState.RectificationRequired),
        [(FormReviewState.Reviewed, ReviewAction.RequestRectification, null)] = ([Admin, Reviewer], FormReviewState.RectificationRequired),
        [(FormReviewState.Rectified, ReviewAction.RequestRectification, null)] = ([Admin, Reviewer], FormReviewState.RectificationRequired),
        [(FormReviewState.RectificationRequired, ReviewAction.Answer, RectificationStatus.Open)] = ([Department], FormReviewState.RectificationRequired),
        [(FormReviewState.RectificationRequired, ReviewAction.Accept, RectificationStatus.Answered)] = ([Admin, Reviewer], FormReviewState.Rectified),
        [(FormReviewState.RectificationRequired, ReviewAction.Return, RectificationStatus.Answered)] = ([Admin, Reviewer], FormReviewState.RectificationRequired),
    };

    public static TheoryData<UserRole> Roles => [Admin, Reviewer, Supervisor, Department, UserRole.DepartmentReviewer];

    [Theory]
    [MemberData(nameof(Roles))]
    public void Each_role_may_take_exactly_the_steps_of_the_table_and_no_other(UserRole role)
    {
        var caller = new Caller("someone", role, role.HasDepartment() ? "上海市公安局宝山分局" : null);
        var checkedCases = 0;
        foreach (var state in Enum.GetValues<FormReviewState>())
        {
            foreach (var action in Enum.GetValues<ReviewAction>())
            {
                foreach (var request in new RectificationStatus?[] { null, RectificationStatus.Open, RectificationStatus.Answered })
                {
                    // a step that needs no request is the same with or without one; the table keys it by "none"
                    var key = (state, action, Allowed.Keys.Any(k => k.Item1 == state && k.Item2 == action && k.Item3 is not null) ? request : null);
                    var expected = Allowed.TryGetValue(key, out var allowed) && allowed.Roles.Contains(role);
                    Assert.True(expected == ReviewWorkflow.Allows(caller, state, action, request),
                        $"{role} {action} in {state} with request {request?.ToString() ?? "none"}: expected {(expected ? "allowed" : "refused")}");
                    if (expected)
                    {
                        Assert.Equal(allowed.To, ReviewWorkflow.Find(state, action, request)!.To);
                    }

                    checkedCases++;
                }
            }
        }

        Assert.Equal(4 * 7 * 3, checkedCases);
    }

    [Fact]
    public void The_table_holds_the_specified_steps_and_no_more()
    {
        Assert.Equal(Allowed.Count, ReviewWorkflow.Transitions.Count);
        foreach (var t in ReviewWorkflow.Transitions)
        {
            Assert.True(Allowed.ContainsKey((t.From, t.Action, t.RequestFrom)), $"{t} is not specified");
        }
    }

    [Fact]
    public void A_supervisor_confirms_and_dismisses_findings_and_changes_nothing_else()
    {
        var supervisor = new Caller("npc", Supervisor);
        Assert.True(AccessPolicy.Allows(supervisor, Permission.ReviewFindings));
        foreach (var permission in Enum.GetValues<Permission>().Where(p => p is not (Permission.Read or Permission.ReviewFindings)))
        {
            Assert.False(AccessPolicy.Allows(supervisor, permission), permission.ToString());
        }

        Assert.Equal([ReviewAction.Confirm, ReviewAction.Dismiss, ReviewAction.CompleteReview],
            Enum.GetValues<ReviewAction>().Where(a => ReviewWorkflow.MayEver(supervisor, a)));
    }

    [Theory]
    [InlineData(Admin, true, true, false)]
    [InlineData(Reviewer, true, true, false)]
    [InlineData(Supervisor, true, false, false)]
    [InlineData(Department, false, false, true)]
    [InlineData(UserRole.DepartmentReviewer, false, false, false)]
    public void The_follow_up_permissions_go_to_the_roles_the_issue_names(UserRole role, bool review, bool demand, bool answer)
    {
        var caller = new Caller("someone", role, role.HasDepartment() ? "上海市公安局宝山分局" : null);
        Assert.Equal(review, AccessPolicy.Allows(caller, Permission.ReviewFindings));
        Assert.Equal(demand, AccessPolicy.Allows(caller, Permission.DemandRectification));
        Assert.Equal(answer, AccessPolicy.Allows(caller, Permission.AnswerRectification));
    }
}
