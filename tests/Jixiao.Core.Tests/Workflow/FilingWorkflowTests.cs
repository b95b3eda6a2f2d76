using Jixiao.Core.Workflow;

namespace Jixiao.Core.Tests.Workflow;

/// <summary>
/// The transition table of filing (填报), for every party × status × action: exactly the steps written below are
/// allowed, each to exactly the parties written below, leading to the status written below; everything else is
/// refused. And who sees a filing in which status.
/// </summary>
public sealed class FilingWorkflowTests
{
    private const FilingParty Filler = FilingParty.Filler;
    private const FilingParty DepartmentReviewer = FilingParty.DepartmentReviewer;
    private const FilingParty Finance = FilingParty.Finance;
    private const FilingParty Reader = FilingParty.Reader;

    /// <summary>The specification: (status, action) → the parties that may, and the status after.</summary>
    private static readonly Dictionary<(FilingStatus, FilingAction), (FilingParty[] Parties, FilingStatus To)> Allowed = new()
    {
        [(FilingStatus.Draft, FilingAction.Save)] = ([Filler], FilingStatus.Draft),
        [(FilingStatus.Returned, FilingAction.Save)] = ([Filler], FilingStatus.Returned),
        [(FilingStatus.Draft, FilingAction.Submit)] = ([Filler], FilingStatus.Submitted),
        [(FilingStatus.Returned, FilingAction.Submit)] = ([Filler], FilingStatus.Submitted),
        [(FilingStatus.Submitted, FilingAction.Withdraw)] = ([Filler], FilingStatus.Draft),
        [(FilingStatus.Submitted, FilingAction.Return)] = ([DepartmentReviewer, Finance], FilingStatus.Returned),
        [(FilingStatus.Submitted, FilingAction.Approve)] = ([DepartmentReviewer, Finance], FilingStatus.Approved),
        [(FilingStatus.Approved, FilingAction.Publish)] = ([Finance], FilingStatus.Published),
        [(FilingStatus.Published, FilingAction.Unpublish)] = ([Finance], FilingStatus.Approved),
        [(FilingStatus.Draft, FilingAction.Comment)] = ([Filler], FilingStatus.Draft),
        [(FilingStatus.Submitted, FilingAction.Comment)] = ([Filler, DepartmentReviewer, Finance], FilingStatus.Submitted),
        [(FilingStatus.Returned, FilingAction.Comment)] = ([Filler, DepartmentReviewer, Finance], FilingStatus.Returned),
        [(FilingStatus.Approved, FilingAction.Comment)] = ([DepartmentReviewer, Finance], FilingStatus.Approved),
        [(FilingStatus.Draft, FilingAction.ResolveComment)] = ([Filler], FilingStatus.Draft),
        [(FilingStatus.Submitted, FilingAction.ResolveComment)] = ([Filler, DepartmentReviewer, Finance], FilingStatus.Submitted),
        [(FilingStatus.Returned, FilingAction.ResolveComment)] = ([Filler, DepartmentReviewer, Finance], FilingStatus.Returned),
        [(FilingStatus.Approved, FilingAction.ResolveComment)] = ([DepartmentReviewer, Finance], FilingStatus.Approved),
    };

    public static TheoryData<FilingParty> Parties => [FilingParty.None, Filler, DepartmentReviewer, Finance, Reader];

    [Theory]
    [MemberData(nameof(Parties))]
    public void Each_party_may_take_exactly_the_steps_of_the_table_and_no_other(FilingParty party)
    {
        var checkedCases = 0;
        foreach (var status in Enum.GetValues<FilingStatus>())
        {
            foreach (var action in Enum.GetValues<FilingAction>())
            {
                var expected = Allowed.TryGetValue((status, action), out var allowed) && allowed.Parties.Contains(party);
                Assert.True(expected == FilingWorkflow.Allows(party, status, action),
                    $"{party} {action} in {status}: expected {(expected ? "allowed" : "refused")}");
                if (expected)
                {
                    Assert.Equal(allowed.To, FilingWorkflow.Find(status, action)!.To);
                    Assert.Contains(action, FilingWorkflow.ActionsOf(party, status));
                }
                else
                {
                    Assert.DoesNotContain(action, FilingWorkflow.ActionsOf(party, status));
                }

                checkedCases++;
            }
        }

        Assert.Equal(5 * 9, checkedCases);
    }

    [Fact]
    public void The_table_holds_the_specified_steps_and_no_more()
    {
        Assert.Equal(Allowed.Count, FilingWorkflow.Transitions.Count);
        foreach (var t in FilingWorkflow.Transitions)
        {
            Assert.True(Allowed.TryGetValue((t.From, t.Action), out var spec), $"{t} is not specified");
            Assert.Equal(spec.To, t.To);
            Assert.Equal(spec.Parties.Aggregate(FilingParty.None, (a, p) => a | p), t.Who);
        }
    }

    [Fact]
    public void A_published_form_is_frozen_and_only_the_finance_bureau_publishes_and_withdraws_it_from_disclosure()
    {
        foreach (var action in Enum.GetValues<FilingAction>().Where(a => a != FilingAction.Unpublish))
        {
            Assert.Null(FilingWorkflow.Find(FilingStatus.Published, action));
        }

        // 撤销公开: back to approved, from where it may be published again; nobody but the finance bureau, in no other status
        Assert.Equal(new FilingTransition(FilingStatus.Published, FilingAction.Unpublish, FilingStatus.Approved, Finance), FilingWorkflow.Find(FilingStatus.Published, FilingAction.Unpublish));
        Assert.Equal([FilingAction.Unpublish], FilingWorkflow.ActionsOf(Finance, FilingStatus.Published));
        Assert.Equal([FilingAction.Publish, FilingAction.Comment, FilingAction.ResolveComment], FilingWorkflow.ActionsOf(Finance, FilingStatus.Approved));
        foreach (var party in new[] { Filler, DepartmentReviewer, Reader, FilingParty.None })
        {
            Assert.False(FilingWorkflow.MayEver(party, FilingAction.Unpublish), $"{party} may unpublish");
            Assert.Empty(FilingWorkflow.ActionsOf(party, FilingStatus.Published));
        }

        Assert.Equal([FilingStatus.Published], FilingWorkflow.Transitions.Where(t => t.Action == FilingAction.Unpublish).Select(t => t.From));

        Assert.True(FilingWorkflow.MayEver(Finance, FilingAction.Publish));
        Assert.False(FilingWorkflow.MayEver(DepartmentReviewer, FilingAction.Publish));
        Assert.False(FilingWorkflow.MayEver(Filler, FilingAction.Publish));
        Assert.False(FilingWorkflow.MayEver(Reader, FilingAction.Comment));
        Assert.False(FilingWorkflow.MayEver(DepartmentReviewer, FilingAction.Save));
        Assert.False(FilingWorkflow.MayEver(Finance, FilingAction.Save));
    }

    [Theory]
    [InlineData(FilingStatus.Draft, new[] { Filler, Finance })]
    [InlineData(FilingStatus.Submitted, new[] { Filler, DepartmentReviewer, Finance, Reader })]
    [InlineData(FilingStatus.Returned, new[] { Filler, DepartmentReviewer, Finance, Reader })]
    [InlineData(FilingStatus.Approved, new[] { Filler, DepartmentReviewer, Finance, Reader })]
    [InlineData(FilingStatus.Published, new[] { Filler, DepartmentReviewer, Finance, Reader })]
    public void A_draft_is_seen_by_its_fillers_and_the_finance_bureau_and_a_submitted_form_by_everyone(FilingStatus status, FilingParty[] seeing)
    {
        foreach (var party in new[] { FilingParty.None, Filler, DepartmentReviewer, Finance, Reader })
        {
            Assert.Equal(seeing.Contains(party), FilingWorkflow.Sees(party, status));
        }
    }

    [Theory]
    [InlineData("indicators[3].target", true)]
    [InlineData("indicators[0]", true)]
    [InlineData("indicators", true)]
    [InlineData("funds.total.executed", true)]
    [InlineData("funds.annualTotal", true)]
    [InlineData("goals.annual", true)]
    [InlineData("plannedEnd", true)]
    [InlineData("totalScore", true)]
    [InlineData("indicators[03].target", false)]
    [InlineData("indicators[3].colour", false)]
    [InlineData("funds.total.annualTotal", false)]
    [InlineData("indicators[-1].name", false)]
    [InlineData("<script>", false)]
    [InlineData("", false)]
    public void A_comment_names_a_cell_by_a_path_of_the_interchange_format(string path, bool valid) =>
        Assert.Equal(valid, FieldPaths.IsValid(path));
}
