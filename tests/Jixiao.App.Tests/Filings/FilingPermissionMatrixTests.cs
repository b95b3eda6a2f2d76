using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;

namespace Jixiao.App.Tests.Filings;

/// <summary>
/// The permissions matrix of filing, typed by hand from the issue and decision 009 (not computed from
/// <see cref="FilingWorkflow"/>): who gets what, per status and step, on a filing of the police.
/// </summary>
internal static class FilingMatrix
{
    internal const string Police = "上海市公安局宝山分局";
    internal const string DataBureau = "上海市宝山区数据局";

    /// <summary>The callers of the matrix, in the order of the table's columns.</summary>
    internal static readonly Caller[] Callers =
    [
        new("admin", UserRole.Administrator),
        new("finance", UserRole.FinanceReviewer),
        new("supervisor", UserRole.Supervisor),
        new("police-user", UserRole.DepartmentUser, Police),
        new("police-reviewer", UserRole.DepartmentReviewer, Police),
        new("data-user", UserRole.DepartmentUser, DataBureau),
        new("data-reviewer", UserRole.DepartmentReviewer, DataBureau),
    ];

    /// <summary>The column heads of the table: <see cref="Callers"/> by name.</summary>
    internal const string Columns = "admin finance supervisor police-user police-reviewer data-user data-reviewer";

    /// <summary>
    /// What each caller gets, per status and step, on a filing of the police (the own department of police-user and
    /// police-reviewer): D done, F forbidden (the role never takes that step), N not found (not the caller's to see:
    /// another department's, or a draft a reviewer or supervisor does not see), W not now (the role takes that step,
    /// but not in this status). Columns as <see cref="Columns"/>.
    /// </summary>
    internal static readonly Dictionary<(FilingStatus Status, FilingAction Action), string> Expected = new()
    {
        //                                                          admin fin sup user rev oUser oRev
        [(FilingStatus.Draft, FilingAction.Save)] =                "F F N D N N N",
        [(FilingStatus.Draft, FilingAction.Submit)] =              "F F N D N N N",
        [(FilingStatus.Draft, FilingAction.Withdraw)] =            "F F N W N N N",
        [(FilingStatus.Draft, FilingAction.Return)] =              "W W N F N N N",
        [(FilingStatus.Draft, FilingAction.Approve)] =             "W W N F N N N",
        [(FilingStatus.Draft, FilingAction.Publish)] =             "W W N F N N N",
        [(FilingStatus.Draft, FilingAction.Unpublish)] =           "W W N F N N N",
        [(FilingStatus.Draft, FilingAction.Comment)] =             "W W N D N N N",
        [(FilingStatus.Draft, FilingAction.ResolveComment)] =      "W W N D N N N",

        [(FilingStatus.Submitted, FilingAction.Save)] =            "F F F W F N N",
        [(FilingStatus.Submitted, FilingAction.Submit)] =          "F F F W F N N",
        [(FilingStatus.Submitted, FilingAction.Withdraw)] =        "F F F D F N N",
        [(FilingStatus.Submitted, FilingAction.Return)] =          "D D F F D N N",
        [(FilingStatus.Submitted, FilingAction.Approve)] =         "D D F F D N N",
        [(FilingStatus.Submitted, FilingAction.Publish)] =         "W W F F F N N",
        [(FilingStatus.Submitted, FilingAction.Unpublish)] =       "W W F F F N N",
        [(FilingStatus.Submitted, FilingAction.Comment)] =         "D D F D D N N",
        [(FilingStatus.Submitted, FilingAction.ResolveComment)] =  "D D F D D N N",

        [(FilingStatus.Returned, FilingAction.Save)] =             "F F F D F N N",
        [(FilingStatus.Returned, FilingAction.Submit)] =           "F F F D F N N",
        [(FilingStatus.Returned, FilingAction.Withdraw)] =         "F F F W F N N",
        [(FilingStatus.Returned, FilingAction.Return)] =           "W W F F W N N",
        [(FilingStatus.Returned, FilingAction.Approve)] =          "W W F F W N N",
        [(FilingStatus.Returned, FilingAction.Publish)] =          "W W F F F N N",
        [(FilingStatus.Returned, FilingAction.Unpublish)] =        "W W F F F N N",
        [(FilingStatus.Returned, FilingAction.Comment)] =          "D D F D D N N",
        [(FilingStatus.Returned, FilingAction.ResolveComment)] =   "D D F D D N N",

        [(FilingStatus.Approved, FilingAction.Save)] =             "F F F W F N N",
        [(FilingStatus.Approved, FilingAction.Submit)] =           "F F F W F N N",
        [(FilingStatus.Approved, FilingAction.Withdraw)] =         "F F F W F N N",
        [(FilingStatus.Approved, FilingAction.Return)] =           "W W F F W N N",
        [(FilingStatus.Approved, FilingAction.Approve)] =          "W W F F W N N",
        [(FilingStatus.Approved, FilingAction.Publish)] =          "D D F F F N N",
        [(FilingStatus.Approved, FilingAction.Unpublish)] =        "W W F F F N N",
        [(FilingStatus.Approved, FilingAction.Comment)] =          "D D F W D N N",
        [(FilingStatus.Approved, FilingAction.ResolveComment)] =   "D D F W D N N",

        [(FilingStatus.Published, FilingAction.Save)] =            "F F F W F N N",
        [(FilingStatus.Published, FilingAction.Submit)] =          "F F F W F N N",
        [(FilingStatus.Published, FilingAction.Withdraw)] =        "F F F W F N N",
        [(FilingStatus.Published, FilingAction.Return)] =          "W W F F W N N",
        [(FilingStatus.Published, FilingAction.Approve)] =         "W W F F W N N",
        [(FilingStatus.Published, FilingAction.Publish)] =         "W W F F F N N",
        [(FilingStatus.Published, FilingAction.Unpublish)] =       "D D F F F N N",
        [(FilingStatus.Published, FilingAction.Comment)] =         "W W F W W N N",
        [(FilingStatus.Published, FilingAction.ResolveComment)] =  "W W F W W N N",
    };

    /// <summary>Who may start a filing (新建填报): a department user, in their own department.</summary>
    internal const string ExpectedCreate = "F F F D F D F";

    internal static char[] Cells(string row) => [.. row.Where(c => c != ' ')];

    internal static char Letter(FilingOutcome outcome) => outcome switch
    {
        FilingOutcome.Done => 'D',
        FilingOutcome.Forbidden => 'F',
        FilingOutcome.NotFound => 'N',
        FilingOutcome.NotNow => 'W',
        _ => '?',
    };
}

/// <summary>The matrix is complete: a row for every status and step, a column for every role.</summary>
public sealed class FilingMatrixTableTests
{
    [Fact]
    public void The_table_has_a_row_for_every_status_and_step_and_a_column_for_every_role()
    {
        var missing = Enum.GetValues<FilingStatus>().SelectMany(s => Enum.GetValues<FilingAction>().Select(a => (s, a))).Where(k => !FilingMatrix.Expected.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "no row in the permissions matrix for: " + string.Join(", ", missing) + " — write what each caller gets into FilingMatrix.Expected");
        Assert.Equal(Enum.GetValues<FilingStatus>().Length * Enum.GetValues<FilingAction>().Length, FilingMatrix.Expected.Count);
        Assert.Equal(FilingMatrix.Columns, string.Join(' ', FilingMatrix.Callers.Select(c => c.Name)));
        Assert.All(FilingMatrix.Expected.Values.Append(FilingMatrix.ExpectedCreate), row => Assert.Equal(FilingMatrix.Callers.Length, FilingMatrix.Cells(row).Length));
        Assert.Equal(Enum.GetValues<UserRole>().Order(), FilingMatrix.Callers.Select(c => c.Role).Distinct().Order());
        Assert.Equal([UserRole.DepartmentUser, UserRole.DepartmentReviewer], FilingMatrix.Callers.Where(c => c.Department == FilingMatrix.DataBureau).Select(c => c.Role));
    }
}

/// <summary>
/// The permissions matrix of filing on the real use cases and a real database (权限矩阵): every role — and a
/// department user and a department reviewer of another department — takes every step of filing on a filing in every
/// status, and the outcome (done, forbidden, not found, not now) is the one written out in <see cref="FilingMatrix.Expected"/>, a
/// table typed by hand from the issue and decision 009, never computed from <see cref="FilingWorkflow"/> (which would
/// prove nothing). A status or step without a row fails the test, so a step added later (an "unpublish") must be
/// written into the table. A step that is done gets a filing of its own; the refusals share one (they change nothing,
/// which the test checks too). The buttons a caller is offered (<see cref="FilingView.Actions"/>) are the steps done.
/// </summary>
public abstract class FilingPermissionMatrixTests : DatabaseTest
{
    private const string Police = FilingMatrix.Police;
    private const string DataBureau = FilingMatrix.DataBureau;

    private static Caller[] Callers => FilingMatrix.Callers;

    private readonly FixedClock clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)));

    private AccessPolicy Policy => new(new DepartmentDirectory(Db), clock);

    private FilingCatalog Catalog => new(new FilingStore(Db), Policy);

    private FilingSteps Steps => new(Catalog, clock);

    private FilingComments Comments => new(Catalog, clock);

    private static Caller PoliceUser => Callers[3];

    private static Caller PoliceReviewer => Callers[4];

    [DbFact]
    public Task Every_caller_and_step_on_a_draft() => StatusAsync(FilingStatus.Draft);

    [DbFact]
    public Task Every_caller_and_step_on_a_submitted_filing() => StatusAsync(FilingStatus.Submitted);

    [DbFact]
    public Task Every_caller_and_step_on_a_returned_filing() => StatusAsync(FilingStatus.Returned);

    [DbFact]
    public Task Every_caller_and_step_on_an_approved_filing() => StatusAsync(FilingStatus.Approved);

    [DbFact]
    public Task Every_caller_and_step_on_a_published_filing() => StatusAsync(FilingStatus.Published);

    [DbFact]
    public async Task Only_a_department_user_starts_a_filing_and_in_their_own_department()
    {
        await DepartmentsAsync();
        var expected = FilingMatrix.Cells(FilingMatrix.ExpectedCreate);
        var problems = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            var caller = Callers[i];
            var result = await new CreateFiling(Catalog, Policy, clock).ExecuteAsync(caller, new FilingDraft(FormKind.TargetDeclaration, 2025, "新建权限 " + caller.Name));
            if (FilingMatrix.Letter(result.Outcome) != expected[i])
            {
                problems.Add($"{caller}: create → {result.Outcome} {result.Problem}, expected {expected[i]}");
            }
            else if (result.Succeeded)
            {
                Assert.Equal(caller.Department, result.Filing!.Filing.Department);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Runs every step by every caller on police filings in <paramref name="status"/>, against <see cref="FilingMatrix.Expected"/>.</summary>
    private async Task StatusAsync(FilingStatus status)
    {
        await DepartmentsAsync();
        var shared = await FilingInAsync(status);
        var before = await new FilingStore(Db).GetAsync(shared.Id);
        var openComments = (await new FilingStore(Db).CommentsAsync(shared.Id)).Count(c => !c.Resolved);
        var problems = new List<string>();
        foreach (var action in Enum.GetValues<FilingAction>())
        {
            var row = FilingMatrix.Cells(FilingMatrix.Expected[(status, action)]);
            for (var i = 0; i < Callers.Length; i++)
            {
                var caller = Callers[i];
                var target = row[i] == 'D' ? await FilingInAsync(status) : shared;
                var result = await TakeAsync(caller, action, target);
                if (FilingMatrix.Letter(result.Outcome) != row[i])
                {
                    problems.Add($"{status} × {action} × {caller}: {result.Outcome} {result.Problem}, expected {row[i]}");
                }
                else if (row[i] == 'D' && action is not (FilingAction.Save or FilingAction.Comment or FilingAction.ResolveComment))
                {
                    Assert.Equal(FilingWorkflow.Find(status, action)!.To, result.Filing!.Filing.Status);
                }
            }
        }

        // the refusals changed nothing: the shared filing is as it was
        var after = await new FilingStore(Db).GetAsync(shared.Id);
        Assert.Equal((before!.Status, before.Version, before.Content, before.ReviewStartedAt), (after!.Status, after.Version, after.Content, after.ReviewStartedAt));
        Assert.Equal(openComments, (await new FilingStore(Db).CommentsAsync(shared.Id)).Count(c => !c.Resolved));

        // the buttons each caller who sees the filing is offered are exactly the steps it may take now
        for (var i = 0; i < Callers.Length; i++)
        {
            var view = await Catalog.GetAsync(Callers[i], shared.Id);
            var done = Enum.GetValues<FilingAction>().Where(a => FilingMatrix.Cells(FilingMatrix.Expected[(status, a)])[i] == 'D').ToList();
            var seen = Enum.GetValues<FilingAction>().All(a => FilingMatrix.Cells(FilingMatrix.Expected[(status, a)])[i] != 'N');
            if ((view is not null) != seen)
            {
                problems.Add($"{status} × {Callers[i]}: {(view is null ? "not found" : "seen")}, expected the opposite");
            }
            else if (view is not null && !view.Actions.SequenceEqual(done))
            {
                problems.Add($"{status} × {Callers[i]}: offered [{string.Join(", ", view.Actions)}], expected [{string.Join(", ", done)}]");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} cells differ from the permissions matrix:\n" + string.Join('\n', problems));
    }

    /// <summary>
    /// Takes <paramref name="action"/> as <paramref name="caller"/> on <paramref name="filing"/> with an acceptable input
    /// (a changed goal, a comment, a reason, the filing's open comment), so that only the permissions decide.
    /// </summary>
    private async Task<FilingResult> TakeAsync(Caller caller, FilingAction action, Target filing)
    {
        switch (action)
        {
            case FilingAction.Save:
                var now = await new FilingStore(Db).GetAsync(filing.Id);
                var form = FilingContent.Parse(now!.Content);
                form.Goals.Annual = "全年监控点位完好率不低于98%。" + caller.Name;
                return await new SaveFiling(Catalog, clock).ExecuteAsync(caller, filing.Id, now.Version, FilingContent.Write(form));
            case FilingAction.Submit:
                return await Steps.SubmitAsync(caller, filing.Id);
            case FilingAction.Withdraw:
                return await Steps.WithdrawAsync(caller, filing.Id);
            case FilingAction.Return:
                return await Steps.ReturnAsync(caller, filing.Id, [new FilingCommentInput("indicators[0].target", "请核实目标值。")]);
            case FilingAction.Approve:
                return await Steps.ApproveAsync(caller, filing.Id, "已核实。");
            case FilingAction.Publish:
                return await new PublishFiling(Catalog, new CrossFormChecks(Db), clock).ExecuteAsync(caller, filing.Id);
            case FilingAction.Unpublish:
                return await new UnpublishFiling(Catalog, clock).ExecuteAsync(caller, filing.Id, "公开后发现金额有误，撤销公开。");
            case FilingAction.Comment:
                return await Comments.AddAsync(caller, filing.Id, new FilingCommentInput(null, "意见 " + caller.Name));
            case FilingAction.ResolveComment:
                return await Comments.ResolveAsync(caller, filing.Id, filing.CommentId);
            default:
                throw new InvalidOperationException($"the permissions matrix does not know how to take the step {action}: add it to TakeAsync");
        }
    }

    /// <summary>
    /// A police declaration brought to <paramref name="status"/> by the parties who may (police-user fills, police-reviewer
    /// reviews, finance publishes), with an open comment of police-user's to resolve.
    /// </summary>
    private async Task<Target> FilingInAsync(FilingStatus status)
    {
        var created = await new CreateFiling(Catalog, Policy, clock).ExecuteAsync(PoliceUser, new FilingDraft(FormKind.TargetDeclaration) { Content = FilingContent.Write(FilingTests.Declaration(Police)) });
        var id = created.Filing!.Filing.Id;
        var comment = await Comments.AddAsync(PoliceUser, id, new FilingCommentInput("goals.annual", "草稿自查。"));
        Assert.Equal(FilingOutcome.Done, comment.Outcome);
        var steps = status switch
        {
            FilingStatus.Draft => [],
            FilingStatus.Submitted => [FilingAction.Submit],
            FilingStatus.Returned => [FilingAction.Submit, FilingAction.Return],
            FilingStatus.Approved => new[] { FilingAction.Submit, FilingAction.Approve },
            FilingStatus.Published => [FilingAction.Submit, FilingAction.Approve, FilingAction.Publish],
            _ => throw new InvalidOperationException($"the permissions matrix does not know how to bring a filing to {status}: add it to FilingInAsync"),
        };
        foreach (var step in steps)
        {
            var by = step switch
            {
                FilingAction.Submit => PoliceUser,
                FilingAction.Publish => Callers[1],
                _ => PoliceReviewer,
            };
            var result = await TakeAsync(by, step, new Target(id, comment.CommentId!.Value));
            Assert.Equal(FilingOutcome.Done, result.Outcome);
        }

        return new Target(id, comment.CommentId!.Value);
    }

    /// <summary>The police and the data bureau as stored departments (a form of each imported).</summary>
    private async Task DepartmentsAsync()
    {
        var result = await new FormImporter(Db).ImportFormsAsync([SampleForms.SelfEvaluation(Police, 2024), SampleForms.SelfEvaluation(DataBureau, 2024)], "two.json");
        Assert.True(result.Succeeded);
    }

    /// <summary>A filing of the matrix and the open comment on it.</summary>
    private sealed record Target(long Id, long CommentId);
}

public sealed class SqliteFilingPermissionMatrixTests : FilingPermissionMatrixTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFilingPermissionMatrixTests : FilingPermissionMatrixTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
