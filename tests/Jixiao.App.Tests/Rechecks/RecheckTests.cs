using System.Globalization;
using System.Text;
using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.App.Rechecks;
using Jixiao.App.Review;
using Jixiao.Core.Checks;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Rechecks;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Rechecks;

/// <summary>
/// The re-check of all stored forms (重新核查) on a real database: a rule change rewrites the findings, the forms'
/// counts and recomputed values and the stored totals exactly, and the next one puts them back; findings changed by
/// hand are restored; the findings across forms and the reviewers' conclusions survive; progress is reported, an
/// interrupted job goes on from its last form, a cancelled one stops; only administrators start one; and a start of the
/// application starts one when the stored checks version is not the code's.
/// </summary>
public abstract class RecheckTests : DatabaseTest
{
    private static readonly Caller Admin = new("admin", UserRole.Administrator);

    /// <summary>The checks without two info-level ones that fire often on the corpus (an "older" catalogue).</summary>
    private static FormChecker Without(params string[] codes) =>
        FormChecker.ByJurisdiction(CheckCatalogue.All.Where(c => !codes.Contains(c.Definition.Code)));

    private RecheckStore Store => new(Db);

    private RecheckRunner Runner(string version, FormChecker? checker = null, int step = RecheckRunner.DefaultStepForms, Func<RecheckJob, Task>? afterStep = null) =>
        new(Store, new FormWriter(Db), checker: checker, version: version) { StepForms = step, AfterStep = afterStep, Delay = _ => TimeSpan.FromMilliseconds(10) };

    private RecheckJobs Jobs(RecheckRunner runner) => new(Store, runner);

    private async Task ImportCorpusAsync()
    {
        var importer = new FormImporter(Db);
        foreach (var file in Corpus.AllFiles)
        {
            var result = await importer.ImportFileAsync(Corpus.PathOf(file));
            Assert.True(result.Succeeded, result.Error);
        }
    }

    private async Task ImportGeneratedAsync(int count, int seed = 41)
    {
        var result = await new FormImporter(Db).ImportFormsAsync(
            new FormGenerator(seed, new GeneratorOptions { ErrorRate = 0.3 }).Generate(count).Select(g => g.Form), $"generated-{seed}.json");
        Assert.True(result.Succeeded, result.Error);
    }

    /// <summary>Starts a job as an administrator and runs it to its end.</summary>
    private async Task<RecheckRun> RecheckAsync(RecheckRunner runner, Action<RecheckJob>? progress = null)
    {
        var start = await Jobs(runner).StartAsync(Admin);
        Assert.True(start.Created);
        return await runner.RunJobAsync(start.Job.Id, progress, CancellationToken.None);
    }

    /// <summary>Every stored finding and every recomputed value of every form, one line each, in id order.</summary>
    private async Task<List<string>> StoredChecksAsync()
    {
        await using var db = Db.CreateContext();
        var lines = new List<string>();
        foreach (var f in await db.Forms.AsNoTracking().OrderBy(f => f.Id).ToListAsync())
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"form {f.Id}: {f.Grade}|{f.CannotAssessCount}|{f.ExecutionRateRecomputed:0.0000}|{f.ExecutionRate:0.0000}|{f.ExecutionScoreRecomputed:0.0000}|{f.RecomputedTotal:0.0000}|{f.RecomputedMin:0.0000}|{f.RecomputedMax:0.0000}|{f.RecomputedGrade}|{f.RuleSet}|{f.ErrorCount}|{f.WarningCount}|{f.InfoCount}"));
        }

        foreach (var i in await db.Indicators.AsNoTracking().OrderBy(i => i.FormId).ThenBy(i => i.Position).ToListAsync())
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"indicator {i.FormId}/{i.Position}: {i.Category}|{i.RecomputedScore:0.0000}|{i.Outcome}"));
        }

        foreach (var x in await db.Findings.AsNoTracking().OrderBy(x => x.FormId).ThenBy(x => x.Position).ToListAsync())
        {
            lines.Add($"finding {x.FormId}/{x.Position}: {x.Code}|{x.Severity}|{x.Category}|{x.Field}|{x.IndicatorIndex}|{x.SourceLine}|{x.RelatedFormId}|{x.MessageZh}|{x.MessageEn}");
        }

        return lines;
    }

    /// <summary>The stored totals, every column of every cell (sums to 3 places: SQLite keeps doubles).</summary>
    private async Task<string> CubeAsync()
    {
        await using var db = Db.CreateContext();
        var text = new StringBuilder();
        void Row(object cell)
        {
            foreach (var p in cell.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var v = p.GetValue(cell);
                text.Append(p.Name).Append('=').Append(v is decimal d ? d.ToString("0.000", CultureInfo.InvariantCulture) : Convert.ToString(v, CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append('\n');
        }

        foreach (var c in await db.PortfolioCells.AsNoTracking().OrderBy(c => c.Year).ThenBy(c => c.DepartmentId).ThenBy(c => c.Kind).ToListAsync())
        {
            Row(c);
        }

        foreach (var c in (await db.FindingCells.AsNoTracking().ToListAsync()).OrderBy(c => c.Year).ThenBy(c => c.DepartmentId).ThenBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Severity))
        {
            Row(c);
        }

        return text.ToString();
    }

    /// <summary>The stored totals are what adding up the stored forms gives (they are rebuilt from the forms and compared).</summary>
    private async Task AssertCubeExactAsync()
    {
        var kept = await CubeAsync();
        await using (var db = Db.CreateContext())
        {
            await db.StorageState.Where(s => s.Key == PortfolioCube.StateKey).ExecuteDeleteAsync();
        }

        await Db.MigrateAsync();
        Assert.Equal(await CubeAsync(), kept);
    }

    /// <summary>Every form's severity counts are those of its findings, and every finding has its form's year.</summary>
    private async Task AssertCountsAgreeAsync()
    {
        await using var db = Db.CreateContext();
        var wrong = await db.Forms
            .Where(f => f.WarningCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Warning)
                || f.ErrorCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Error)
                || f.InfoCount != db.Findings.Count(x => x.FormId == f.Id && x.Severity == Severity.Info))
            .Select(f => f.Id).ToListAsync();
        Assert.Empty(wrong);

        // each finding carries its form's year (the check code and severity indexes' order)
        Assert.Equal(0, await db.Findings.Join(db.Forms, x => x.FormId, f => f.Id, (x, f) => new { x.Year, FormYear = f.Year }).CountAsync(p => p.Year != p.FormYear));
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Db.CreateContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith("recheck")).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<int> CountAsync(string code)
    {
        await using var db = Db.CreateContext();
        return await db.Findings.CountAsync(x => x.Code == code);
    }

    [DbFact]
    public async Task With_the_same_checks_nothing_changes_on_the_corpus_and_the_version_is_recorded()
    {
        await ImportCorpusAsync();
        var before = await StoredChecksAsync();
        var cube = await CubeAsync();

        var run = await RecheckAsync(Runner("test-1"));

        // every form of the corpus checks as it did on import: its numbers are read at their printed precision
        // (a police form printing 10.00 and 9.90 gave other findings when read back as 10 and 9.9)
        Assert.Equal(RecheckOutcome.Succeeded, run.Outcome);
        Assert.Equal((79, 79, 0), (run.Job!.Total, run.Job.Done, run.Job.Changed));
        Assert.Equal(run.Job.FindingsBefore, run.Job.FindingsAfter);
        Assert.Equal(before, await StoredChecksAsync());
        Assert.Equal(cube, await CubeAsync());
        Assert.Equal("test-1", await Store.StoredVersionAsync());
        var audit = await AuditAsync();
        Assert.Equal(["recheck-start", "recheck-finish"], audit.Select(a => a.Action));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"done=79; total=79; changed=0; findings={run.Job.FindingsBefore:N0} → {run.Job.FindingsAfter:N0}; version=test-1"), audit[1].Details);
    }

    [DbFact]
    public async Task A_rule_change_rewrites_findings_counts_and_totals_and_the_next_puts_them_back()
    {
        await ImportCorpusAsync();
        await ImportGeneratedAsync(300);
        var original = await StoredChecksAsync();
        var originalCube = await CubeAsync();
        await using (var db = Db.CreateContext())
        {
            Assert.True(await db.Findings.AnyAsync(x => x.RelatedFormId != null));
        }

        var unmeasurable = await CountAsync("TGT-UNMEASURABLE");
        var quantity = await CountAsync("IND-QTY-RATE");
        Assert.True(unmeasurable > 500 && quantity > 50);
        var across = await CrossFindingsAsync();

        // an "older" catalogue without two checks
        var older = await RecheckAsync(Runner("old", Without("TGT-UNMEASURABLE", "IND-QTY-RATE"), step: 100));
        Assert.Equal(RecheckOutcome.Succeeded, older.Outcome);
        Assert.Equal(379, older.Job!.Done);
        Assert.Equal(older.Job.FindingsBefore - unmeasurable - quantity, older.Job.FindingsAfter);
        Assert.Equal((0, 0), (await CountAsync("TGT-UNMEASURABLE"), await CountAsync("IND-QTY-RATE")));
        Assert.Equal(across, await CrossFindingsAsync());
        await AssertCountsAgreeAsync();
        await AssertCubeExactAsync();
        Assert.NotEqual(originalCube, await CubeAsync());
        Assert.Equal("old", await Store.StoredVersionAsync());

        // the current catalogue again: everything is as it was after the import
        var current = await RecheckAsync(Runner("new", step: 100));
        Assert.Equal(RecheckOutcome.Succeeded, current.Outcome);
        Assert.Equal(older.Job.Changed, current.Job!.Changed);
        Assert.Equal(original, await StoredChecksAsync());
        Assert.Equal(originalCube, await CubeAsync());
        await AssertCubeExactAsync();
    }

    /// <summary>The findings across forms by form, code and related form (their positions move).</summary>
    private async Task<List<string>> CrossFindingsAsync()
    {
        await using var db = Db.CreateContext();
        return (await db.Findings.AsNoTracking().Where(x => x.RelatedFormId != null).ToListAsync())
            .Select(x => $"{x.FormId}|{x.Code}|{x.Field}|{x.RelatedFormId}|{x.MessageZh}").Order(StringComparer.Ordinal).ToList();
    }

    [DbFact]
    public async Task Findings_and_values_changed_by_hand_are_restored_with_their_counts_and_totals()
    {
        await ImportCorpusAsync();
        await ImportGeneratedAsync(200, seed: 7);
        var original = await StoredChecksAsync();
        var originalCube = await CubeAsync();

        // stale data: some findings gone, one invented, wrong recomputed values and counts; the totals as the forms say
        await using (var db = Db.CreateContext())
        {
            var forms = await db.Forms.OrderBy(f => f.Id).Select(f => f.Id).Take(60).ToListAsync();
            await db.Findings.Where(x => forms.Contains(x.FormId) && x.RelatedFormId == null && x.Code == "TGT-UNMEASURABLE").ExecuteDeleteAsync();
            var first = forms[0];
            var position = await db.Findings.Where(x => x.FormId == first).MaxAsync(x => (int?)x.Position) ?? -1;
            db.Findings.Add(new FindingRecord { FormId = first, Position = position + 1, Code = "OLD-CHECK", Severity = Severity.Error, Field = "totalScore", MessageZh = "旧", MessageEn = "old" });
            await db.SaveChangesAsync();
            await db.Forms.Where(f => forms.Contains(f.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.RecomputedTotal, 1m).SetProperty(f => f.RecomputedGrade, Core.Scoring.Grade.Poor).SetProperty(f => f.InfoCount, 0));
            await db.Indicators.Where(i => forms.Contains(i.FormId) && i.Position == 0).ExecuteUpdateAsync(s => s.SetProperty(i => i.RecomputedScore, 0m));
            await db.StorageState.Where(s => s.Key == PortfolioCube.StateKey).ExecuteDeleteAsync();
        }

        await Db.MigrateAsync(); // the totals rebuilt from the stale forms
        Assert.NotEqual(originalCube, await CubeAsync());

        var run = await RecheckAsync(Runner("test-2", step: 25));
        Assert.Equal(RecheckOutcome.Succeeded, run.Outcome);
        Assert.Equal(60, run.Job!.Changed);
        Assert.Equal(original, await StoredChecksAsync());
        Assert.Equal(originalCube, await CubeAsync());
        await AssertCountsAgreeAsync();
        await AssertCubeExactAsync();
    }

    [DbFact]
    public async Task Review_conclusions_survive_rechecks_that_move_the_findings()
    {
        await ImportCorpusAsync();
        var policy = new AccessPolicy(new DepartmentDirectory(Db));
        var decide = new DecideFinding(new ReviewStore(Db), policy, TimeProvider.System);
        var reviewer = new Caller("reviewer", UserRole.FinanceReviewer);

        // a form with a finding across forms after findings of its own checks, the last of which is TGT-UNMEASURABLE
        FindingRecord own, cross;
        await using (var db = Db.CreateContext())
        {
            var candidates = await db.Findings.AsNoTracking().Where(x => x.RelatedFormId != null).Select(x => x.FormId).Distinct().ToListAsync();
            var all = (await db.Findings.AsNoTracking().Where(x => candidates.Contains(x.FormId)).ToListAsync()).ToLookup(x => x.FormId);
            var form = all.First(g => g.Any(x => x.Code == "TGT-UNMEASURABLE") && g.Any(x => x.Code == "GOAL-COPIED"));
            own = form.First(x => x.Code == "GOAL-COPIED");
            cross = form.First(x => x.RelatedFormId != null);
        }

        Assert.Equal(ReviewOutcome.Done, (await decide.ExecuteAsync(reviewer, own.FormId, own.Position, FindingDecision.Dismissed, "目标与完成情况确实相同")).Outcome);
        Assert.Equal(ReviewOutcome.Done, (await decide.ExecuteAsync(reviewer, cross.FormId, cross.Position, FindingDecision.Confirmed, "确系照抄")).Outcome);

        async Task<Dictionary<string, FindingDecision>> DecisionsAsync()
        {
            await using var db = Db.CreateContext();
            var findings = await db.Findings.AsNoTracking().Where(x => x.FormId == own.FormId).ToDictionaryAsync(x => x.Position);
            var decisions = await new ReviewStore(Db).DecisionsOfAsync([own.FormId]);
            return decisions.ToDictionary(d => $"{findings[d.Key.Position].Code}|{findings[d.Key.Position].RelatedFormId}", d => d.Value.Decision);
        }

        var expected = new Dictionary<string, FindingDecision> { ["GOAL-COPIED|"] = FindingDecision.Dismissed, [$"{cross.Code}|{cross.RelatedFormId}"] = FindingDecision.Confirmed };
        Assert.Equal(expected, await DecisionsAsync());

        // without TGT-UNMEASURABLE the finding across forms moves up; the conclusions follow their findings
        Assert.Equal(RecheckOutcome.Succeeded, (await RecheckAsync(Runner("old", Without("TGT-UNMEASURABLE")))).Outcome);
        await using (var db = Db.CreateContext())
        {
            Assert.True(await db.Findings.Where(x => x.FormId == cross.FormId && x.Code == cross.Code && x.RelatedFormId == cross.RelatedFormId).Select(x => x.Position).SingleAsync() < cross.Position);
        }

        Assert.Equal(expected, await DecisionsAsync());
        Assert.Equal(RecheckOutcome.Succeeded, (await RecheckAsync(Runner("new"))).Outcome);
        Assert.Equal(expected, await DecisionsAsync());
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(cross.Position, await db.Findings.Where(x => x.FormId == cross.FormId && x.Code == cross.Code && x.RelatedFormId == cross.RelatedFormId).Select(x => x.Position).SingleAsync());
        }
    }

    [DbFact]
    public async Task Progress_is_reported_and_an_interrupted_job_goes_on_from_its_last_form()
    {
        await ImportGeneratedAsync(230);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(230, await db.Forms.CountAsync());
        }

        var seen = new List<(int Done, long Last)>();
        using var stop = new CancellationTokenSource();
        var first = Runner("old", Without("TGT-UNMEASURABLE"), step: 50, afterStep: job =>
        {
            if (job.Done >= 100)
            {
                stop.Cancel(); // the application stops after the second step
            }

            return Task.CompletedTask;
        });
        var start = await Jobs(first).StartAsync(Admin);
        var interrupted = await first.RunJobAsync(start.Job.Id, j => seen.Add((j.Done, j.LastFormId)), stop.Token);
        Assert.Equal(RecheckOutcome.Interrupted, interrupted.Outcome);

        var job = (await Store.GetAsync(start.Job.Id))!;
        Assert.Equal(RecheckState.Running, job.State);
        long[] ids;
        await using (var db = Db.CreateContext())
        {
            ids = [.. await db.Forms.OrderBy(f => f.Id).Select(f => f.Id).ToListAsync()];
        }

        Assert.Equal([(50, ids[49]), (100, ids[99])], seen);
        Assert.Equal((100, ids[99], 230), (job.Done, job.LastFormId, job.Total));
        var progress = Assert.IsType<RecheckProgress>(await Jobs(first).GetAsync(Admin, job.Id));
        Assert.Equal(43.5, progress.Percent);

        // a new start of the application: the worker goes on after the last form re-checked, not from the beginning
        seen.Clear();
        var second = Runner("old", Without("TGT-UNMEASURABLE"), step: 50);
        var resumed = await second.RunJobAsync(job.Id, j => seen.Add((j.Done, j.LastFormId)), CancellationToken.None);
        Assert.Equal(RecheckOutcome.Succeeded, resumed.Outcome);
        Assert.Equal([(150, ids[149]), (200, ids[199]), (230, ids[229])], seen);
        Assert.Equal((230, 230), (resumed.Job!.Done, resumed.Job.Total));
        Assert.Equal(0, await CountAsync("TGT-UNMEASURABLE"));
        var done = RecheckProgress.Of(resumed.Job);
        Assert.Equal(100, done.Percent);
        Assert.Null(done.Remaining);
        await AssertCountsAgreeAsync();
        await AssertCubeExactAsync();
    }

    [DbFact]
    public async Task A_cancelled_job_stops_after_its_step_and_is_audited_and_only_administrators_start_one()
    {
        await ImportGeneratedAsync(120);
        var jobs = Jobs(Runner("v2"));
        foreach (var role in new[] { UserRole.FinanceReviewer, UserRole.Supervisor, UserRole.DepartmentUser })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.StartAsync(new Caller("someone", role, role == UserRole.DepartmentUser ? "某部门" : null)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.CancelAsync(new Caller("someone", role), 1));
        }

        await using (var db = Db.CreateContext())
        {
            Assert.Equal(0, await db.RecheckJobs.CountAsync());
        }

        RecheckJobs? cancelling = null;
        var runner = Runner("v2", Without("TGT-UNMEASURABLE"), step: 40, afterStep: async job =>
        {
            if (job.Done == 40)
            {
                Assert.Equal(RecheckCancel.Requested, await cancelling!.CancelAsync(new Caller("boss", UserRole.Administrator), job.Id));
            }
        });
        cancelling = Jobs(runner);
        var start = await cancelling.StartAsync(Admin);
        Assert.False((await cancelling.StartAsync(Admin)).Created); // one at a time
        var run = await runner.RunJobAsync(start.Job.Id, null, CancellationToken.None);

        Assert.Equal(RecheckOutcome.Cancelled, run.Outcome);
        Assert.Equal((RecheckState.Cancelled, 40, "boss"), (run.Job!.State, run.Job.Done, run.Job.CancelRequestedBy));
        Assert.NotNull(run.Job.FinishedAt);
        Assert.NotEqual("v2", await Store.StoredVersionAsync());
        Assert.Equal(RecheckCancel.NotOpen, await cancelling.CancelAsync(Admin, start.Job.Id));
        Assert.Equal(RecheckCancel.NotFound, await cancelling.CancelAsync(Admin, 999));
        var audit = await AuditAsync();
        Assert.Equal([("recheck-start", "admin"), ("recheck-cancel", "boss")], audit.Select(a => (a.Action, a.Actor)));
        Assert.StartsWith("done=40; total=120; changed=", audit[1].Details, StringComparison.Ordinal);
        Assert.Equal($"trigger=Administrator; forms=120; version={CheckVersion.Current} → v2", audit[0].Details);
        await AssertCountsAgreeAsync();
        await AssertCubeExactAsync();
    }

    [DbFact]
    public async Task A_start_rechecks_when_the_stored_version_is_not_the_codes_and_only_then()
    {
        // a new database records the code's version: nothing to re-check
        Assert.Equal(CheckVersion.Current, await Store.StoredVersionAsync());
        Assert.Null(await Runner("v1").EnsureCurrentAsync());
        Assert.Equal("v1", await Store.StoredVersionAsync()); // no forms: recorded as is

        await ImportGeneratedAsync(80);
        Assert.Null(await Runner("v1").EnsureCurrentAsync());

        // a new version of the checks: the worker's start queues a job and runs it
        var runner = Runner("v2");
        using var stop = new CancellationTokenSource();
        var worker = runner.RunAsync(automatic: true, stop.Token);
        RecheckJob? job = null;
        for (var i = 0; i < 600 && job?.State != RecheckState.Succeeded; i++)
        {
            await Task.Delay(50);
            job = await Store.LatestForAsync("v2");
        }

        await stop.CancelAsync();
        await worker;
        Assert.Equal((RecheckState.Succeeded, RecheckTrigger.Automatic, "system", "v1", 80), (job!.State, job.Trigger, job.StartedBy, job.PreviousVersion, job.Done));
        Assert.Equal("v2", await Store.StoredVersionAsync());

        // an administrator cancels a re-check: the next start does not start it again; a job of an older version is replaced
        var v3 = Runner("v3");
        var cancelled = await Jobs(v3).StartAsync(Admin);
        Assert.Equal(RecheckCancel.Requested, await Jobs(v3).CancelAsync(Admin, cancelled.Job.Id));
        Assert.Equal(RecheckOutcome.Cancelled, (await v3.RunJobAsync(cancelled.Job.Id, null, CancellationToken.None)).Outcome);
        Assert.Null(await v3.EnsureCurrentAsync());

        var left = await Jobs(v3).StartAsync(Admin); // left queued by a version 3 that is gone
        var v4 = await Runner("v4").EnsureCurrentAsync();
        Assert.NotNull(v4);
        var replaced = (await Store.GetAsync(left.Job.Id))!;
        Assert.Equal(RecheckState.Cancelled, replaced.State);
        Assert.Equal("replaced by a re-check to version v4 (this job re-checked to v3)", replaced.Error);
        Assert.Equal("已被核查版本 v4 的重新核查取代（本任务核查到版本 v3）", RecheckMessages.Localize(replaced.Error, english: false));
        Assert.Equal((RecheckState.Queued, "v2"), (v4!.State, v4.PreviousVersion));
    }
}

public sealed class SqliteRecheckTests : RecheckTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresRecheckTests : RecheckTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
