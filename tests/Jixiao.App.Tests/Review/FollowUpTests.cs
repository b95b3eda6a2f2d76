using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Review;

/// <summary>
/// The follow-up of findings on a real database (复核与整改): conclusions, the form's review state, rectification
/// requests and their threads, the department scope, the overdue list on a fixed clock, the audit entries written in
/// the change's transaction, and the conclusions surviving the deletion and re-import of their form.
/// </summary>
public abstract class FollowUpTests : DatabaseTest
{
    protected const string Police = "上海市公安局宝山分局";
    protected const string DataBureau = "上海市宝山区数据局";

    private static readonly DateOnly Monday = new(2025, 3, 10);

    private readonly FixedClock clock = new(default);
    private readonly Caller admin = new("admin", UserRole.Administrator);
    private readonly Caller reviewer = new("reviewer", UserRole.FinanceReviewer);
    private readonly Caller supervisor = new("supervisor", UserRole.Supervisor);
    private readonly Caller policeUser = new("police-user", UserRole.DepartmentUser, Police);
    private readonly Caller dataUser = new("data-user", UserRole.DepartmentUser, DataBureau);

    protected FollowUpTests() => clock.Set(Monday);

    private AccessPolicy Policy => new(new DepartmentDirectory(Db), clock);

    private ReviewStore Store(Func<Task>? afterWrite = null) => new(Db) { AfterWrite = afterWrite };

    private DecideFinding Decide(ReviewStore? store = null) => new(store ?? Store(), Policy, clock);

    private RequestRectification Request(ReviewStore? store = null) => new(store ?? Store(), Policy, clock);

    private RectificationSteps Steps(ReviewStore? store = null) => new(store ?? Store(), Policy, clock);

    private FormReviews Reviews => new(Store(), Policy, clock);

    /// <summary>One self-evaluation of the police and one of the data bureau; their ids.</summary>
    private async Task<(long Police, long Data)> ImportTwoAsync()
    {
        var result = await new FormImporter(Db).ImportFormsAsync([SampleForms.SelfEvaluation(Police, 2024), SampleForms.SelfEvaluation(DataBureau, 2024)], "two.json");
        Assert.True(result.Succeeded);
        await using var db = Db.CreateContext();
        var ids = await db.Forms.OrderBy(f => f.Id).Select(f => f.Id).ToListAsync();
        return (ids[0], ids[1]);
    }

    private async Task<List<AuditEntry>> AuditAsync(string prefix = "")
    {
        await using var db = Db.CreateContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action != "import" && a.Action != "delete" && a.Action.StartsWith(prefix)).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<long> RequestOnAsync(long formId, DateOnly deadline)
    {
        Assert.Equal(ReviewOutcome.Done, (await Decide().ExecuteAsync(reviewer, formId, 0, FindingDecision.Confirmed, "确有此问题")).Outcome);
        var requested = await Request().ExecuteAsync(reviewer, formId, deadline, "请补充满意度指标并说明原因。");
        Assert.Equal(ReviewOutcome.Done, requested.Outcome);
        return requested.RectificationId!.Value;
    }

    [DbFact]
    public async Task A_dismissal_needs_a_note_and_the_last_conclusion_completes_the_review()
    {
        var (form, _) = await ImportTwoAsync();
        var before = (await Reviews.FormAsync(reviewer, form))!;
        Assert.Equal(FormReviewState.Pending, before.State);
        // 效益 and 满意度 missing (both reported on "indicators"), one indicator weighing 90 of 100
        Assert.Equal(["CAT-MISSING", "CAT-MISSING", "WEIGHT-SPLIT", "IND-WEIGHT-CONCENTRATED"], before.Findings.Select(f => f.Finding.Code));

        Assert.Equal(ReviewResult.Invalid(ReviewProblem.NoteRequired), await Decide().ExecuteAsync(reviewer, form, 1, FindingDecision.Dismissed, "  "));
        Assert.Equal(new ReviewResult(ReviewOutcome.NotFound, ReviewProblem.NoSuchFinding), await Decide().ExecuteAsync(reviewer, form, 4, FindingDecision.Confirmed, null));
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Pending), await Decide().ExecuteAsync(supervisor, form, 0, FindingDecision.Confirmed, null));
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Pending), await Decide().ExecuteAsync(reviewer, form, 1, FindingDecision.Dismissed, "项目无受益对象，满意度不适用"));
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Pending), await Decide().ExecuteAsync(reviewer, form, 2, FindingDecision.Dismissed, "单一指标项目"));
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Reviewed), await Decide().ExecuteAsync(admin, form, 3, FindingDecision.Confirmed, "权重过于集中"));

        var after = (await Reviews.FormAsync(reviewer, form))!;
        Assert.Equal(FormReviewState.Reviewed, after.State);
        Assert.Equal(
            [(FindingDecision.Confirmed, null, "supervisor"), (FindingDecision.Dismissed, "项目无受益对象，满意度不适用", "reviewer"),
             (FindingDecision.Dismissed, "单一指标项目", "reviewer"), (FindingDecision.Confirmed, "权重过于集中", "admin")],
            after.Findings.Select(f => (f.Decision!.Decision, f.Decision.Note, f.Decision.DecidedBy)));
        Assert.Equal((2, 2, 0), after.Counts);

        var audit = await AuditAsync();
        Assert.Equal(["finding-confirm", "finding-dismiss", "finding-dismiss", "finding-confirm", "form-review"], audit.Select(a => a.Action));
        Assert.Equal(["supervisor", "reviewer", "reviewer", "admin", "admin"], audit.Select(a => a.Actor));
        Assert.All(audit, a => Assert.Equal(("form", form.ToString()), (a.TargetType!, a.TargetId!)));
        Assert.StartsWith("CAT-MISSING indicators (#2); ", audit[1].Details, StringComparison.Ordinal);
        Assert.EndsWith("note=项目无受益对象，满意度不适用", audit[1].Details, StringComparison.Ordinal);
        Assert.StartsWith("Pending -> Reviewed; findings=4", audit[4].Details, StringComparison.Ordinal);

        // a conclusion can be changed while the form is not under rectification; the state stays reviewed
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Reviewed), await Decide().ExecuteAsync(reviewer, form, 1, FindingDecision.Confirmed, null));
        Assert.Equal((3, 1, 0), (await Reviews.FormAsync(reviewer, form))!.Counts);
    }

    [DbFact]
    public async Task A_dismissed_finding_stays_dismissed_and_a_confirmed_one_confirmed_when_its_form_is_deleted_and_imported_again()
    {
        var path = Corpus.PathOf(Corpus.Songnan2023);
        var first = await new FormImporter(Db).ImportFileAsync(path);
        Assert.True(first.Succeeded);
        var (formId, hash) = await FormWithTwoFindingsAsync();
        Assert.Equal(ReviewOutcome.Done, (await Decide().ExecuteAsync(reviewer, formId, 0, FindingDecision.Dismissed, "读取误差，原表正确")).Outcome);
        Assert.Equal(ReviewOutcome.Done, (await Decide().ExecuteAsync(reviewer, formId, 1, FindingDecision.Confirmed, "确认")).Outcome);
        var requestId = (await Request().ExecuteAsync(reviewer, formId, Monday.AddDays(14), "请说明")).RectificationId;

        var deleted = await new DeleteBatch(new FormWriter(Db), new ImportBatchStore(Db), new NoKeptFiles()).ExecuteAsync(admin, first.BatchId);
        Assert.Equal(BatchDeletion.Deleted, deleted.Outcome);
        Assert.Null(await Reviews.FormAsync(reviewer, formId));

        Assert.True((await new FormImporter(Db).ImportFileAsync(path)).Succeeded);
        await using var db = Db.CreateContext();
        var again = await db.Forms.Where(f => f.ContentHash == hash).Select(f => f.Id).SingleAsync();
        Assert.NotEqual(formId, again);

        var view = (await Reviews.FormAsync(reviewer, again))!;
        Assert.Equal((FindingDecision.Dismissed, "读取误差，原表正确"), (view.Findings[0].Decision!.Decision, view.Findings[0].Decision!.Note));
        Assert.Equal((FindingDecision.Confirmed, "确认"), (view.Findings[1].Decision!.Decision, view.Findings[1].Decision!.Note));
        Assert.All(view.Findings.Skip(2), f => Assert.Null(f.Decision));
        Assert.Equal(FormReviewState.RectificationRequired, view.State);
        var thread = Assert.Single(view.Rectifications);
        Assert.Equal((requestId!.Value, again), (thread.Request.Id, thread.Thread.FormId!.Value));

        // the lists find the re-imported form by its review state and its findings by their conclusions
        var forms = new FormQueries(Db);
        Assert.Equal([again], (await forms.ListAsync(new FormQuery { ReviewState = FormReviewState.RectificationRequired })).Items.Select(f => f.Id));
        var decisions = await Store().DecisionsOfAsync([again]);
        Assert.Equal([(again, 0, FindingDecision.Dismissed), (again, 1, FindingDecision.Confirmed)],
            decisions.OrderBy(d => d.Key.Position).Select(d => (d.Key.FormId, d.Key.Position, d.Value.Decision)));
    }

    /// <summary>The first stored form with at least three findings (two decided, one left undecided), and its content hash.</summary>
    private async Task<(long Id, string Hash)> FormWithTwoFindingsAsync()
    {
        await using var db = Db.CreateContext();
        var form = await db.Forms.Where(f => db.Findings.Count(x => x.FormId == f.Id) >= 3).OrderBy(f => f.Id).Select(f => new { f.Id, f.ContentHash }).FirstAsync();
        return (form.Id, form.ContentHash);
    }

    [DbFact]
    public async Task A_failure_after_the_audit_write_rolls_back_the_change_and_its_audit_entries()
    {
        var (form, _) = await ImportTwoAsync();
        var failing = Store(() => throw new InvalidOperationException("the disk is full"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Decide(failing).ExecuteAsync(reviewer, form, 0, FindingDecision.Dismissed, "不是问题"));
        await using (var db = Db.CreateContext())
        {
            Assert.Equal((0, 0), (await db.FindingReviews.CountAsync(), await db.FormReviews.CountAsync()));
        }

        Assert.Empty(await AuditAsync());

        // the same for a request (its id is in the audit entry): neither the request, nor its message, nor the entry stays
        Assert.Equal(ReviewOutcome.Done, (await Decide().ExecuteAsync(reviewer, form, 0, FindingDecision.Confirmed, null)).Outcome);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Request(failing).ExecuteAsync(reviewer, form, Monday.AddDays(7), "请整改"));
        await using (var db = Db.CreateContext())
        {
            Assert.Equal((0, 0), (await db.Rectifications.CountAsync(), await db.RectificationMessages.CountAsync()));
            var review = await db.FormReviews.SingleAsync();
            Assert.Equal((FormReviewState.Pending, 1), (review.State, review.Version));
        }

        Assert.Equal(["finding-confirm"], (await AuditAsync()).Select(a => a.Action));

        // and for a step of a request
        var id = (await Request().ExecuteAsync(reviewer, form, Monday.AddDays(7), "请整改")).RectificationId!.Value;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Steps(failing).AnswerAsync(policeUser, id, "已整改", done: true));
        var thread = (await Reviews.RectificationAsync(reviewer, id))!;
        Assert.Equal((RectificationStatus.Open, 1), (thread.Request.Status, thread.Thread.Messages.Count));
        Assert.Equal(["finding-confirm", "rectification-request"], (await AuditAsync()).Select(a => a.Action));
    }

    [DbFact]
    public async Task Overdue_requests_are_those_still_unanswered_after_their_deadline()
    {
        var (form, _) = await ImportTwoAsync();
        Assert.Equal(ReviewOutcome.Done, (await Decide().ExecuteAsync(reviewer, form, 0, FindingDecision.Confirmed, null)).Outcome);
        Assert.Equal(ReviewResult.Invalid(ReviewProblem.DeadlinePassed), await Request().ExecuteAsync(reviewer, form, Monday.AddDays(-1), "请整改"));
        Assert.Equal(ReviewResult.Invalid(ReviewProblem.DeadlineTooFar), await Request().ExecuteAsync(reviewer, form, Monday.AddDays(RequestRectification.LongestTerm + 1), "请整改"));
        Assert.Equal(ReviewResult.Invalid(ReviewProblem.TextRequired), await Request().ExecuteAsync(reviewer, form, Monday, " "));
        var id = (await Request().ExecuteAsync(reviewer, form, Monday.AddDays(4), "请于周五前答复")).RectificationId!.Value;

        async Task<(long Listed, int PoliceCount, int ReviewerCount, int DataCount)> OverdueAsync() => (
            (await Reviews.ListAsync(reviewer, null, overdue: true, 1, 50)).Page.TotalCount,
            (await Reviews.CountsAsync(policeUser)).Overdue,
            (await Reviews.CountsAsync(reviewer)).Overdue,
            (await Reviews.CountsAsync(dataUser)).Overdue);

        clock.Set(Monday.AddDays(4), hour: 23); // the deadline's last hour in China (15:00 UTC)
        Assert.Equal((0L, 0, 0, 0), await OverdueAsync());

        clock.Set(Monday.AddDays(5), hour: 0); // the next day began in China (still the deadline's day in UTC)
        Assert.Equal((1L, 1, 1, 0), await OverdueAsync());
        var list = await Reviews.ListAsync(policeUser, null, overdue: true, 1, 50);
        Assert.True(list.IsOverdue(Assert.Single(list.Page.Items)));
        clock.Set(Monday.AddDays(8));
        var view = (await Reviews.RectificationAsync(policeUser, id))!;
        Assert.Equal((true, 4), (view.Overdue, view.DaysOverdue));

        // answered (late): waiting for the reviewer, not overdue; sent back: overdue again
        Assert.Equal(ReviewOutcome.Done, (await Steps().AnswerAsync(policeUser, id, "已补充满意度调查。", done: true)).Outcome);
        Assert.Equal((0L, 0, 0, 0), await OverdueAsync());
        Assert.Equal(new RectificationCounts(1, 0), await Reviews.CountsAsync(reviewer));
        Assert.Equal(ReviewOutcome.Done, (await Steps().ReturnAsync(reviewer, id, "调查问卷未附")).Outcome);
        Assert.Equal((1L, 1, 1, 0), await OverdueAsync());
        Assert.Equal(new RectificationCounts(1, 1), await Reviews.CountsAsync(policeUser));
    }

    [DbFact]
    public async Task A_department_user_sees_and_answers_only_their_own_department_s_requests()
    {
        var (policeForm, dataForm) = await ImportTwoAsync();
        var id = await RequestOnAsync(policeForm, Monday.AddDays(10));

        // another department: not found, whatever it tries
        Assert.Null(await Reviews.RectificationAsync(dataUser, id));
        Assert.Null(await Reviews.FormAsync(dataUser, policeForm));
        Assert.Equal(0, (await Reviews.ListAsync(dataUser, null, false, 1, 50)).Page.TotalCount);
        Assert.Equal(ReviewResult.NotFound, await Steps().AnswerAsync(dataUser, id, "我们来答复", done: false));
        Assert.Equal(ReviewResult.NotFound, await Decide().ExecuteAsync(dataUser, policeForm, 1, FindingDecision.Dismissed, "不是问题"));

        // the own department: listed and answered, but no reviewer's step
        var own = await Reviews.ListAsync(policeUser, null, false, 1, 50);
        Assert.Equal([id], own.Page.Items.Select(i => i.Request.Id));
        Assert.Equal([policeForm], own.Page.Items.Select(i => i.FormId!.Value));
        Assert.Equal(ReviewResult.Forbidden, await Decide().ExecuteAsync(policeUser, policeForm, 1, FindingDecision.Dismissed, "不是问题"));
        Assert.Equal(ReviewResult.Forbidden, await Request().ExecuteAsync(policeUser, policeForm, Monday.AddDays(3), "自己要求整改"));
        var view = (await Reviews.RectificationAsync(policeUser, id))!;
        Assert.Equal((true, false, false), (view.CanAnswer, view.CanAccept, view.CanReturn));
        Assert.Equal(ReviewOutcome.Done, (await Steps().AnswerAsync(policeUser, id, "已整改", done: true)).Outcome);
        Assert.Equal(ReviewResult.Forbidden, await Steps().AcceptAsync(policeUser, id, null));

        // a supervisor reads it and cannot act on it; a reviewer can
        Assert.Equal(ReviewResult.Forbidden, await Steps().AcceptAsync(supervisor, id, null));
        Assert.Equal(ReviewResult.Forbidden, await Steps().AnswerAsync(supervisor, id, "代答", done: false));
        Assert.Equal(ReviewResult.Forbidden, await Request().ExecuteAsync(supervisor, dataForm, Monday.AddDays(3), "请整改"));
        var reviewerView = (await Reviews.RectificationAsync(reviewer, id))!;
        Assert.Equal((false, true, true), (reviewerView.CanAnswer, reviewerView.CanAccept, reviewerView.CanReturn));
        Assert.Equal(ReviewOutcome.Done, (await Steps().AcceptAsync(reviewer, id, null)).Outcome);
    }

    [DbFact]
    public async Task A_finding_works_from_warning_to_rectification_with_each_step_audited()
    {
        var (form, _) = await ImportTwoAsync();
        Assert.Equal(ReviewResult.NotNow(ReviewProblem.NoConfirmedFinding), await Request().ExecuteAsync(reviewer, form, Monday.AddDays(7), "请整改"));
        var id = await RequestOnAsync(form, Monday.AddDays(7));
        Assert.Equal(FormReviewState.RectificationRequired, (await Reviews.FormAsync(reviewer, form))!.State);

        // findings are frozen and no second request runs while this one does; nothing to accept before an answer
        Assert.Equal(ReviewResult.NotNow(ReviewProblem.WrongState), await Decide().ExecuteAsync(reviewer, form, 1, FindingDecision.Dismissed, "不是问题"));
        Assert.Equal(ReviewResult.NotNow(ReviewProblem.WrongState), await Request().ExecuteAsync(reviewer, form, Monday.AddDays(7), "再次要求"));
        Assert.Equal(ReviewResult.NotNow(ReviewProblem.WrongRequestStatus), await Steps().AcceptAsync(reviewer, id, null));
        Assert.Equal(ReviewResult.Invalid(ReviewProblem.TextRequired), await Steps().AnswerAsync(policeUser, id, "", done: false));

        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.RectificationRequired, RectificationId: id), await Steps().AnswerAsync(policeUser, id, "正在整改", done: false));
        Assert.Equal(ReviewResult.NotNow(ReviewProblem.WrongRequestStatus), await Steps().AnswerAsync(policeUser, id, "再答一次", done: false));
        Assert.Equal(ReviewResult.Invalid(ReviewProblem.NoteRequired), await Steps().ReturnAsync(reviewer, id, null));
        Assert.Equal(ReviewOutcome.Done, (await Steps().ReturnAsync(reviewer, id, "请附整改材料")).Outcome);
        Assert.Equal(ReviewOutcome.Done, (await Steps().AnswerAsync(policeUser, id, "已补充满意度指标，附调查报告。", done: true)).Outcome);
        Assert.Equal(new ReviewResult(ReviewOutcome.Done, State: FormReviewState.Rectified, RectificationId: id), await Steps().AcceptAsync(admin, id, "整改到位"));

        var view = (await Reviews.FormAsync(reviewer, form))!;
        Assert.Equal(FormReviewState.Rectified, view.State);
        var thread = Assert.Single(view.Rectifications);
        Assert.Equal((RectificationStatus.Accepted, true, "police-user", "admin"), (thread.Request.Status, thread.Request.MarkedDone, thread.Request.AnsweredBy, thread.Request.ClosedBy));
        Assert.Equal(
            [(RectificationStep.Request, "reviewer", "请补充满意度指标并说明原因。"), (RectificationStep.Answer, "police-user", "正在整改"),
             (RectificationStep.Return, "reviewer", "请附整改材料"), (RectificationStep.Answer, "police-user", "已补充满意度指标，附调查报告。"),
             (RectificationStep.Accept, "admin", "整改到位")],
            thread.Thread.Messages.Select(m => (m.Step, m.Author, m.Text)));
        Assert.Equal([false, false, false, true, false], thread.Thread.Messages.Select(m => m.MarkedDone));

        var audit = await AuditAsync();
        Assert.Equal(["finding-confirm", "rectification-request", "rectification-answer", "rectification-return", "rectification-answer", "rectification-accept"],
            audit.Select(a => a.Action));
        Assert.All(audit.Skip(1), a => Assert.Equal(("rectification", id.ToString()), (a.TargetType!, a.TargetId!)));
        Assert.StartsWith($"form={form}; Pending -> RectificationRequired; department={Police}; deadline=2025-03-17; ", audit[1].Details, StringComparison.Ordinal);
        Assert.StartsWith("Answered -> Accepted; form RectificationRequired -> Rectified; ", audit[5].Details, StringComparison.Ordinal);
        Assert.StartsWith("Open -> Answered; done; ", audit[4].Details, StringComparison.Ordinal);

        // a new round from the rectified form
        Assert.Equal(FormReviewState.RectificationRequired, (await Request().ExecuteAsync(reviewer, form, Monday.AddDays(30), "复查发现仍有问题")).State);
        Assert.Equal(2, (await Reviews.FormAsync(reviewer, form))!.Rectifications.Count);
    }

    [DbFact]
    public async Task Of_two_changes_made_from_the_same_version_only_the_first_is_written()
    {
        var (form, _) = await ImportTwoAsync();
        var target = (await Store().FormAsync(form, null))!;
        ReviewChange Change(int version, string who) => new(target.Form.ContentHash, version, FormReviewState.Pending, who, DateTime.UtcNow,
            _ => [new Data.Accounts.AuditRecord(who, "finding-confirm", "form", form.ToString())]);

        Assert.True((await Store().WriteAsync(Change(0, "first"))).Written);
        Assert.False((await Store().WriteAsync(Change(0, "second"))).Written);
        Assert.True((await Store().WriteAsync(Change(1, "third"))).Written);
        Assert.False((await Store().WriteAsync(Change(1, "fourth"))).Written);
        Assert.Equal(["first", "third"], (await AuditAsync()).Select(a => a.Actor));
        await using var db = Db.CreateContext();
        var review = await db.FormReviews.SingleAsync();
        Assert.Equal((2, "third"), (review.Version, review.UpdatedBy));
    }

    [DbFact]
    public async Task The_form_list_and_a_findings_query_filter_by_review_state_and_conclusion()
    {
        var (policeForm, dataForm) = await ImportTwoAsync();
        var forms = new FormQueries(Db);
        async Task<long[]> IdsAsync(FormReviewState state) => [.. (await forms.ListAsync(new FormQuery { ReviewState = state })).Items.Select(f => f.Id).Order()];

        Assert.Equal([policeForm, dataForm], await IdsAsync(FormReviewState.Pending));
        await Decide().ExecuteAsync(reviewer, policeForm, 0, FindingDecision.Confirmed, null);
        await Decide().ExecuteAsync(reviewer, policeForm, 1, FindingDecision.Dismissed, "不适用");
        await Decide().ExecuteAsync(reviewer, policeForm, 2, FindingDecision.Dismissed, "不适用");
        Assert.Equal([policeForm, dataForm], await IdsAsync(FormReviewState.Pending)); // three of four decided: still pending
        await Decide().ExecuteAsync(reviewer, policeForm, 3, FindingDecision.Confirmed, null);
        Assert.Equal([dataForm], await IdsAsync(FormReviewState.Pending));
        Assert.Equal([policeForm], await IdsAsync(FormReviewState.Reviewed));
        Assert.Empty(await IdsAsync(FormReviewState.Rectified));
        Assert.Equal(1, (await forms.ListAsync(new FormQuery { ReviewState = FormReviewState.Reviewed, Department = Police })).TotalCount);
        Assert.Equal(0, (await forms.ListAsync(new FormQuery { ReviewState = FormReviewState.Reviewed, Department = DataBureau })).TotalCount);
        await RequestOnAsync(policeForm, Monday.AddDays(3));
        Assert.Equal([policeForm], await IdsAsync(FormReviewState.RectificationRequired));
        Assert.Empty(await IdsAsync(FormReviewState.Reviewed));

        await using var db = Db.CreateContext();
        async Task<(long, int)[]> FindingsAsync(FindingReviewFilter filter) =>
            [.. (await db.Findings.AsNoTracking().WhereDecision(db, filter).Select(x => new { x.FormId, x.Position }).ToListAsync())
                .Select(x => (x.FormId, x.Position)).Order()];
        Assert.Equal([(policeForm, 0), (policeForm, 3)], await FindingsAsync(FindingReviewFilter.Confirmed));
        Assert.Equal([(policeForm, 1), (policeForm, 2)], await FindingsAsync(FindingReviewFilter.Dismissed));
        Assert.Equal([(dataForm, 0), (dataForm, 1), (dataForm, 2), (dataForm, 3)], await FindingsAsync(FindingReviewFilter.Undecided));
    }
}

public sealed class SqliteFollowUpTests : FollowUpTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFollowUpTests : FollowUpTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
