using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Filings;

/// <summary>
/// Filing in Jixiao on a real database (填报): a declaration from draft to published, the version checked on every
/// save (two people saving the same version: the second is told who changed what, nothing is lost), the audit entry
/// in the change's transaction, the approval an error-level finding blocks without a reason, withdrawal before a
/// reviewer acts, a return with comments on cells, the department scope and the queues, the self-evaluation started
/// from the approved declaration, and publishing exactly the approved content through the one door for forms.
/// </summary>
public abstract class FilingTests : DatabaseTest
{
    protected const string Police = "上海市公安局宝山分局";
    protected const string DataBureau = "上海市宝山区数据局";

    private readonly FixedClock clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly Caller policeA = new("police-a", UserRole.DepartmentUser, Police);
    private readonly Caller policeB = new("police-b", UserRole.DepartmentUser, Police);
    private readonly Caller policeReviewer = new("police-reviewer", UserRole.DepartmentReviewer, Police);
    private readonly Caller dataUser = new("data-user", UserRole.DepartmentUser, DataBureau);
    private readonly Caller dataReviewer = new("data-reviewer", UserRole.DepartmentReviewer, DataBureau);
    private readonly Caller finance = new("finance", UserRole.FinanceReviewer);
    private readonly Caller supervisor = new("supervisor", UserRole.Supervisor);

    private AccessPolicy Policy => new(new DepartmentDirectory(Db), clock);

    private FilingCatalog Catalog(FilingStore? store = null) => new(store ?? new FilingStore(Db), Policy);

    private CreateFiling Create => new(Catalog(), Policy, clock);

    private SaveFiling Save(FilingStore? store = null) => new(Catalog(store), clock);

    private FilingSteps Steps => new(Catalog(), clock);

    private PublishFiling Publish(FilingStore? store = null) => new(Catalog(store), new CrossFormChecks(Db), clock);

    private FilingComments Comments => new(Catalog(), clock);

    /// <summary>The 2025 declaration of a video surveillance project: four indicators with planned weights (30/20/30/10).</summary>
    internal static PerformanceForm Declaration(string department, DateOnly? plannedEnd = null) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = "视频监控运维",
        Department = department,
        ImplementingUnit = department + "信息中心",
        Category = "经常性项目",
        PlannedStart = new DateOnly(2025, 1, 1),
        PlannedEnd = plannedEnd ?? new DateOnly(2025, 12, 31),
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds { ProjectTotal = 1_000_000, ProjectFiscal = 1_000_000, AnnualTotal = 1_000_000, AnnualAppropriation = 1_000_000 },
        Goals = new Goals { Overall = "保障视频监控系统稳定运行。", Annual = "全年监控点位完好率不低于98%。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "运维监控点位数", Target = "≥500(个)", Weight = 30 },
            new Indicator { Level1 = "产出指标", Level2 = "质量指标", Name = "点位完好率", Target = "≥98(%)", Weight = 20 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件侦破支撑次数", Target = "≥100(次)", Weight = 30 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "使用单位满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    /// <summary>The police and the data bureau as stored departments (a form of each imported).</summary>
    private async Task DepartmentsAsync()
    {
        var result = await new FormImporter(Db).ImportFormsAsync([SampleForms.SelfEvaluation(Police, 2024), SampleForms.SelfEvaluation(DataBureau, 2024)], "two.json");
        Assert.True(result.Succeeded);
    }

    /// <summary>A draft of <paramref name="caller"/>'s department holding <paramref name="form"/>; its id.</summary>
    private async Task<long> DraftAsync(Caller caller, PerformanceForm form)
    {
        var created = await Create.ExecuteAsync(caller, new FilingDraft(FormKind.TargetDeclaration) { Content = FilingContent.Write(form) });
        Assert.Equal(FilingOutcome.Done, created.Outcome);
        return created.Filing!.Filing.Id;
    }

    /// <summary>A submitted declaration of the police; its id.</summary>
    private async Task<long> SubmittedAsync(PerformanceForm? form = null)
    {
        var id = await DraftAsync(policeA, form ?? Declaration(Police));
        Assert.Equal(FilingOutcome.Done, (await Steps.SubmitAsync(policeA, id)).Outcome);
        return id;
    }

    private async Task<List<AuditEntry>> AuditAsync(string prefix = "filing-")
    {
        await using var db = Db.CreateContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).ToListAsync();
    }

    private static PerformanceForm Edited(PerformanceForm form, Action<PerformanceForm> edit)
    {
        var copy = FilingContent.Parse(FilingContent.Write(form));
        edit(copy);
        return copy;
    }

    [DbFact]
    public async Task A_declaration_goes_from_draft_to_published_and_the_stored_form_is_exactly_the_approved_content()
    {
        await DepartmentsAsync();
        var created = await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.TargetDeclaration, 2025, " 视频监控运维 ", Police + "信息中心"));
        Assert.Equal(FilingOutcome.Done, created.Outcome);
        var draft = created.Filing!;
        Assert.Equal((FilingStatus.Draft, 1, "视频监控运维", Police, RuleSets.National2020.Name), (draft.Filing.Status, draft.Filing.Version, draft.Filing.ProjectName, draft.Filing.Department, draft.Filing.RuleSet));
        Assert.Equal([FilingAction.Save, FilingAction.Submit, FilingAction.Comment, FilingAction.ResolveComment], draft.Actions);
        var id = draft.Filing.Id;

        var saved = await Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(Declaration("另一个部门")));
        Assert.Equal(FilingOutcome.Done, saved.Outcome);
        Assert.Equal(2, saved.Filing!.Filing.Version);
        Assert.Equal(Police, FilingContent.Parse(saved.Filing.Filing.Content).Department); // the filing's department, whatever the content said
        Assert.Equal([30m, 20m, 30m, 10m], FilingContent.Parse(saved.Filing.Filing.Content).Indicators.Select(i => i.Weight!.Value));

        var submitted = await Steps.SubmitAsync(policeA, id, 2);
        Assert.Equal((FilingOutcome.Done, FilingStatus.Submitted, 3), (submitted.Outcome, submitted.Filing!.Filing.Status, submitted.Filing.Filing.Version));
        Assert.DoesNotContain(submitted.Findings!, f => f.Severity == Severity.Error);

        var approved = await Steps.ApproveAsync(policeReviewer, id, null, 3);
        Assert.Equal((FilingOutcome.Done, FilingStatus.Approved, "police-reviewer", null), (approved.Outcome, approved.Filing!.Filing.Status, approved.Filing.Filing.ApprovedBy, approved.Filing.Filing.FindingsOverriddenReason));
        Assert.Equal(FilingOutcome.Forbidden, (await Publish().ExecuteAsync(policeReviewer, id)).Outcome);

        var published = await Publish().ExecuteAsync(finance, id, 4);
        Assert.Equal(FilingOutcome.Done, published.Outcome);
        var filing = published.Filing!.Filing;
        Assert.Equal((FilingStatus.Published, 5, "finance"), (filing.Status, filing.Version, filing.PublishedBy));
        Assert.Equal([FilingAction.Unpublish], published.Filing.Actions); // frozen: the finance bureau may only withdraw it from disclosure

        // the one place forms live: the approved content is a stored form, in a batch of its own, as approved
        var stored = await new FormQueries(Db).GetAsync(filing.PublishedFormId!.Value);
        Assert.NotNull(stored);
        Assert.Equal(filing.Content, FilingContent.Write(stored.ToPerformanceForm()));
        Assert.Equal((ImportStatus.Succeeded, "filing-" + id + ".json", 1), (stored.Batch!.Status, stored.Batch.FileName, stored.Batch.FormCount));
        Assert.Equal(RuleSets.National2020.Name, stored.Form.RuleSet);

        var audit = await AuditAsync("");
        Assert.Equal(["import", "filing-create", "filing-save", "filing-submit", "filing-approve", "filing-publish", "import"], audit.Select(a => a.Action));
        Assert.Equal(["police-a", "police-a", "police-a", "police-reviewer", "finance", "finance"], audit.Skip(1).Select(a => a.Actor));
        Assert.All(audit.Skip(1).Take(5), a => Assert.Equal(("filing", id.ToString()), (a.TargetType!, a.TargetId!)));
        Assert.StartsWith("Submitted -> Approved; revision=4; errors=0; project=视频监控运维", audit[4].Details, StringComparison.Ordinal);
        Assert.Equal($"Approved -> Published; revision=5; form={filing.PublishedFormId}; project=视频监控运维", audit[5].Details);
    }

    [DbFact]
    public async Task Two_people_saving_the_same_version_the_second_is_told_who_changed_what_and_nothing_is_lost()
    {
        await DepartmentsAsync();
        var id = await DraftAsync(policeA, Declaration(Police));
        var read = (await Catalog().GetAsync(policeB, id))!;
        Assert.Equal(1, read.Filing.Version);
        var original = FilingContent.Parse(read.Filing.Content);

        var first = await Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(Edited(original, f => f.Indicators[0].Target = "≥520(个)")));
        Assert.Equal(FilingOutcome.Done, first.Outcome);

        var second = await Save().ExecuteAsync(policeB, id, 1, FilingContent.Write(Edited(original, f => f.Goals.Annual = "全年完好率不低于99%。")));
        Assert.Equal(FilingOutcome.Conflict, second.Outcome);
        var conflict = second.Conflict!;
        Assert.Equal((1, 2, FilingStatus.Draft, "police-a"), (conflict.ExpectedVersion, conflict.CurrentVersion, conflict.Status, conflict.ChangedBy));
        Assert.Equal([new FieldChange("indicators[0].target", "≥500(个)", "≥520(个)")], conflict.Changes);
        Assert.Equal("police-a changed this filing meanwhile (now version 2); your change was not saved: look at what changed, reload and try again.", second.Message!.En);

        // nothing of the second save was written: the first one's content stands
        var now = (await Catalog().GetAsync(policeB, id))!.Filing;
        Assert.Equal("≥520(个)", FilingContent.Parse(now.Content).Indicators[0].Target);
        Assert.Equal("全年监控点位完好率不低于98%。", FilingContent.Parse(now.Content).Goals.Annual);

        // reloaded, the second person saves on top of the first: both changes kept
        var again = await Save().ExecuteAsync(policeB, id, 2, FilingContent.Write(Edited(FilingContent.Parse(now.Content), f => f.Goals.Annual = "全年完好率不低于99%。")));
        Assert.Equal((FilingOutcome.Done, 3), (again.Outcome, again.Filing!.Filing.Version));
        var both = FilingContent.Parse(again.Filing.Filing.Content);
        Assert.Equal(("≥520(个)", "全年完好率不低于99%。"), (both.Indicators[0].Target, both.Goals.Annual));

        var revisions = await Catalog().RevisionsAsync(policeA, id);
        Assert.Equal([(1, "police-a"), (2, "police-a"), (3, "police-b")], revisions!.Select(r => (r.Version, r.Author)));
        Assert.Equal(["filing-create", "filing-save", "filing-save"], (await AuditAsync()).Select(a => a.Action));
    }

    [DbFact]
    public async Task Saves_of_one_version_made_at_the_same_moment_write_exactly_one()
    {
        await DepartmentsAsync();
        var id = await DraftAsync(policeA, Declaration(Police));
        var original = FilingContent.Parse((await Catalog().GetAsync(policeA, id))!.Filing.Content);
        var results = await Task.WhenAll(
            Task.Run(() => Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(Edited(original, f => f.Indicators[1].Target = "≥99(%)")))),
            Task.Run(() => Save().ExecuteAsync(policeB, id, 1, FilingContent.Write(Edited(original, f => f.Indicators[2].Target = "≥120(次)")))));

        Assert.Equal([FilingOutcome.Done, FilingOutcome.Conflict], results.Select(r => r.Outcome).Order());
        var winner = results.Single(r => r.Succeeded);
        var loser = results.Single(r => !r.Succeeded);
        Assert.Equal(winner.Filing!.Filing.UpdatedBy, loser.Conflict!.ChangedBy);
        Assert.Single(loser.Conflict.Changes);
        Assert.Equal(2, (await Catalog().RevisionsAsync(policeA, id))!.Count);
        Assert.Single(await AuditAsync("filing-save"));
    }

    [DbFact]
    public async Task A_change_and_its_audit_entry_are_written_in_one_transaction()
    {
        await DepartmentsAsync();
        var id = await DraftAsync(policeA, Declaration(Police));
        var failing = new FilingStore(Db) { AfterWrite = () => throw new InvalidOperationException("after the audit entry, before the commit") };
        var content = FilingContent.Write(Edited(Declaration(Police), f => f.Indicators[0].Target = "≥600(个)"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Save(failing).ExecuteAsync(policeA, id, 1, content));

        var filing = (await Catalog().GetAsync(policeA, id))!.Filing;
        Assert.Equal((1, "≥500(个)"), (filing.Version, FilingContent.Parse(filing.Content).Indicators[0].Target));
        Assert.Empty(await AuditAsync("filing-save"));
        Assert.Single((await Catalog().RevisionsAsync(policeA, id))!);

        // a publication that fails before its commit stores no form, leaves the filing approved and fails its batch
        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 1, content)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await Steps.SubmitAsync(policeA, id)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(finance, id)).Outcome);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(2, await db.Forms.CountAsync());
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Publish(failing).ExecuteAsync(finance, id));
        filing = (await Catalog().GetAsync(finance, id))!.Filing;
        Assert.Equal((FilingStatus.Approved, 4, null), (filing.Status, filing.Version, filing.PublishedFormId));
        Assert.Empty(await AuditAsync("filing-publish"));
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(2, await db.Forms.CountAsync());
            var batch = await db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).LastAsync();
            Assert.Equal((ImportStatus.Failed, "filing-" + id + ".json", 0), (batch.Status, batch.FileName, batch.FormCount));
        }

        // and a publication from a version someone moved on from stores nothing either
        Assert.Equal(FilingOutcome.Conflict, (await Publish().ExecuteAsync(finance, id, 3)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await Publish().ExecuteAsync(finance, id, 4)).Outcome);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(3, await db.Forms.CountAsync());
        }
    }

    [DbFact]
    public async Task An_error_level_finding_blocks_approval_unless_the_reviewer_gives_a_reason()
    {
        await DepartmentsAsync();
        var id = await SubmittedAsync(Declaration(Police, plannedEnd: new DateOnly(2024, 12, 31)));
        var view = (await Catalog().GetAsync(finance, id))!;
        var error = Assert.Single(view.Findings, f => f.Severity == Severity.Error);
        Assert.Equal(("DATE-ORDER", "plannedEnd"), (error.Code, error.Field));

        var refused = await Steps.ApproveAsync(finance, id, "   ");
        Assert.Equal((FilingOutcome.Invalid, FilingProblem.OverrideReasonRequired), (refused.Outcome, refused.Problem));
        Assert.Contains(refused.Findings!, f => f.Code == "DATE-ORDER");
        Assert.Equal("检查发现 1 个错误：要审核通过，请写明放行理由。", refused.Message!.Zh);
        Assert.Equal(FilingStatus.Submitted, (await Catalog().GetAsync(finance, id))!.Filing.Status);

        var approved = await Steps.ApproveAsync(finance, id, "项目跨年度实施，计划日期以批复为准");
        Assert.Equal(FilingOutcome.Done, approved.Outcome);
        Assert.Equal((FilingStatus.Approved, "项目跨年度实施，计划日期以批复为准"), (approved.Filing!.Filing.Status, approved.Filing.Filing.FindingsOverriddenReason));
        Assert.EndsWith("errors=1; override=项目跨年度实施，计划日期以批复为准; project=视频监控运维", (await AuditAsync("filing-approve")).Single().Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_submitted_form_can_be_withdrawn_until_a_reviewer_acts_on_it()
    {
        await DepartmentsAsync();
        var id = await SubmittedAsync();
        Assert.Contains(FilingAction.Withdraw, (await Catalog().GetAsync(policeA, id))!.Actions);
        Assert.Equal(FilingOutcome.Forbidden, (await Steps.WithdrawAsync(policeReviewer, id)).Outcome);
        var withdrawn = await Steps.WithdrawAsync(policeB, id);
        Assert.Equal((FilingOutcome.Done, FilingStatus.Draft), (withdrawn.Outcome, withdrawn.Filing!.Filing.Status));
        Assert.Null(await Catalog().GetAsync(policeReviewer, id)); // a draft again: not the reviewer's to see

        Assert.Equal(FilingOutcome.Done, (await Steps.SubmitAsync(policeA, id)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await Comments.AddAsync(policeReviewer, id, new FilingCommentInput("indicators[1].target", "完好率目标偏低，请说明依据"))).Outcome);
        var refused = await Steps.WithdrawAsync(policeA, id);
        Assert.Equal((FilingOutcome.NotNow, FilingProblem.ReviewStarted), (refused.Outcome, refused.Problem));
        var view = (await Catalog().GetAsync(policeA, id))!;
        Assert.Equal(FilingStatus.Submitted, view.Filing.Status);
        Assert.DoesNotContain(FilingAction.Withdraw, view.Actions);
        Assert.NotNull(view.Filing.ReviewStartedAt);
    }

    [DbFact]
    public async Task A_returned_form_carries_its_cell_comments_and_goes_back_to_review_when_corrected()
    {
        await DepartmentsAsync();
        var id = await SubmittedAsync();
        Assert.Equal(FilingProblem.CommentRequired, (await Steps.ReturnAsync(finance, id, [])).Problem);
        var badCell = await Steps.ReturnAsync(finance, id, [new FilingCommentInput("indicators[2].colour", "？")]);
        Assert.Equal((FilingOutcome.Invalid, FilingProblem.FieldInvalid), (badCell.Outcome, badCell.Problem));
        Assert.Equal(FilingOutcome.NotFound, (await Steps.ReturnAsync(dataReviewer, id, [new FilingCommentInput(null, "x")])).Outcome);

        var returned = await Steps.ReturnAsync(finance, id, [new FilingCommentInput("indicators[0].target", "目标值低于上年实际完成值"), new FilingCommentInput(" ", "请补充绩效目标的测算依据")]);
        Assert.Equal((FilingOutcome.Done, FilingStatus.Returned, 3), (returned.Outcome, returned.Filing!.Filing.Status, returned.Filing.Filing.Version));
        Assert.Equal([("indicators[0].target", "目标值低于上年实际完成值", true, 3), (null, "请补充绩效目标的测算依据", true, 3)],
            returned.Filing.Comments.Select(c => (c.Field, c.Text, c.ByReviewer, c.FilingVersion)));
        Assert.Equal(FilingOutcome.Forbidden, (await Save().ExecuteAsync(finance, id, 3, returned.Filing.Filing.Content)).Outcome);

        // the department corrects the cell, answers and resolves the comment, and submits again
        var corrected = await Save().ExecuteAsync(policeA, id, 3, FilingContent.Write(Edited(Declaration(Police), f => f.Indicators[0].Target = "≥560(个)")));
        Assert.Equal((FilingOutcome.Done, FilingStatus.Returned, 4), (corrected.Outcome, corrected.Filing!.Filing.Status, corrected.Filing.Filing.Version));
        var answer = await Comments.AddAsync(policeA, id, new FilingCommentInput("indicators[0].target", "已按上年实际 552 个上调"));
        Assert.True(answer.Succeeded, $"{answer.Outcome} {answer.Problem} {answer.Message?.En}");
        Assert.False(answer.Filing!.Comments[^1].ByReviewer);
        var first = returned.Filing.Comments[0].Id;
        Assert.Equal(FilingOutcome.Done, (await Comments.ResolveAsync(policeA, id, first)).Outcome);
        Assert.Equal(FilingProblem.AlreadyResolved, (await Comments.ResolveAsync(finance, id, first)).Problem);
        Assert.Equal(FilingProblem.NoSuchComment, (await Comments.ResolveAsync(finance, id, 9999)).Problem);

        var resubmitted = await Steps.SubmitAsync(policeA, id, 4);
        Assert.Equal((FilingStatus.Submitted, 5, null), (resubmitted.Filing!.Filing.Status, resubmitted.Filing.Filing.Version, resubmitted.Filing.Filing.ReviewStartedAt));
        Assert.Equal([(true, "police-a"), (false, null), (false, null)], resubmitted.Filing.Comments.Select(c => (c.Resolved, c.ResolvedBy)));
        Assert.Equal(["filing-create", "filing-submit", "filing-return", "filing-save", "filing-comment", "filing-comment-resolve", "filing-submit"],
            (await AuditAsync()).Select(a => a.Action));
    }

    [DbFact]
    public async Task Each_department_sees_and_reviews_its_own_filings_and_the_finance_bureau_all()
    {
        await DepartmentsAsync();
        var police = await DraftAsync(policeA, Declaration(Police));
        var data = await DraftAsync(dataUser, Declaration(DataBureau));

        // a draft: its department's fillers and the finance bureau
        Assert.NotNull(await Catalog().GetAsync(policeB, police));
        Assert.NotNull(await Catalog().GetAsync(finance, police));
        Assert.Null(await Catalog().GetAsync(dataUser, police));
        Assert.Null(await Catalog().GetAsync(policeReviewer, police));
        Assert.Null(await Catalog().GetAsync(supervisor, police));
        Assert.Equal(FilingOutcome.NotFound, (await Save().ExecuteAsync(dataUser, police, 1, FilingContent.Write(Declaration(DataBureau)))).Outcome);

        Assert.Equal(FilingOutcome.Done, (await Steps.SubmitAsync(policeA, police)).Outcome);
        Assert.NotNull(await Catalog().GetAsync(policeReviewer, police));
        Assert.NotNull(await Catalog().GetAsync(supervisor, police));
        Assert.Null(await Catalog().GetAsync(dataReviewer, police));
        Assert.Equal(FilingOutcome.NotFound, (await Steps.ApproveAsync(dataReviewer, police)).Outcome);
        Assert.Equal(FilingOutcome.Forbidden, (await Comments.AddAsync(supervisor, police, new FilingCommentInput(null, "看过"))).Outcome);
        Assert.Equal(FilingOutcome.Forbidden, (await Steps.ApproveAsync(policeA, police)).Outcome);
        Assert.Empty((await Catalog().GetAsync(supervisor, police))!.Actions);

        // the queues
        async Task<long[]> QueueAsync(Caller caller, FilingStatus? status = null) =>
            [.. (await Catalog().ListAsync(caller, status)).Items.Select(i => i.Id)];
        Assert.Equal([police], await QueueAsync(policeA));
        Assert.Equal([police], await QueueAsync(policeReviewer));
        Assert.Empty(await QueueAsync(policeReviewer, FilingStatus.Draft));
        Assert.Equal([data], await QueueAsync(dataUser));
        Assert.Empty(await QueueAsync(dataReviewer));
        Assert.Equal([police, data], (await QueueAsync(finance)).Order());
        Assert.Equal([police], await QueueAsync(finance, FilingStatus.Submitted));
        Assert.Equal([police], await QueueAsync(supervisor));
        var item = (await Catalog().ListAsync(policeReviewer)).Items.Single();
        Assert.Equal((FilingStatus.Submitted, 2, Police, "视频监控运维", 0), (item.Status, item.Version, item.Department, item.ProjectName, item.OpenComments));

        // a department not stored in Jixiao cannot start a form
        var nowhere = await Create.ExecuteAsync(new Caller("x", UserRole.DepartmentUser, "火星农业厅"), new FilingDraft(FormKind.TargetDeclaration, 2025, "项目"));
        Assert.Equal((FilingOutcome.NotNow, FilingProblem.UnknownDepartment), (nowhere.Outcome, nowhere.Problem));
        Assert.Equal(FilingOutcome.Forbidden, (await Create.ExecuteAsync(policeReviewer, new FilingDraft(FormKind.TargetDeclaration, 2025, "项目"))).Outcome);
    }

    [DbFact]
    public async Task A_self_evaluation_starts_from_the_approved_declaration_with_its_indicators_targets_and_weights()
    {
        await DepartmentsAsync();
        var declaration = await SubmittedAsync();
        var early = await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        Assert.Equal((FilingOutcome.NotNow, FilingProblem.DeclarationNotApproved), (early.Outcome, early.Problem));
        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(policeReviewer, declaration)).Outcome);

        var started = await Create.ExecuteAsync(policeB, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        Assert.Equal(FilingOutcome.Done, started.Outcome);
        var filing = started.Filing!.Filing;
        Assert.Equal((FormKind.SelfEvaluation, 2025, "视频监控运维", declaration, FilingStatus.Draft), (filing.Kind, filing.Year, filing.ProjectName, filing.DeclarationFilingId, filing.Status));
        var form = FilingContent.Parse(filing.Content);
        Assert.Equal(
            [("运维监控点位数", "≥500(个)", 30m), ("点位完好率", "≥98(%)", 20m), ("案件侦破支撑次数", "≥100(次)", 30m), ("使用单位满意度", "≥90(%)", 10m)],
            form.Indicators.Select(i => (i.Name, i.Target!, i.Weight!.Value)));
        Assert.All(form.Indicators, i => Assert.Null(i.Actual));
        Assert.Equal(("全年监控点位完好率不低于98%。", 1_000_000m), (form.Goals.Expected, form.SelfEvaluationFunds!.Total!.AnnualBudget!.Value));

        var twice = await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        Assert.Equal((FilingOutcome.NotNow, FilingProblem.SelfEvaluationExists), (twice.Outcome, twice.Problem));
        Assert.Equal($"A self-evaluation was already started from this declaration (filing {filing.Id}).", twice.Message!.En);
        var foreign = await Create.ExecuteAsync(dataUser, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        Assert.Equal((FilingOutcome.NotFound, FilingProblem.NoSuchDeclaration), (foreign.Outcome, foreign.Problem));
        Assert.Equal(FilingProblem.KindInvalid, (await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.TargetDeclaration) { DeclarationFilingId = declaration })).Problem);
    }

    [DbFact]
    public async Task A_self_evaluation_typed_without_scores_is_reviewed_and_published_with_the_scores_total_and_grade_the_rules_give()
    {
        await DepartmentsAsync();
        var declaration = await SubmittedAsync();
        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(policeReviewer, declaration)).Outcome);
        var started = await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        var id = started.Filing!.Filing.Id;

        // the unit types amounts and actuals and leaves every score, the rate, the total and the grade to the rules:
        // 执行率 950,000 / 1,000,000 = 95% → 95 × 10 / 100 = 9.5; 450 of ≥500 个 → 30 × 450 / 500 = 27 (Q2); the rest met
        // (20, 30, 10); total 27 + 20 + 30 + 10 + 9.5 = 96.5 → 优. The deducted row's deviation is left empty first: the
        // deduction exists only on the form as filed, and the submission is refused for it (decision 009).
        var typed = FilingContent.Parse(started.Filing.Filing.Content);
        typed.Goals.Actual = "全年监控点位完好率99%。";
        typed.SelfEvaluationFunds!.Total!.Executed = 950_000;
        typed.SelfEvaluationFunds.Total.Weight = 10;
        string[] actuals = ["450(个)", "99(%)", "120(次)", "95(%)"];
        for (var i = 0; i < actuals.Length; i++)
        {
            typed.Indicators[i].Actual = actuals[i];
        }

        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(typed))).Outcome);
        var refused = await Steps.SubmitAsync(policeA, id, 2);
        Assert.Equal(FilingProblem.SubmissionBlocked, refused.Problem);
        Assert.Equal([("indicators[0].deviation", "SUBMIT-DEVIATION")], refused.Blockers!.Select(b => (b.Field, b.Code)));
        typed.Indicators[0].Deviation = "部分点位移交上级运维。";
        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 2, FilingContent.Write(typed))).Outcome);
        var submitted = await Steps.SubmitAsync(policeA, id, 3);
        Assert.True(submitted.Succeeded, $"{submitted.Problem} {submitted.Message?.Zh}");
        Assert.Null(FilingContent.Parse(submitted.Filing!.Filing.Content).Indicators[0].Score); // the content stays what was typed

        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(finance, id, null, 4)).Outcome);
        var published = await Publish().ExecuteAsync(finance, id, 5);
        Assert.Equal(FilingOutcome.Done, published.Outcome);
        var stored = (await new FormQueries(Db).GetAsync(published.Filing!.Filing.PublishedFormId!.Value))!.ToPerformanceForm();
        Assert.Equal([27m, 20m, 30m, 10m], stored.Indicators.Select(i => i.Score!.Value));
        Assert.Equal((95m, 9.5m, 96.5m, "优"), (stored.SelfEvaluationFunds!.Total!.ExecutionRate!.Value, stored.SelfEvaluationFunds.Total.Score!.Value, stored.TotalScore!.Value, stored.Grade));
    }

    [DbFact]
    public async Task A_declaration_with_cells_to_fix_is_not_submitted_and_each_cell_is_named_until_it_is_fixed()
    {
        await DepartmentsAsync();
        var broken = Edited(Declaration(Police), f =>
        {
            f.Goals.Annual = null;
            f.Indicators[1].Target = "≥";
            f.Indicators[2].Name = "";
            f.Indicators[3].Weight = 5;
        });
        var id = await DraftAsync(policeA, broken);

        var refused = await Steps.SubmitAsync(policeA, id, 1);
        Assert.Equal((FilingOutcome.Invalid, FilingProblem.SubmissionBlocked), (refused.Outcome, refused.Problem));
        Assert.Equal(
            [
                ("goals.annual", "SUBMIT-REQUIRED"), ("indicators[1].target", "SUBMIT-UNREADABLE"), ("indicators[2].name", "SUBMIT-REQUIRED"),
                ("totalWeight", "SUBMIT-WEIGHT-SUM"),
            ],
            refused.Blockers!.Select(b => (b.Field, b.Code)));
        Assert.Equal("无法提交：4 处需修改 — 缺少年度目标；指标 2 目标值「≥」缺少数值；指标 3 缺少指标名称；分值合计 95（指标 85 + 预算执行 10），应为 100。", refused.Message!.Zh);
        Assert.Equal(
            "Cannot submit, 4 cells to fix: the annual goal (年度目标) is empty; indicator 2 target \"≥\" has no number; indicator 3 has no name; "
            + "the weights add up to 95 (indicators 85 + execution 10), not 100.", refused.Message.En);
        Assert.NotNull(refused.Findings); // the checks' findings come with the refusal, for the editor

        // nothing was written
        var still = (await Catalog().GetAsync(policeA, id))!.Filing;
        Assert.Equal((FilingStatus.Draft, 1), (still.Status, still.Version));
        Assert.Empty(await AuditAsync("filing-submit"));

        // fixed, it submits; a deferred finding (a category missing) does not block
        var fixedForm = Edited(broken, f =>
        {
            f.Goals.Annual = "全年监控点位完好率不低于98%。";
            f.Indicators[1].Target = "≥98%";
            f.Indicators[2].Name = "案件侦破支撑次数";
            f.Indicators[3].Weight = 10;
        });
        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(fixedForm))).Outcome);
        var submitted = await Steps.SubmitAsync(policeA, id, 2);
        Assert.Equal((FilingOutcome.Done, FilingStatus.Submitted, null), (submitted.Outcome, submitted.Filing!.Filing.Status, submitted.Blockers));
    }

    [DbFact]
    public async Task A_self_evaluation_with_an_override_without_a_reason_or_a_deduction_without_a_deviation_explanation_is_not_submitted()
    {
        await DepartmentsAsync();
        var declaration = await SubmittedAsync();
        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(policeReviewer, declaration)).Outcome);
        var started = await Create.ExecuteAsync(policeA, new FilingDraft(FormKind.SelfEvaluation) { DeclarationFilingId = declaration });
        var id = started.Filing!.Filing.Id;
        var form = Edited(FilingContent.Parse(started.Filing.Filing.Content), f =>
        {
            f.Goals.Actual = "全年监控点位完好率97%，基本完成。";
            f.SelfEvaluationFunds!.Total!.Executed = 950_000;
            f.Indicators[0].Actual = "520个";
            f.Indicators[0].Score = 25; // met: the rules suggest 30
            f.Indicators[1].Actual = "97%"; // missed: loses points
            f.Indicators[2].Actual = "120次";
            f.Indicators[3].Actual = "95%";
        });
        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 1, FilingContent.Write(form))).Outcome);

        var refused = await Steps.SubmitAsync(policeA, id, 2);
        Assert.Equal(FilingProblem.SubmissionBlocked, refused.Problem);
        Assert.Equal(
            [
                ("indicators[0].score", "SUBMIT-OVERRIDE-REASON", "指标 1 得分 25 与建议得分 30 不同，未说明改分理由"),
                ("indicators[0].deviation", "SUBMIT-DEVIATION", "指标 1 扣分，未填写偏差原因分析及改进措施"),
                ("indicators[1].deviation", "SUBMIT-DEVIATION", "指标 2 扣分，未填写偏差原因分析及改进措施"),
            ],
            refused.Blockers!.Select(b => (b.Field, b.Code, b.MessageZh)));
        Assert.Equal("indicator 1 is given 25, not the suggested 30, and no reason is given", refused.Blockers![0].MessageEn);

        // the reason, as the editor keeps it (the filler's comment on the score cell), and the explanations: submitted
        Assert.True((await Comments.AddAsync(policeA, id, new FilingCommentInput("indicators[0].score", OverrideReasons.Prefix + "部分点位由上级统一运维"))).Succeeded);
        var explained = Edited(form, f =>
        {
            f.Indicators[0].Deviation = "部分点位移交上级运维。";
            f.Indicators[1].Deviation = "老旧设备故障率高，明年更换。";
        });
        Assert.Equal(FilingOutcome.Done, (await Save().ExecuteAsync(policeA, id, 2, FilingContent.Write(explained))).Outcome);
        var submitted = await Steps.SubmitAsync(policeA, id, 3);
        Assert.True(submitted.Succeeded, $"{submitted.Problem} {submitted.Message?.Zh}");
        Assert.Equal(FilingStatus.Submitted, submitted.Filing!.Filing.Status);
    }

    [DbFact]
    public async Task The_finance_bureau_withdraws_a_published_form_from_disclosure_with_a_reason_and_publishes_the_same_form_again()
    {
        await DepartmentsAsync();
        var id = await SubmittedAsync();
        Assert.Equal(FilingOutcome.Done, (await Steps.ApproveAsync(policeReviewer, id)).Outcome);
        var published = (await Publish().ExecuteAsync(finance, id)).Filing!.Filing;
        var formId = published.PublishedFormId!.Value;
        var disclosed = new PublishedForms(Db);
        Assert.NotNull(await disclosed.GetAsync(formId));
        Assert.Equal([FilingAction.Unpublish], (await Catalog().GetAsync(finance, id))!.Actions);

        // every other role is refused, whoever sees it; no reason, no withdrawal
        var unpublish = new UnpublishFiling(Catalog(), clock);
        foreach (var who in new[] { policeA, policeReviewer, supervisor })
        {
            Assert.Equal(FilingOutcome.Forbidden, (await unpublish.ExecuteAsync(who, id, "理由")).Outcome);
        }

        Assert.Equal(FilingOutcome.NotFound, (await unpublish.ExecuteAsync(dataReviewer, id, "理由")).Outcome);
        Assert.Equal(FilingOutcome.Forbidden, (await unpublish.ExecuteAsync(new Caller("finance", UserRole.FinanceReviewer) { ReadOnly = true }, id, "理由")).Outcome);
        var noReason = await unpublish.ExecuteAsync(finance, id, "  ");
        Assert.Equal((FilingOutcome.Invalid, FilingProblem.ReasonRequired, "撤销公开须写明理由。"), (noReason.Outcome, noReason.Problem, noReason.Message!.Zh));
        Assert.Equal(FilingOutcome.Conflict, (await unpublish.ExecuteAsync(finance, id, "理由", 3)).Outcome);
        Assert.NotNull(await disclosed.GetAsync(formId));

        var withdrawn = await unpublish.ExecuteAsync(finance, id, "含未脱敏的点位地址", 4);
        Assert.Equal(FilingOutcome.Done, withdrawn.Outcome);
        var filing = withdrawn.Filing!.Filing;
        Assert.Equal((FilingStatus.Approved, 5, formId, null, null), (filing.Status, filing.Version, filing.PublishedFormId, filing.PublishedBy, filing.PublishedAt));
        Assert.Equal(("撤销公开：含未脱敏的点位地址", true, (string?)null), (withdrawn.Filing.Comments[^1].Text, withdrawn.Filing.Comments[^1].ByReviewer, withdrawn.Filing.Comments[^1].Field));
        Assert.Equal([FilingAction.Publish, FilingAction.Comment, FilingAction.ResolveComment], withdrawn.Filing.Actions);
        Assert.Equal($"Published -> Approved; revision=5; form={formId}; reason=含未脱敏的点位地址; project=视频监控运维", (await AuditAsync("filing-unpublish")).Single().Details);

        // gone from disclosure at once; still a stored form for the signed-in pages
        Assert.Null(await disclosed.GetAsync(formId));
        Assert.Equal(0, (await disclosed.ListAsync(new PublicFormQuery())).TotalCount);
        Assert.NotNull(await new FormQueries(Db).GetAsync(formId));
        Assert.Equal(FilingOutcome.NotNow, (await unpublish.ExecuteAsync(finance, id, "再撤一次")).Outcome);

        // published again: the same stored form, not a second one
        int forms;
        await using (var db = Db.CreateContext())
        {
            forms = await db.Forms.CountAsync();
        }

        var again = await Publish().ExecuteAsync(finance, id, 5);
        Assert.Equal(FilingOutcome.Done, again.Outcome);
        Assert.Equal((FilingStatus.Published, 6, formId, "finance"), (again.Filing!.Filing.Status, again.Filing.Filing.Version, again.Filing.Filing.PublishedFormId, again.Filing.Filing.PublishedBy));
        Assert.NotNull(await disclosed.GetAsync(formId));
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(forms, await db.Forms.CountAsync());
        }

        Assert.Equal(["filing-publish", "filing-unpublish", "filing-publish"], (await AuditAsync()).Select(a => a.Action).Where(a => a.Contains("publish", StringComparison.Ordinal)));
        Assert.EndsWith($"form={formId}; again; project=视频监控运维", (await AuditAsync("filing-publish"))[^1].Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_content_that_is_not_one_readable_form_of_the_filings_kind_is_refused_in_both_languages()
    {
        await DepartmentsAsync();
        var id = await DraftAsync(policeA, Declaration(Police));
        var cases = new (string Json, FilingProblem Problem)[]
        {
            ("{\"schema\": \"jixiao.form/1\", \"kind\": \"self-evaluation\", \"year\": 2025, \"projectName\": \"x\"}", FilingProblem.KindMismatch),
            ("{\"schema\": \"jixiao.form/1\", \"kind\": \"target-declaration\", \"projectName\": \"x\"}", FilingProblem.YearRequired),
            ("{\"schema\": \"jixiao.form/1\", \"kind\": \"target-declaration\", \"year\": 2025, \"projectName\": \"\"}", FilingProblem.ProjectRequired),
            ("{\"schema\": \"jixiao.form/1\", \"kind\": \"target-declaration\", \"year\": \"二〇二五\", \"projectName\": \"x\"}", FilingProblem.ContentInvalid),
            ("[1, 2", FilingProblem.ContentInvalid),
        };
        foreach (var (json, problem) in cases)
        {
            var refused = await Save().ExecuteAsync(policeA, id, 1, json);
            Assert.Equal((FilingOutcome.Invalid, problem), (refused.Outcome, refused.Problem));
            Assert.False(string.IsNullOrEmpty(refused.Message!.Zh));
            Assert.NotEqual(refused.Message.Zh, refused.Message.En);
        }

        var wrongType = await Save().ExecuteAsync(policeA, id, 1, cases[3].Json);
        Assert.StartsWith("The content has an error: ", wrongType.Message!.En, StringComparison.Ordinal);
        Assert.Contains("$.year", wrongType.Message.En, StringComparison.Ordinal);
        Assert.Equal(1, (await Catalog().GetAsync(policeA, id))!.Filing.Version);
    }
}

public sealed class SqliteFilingTests : FilingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFilingTests : FilingTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
