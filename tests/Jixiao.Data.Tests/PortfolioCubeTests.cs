using System.Globalization;
using System.Text;
using Jixiao.Core.Forms;
using Jixiao.App.Imports;
using Jixiao.Data.Forms;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>
/// The stored portfolio totals (portfolio_cells, finding_cells) answer the overview, the department and year lists
/// and the count of lists filtered by year, department and kind. They must always say exactly what a computation over
/// the forms says: after imports, a failed import, deletions, and a rebuild.
/// </summary>
public abstract class PortfolioCubeTests : IAsyncLifetime
{
    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    private JixiaoDatabase Db => test!.Database;

    private TestStore Store => new(Db);

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [DataFact]
    public async Task Stored_totals_match_the_forms_after_imports_failures_and_deletions()
    {
        var importer = new FormImporter(Db);
        var first = await importer.ImportFormsAsync(new FormGenerator(11, new GeneratorOptions { ErrorRate = 0.3 }).Generate(400).Select(g => g.Form), "generated-11", new ImportOptions { ChunkSize = 50 });
        var second = await importer.ImportFormsAsync(new FormGenerator(12).Generate(250).Select(g => g.Form), "generated-12");
        var police = await importer.ImportFileAsync(Corpus.PathOf(Corpus.Police2024));
        var songnan = await importer.ImportFileAsync(Corpus.PathOf(Corpus.Songnan2023));
        Assert.All(new[] { first, second, police, songnan }, r => Assert.True(r.Succeeded, r.ToString()));
        await AssertTotalsMatchAsync(expectedForms: 400 + 250 + 37 + 5);

        // a file that fails adds nothing
        var bad = Path.Combine(Path.GetTempPath(), "jixiao-cube-bad-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(bad, "{\"format\": \"jixiao.form/1\", \"forms\": [ {\"kind\": ");
        try
        {
            Assert.False((await importer.ImportFileAsync(bad)).Succeeded);
        }
        finally
        {
            File.Delete(bad);
        }

        await AssertTotalsMatchAsync(expectedForms: 692);

        Assert.True(await Store.DeleteBatchAsync(first.BatchId));
        await AssertTotalsMatchAsync(expectedForms: 292);
        Assert.True(await Store.DeleteBatchAsync(police.BatchId));
        await AssertTotalsMatchAsync(expectedForms: 255);

        Assert.True(await Store.DeleteBatchAsync(second.BatchId));
        Assert.True(await Store.DeleteBatchAsync(songnan.BatchId));
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.PortfolioCells.CountAsync());
        Assert.Equal(0, await db.FindingCells.CountAsync());
        Assert.Equal(0, await db.ProjectCells.CountAsync());
        Assert.Empty((await Store.GetStatisticsAsync(new FormQuery())).Rows);
        Assert.Empty(await Store.ListYearsAsync());
    }

    [DataFact]
    public async Task Missing_or_outdated_totals_are_rebuilt_on_start()
    {
        var importer = new FormImporter(Db);
        Assert.True((await importer.ImportFormsAsync(new FormGenerator(21, new GeneratorOptions { ErrorRate = 0.2 }).Generate(300).Select(g => g.Form), "generated-21")).Succeeded);
        Assert.True((await importer.ImportFileAsync(Corpus.PathOf(Corpus.DataBureau2024))).Succeeded);

        // as after the migration that added them to a database with forms, or a version that kept other totals
        await using (var db = Db.CreateContext())
        {
            await db.PortfolioCells.ExecuteDeleteAsync();
            await db.FindingCells.Where(c => c.Code != "FUND-RATE").ExecuteUpdateAsync(s => s.SetProperty(c => c.Findings, 999));
            await db.ProjectCells.ExecuteUpdateAsync(s => s.SetProperty(c => c.Forms, 1));
            await db.StorageState.ExecuteDeleteAsync();
        }

        await Db.MigrateAsync();
        await AssertTotalsMatchAsync(expectedForms: 334);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(PortfolioCube.Version, (await db.StorageState.SingleAsync(s => s.Key == PortfolioCube.StateKey)).Value);
        }

        // an up-to-date database is left alone (and stays right)
        await Db.MigrateAsync();
        await AssertTotalsMatchAsync(expectedForms: 334);
    }

    [DataFact]
    public async Task Full_text_counts_stop_at_the_limit_and_still_page_on()
    {
        var importer = new FormImporter(Db);
        Assert.True((await importer.ImportFormsAsync(new FormGenerator(31).Generate(1_200).Select(g => g.Form), "generated-31")).Succeeded);
        var store = Store;

        // every generated department is in 江海市: 1,200 forms match, counting stops after 1,000
        var first = await store.ListAsync(new FormQuery { Text = "江海市" });
        Assert.True(first.TotalIsLowerBound);
        Assert.Equal(TestStore.TextCountLimit, first.TotalCount);
        Assert.Equal(21, first.PageCount);
        Assert.Equal(50, first.Items.Count);

        // asking for a page past the limit counts as far as that page, and the last page ends the list exactly
        var page21 = await store.ListAsync(new FormQuery { Text = "江海市", Page = 21 });
        Assert.True(page21.TotalIsLowerBound);
        Assert.Equal(1_050, page21.TotalCount);
        var last = await store.ListAsync(new FormQuery { Text = "江海市", Page = 24 });
        Assert.False(last.TotalIsLowerBound);
        Assert.Equal(1_200, last.TotalCount);
        Assert.Equal(24, last.PageCount);
        Assert.Equal(50, last.Items.Count);

        // the pages together are every form, each once, in the list's order
        var ids = new List<long>();
        for (var p = 1; p <= 24; p++)
        {
            ids.AddRange((await store.ListAsync(new FormQuery { Text = "江海市", Page = p })).Items.Select(f => f.Id));
        }

        Assert.Equal(1_200, ids.Distinct().Count());
        var all = await store.ListAsync(new FormQuery { PageSize = FormQuery.MaxPageSize, Page = 1 });
        Assert.Equal(all.Items.Select(f => f.Id), ids.Take(FormQuery.MaxPageSize));

        // when the walk in sort order is too short for the page, the matches come from the search index, sorted: the
        // same pages (window 10: every page of this search takes that way)
        var indexed = new TestStore(Db) { TextWalkWindow = 10 };
        foreach (var q in new[]
                 {
                     new FormQuery { Text = "江海市" },
                     new FormQuery { Text = "江海市", Page = 7 },
                     new FormQuery { Text = "江海市", Page = 24 },
                     new FormQuery { Text = "江海市", Sort = FormSort.TotalScore, Descending = true, Page = 3 },
                     new FormQuery { Text = "江海市", Sort = FormSort.ProjectName },
                 })
        {
            var expected = await store.ListAsync(q);
            var actual = await indexed.ListAsync(q);
            Assert.Equal(expected.Items.Select(f => f.Id), actual.Items.Select(f => f.Id));
            Assert.Equal(expected.TotalCount, actual.TotalCount);
        }

        // a rarer word is counted exactly
        var rare = await store.ListAsync(new FormQuery { Text = all.Items[0].ProjectName });
        Assert.False(rare.TotalIsLowerBound);
        Assert.InRange(rare.TotalCount, 1, TestStore.TextCountLimit - 1);
    }

    [DataFact]
    public async Task An_exact_count_counts_a_full_text_search_to_the_end_and_the_totals_count_every_match()
    {
        var importer = new FormImporter(Db);
        Assert.True((await importer.ImportFormsAsync(new FormGenerator(32).Generate(1_100).Select(g => g.Form), "generated-32")).Succeeded);
        var store = Store;
        var query = new FormQuery { Text = "江海市" };

        var counted = await store.ListAsync(query);
        Assert.True(counted.TotalIsLowerBound);
        Assert.Equal(TestStore.TextCountLimit, counted.TotalCount);

        var exact = await store.ListAsync(query, exactCount: true);
        Assert.False(exact.TotalIsLowerBound);
        Assert.Equal(1_100, exact.TotalCount);
        Assert.Equal(22, exact.PageCount);
        Assert.Equal(counted.Items.Select(f => f.Id), exact.Items.Select(f => f.Id));

        // the totals of a search are always exact: every one of the 1,100 matches, as added up by hand
        var totals = await store.GetTotalsAsync(query);
        Assert.Equal(1_100, totals.Forms);
        Assert.Equal(HandTotals(await AllFormsAsync(store, new FormQuery())), totals);

        // a search under the limit is exact either way
        var rare = await store.ListAsync(new FormQuery { Text = counted.Items[0].ProjectName }, exactCount: true);
        Assert.Equal((await store.ListAsync(new FormQuery { Text = counted.Items[0].ProjectName })).TotalCount, rare.TotalCount);
    }

    [DataFact]
    public async Task Budget_and_rate_count_the_self_evaluations_that_state_both_amounts_and_declarations_apart()
    {
        Assert.True((await new FormImporter(Db).ImportFormsAsync(TinyPortfolio.Forms(), "tiny")).Succeeded);
        var store = Store;
        foreach (var query in new[] { new FormQuery(), new FormQuery { Year = TinyPortfolio.Year, Department = TinyPortfolio.Department } })
        {
            var stored = await store.GetStatisticsAsync(query);
            var computed = await store.ComputeStatisticsAsync(query);
            Assert.Equal(Describe(computed), Describe(stored));
            var row = Assert.Single(stored.Rows);
            Assert.Equal((4, 3, 1), (row.Forms, row.SelfEvaluations, row.Declarations));
            Assert.Equal(TinyPortfolio.Budget, row.Budget);
            Assert.Equal(TinyPortfolio.Executed, row.Executed);
            Assert.Equal(TinyPortfolio.DeclaredBudget, row.DeclaredBudget);
            Assert.Equal(TinyPortfolio.ExecutionRate, row.ExecutionRate);
            Assert.Equal(TinyPortfolio.ExecutionRate, stored.ExecutionRate);

            var totals = await store.GetTotalsAsync(query);
            Assert.Equal(await store.ComputeTotalsAsync(query), totals);
            Assert.Equal((4L, 3L, 1L), (totals.Forms, totals.SelfEvaluations, totals.Declarations));
            Assert.Equal((TinyPortfolio.Budget, TinyPortfolio.Executed, TinyPortfolio.DeclaredBudget), (totals.Budget, totals.Executed, totals.DeclaredBudget));
            Assert.Equal(TinyPortfolio.ExecutionRate, totals.ExecutionRate);
            Assert.Equal(TinyPortfolio.MeanPrintedTotal, totals.MeanPrintedTotal);
            Assert.Equal(3, totals.PrintedTotals);
        }

        // the self-evaluations alone (computed from the forms: the stored totals have no kind for findings)
        var self = await store.GetTotalsAsync(new FormQuery { Kind = FormKind.SelfEvaluation });
        Assert.Equal((2L, 1_200_000m, 1_150_000m, 95.83m, 0m), (self.Forms, self.Budget, self.Executed, self.ExecutionRate, self.DeclaredBudget));
    }

    /// <summary>For the whole portfolio, each year, each department, a scope and a kind: stored totals = computed.</summary>
    private async Task AssertTotalsMatchAsync(int expectedForms)
    {
        var store = Store;
        var all = await store.GetStatisticsAsync(new FormQuery());
        Assert.Equal(expectedForms, all.Forms);
        var queries = new List<FormQuery> { new() };
        var years = await store.ListYearsAsync();
        var departments = await store.ListDepartmentsAsync();
        queries.AddRange(years.Select(y => new FormQuery { Year = y }));
        queries.AddRange(departments.Take(4).Select(d => new FormQuery { Department = d.Name }));
        foreach (var d in departments.Take(2))
        {
            queries.Add(new FormQuery { Scope = await store.ScopeAsync(d.Name), Year = years.Count > 0 ? years[0] : null });
        }
        queries.Add(new FormQuery { Department = "不存在的部门" });

        await using var db = Db.CreateContext();
        foreach (var query in queries)
        {
            var stored = await store.GetStatisticsAsync(query);
            var computed = await store.ComputeStatisticsAsync(query);
            Assert.Equal(Describe(computed), Describe(stored));
            Assert.Equal(Describe(await store.ComputeFindingGroupsAsync(query)), Describe(await store.GetFindingGroupsAsync(query)));

            foreach (var kind in new FormKind?[] { null, FormKind.SelfEvaluation, FormKind.TargetDeclaration })
            {
                var q = query with { Kind = kind };
                var listed = await store.ListAsync(q);
                Assert.Equal(stored.Rows.Sum(r => kind switch
                {
                    FormKind.SelfEvaluation => r.SelfEvaluations,
                    FormKind.TargetDeclaration => r.Declarations,
                    _ => r.Forms,
                }), listed.TotalCount);

                // the totals of the list: stored (when the filter allows) = computed = added up by hand over its forms
                var totals = await store.GetTotalsAsync(q);
                Assert.Equal(await store.ComputeTotalsAsync(q), totals);
                Assert.Equal(HandTotals(await AllFormsAsync(store, q)), totals);
            }

            // the overview and the list totals tell the same money
            var overall = await store.GetTotalsAsync(query);
            Assert.Equal(overall.Budget, stored.Budget);
            Assert.Equal(overall.Executed, stored.Executed);
            Assert.Equal(overall.DeclaredBudget, stored.DeclaredBudget);
            Assert.Equal(overall.ExecutionRate, stored.ExecutionRate);
        }

        // the department comparison's columns agree with the indicators and forms they count
        var cells = await db.PortfolioCells.AsNoTracking().ToListAsync();
        var scored = await (from i in db.Indicators
                            join f in db.Forms on i.FormId equals f.Id
                            where i.Weight != null && i.Score != null
                            group new { i.Weight, i.Score, i.Deviation } by new { f.DepartmentId, f.Kind } into g
                            select new
                            {
                                g.Key.DepartmentId,
                                g.Key.Kind,
                                Count = g.Count(),
                                Full = g.Sum(x => x.Score >= x.Weight ? 1 : 0),
                                Deducted = g.Sum(x => x.Score < x.Weight ? 1 : 0),
                                NoReason = g.Sum(x => x.Score < x.Weight && (x.Deviation == null || x.Deviation == "") ? 1 : 0),
                            }).ToListAsync();
        foreach (var s in scored)
        {
            var mine = cells.Where(c => c.DepartmentId == (s.DepartmentId ?? 0) && c.Kind == s.Kind).ToList();
            Assert.Equal(s.Count, mine.Sum(c => c.ScoredIndicators));
            Assert.Equal(s.Full, mine.Sum(c => c.FullMarks));
            Assert.Equal(s.Deducted, mine.Sum(c => c.Deducted));
            Assert.Equal(s.NoReason, mine.Sum(c => c.DeductedWithoutReason));
        }

        Assert.Equal(scored.Sum(s => s.Count), cells.Sum(c => c.ScoredIndicators));
        var lower = await db.Forms.CountAsync(f => f.Grade != null && f.RecomputedGrade != null && f.RecomputedGrade < f.Grade);
        Assert.Equal(lower, cells.Sum(c => c.GradedLower));
        Assert.Equal(await db.Forms.CountAsync(f => f.RecomputedTotal != null), cells.Sum(c => c.RecomputedTotalCount));
        var printed = await db.Forms.Where(f => f.TotalScore != null).Select(f => f.TotalScore!.Value).ToListAsync();
        Assert.Equal(printed.Count, cells.Sum(c => c.PrintedTotalCount));
        Assert.Equal((double)printed.Sum(), (double)cells.Sum(c => c.PrintedTotalSum), 6);

        // the stored projects agree with the forms grouped by lineage key and department
        var projects = await db.Forms.GroupBy(f => new { f.LineageKey, Department = f.DepartmentId ?? 0 }).Select(g => new
        {
            g.Key.LineageKey,
            g.Key.Department,
            Forms = g.Count(),
            Declarations = g.Sum(f => f.Kind == FormKind.TargetDeclaration ? 1 : 0),
            First = g.Min(f => f.Year),
            Last = g.Max(f => f.Year),
            Name = g.Max(f => f.ProjectName),
        }).ToListAsync();
        var storedProjects = await db.ProjectCells.AsNoTracking().ToListAsync();
        Assert.Equal(
            projects.Select(p => $"{p.LineageKey}|{p.Department}|{p.Forms}|{p.Declarations}|{p.First}|{p.Last}|{p.Name}").Order(StringComparer.Ordinal),
            storedProjects.Select(p => $"{p.LineageKey}|{p.DepartmentId}|{p.Forms}|{p.Declarations}|{p.FirstYear}|{p.LastYear}|{p.ProjectName}").Order(StringComparer.Ordinal));

        // the department list counts and the years agree with the forms
        var counted = await db.Forms.Where(f => f.DepartmentId != null).GroupBy(f => f.DepartmentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Assert.All(departments, d => Assert.Equal(counted.GetValueOrDefault(d.Id), d.Forms));
        Assert.Equal(await db.Forms.Where(f => f.Year != null).Select(f => f.Year!.Value).Distinct().OrderByDescending(y => y).ToListAsync(), years);
    }

    /// <summary>Every form a query selects, page by page through the list.</summary>
    internal static async Task<List<FormSummary>> AllFormsAsync(TestStore store, FormQuery query)
    {
        var forms = new List<FormSummary>();
        for (var page = 1; ; page++)
        {
            var result = await store.ListAsync(query with { Page = page, PageSize = FormQuery.MaxPageSize });
            forms.AddRange(result.Items);
            if (page >= result.PageCount)
            {
                return forms;
            }
        }
    }

    /// <summary>The totals of some forms added up here, one form at a time (the rule of ExecutionRates written out).</summary>
    internal static FormTotals HandTotals(IReadOnlyList<FormSummary> forms)
    {
        decimal budget = 0, executed = 0, declared = 0, printed = 0, recomputed = 0;
        long self = 0, declarations = 0, printedCount = 0, recomputedCount = 0, errors = 0, warnings = 0, infos = 0;
        foreach (var f in forms)
        {
            if (f.Kind == FormKind.TargetDeclaration)
            {
                declarations++;
                declared += f.Budget ?? 0;
            }
            else
            {
                self++;
                if (f.Budget is { } b && f.Executed is { } e)
                {
                    budget += b;
                    executed += e;
                }
            }

            if (f.TotalScore is { } p)
            {
                printed += p;
                printedCount++;
            }

            if (f.RecomputedTotal is { } r)
            {
                recomputed += r;
                recomputedCount++;
            }

            errors += f.ErrorCount;
            warnings += f.WarningCount;
            infos += f.InfoCount;
        }

        static decimal? Mean(decimal sum, long count) => count == 0 ? null : Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);
        return new FormTotals(forms.Count, self, declarations, budget, executed, declared,
            Mean(printed, printedCount), printedCount, Mean(recomputed, recomputedCount), recomputedCount, errors, warnings, infos);
    }

    private static string Describe(IReadOnlyList<FindingGroup> groups) =>
        string.Join("\n", groups.Select(g => $"{g.Code}|{g.Severity}|{g.DepartmentId}|{g.Department}|{g.Findings}|{g.Forms}").Order(StringComparer.Ordinal));

    /// <summary>Every number of the statistics, one line per row and check (rates to 3 places: SQLite keeps doubles).</summary>
    private static string Describe(PortfolioStatistics s)
    {
        var sb = new StringBuilder();
        foreach (var r in s.Rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Year}|{r.DepartmentId}|{r.Department}|{r.Forms}|{r.SelfEvaluations}|{r.Declarations}|{r.Budget:0.00}|{r.Executed:0.00}|{r.DeclaredBudget:0.00}|{r.ExecutionRate}|{r.MeanExecutionRate:0.000}|{string.Join(",", r.ScoreBuckets)}|{r.Grades}|{r.RecomputedGrades}|{r.Errors}|{r.Warnings}|{r.FormsWithErrors}");
        }

        foreach (var c in s.FindingsByCheck.OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Severity))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{c.Code}|{c.Severity}|{c.Findings}|{c.Forms}");
        }

        return sb.ToString();
    }
}

public sealed class SqlitePortfolioCubeTests : PortfolioCubeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresPortfolioCubeTests : PortfolioCubeTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
