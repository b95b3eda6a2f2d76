using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;

namespace Jixiao.App.Tests.Filings;

/// <summary>
/// Every role × every status × every step of filing: each role takes the part the issue gives it (a department user
/// fills, a department reviewer reviews, the finance bureau and administrators review and publish, a supervisor reads)
/// and exactly the steps of that part in the transition table; a read-only token takes none.
/// </summary>
public sealed class FilingRolesTests
{
    public static TheoryData<UserRole, FilingParty> Roles => new()
    {
        { UserRole.Administrator, FilingParty.Finance },
        { UserRole.FinanceReviewer, FilingParty.Finance },
        { UserRole.Supervisor, FilingParty.Reader },
        { UserRole.DepartmentUser, FilingParty.Filler },
        { UserRole.DepartmentReviewer, FilingParty.DepartmentReviewer },
    };

    [Fact]
    public void Every_role_is_in_the_matrix()
    {
        Assert.Equal(Enum.GetValues<UserRole>().Order(), Roles.Select(r => (UserRole)r[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Each_role_takes_exactly_the_steps_of_its_part(UserRole role, FilingParty party)
    {
        var caller = new Caller("someone", role, role.HasDepartment() ? "上海市公安局宝山分局" : null);
        var token = new Caller("someone", role, caller.Department) { ReadOnly = true };
        Assert.Equal(party, FilingParties.Of(caller));
        Assert.Equal(party, FilingParties.Of(token));
        foreach (var status in Enum.GetValues<FilingStatus>())
        {
            foreach (var action in Enum.GetValues<FilingAction>())
            {
                Assert.Equal(FilingWorkflow.Allows(party, status, action), FilingParties.MayAct(caller, status, action));
                Assert.False(FilingParties.MayAct(token, status, action), $"a read-only token of {role} may {action} in {status}");
            }
        }
    }

    [Theory]
    [InlineData(UserRole.DepartmentUser, new[] { FilingAction.Save, FilingAction.Submit, FilingAction.Withdraw, FilingAction.Comment, FilingAction.ResolveComment })]
    [InlineData(UserRole.DepartmentReviewer, new[] { FilingAction.Return, FilingAction.Approve, FilingAction.Comment, FilingAction.ResolveComment })]
    [InlineData(UserRole.FinanceReviewer, new[] { FilingAction.Return, FilingAction.Approve, FilingAction.Publish, FilingAction.Unpublish, FilingAction.Comment, FilingAction.ResolveComment })]
    [InlineData(UserRole.Administrator, new[] { FilingAction.Return, FilingAction.Approve, FilingAction.Publish, FilingAction.Unpublish, FilingAction.Comment, FilingAction.ResolveComment })]
    [InlineData(UserRole.Supervisor, new FilingAction[0])]
    public void The_steps_each_role_may_ever_take_are_the_ones_the_issue_names(UserRole role, FilingAction[] steps)
    {
        var party = FilingParties.Of(new Caller("someone", role, role.HasDepartment() ? "部门" : null));
        Assert.Equal(steps, Enum.GetValues<FilingAction>().Where(a => FilingWorkflow.MayEver(party, a)));
    }
}
