using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.App.Monitoring;
using Jixiao.Core.Forms;
using Jixiao.Core.Monitoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;
using Jixiao.Data.Monitoring;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Monitoring;

/// <summary>
/// Mid-year monitoring on a real database (绩效运行监控): a checkpoint of an approved declaration recorded by its
/// department's user, the report's figures checked by hand (execution progress against the time line at the default
/// 60/80 bands, each indicator's light, the warnings), the audit entry, the version checked on every save, who may
/// record and who may read, and the monitoring table per department.
/// </summary>
public abstract class MonitoringTests : DatabaseTest
{
    private const string Police = "上海市公安局宝山分局";
    private const string DataBureau = "上海市宝山区数据局";

    private readonly FixedClock clock = new(new DateTimeOffset(2025, 7, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly Caller policeA = Of(UserRole.DepartmentUser, "police-a", Police), policeB = Of(UserRole.DepartmentUser, "police-b", Police);
    private readonly Caller policeReviewer = Of(UserRole.DepartmentReviewer, "police-reviewer", Police);
    private readonly Caller dataUser = Of(UserRole.DepartmentUser, "data-user", DataBureau), dataReviewer = Of(UserRole.DepartmentReviewer, "data-reviewer", DataBureau);
    private readonly Caller finance = Of(UserRole.FinanceReviewer, "finance"), supervisor = Of(UserRole.Supervisor, "supervisor"), admin = Of(UserRole.Administrator, "admin");

    private static Caller Of(UserRole role, string name, string? department = null) => new(name, role, department);

    private AccessPolicy Policy => new(new DepartmentDirectory(Db), clock);

    private FilingCatalog Filings => new(new FilingStore(Db), Policy);

    private MonitoringCatalog Catalog => new(Filings, new MonitoringStore(Db), Policy);

    private RecordCheckpoint Record => new(Catalog, clock);

    /// <summary>A 2025 declaration of 100 万元 (1,000,000 yuan) with a count, a rate and a count of cases.</summary>
    private static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = "社区警务站建设",
        Department = Police,
        ImplementingUnit = Police + "后勤保障处",
        Category = "一次性项目",
        PlannedStart = new DateOnly(2025, 1, 1),
        PlannedEnd = new DateOnly(2025, 12, 31),
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds { ProjectTotal = 1_000_000, ProjectFiscal = 1_000_000, AnnualTotal = 1_000_000, AnnualAppropriation = 1_000_000 },
        Goals = new Goals { Overall = "建成社区警务站，提升社区治安水平。", Annual = "年内建成警务站20个，群众满意度不低于90%。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "建成警务站数量", Target = "≥20(个)", Weight = 40 },
            new Indicator { Level1 = "产出指标", Level2 = "质量指标", Name = "验收合格率", Target = "≥95(%)", Weight = 20 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "接处警响应次数", Target = "≥1000(次)", Weight = 20 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    /// <summary>The police and the data bureau as stored departments, and an approved declaration of the police; its id.</summary>
    private async Task<long> ApprovedAsync()
    {
        var imported = await new FormImporter(Db).ImportFormsAsync([SampleForms.SelfEvaluation(Police, 2024), SampleForms.SelfEvaluation(DataBureau, 2024)], "two.json");
        Assert.True(imported.Succeeded);
        var id = await DraftAsync();
        var steps = new FilingSteps(Filings, clock);
        Assert.Equal(FilingOutcome.Done, (await steps.SubmitAsync(policeA, id)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await steps.ApproveAsync(policeReviewer, id, null)).Outcome);
        return id;
    }

    private async Task<long> DraftAsync()
    {
        var created = await new CreateFiling(Filings, Policy, clock).ExecuteAsync(policeA, new FilingDraft(FormKind.TargetDeclaration) { Content = FilingContent.Write(Declaration()) });
        Assert.Equal(FilingOutcome.Done, created.Outcome);
        return created.Filing!.Filing.Id;
    }

    /// <summary>30 June 2025 with <paramref name="executed"/> yuan, 8 of 20 stations built (no cause given), and the cases impossible (cause: funding).</summary>
    private static CheckpointInput June(decimal executed) => new(new DateOnly(2025, 6, 30), executed,
    [
        new IndicatorProgress(0, ToDate: "8个"),
        new IndicatorProgress(2, ToDate: "300次", Likelihood: Likelihood.Impossible, Cause: DeviationCause.Funding, CauseText: "经费未到位"),
    ])
    { Note = "上半年施工进度偏慢" };

    [DbFact]
    public async Task A_checkpoint_at_30_June_reports_execution_and_indicators_as_computed_by_hand()
    {
        var id = await ApprovedAsync();
        var saved = await Record.ExecuteAsync(policeA, id, June(300_000));
        Assert.Equal(MonitoringOutcome.Done, saved.Outcome);
        Assert.Equal((1, "police-a"), (saved.Checkpoint!.Record.Version, saved.Checkpoint.Record.UpdatedBy));

        // 30 June = 6 months; rate 300,000 / 1,000,000 = 30%; time 50%; progress 30 ÷ (6/12) = 60: red is "below 60", so 60 is yellow
        var report = saved.Checkpoint.Report;
        Assert.Equal((6m, 30m, 60m, MonitoringLight.Yellow), (report.Execution.ElapsedMonths!.Value, report.Execution.Rate!.Value, report.Execution.Progress!.Value, report.Execution.Light));
        Assert.Equal(50m, report.Execution.TimeShare);

        // 8 of ≥20 stations = 40% of the target by half the year: pace 40 ÷ 0.5 = 80, green ("from 80")
        Assert.Equal((ProgressKind.Cumulative, 80m, MonitoringLight.Green), (report.Indicators[0].Kind, report.Indicators[0].Pace!.Value, report.Indicators[0].Light));

        // 300 of ≥1000 responses = 30% → pace 60 (yellow) but 完全不可能: red
        Assert.Equal((60m, MonitoringLight.Yellow, MonitoringLight.Red, MonitoringLight.Red),
            (report.Indicators[2].Pace!.Value, report.Indicators[2].ToDateLight, report.Indicators[2].LikelihoodLight, report.Indicators[2].Light));
        Assert.Equal([MonitoringLight.Unknown, MonitoringLight.Unknown], new[] { report.Indicators[1].Light, report.Indicators[3].Light });
        Assert.Equal(MonitoringLight.Red, report.Light);
        Assert.Equal(["MON-EXEC-YELLOW", "MON-IND-UNASSESSED", "MON-IND-RED", "MON-IND-UNASSESSED"], report.Warnings.Select(w => w.Code));
        Assert.Contains("执行进度 60.00%，低于 80%", report.Warnings[0].MessageZh, StringComparison.Ordinal);
        Assert.Equal(2, saved.Checkpoint.WarningCount);

        await using (var db = Db.CreateContext())
        {
            var audit = await db.AuditLog.AsNoTracking().Where(a => a.Action == "monitoring-save").ToListAsync();
            var entry = Assert.Single(audit);
            Assert.Equal(("police-a", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Actor, entry.TargetId));
            Assert.Contains("date=2025-06-30; version=1; light=Red; warnings=2", entry.Details, StringComparison.Ordinal);
        }

        var view = await Catalog.GetAsync(policeReviewer, id);
        var stored = Assert.Single(view!.Checkpoints);
        Assert.Equal(("上半年施工进度偏慢", 300_000m, "经费未到位"), (stored.Record.Note, stored.Record.Executed!.Value, stored.Report.Checkpoint.Indicators[1].CauseText));
        Assert.False(view.MayRecord);
    }

    [DbFact]
    public async Task Execution_below_60_percent_of_the_time_line_is_red_and_an_indicator_at_risk_without_a_cause_is_flagged()
    {
        var id = await ApprovedAsync();
        var input = June(290_000) with { Indicators = [new IndicatorProgress(0, ToDate: "7个")] };
        var report = (await Record.ExecuteAsync(policeA, id, input)).Checkpoint!.Report;

        // 29% ÷ 0.5 = 58 < 60: red; 7 of 20 = 35% ÷ 0.5 = 70: yellow, and no cause given
        Assert.Equal((58m, MonitoringLight.Red), (report.Execution.Progress!.Value, report.Execution.Light));
        Assert.Equal((70m, MonitoringLight.Yellow), (report.Indicators[0].Pace!.Value, report.Indicators[0].Light));
        Assert.Equal(["MON-EXEC-RED", "MON-IND-YELLOW", "MON-CAUSE-MISSING"], report.Warnings.Where(w => w.Code != "MON-IND-UNASSESSED").Select(w => w.Code));
        Assert.Equal("indicators[0].cause", report.Warnings.Single(w => w.Code == "MON-CAUSE-MISSING").Field);

        // 31 August: 8 months; 500,000 of 1,000,000 = 50% ÷ (8/12) = 75: yellow
        var august = await Record.ExecuteAsync(policeA, id, new CheckpointInput(new DateOnly(2025, 8, 31), 500_000, []));
        Assert.Equal((8m, 75m, MonitoringLight.Yellow), (august.Checkpoint!.Report.Execution.ElapsedMonths!.Value, august.Checkpoint.Report.Execution.Progress!.Value, august.Checkpoint.Report.Execution.Light));
    }

    [DbFact]
    public async Task Two_users_saving_the_same_checkpoint_never_overwrite_each_other()
    {
        var id = await ApprovedAsync();
        Assert.Equal(MonitoringOutcome.Done, (await Record.ExecuteAsync(policeA, id, June(300_000))).Outcome);

        var late = await Record.ExecuteAsync(policeB, id, June(310_000)); // B started a new one of the same date meanwhile
        Assert.Equal(MonitoringOutcome.Conflict, late.Outcome);
        Assert.Equal((0, 1, "police-a"), (late.Conflict!.ExpectedVersion, late.Conflict.CurrentVersion, late.Conflict.ChangedBy));
        Assert.Equal([new FieldChange("executed", "310000", "300000")], late.Conflict.Changes);
        Assert.Contains("police-a", late.Message!.Zh, StringComparison.Ordinal);

        Assert.Equal(2, (await Record.ExecuteAsync(policeA, id, June(320_000), 1)).Checkpoint!.Record.Version);
        var stale = await Record.ExecuteAsync(policeB, id, June(330_000), 1);
        Assert.Equal((MonitoringOutcome.Conflict, 2), (stale.Outcome, stale.Conflict!.CurrentVersion));
        Assert.Equal(320_000m, (await new MonitoringStore(Db).GetAsync(id, new DateOnly(2025, 6, 30)))!.Executed);
        Assert.Equal(3, (await Record.ExecuteAsync(policeB, id, June(330_000), 2)).Checkpoint!.Record.Version);

        await using var db = Db.CreateContext();
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Action == "monitoring-save"));
    }

    [DbFact]
    public async Task Only_the_department_users_record_and_everyone_who_sees_the_declaration_reads()
    {
        var id = await ApprovedAsync();
        var readOnly = new Caller("police-a", UserRole.DepartmentUser, Police) { ReadOnly = true };
        foreach (var (caller, outcome) in new[]
        {
            (policeReviewer, MonitoringOutcome.Forbidden), (finance, MonitoringOutcome.Forbidden), (supervisor, MonitoringOutcome.Forbidden),
            (admin, MonitoringOutcome.Forbidden), (readOnly, MonitoringOutcome.Forbidden),
            (dataUser, MonitoringOutcome.NotFound), (dataReviewer, MonitoringOutcome.NotFound), (policeA, MonitoringOutcome.Done),
        })
        {
            Assert.Equal((caller.Name, outcome), (caller.Name, (await Record.ExecuteAsync(caller, id, June(300_000))).Outcome));
        }

        foreach (var caller in new[] { policeA, policeB, policeReviewer, finance, supervisor, admin, readOnly })
        {
            var view = await Catalog.GetAsync(caller, id);
            Assert.Equal((caller.Name, 1), (caller.Name, view!.Checkpoints.Count));
            Assert.Equal((caller.Name, caller.Role == UserRole.DepartmentUser && !caller.ReadOnly), (caller.Name, view.MayRecord));
            var row = Assert.Single(await Catalog.TableAsync(caller));
            Assert.Equal((id, Police, "社区警务站建设", MonitoringLight.Red, 2), (row.FilingId, row.Department, row.ProjectName, row.Light, row.Latest!.WarningCount));
        }

        foreach (var caller in new[] { dataUser, dataReviewer })
        {
            Assert.Null(await Catalog.GetAsync(caller, id));
            Assert.Empty(await Catalog.TableAsync(caller));
        }

        Assert.Single(await Catalog.TableAsync(finance, Police, 2025));
        Assert.Empty(await Catalog.TableAsync(finance, DataBureau));
        Assert.Empty(await Catalog.TableAsync(finance, null, 2024));
    }

    [DbFact]
    public async Task The_monitoring_table_shows_the_latest_checkpoint_and_projects_without_one()
    {
        var id = await ApprovedAsync();
        Assert.Null(Assert.Single(await Catalog.TableAsync(finance)).Latest);
        await Record.ExecuteAsync(policeA, id, June(300_000));
        await Record.ExecuteAsync(policeA, id, new CheckpointInput(new DateOnly(2025, 8, 31), 700_000, []));
        var row = Assert.Single(await Catalog.TableAsync(finance));
        Assert.Equal((new DateOnly(2025, 8, 31), MonitoringLight.Green), (row.Latest!.Record.Date, row.Latest.Report.Execution.Light)); // 70% ÷ 8/12 = 105
        Assert.Equal(0, row.Indicators(MonitoringLight.Red));
    }

    [DbFact]
    public async Task A_draft_another_year_or_a_row_the_declaration_lacks_is_refused_in_both_languages()
    {
        var id = await ApprovedAsync();
        var draft = await DraftAsync();
        Assert.Equal(MonitoringOutcome.NotApproved, (await Record.ExecuteAsync(policeA, draft, June(1))).Outcome);
        Assert.Null(await Catalog.GetAsync(policeA, draft));

        var year = await Record.ExecuteAsync(policeA, id, June(1) with { Date = new DateOnly(2024, 6, 30) });
        Assert.Equal((MonitoringOutcome.Invalid, "监控时点 2024-06-30 不在预算年度 2025 年内。", "The checkpoint 2024-06-30 is outside the budget year 2025."),
            (year.Outcome, year.Message!.Zh, year.Message.En));
        var row = await Record.ExecuteAsync(policeA, id, June(1) with { Indicators = [new IndicatorProgress(4, "1个")] });
        Assert.Equal((MonitoringOutcome.Invalid, "Indicator row 5 does not exist (the declaration has 4), or it was entered twice."), (row.Outcome, row.Message!.En));
        var negative = await Record.ExecuteAsync(policeA, id, June(-1));
        Assert.Equal(("执行数不能为负数。", "The executed amount cannot be negative."), (negative.Message!.Zh, negative.Message.En));
        Assert.Equal(MonitoringOutcome.NotFound, (await Record.ExecuteAsync(policeA, 99_999, June(1))).Outcome);
        Assert.Empty(await new MonitoringStore(Db).ListAsync(id));
    }
}

public sealed class SqliteMonitoringTests : MonitoringTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresMonitoringTests : MonitoringTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
