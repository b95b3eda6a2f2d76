using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.App.Library;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Library;
using Jixiao.Data.Schema;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Library;

/// <summary>
/// The indicator library (指标库) against a hand count of the five forms of <see cref="LibraryForms"/>, on both
/// databases: the use of each entry (forms, departments, years), its typical targets and what self-evaluations reached,
/// the suggestions for a project, what curation changes in them, the department scope, and the counts following an
/// import and a deletion.
/// </summary>
public abstract class IndicatorLibraryTests : DatabaseTest
{
    private static readonly Caller Admin = new("admin", UserRole.Administrator);

    private AccessPolicy Policy => new(new DepartmentDirectory(Db));

    private IndicatorLibrary Library => new(Policy, new LibraryQueries(Db), new LibraryBuilder(Db));

    private CurateLibrary Curate => new(new LibraryStore(Db));

    private async Task<long> ImportAsync()
    {
        var result = await new FormImporter(Db).ImportFormsAsync(LibraryForms.All(), "library.json");
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, await Library.CatchUpAsync());
        return result.BatchId;
    }

    private async Task<LibraryItem> ItemAsync(string name, LibraryQuery? query = null, Caller? caller = null) =>
        Assert.Single((await Library.ListAsync(caller ?? Admin, (query ?? new LibraryQuery()) with { Text = name, PageSize = 500 })).Items, i => i.Name == name);

    private async Task<long> IdOfAsync(string name) => (await ItemAsync(name)).Id;

    [DbFact]
    public async Task Each_entry_counts_its_forms_departments_years_and_what_self_evaluations_met_as_counted_by_hand()
    {
        await ImportAsync();
        var page = await Library.ListAsync(Admin, new LibraryQuery { PageSize = 500 });

        // eight names; 监控 点位数 (form 2) is a spelling of 监控点位数
        Assert.Equal(8, page.TotalCount);
        Assert.Equal(5, page.Forms);
        var points = page.Items.Single(i => i.Name == "监控点位数");
        Assert.Equal(("产出指标", "数量指标"), (points.Level1, points.Level2));
        Assert.Equal(new Usage(3, 3, 2, 1, 1), points.Usage); // forms 1, 2, 3; of the self-evaluations 520 met ≥500, 480 did not
        Assert.Equal((1, 2), (points.Departments, points.Years));
        var intact = page.Items.Single(i => i.Name == "设备完好率");
        Assert.Equal(new Usage(3, 3, 3, 3, 0), intact.Usage);
        Assert.Equal((2, 2), (intact.Departments, intact.Years));
        Assert.Equal(new Usage(1, 1, 1, 0, 1), page.Items.Single(i => i.Name == "群众满意度").Usage);
        Assert.Equal(new Usage(1, 1, 1, 1, 0), page.Items.Single(i => i.Name == "校园安全").Usage); // 达成指标: met
        Assert.Equal(new Usage(1, 1, 0, 0, 0), page.Items.Single(i => i.Name == "治安案件发案率").Usage); // a declaration
        Assert.All(page.Items, i => Assert.Null(i.OwnForms));

        // sorted by forms, most first; the two entries of three forms before the others
        Assert.Equal(["监控点位数", "设备完好率"], page.Items.Take(2).Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(page.Items.Skip(2), i => Assert.Equal(1, i.Usage.Forms));

        // filters: the level, the project type, the department, the text (a spelling with white space finds it)
        Assert.Equal(["参训教师人次", "监控点位数", "监控点位数量"], (await Library.ListAsync(Admin, new LibraryQuery { Level2 = "数量" })).Items.Select(i => i.Name).Order(StringComparer.Ordinal));
        var education = await Library.ListAsync(Admin, new LibraryQuery { ProjectType = "education" });
        Assert.Equal(["参训教师人次", "培训考核合格率"], education.Items.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, education.Forms);
        Assert.Equal(new Usage(1, 1, 1, 1, 0), (await ItemAsync("设备完好率", new LibraryQuery { Department = LibraryForms.Education })).Usage);
        Assert.Equal("监控点位数", (await ItemAsync("监控点位数", new LibraryQuery { Text = "监控 点位" })).Name);
    }

    [DbFact]
    public async Task An_entry_gives_its_typical_targets_with_the_values_reached_by_department_type_and_year()
    {
        await ImportAsync();
        var detail = (await Library.EntryAsync(Admin, await IdOfAsync("监控点位数")))!;

        Assert.Equal(2, detail.Targets.Count);
        var common = detail.Targets[0];
        Assert.Equal("≥500个", common.Target); // ≥500(个) and ≥ 500 个 are one target
        Assert.Equal((2L, 2L, 1L, 1L, 2L), (common.Indicators, common.SelfEvaluations, common.Met, common.NotMet, common.Actuals));
        Assert.Equal((500m, 480m, 520m), (common.ActualMean, common.ActualMin, common.ActualMax));
        Assert.Equal(0.5, common.MetRate);
        Assert.Equal(("≥600个", 1L, 0L), (detail.Targets[1].Target, detail.Targets[1].Indicators, detail.Targets[1].SelfEvaluations));
        Assert.Null(detail.Targets[1].ActualMean);

        var police = Assert.Single(detail.ByDepartment);
        Assert.Equal((LibraryForms.Police, 3L), (police.Department, police.Usage.Forms));
        var type = Assert.Single(detail.ByType);
        Assert.Equal(("video-surveillance", 3L), (type.Type.Code, type.Usage.Forms));
        Assert.Equal([(2024, 2L), (2023, 1L)], detail.ByYear.Select(y => (y.Year!.Value, y.Usage.Forms)));

        var intact = (await Library.EntryAsync(Admin, await IdOfAsync("设备完好率")))!;
        var target = Assert.Single(intact.Targets);
        Assert.Equal(("≥95%", 3L, 3L, 0L), (target.Target, target.Indicators, target.Met, target.NotMet));
        Assert.Equal((97.3333m, 96m, 99m), (target.ActualMean, target.ActualMin, target.ActualMax));
        Assert.Equal([LibraryForms.Police, LibraryForms.Education], intact.ByDepartment.Select(d => d.Department)); // 2 forms, then 1

        // the synonym is offered to merge: a similar name under the same levels
        Assert.Contains(detail.Similar, s => s.Name == "监控点位数量" && s.Forms == 1);
    }

    [DbFact]
    public async Task Projects_like_a_video_surveillance_project_suggest_what_such_projects_measured_with_the_values_they_reached()
    {
        await ImportAsync();
        var suggestions = await Library.SuggestAsync(Admin, new SuggestionQuery { Project = "2025年新建视频监控点位" });

        Assert.True(suggestions.ByType);
        Assert.Equal(("video-surveillance", "视频监控"), (suggestions.Match.Type.Code, suggestions.Match.Keyword));
        Assert.Equal((4L, 3L), (suggestions.Forms, suggestions.SelfEvaluations)); // forms 1–4; 教师专业培训 is of another type
        Assert.DoesNotContain(suggestions.Indicators, s => s.Name == "参训教师人次");
        Assert.Equal(["监控点位数", "设备完好率"], suggestions.Indicators.Take(2).Select(s => s.Name).Order(StringComparer.Ordinal));
        var points = suggestions.Indicators.Single(s => s.Name == "监控点位数");
        Assert.Equal(0.75, points.Share);
        Assert.Equal(["≥500个", "≥600个"], points.Targets.Select(t => t.Target));
        Assert.Equal(500m, points.Targets[0].ActualMean);
        Assert.Equal(6, suggestions.Indicators.Count);

        // a department of its own; a level; a name of no known type: every project
        var byEducation = await Library.SuggestAsync(Admin, new SuggestionQuery { Project = "视频监控", Department = LibraryForms.Education });
        Assert.Equal(["校园安全", "监控点位数量", "设备完好率"], byEducation.Indicators.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["监控点位数"], (await Library.SuggestAsync(Admin, new SuggestionQuery { Project = "视频监控", Level2 = "数量指标", Take = 1 })).Indicators.Select(s => s.Name));
        var unknown = await Library.SuggestAsync(Admin, new SuggestionQuery { Project = "某某专项" });
        Assert.False(unknown.ByType);
        Assert.Equal(5, unknown.Forms);
        Assert.Equal(8, unknown.Indicators.Count);
    }

    [DbFact]
    public async Task Curation_changes_what_is_suggested_and_is_audited_in_its_transaction()
    {
        await ImportAsync();
        var video = new SuggestionQuery { Project = "视频监控" };
        var points = await IdOfAsync("监控点位数");
        var synonym = await IdOfAsync("监控点位数量");
        var intact = await IdOfAsync("设备完好率");
        var school = await IdOfAsync("校园安全");

        // retired: never suggested; recommended: first
        Assert.Equal(CurationResult.Done, await Curate.ExecuteAsync(Admin, intact, CurationAction.Retire, note: "与质量指标重复"));
        Assert.Equal(CurationResult.Done, await Curate.ExecuteAsync(Admin, school, CurationAction.Recommend));
        var suggested = await Library.SuggestAsync(Admin, video);
        Assert.DoesNotContain(suggested.Indicators, s => s.Id == intact);
        Assert.Equal(school, suggested.Indicators[0].Id);
        Assert.True(suggested.Indicators[0].Recommended);
        Assert.True((await ItemAsync("设备完好率")).Retired);

        // 监控点位数 absorbs 监控点位数量: one entry of both names, counted together
        Assert.Equal(CurationResult.Done, await Curate.ExecuteAsync(Admin, points, CurationAction.Absorb, synonym));
        var merged = suggested = await Library.SuggestAsync(Admin, video);
        Assert.DoesNotContain(merged.Indicators, s => s.Id == synonym);
        var both = merged.Indicators.Single(s => s.Id == points);
        Assert.Equal(new Usage(4, 4, 3, 2, 1), both.Usage);
        Assert.Equal(["≥500个", "≥120个", "≥600个"], both.Targets.Select(t => t.Target));
        var item = await ItemAsync("监控点位数");
        Assert.Equal((1, 2), (item.Spellings, item.Departments));
        var detail = (await Library.EntryAsync(Admin, synonym))!;
        Assert.Equal(points, detail.Id); // the merged entry shows the one it is merged into
        Assert.Equal("监控点位数量", Assert.Single(detail.Spellings).Name);

        // what cannot be done writes nothing
        Assert.Equal(CurationResult.Merged, await Curate.ExecuteAsync(Admin, synonym, CurationAction.Recommend));
        Assert.Equal(CurationResult.SameEntry, await Curate.ExecuteAsync(Admin, points, CurationAction.Absorb, points));
        Assert.Equal(CurationResult.NotMerged, await Curate.ExecuteAsync(Admin, points, CurationAction.Split));
        Assert.Equal(CurationResult.NotFound, await Curate.ExecuteAsync(Admin, 999_999, CurationAction.Retire));
        Assert.Equal(CurationResult.Forbidden, await Curate.ExecuteAsync(new Caller("reviewer", UserRole.FinanceReviewer), points, CurationAction.Retire));

        // split off again: counted on its own
        Assert.Equal(CurationResult.Done, await Curate.ExecuteAsync(Admin, synonym, CurationAction.Split));
        Assert.Equal(3, (await ItemAsync("监控点位数")).Usage.Forms);

        await using var db = Db.CreateContext();
        var audit = await db.AuditLog.Where(a => a.TargetType == "library-entry").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["library-retire", "library-recommend", "library-merge", "library-split"], audit.Select(a => a.Action));
        Assert.Contains("note=与质量指标重复", audit[0].Details, StringComparison.Ordinal);
        Assert.Contains("from=#" + synonym + " 产出指标/数量指标/监控点位数量; into=#" + points + " 产出指标/数量指标/监控点位数", audit[2].Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_department_user_sees_their_own_figures_beside_the_anonymised_whole()
    {
        await ImportAsync();
        var teacher = new Caller("teacher", UserRole.DepartmentUser, LibraryForms.Education);

        var intact = await ItemAsync("设备完好率", caller: teacher);
        Assert.Equal((3L, 1L), (intact.Usage.Forms, intact.OwnForms)); // the whole, and their own
        Assert.Equal(0, (await ItemAsync("监控点位数", caller: teacher)).OwnForms);

        var detail = (await Library.EntryAsync(teacher, intact.Id))!;
        Assert.Equal(2, detail.ByDepartment.Count);
        Assert.Equal((LibraryForms.Education, true, 1L), (detail.ByDepartment[0].Department, detail.ByDepartment[0].Own, detail.ByDepartment[0].Usage.Forms));
        Assert.Equal(((string?)null, (long?)null, false, 2L), (detail.ByDepartment[1].Department, detail.ByDepartment[1].DepartmentId, detail.ByDepartment[1].Own, detail.ByDepartment[1].Usage.Forms));
        Assert.Equal(1, Assert.Single(detail.OwnTargets!).Indicators);
        Assert.Equal(3, detail.Targets[0].Indicators);

        // another department as a filter selects nothing
        Assert.Empty((await Library.ListAsync(teacher, new LibraryQuery { Department = LibraryForms.Police })).Items);
        Assert.Empty((await Library.SuggestAsync(teacher, new SuggestionQuery { Project = "视频监控", Department = LibraryForms.Police })).Indicators);
        var own = await ItemAsync("设备完好率", new LibraryQuery { Department = LibraryForms.Education }, teacher);
        Assert.Equal((1L, 1L), (own.Usage.Forms, own.OwnForms));
    }

    [DbFact]
    public async Task The_counts_follow_an_import_and_the_deletion_of_a_batch()
    {
        var batch = await ImportAsync();
        var status = await Library.StatusAsync();
        Assert.Equal((1, 5L, 0), (status.Batches, status.Forms, status.PendingBatches));

        // a second import is waiting until the build counts it
        var second = await new FormImporter(Db).ImportFormsAsync([SampleForms.SelfEvaluation(LibraryForms.Police, 2025, "视频监控运维")], "more.json");
        Assert.True(second.Succeeded);
        Assert.Equal((1, 1L), ((await Library.StatusAsync()).PendingBatches, (await Library.StatusAsync()).PendingForms));
        Assert.Equal(1, await Library.CatchUpAsync());
        Assert.Equal(0, await Library.CatchUpAsync());
        Assert.Equal(1, (await ItemAsync("完成数量")).Usage.Forms);

        // the deletion of the first batch takes its counts in its own transaction; the entries and their curation stay
        var points = await IdOfAsync("监控点位数");
        Assert.Equal(CurationResult.Done, await Curate.ExecuteAsync(Admin, points, CurationAction.Recommend));
        var deleted = await new DeleteBatch(new FormWriter(Db), new Data.Imports.ImportBatchStore(Db), new NoKeptFiles()).ExecuteAsync(Admin, batch);
        Assert.Equal(BatchDeletion.Deleted, deleted.Outcome);
        var page = await Library.ListAsync(Admin, new LibraryQuery());
        Assert.Equal(["完成数量"], page.Items.Select(i => i.Name));
        Assert.Equal(1, page.Forms);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(0, await db.Set<LibraryCell>().CountAsync(c => c.BatchId == batch));
            Assert.Equal(0, await db.Set<LibraryTargetCell>().CountAsync(c => c.BatchId == batch));
            Assert.True(await db.Set<LibraryEntry>().Where(e => e.Id == points).Select(e => e.Recommended).SingleAsync());
        }

        // imported again: the same entry, still recommended
        var again = await new FormImporter(Db).ImportFormsAsync(LibraryForms.All(), "again.json");
        Assert.True(again.Succeeded);
        Assert.Equal(1, await Library.CatchUpAsync());
        var item = await ItemAsync("监控点位数");
        Assert.Equal((points, true, 3L), (item.Id, item.Recommended, item.Usage.Forms));
    }
}

public sealed class SqliteIndicatorLibraryTests : IndicatorLibraryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresIndicatorLibraryTests : IndicatorLibraryTests, Data.Tests.IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
