using Jixiao.App.Imports;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Workflow;
using Jixiao.Data.Forms;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Tests;

/// <summary>
/// The findings list (<see cref="FindingQueries"/>) against the stored findings themselves: every sort and filter, page
/// by page, equals the same list computed here from all the findings and forms, in each way the queries can find the
/// rows (the forms joined in order, the check index, a walk in small batches, a walk that gives up), on SQLite and
/// PostgreSQL. The data: the four corpus files and 400 generated forms with mistakes.
/// </summary>
public abstract class FindingQueriesTests : IAsyncLifetime
{
    private const string Police = "上海市公安局宝山分局";
    private const string DataBureau = "上海市宝山区数据局";

    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    private JixiaoDatabase Db => test!.Database;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(Provider);
        var importer = new FormImporter(Db);
        foreach (var file in Corpus.AllFiles)
        {
            Assert.True((await importer.ImportFileAsync(Corpus.PathOf(file))).Succeeded);
        }

        Assert.True((await importer.ImportFormsAsync(new FormGenerator(61, new GeneratorOptions { ErrorRate = 0.3 }).Generate(400).Select(g => g.Form), "generated-61")).Succeeded);
    }

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    /// <summary>The ways of finding the rows, each forced by its settings.</summary>
    private IEnumerable<(string Name, FindingQueries Queries)> Ways() =>
    [
        ("default", new FindingQueries(Db)),
        ("in index order wherever it can", new FindingQueries(Db) { IndexOrderWeight = 0 }),
        ("walk in small batches", new FindingQueries(Db) { IndexReadLimit = 0, FirstBatch = 3, MaxBatch = 17, IndexOrderWeight = double.PositiveInfinity }),
        ("check index", new FindingQueries(Db) { WalkBudget = 0, IndexOrderWeight = double.PositiveInfinity }),
        ("walk that gives up", new FindingQueries(Db) { IndexReadLimit = 0, FirstBatch = 5, MaxBatch = 5, WalkBudget = 40, IndexOrderWeight = double.PositiveInfinity }),
        ("search tested form by form", new FindingQueries(Db) { IndexReadLimit = 0, FirstBatch = 11, MaxBatch = 29, TextMatchLimit = 0, IndexOrderWeight = double.PositiveInfinity }),
    ];

    [DataFact]
    public async Task Every_sort_and_filter_lists_the_stored_findings_page_by_page_in_every_way()
    {
        var reference = await Reference.LoadAsync(Db);
        var police = DepartmentScope.Only(await new DepartmentDirectory(Db).IdsOfAsync(Police));
        var searched = "执法"; // part of project and indicator names of several departments
        var text = (await new TestStore(Db).ListAsync(new FormQuery { Text = searched, PageSize = 500 })).Items.Select(f => f.Id).ToHashSet();
        Assert.InRange(text.Count, 2, 400);

        var filters = new (string Name, FindingQuery Query, Func<Reference.Row, bool> Keep)[]
        {
            ("all", new FindingQuery(), _ => true),
            ("check FUND-RATE", new FindingQuery { Forms = new FormQuery { CheckCode = "fund-rate" } }, r => r.Code == "FUND-RATE"),
            ("errors", new FindingQuery { Severity = Severity.Error }, r => r.Severity == Severity.Error),
            ("warnings of the police", new FindingQuery { Severity = Severity.Warning, Forms = new FormQuery { Department = Police } }, r => r.Severity == Severity.Warning && r.Department == Police),
            ("2024, the data bureau", new FindingQuery { Forms = new FormQuery { Year = 2024, Department = DataBureau } }, r => r.Year == 2024 && r.Department == DataBureau),
            ("declarations", new FindingQuery { Forms = new FormQuery { Kind = FormKind.TargetDeclaration } }, r => r.Kind == FormKind.TargetDeclaration),
            ("2024, errors", new FindingQuery { Severity = Severity.Error, Forms = new FormQuery { Year = 2024 } }, r => r.Severity == Severity.Error && r.Year == 2024),
            ("2023, the police, check TGT-UNMEASURABLE", new FindingQuery { Forms = new FormQuery { Year = 2023, Department = Police, CheckCode = "TGT-UNMEASURABLE" } },
                r => r.Year == 2023 && r.Department == Police && r.Code == "TGT-UNMEASURABLE"),
            ("errors of self-evaluations", new FindingQuery { Severity = Severity.Error, Forms = new FormQuery { Kind = FormKind.SelfEvaluation } }, r => r.Severity == Severity.Error && r.Kind == FormKind.SelfEvaluation),
            ("printed 90 to 95, warnings", new FindingQuery { Severity = Severity.Warning, Forms = new FormQuery { ScoreMin = 90, ScoreMax = 95 } }, r => r.Severity == Severity.Warning && r.TotalScore is >= 90 and <= 95),
            ("claimed 优, info", new FindingQuery { Severity = Severity.Info, Forms = new FormQuery { Grade = Grade.Excellent } }, r => r.Severity == Severity.Info && r.Grade == Grade.Excellent),
            ("search, errors", new FindingQuery { Severity = Severity.Error, Forms = new FormQuery { Text = searched } }, r => r.Severity == Severity.Error && text.Contains(r.FormId)),
            ("search", new FindingQuery { Forms = new FormQuery { Text = searched } }, r => text.Contains(r.FormId)),
            ("police scope", new FindingQuery { Forms = new FormQuery { Scope = police } }, r => r.Department == Police),
            ("police scope asking for the data bureau", new FindingQuery { Forms = new FormQuery { Scope = police, Department = DataBureau } }, _ => false),
            ("a check nobody has", new FindingQuery { Forms = new FormQuery { CheckCode = "NO-SUCH-CHECK" } }, _ => false),
        };
        var sorts = new (FindingSort Sort, bool Descending)[]
        {
            (FindingSort.Default, false), (FindingSort.Default, true), (FindingSort.Form, false), (FindingSort.Form, true),
            (FindingSort.Department, false), (FindingSort.Department, true), (FindingSort.Severity, true), (FindingSort.Severity, false),
            (FindingSort.Check, false), (FindingSort.Check, true), (FindingSort.Year, false), (FindingSort.Year, true),
        };

        foreach (var (way, queries) in Ways())
        {
            foreach (var (name, query, keep) in filters)
            {
                var kept = reference.Rows.Where(keep).ToList();
                Assert.True(kept.Count > 0 || name.Contains("nobody", StringComparison.Ordinal) || name.Contains("asking", StringComparison.Ordinal), $"{name}: no findings to list");
                foreach (var (sort, descending) in sorts)
                {
                    var expected = reference.Order(kept, sort, descending);
                    var label = $"{way}, {name}, {sort}{(descending ? " desc" : "")}";
                    foreach (var (page, size) in new[] { (1, 20), (2, 20), (3, 50), (1, 200) })
                    {
                        var q = query with { Sort = sort, Descending = descending, Page = page, PageSize = size };
                        var result = await queries.ListAsync(q);
                        Assert.True(expected.Skip((page - 1) * size).Take(size).SequenceEqual(result.Items.Select(i => (i.FormId, i.Position))), $"{label}, page {page} of {size}");
                        if (result.TotalIsLowerBound)
                        {
                            Assert.True(result.TotalCount <= expected.Count && result.TotalCount >= Math.Min(expected.Count, (long)page * size), $"{label}: {result.TotalCount}+ of {expected.Count}");
                        }
                        else
                        {
                            Assert.True(expected.Count == result.TotalCount, $"{label}: {result.TotalCount} of {expected.Count}");
                        }
                    }
                }

                var exact = await queries.ListAsync(query with { ExactCount = true, PageSize = 7 });
                Assert.Equal(kept.Count, exact.TotalCount);
                Assert.False(exact.TotalIsLowerBound);
            }
        }
    }

    [DataFact]
    public async Task An_export_streams_every_finding_of_the_query_in_its_order()
    {
        var reference = await Reference.LoadAsync(Db);
        foreach (var (way, queries) in Ways())
        {
            foreach (var (query, keep) in new (FindingQuery, Func<Reference.Row, bool>)[]
            {
                (new FindingQuery { PageSize = 3, Page = 9 }, _ => true),
                (new FindingQuery { Severity = Severity.Error, Sort = FindingSort.Department }, r => r.Severity == Severity.Error),
                (new FindingQuery { Sort = FindingSort.Check, Descending = true, Forms = new FormQuery { Kind = FormKind.SelfEvaluation } }, r => r.Kind == FormKind.SelfEvaluation),
                (new FindingQuery { Sort = FindingSort.Severity, Descending = true, Forms = new FormQuery { Year = 2024 } }, r => r.Year == 2024),
            })
            {
                var expected = reference.Order([.. reference.Rows.Where(keep)], query.Sort, query.Descending);
                var streamed = new List<(long, int)>();
                await foreach (var row in queries.StreamAsync(query))
                {
                    streamed.Add((row.FormId, row.Position));
                }

                Assert.True(expected.SequenceEqual(streamed), $"{way}: {query.Severity} {query.Sort}");
            }
        }
    }

    [DataFact]
    public async Task Counts_from_the_stored_totals_are_exact_and_others_stop_at_a_thousand()
    {
        var reference = await Reference.LoadAsync(Db);
        var queries = new FindingQueries(Db);
        Assert.True(reference.Rows.Count > FindingQueries.CountLimit, $"{reference.Rows.Count} findings");

        // year, department, check and severity: counted by the stored totals, exactly, however many
        var all = await queries.ListAsync(new FindingQuery());
        Assert.Equal(reference.Rows.Count, all.TotalCount);
        Assert.False(all.TotalIsLowerBound);
        var errors2024 = await queries.ListAsync(new FindingQuery { Severity = Severity.Error, Forms = new FormQuery { Year = 2024 } });
        Assert.Equal(reference.Rows.Count(r => r.Severity == Severity.Error && r.Year == 2024), errors2024.TotalCount);

        // any other filter: counted up to the limit, then "at least"; exactly on request
        var self = reference.Rows.Count(r => r.Kind == FormKind.SelfEvaluation);
        Assert.True(self > FindingQueries.CountLimit);
        var capped = await queries.ListAsync(new FindingQuery { Forms = new FormQuery { Kind = FormKind.SelfEvaluation } });
        Assert.True(capped.TotalIsLowerBound);
        Assert.Equal(FindingQueries.CountLimit, capped.TotalCount);
        Assert.Equal(FindingQueries.CountLimit / 50 + 1, capped.PageCount);
        var exact = await queries.ListAsync(new FindingQuery { ExactCount = true, Forms = new FormQuery { Kind = FormKind.SelfEvaluation } });
        Assert.Equal(self, exact.TotalCount);
        Assert.False(exact.TotalIsLowerBound);

        // a page past the end is empty and says how many there are
        var last = (int)((reference.Rows.Count + 49) / 50);
        var end = await queries.ListAsync(new FindingQuery { Page = last });
        Assert.Equal(reference.Rows.Count - (last - 1) * 50, end.Items.Count);
        var past = await queries.ListAsync(new FindingQuery { Page = last + 1 });
        Assert.Empty(past.Items);
        Assert.Equal(reference.Rows.Count, past.TotalCount);
        Assert.Equal(last, past.PageCount);
    }

    [DataFact]
    public async Task A_row_carries_its_form_indicator_values_and_source_line()
    {
        await using var db = Db.CreateContext();
        var queries = new FindingQueries(Db);

        // an indicator's score: the 三级指标 name and the printed beside the recomputed score
        var scored = await db.Findings.Where(x => x.Field.EndsWith("].score")).OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();
        var indicator = await db.Indicators.SingleAsync(i => i.FormId == scored.FormId && i.Position == scored.IndicatorIndex);
        var form = await db.Forms.SingleAsync(f => f.Id == scored.FormId);
        var row = await FindAsync(queries, scored.FormId, scored.Position, scored.Code);
        Assert.Equal(indicator.Name, row.IndicatorName);
        Assert.Equal(FindingMeasure.Score, row.Values!.Measure);
        Assert.Equal(indicator.Score, row.Values.Printed);
        Assert.Equal(indicator.RecomputedScore, row.Values.Recomputed);
        Assert.Equal(form.ProjectName, row.ProjectName);
        Assert.Equal(form.ImplementingUnit, row.ImplementingUnit);
        Assert.Equal(scored.Position + 1, row.Number);

        // a fund line's execution rate: printed beside executed / budget
        var rate = await db.Findings.Where(x => x.Code == "FUND-RATE" && x.Field == "funds.total.executionRate").OrderBy(x => x.FormId).FirstAsync();
        var rated = await db.Forms.SingleAsync(f => f.Id == rate.FormId);
        var rateRow = await FindAsync(queries, rate.FormId, rate.Position, rate.Code);
        Assert.Equal(FindingMeasure.Rate, rateRow.Values!.Measure);
        Assert.Equal(rated.TotalExecutionRate, rateRow.Values.Printed);
        Assert.Equal(rated.ExecutionRateRecomputed, rateRow.Values.Recomputed);
        Assert.True(rateRow.Values.Differs);
        Assert.Null(rateRow.IndicatorName);

        // a form-level finding without a recomputed value has none; a line of a text file is a source line
        var plain = await db.Findings.Where(x => x.Code == "TGT-UNMEASURABLE" && x.SourceLine > 0).OrderBy(x => x.FormId).FirstAsync();
        var plainRow = await FindAsync(queries, plain.FormId, plain.Position, plain.Code);
        Assert.Null(plainRow.Values);
        Assert.Equal(plain.SourceLine, plainRow.SourceLine);
        Assert.True(plainRow.HasSourceLine);
    }

    [DataFact]
    public async Task The_conclusion_filters_the_findings_and_each_row_carries_its_conclusion_and_related_form()
    {
        // conclusions on every 7th finding of the corpus and generated forms: one in three dismissed, the rest confirmed;
        // a conclusion is keyed by content hash, code, field and occurrence, so occurrences are counted here too
        await using (var db = Db.CreateContext())
        {
            var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.ContentHash);
            var all = await db.Findings.AsNoTracking().OrderBy(x => x.FormId).ThenBy(x => x.Position).ToListAsync();
            var n = 0;
            foreach (var x in all)
            {
                if (n++ % 7 != 0)
                {
                    continue;
                }

                var occurrence = all.Count(y => y.FormId == x.FormId && y.Code == x.Code && y.Field == x.Field && y.Position < x.Position);
                var hash = forms[x.FormId];
                if (await db.FindingReviews.AnyAsync(r => r.ContentHash == hash && r.Code == x.Code && r.Field == x.Field && r.Occurrence == occurrence))
                {
                    continue; // the same content imported twice shares its conclusions
                }

                db.FindingReviews.Add(new Entities.FindingReviewRecord
                {
                    ContentHash = hash,
                    Code = x.Code,
                    Field = x.Field,
                    Occurrence = occurrence,
                    Decision = n % 3 == 0 ? FindingDecision.Dismissed : FindingDecision.Confirmed,
                    Note = "test",
                    DecidedBy = "reviewer",
                    DecidedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        }

        var decisions = await DecisionsAsync();
        var reference = await Reference.LoadAsync(Db);
        Assert.Contains(FindingDecision.Dismissed, decisions.Values);
        Assert.Contains(FindingDecision.Confirmed, decisions.Values);
        bool Is(Reference.Row r, FindingDecision d) => decisions.TryGetValue((r.FormId, r.Position), out var found) && found == d;
        foreach (var (way, queries) in Ways())
        {
            foreach (var (filter, severity, keep) in new (FindingReviewFilter, Severity?, Func<Reference.Row, bool>)[]
            {
                (FindingReviewFilter.Confirmed, null, r => Is(r, FindingDecision.Confirmed)),
                (FindingReviewFilter.Dismissed, Severity.Warning, r => r.Severity == Severity.Warning && Is(r, FindingDecision.Dismissed)),
                (FindingReviewFilter.Undecided, null, r => !decisions.ContainsKey((r.FormId, r.Position))),
            })
            {
                foreach (var sort in new[] { FindingSort.Default, FindingSort.Check })
                {
                    var expected = reference.Order([.. reference.Rows.Where(keep)], sort, false);
                    var query = new FindingQuery { Decision = filter, Severity = severity, Sort = sort, PageSize = 30, ExactCount = true };
                    var first = await queries.ListAsync(query);
                    Assert.True(expected.Take(30).SequenceEqual(first.Items.Select(i => (i.FormId, i.Position))), $"{way}, {filter}, {sort}");
                    Assert.Equal(expected.Count, first.TotalCount);
                    var second = await queries.ListAsync(query with { Page = 2 });
                    Assert.True(expected.Skip(30).Take(30).SequenceEqual(second.Items.Select(i => (i.FormId, i.Position))), $"{way}, {filter}, {sort}, page 2");
                    Assert.All(first.Items, i => Assert.Equal(filter == FindingReviewFilter.Undecided ? null : decisions[(i.FormId, i.Position)], i.Decision));
                }
            }
        }

        // a finding across forms names the other form, with its project and year
        await using var check = Db.CreateContext();
        var crossed = await check.Findings.AsNoTracking().Where(x => x.RelatedFormId != null).OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();
        var other = await check.Forms.AsNoTracking().SingleAsync(f => f.Id == crossed.RelatedFormId);
        var row = await FindAsync(new FindingQueries(Db), crossed.FormId, crossed.Position, crossed.Code);
        Assert.Equal(other.Id, row.RelatedFormId);
        Assert.Equal(other.ProjectName, row.RelatedProjectName);
        Assert.Equal(other.Year, row.RelatedYear);
    }

    /// <summary>The stored conclusions by finding, matched the way the review keys them.</summary>
    private async Task<Dictionary<(long FormId, int Position), FindingDecision>> DecisionsAsync()
    {
        await using var db = Db.CreateContext();
        var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.ContentHash);
        var reviews = (await db.FindingReviews.AsNoTracking().ToListAsync()).ToDictionary(r => (r.ContentHash, r.Code, r.Field, r.Occurrence), r => r.Decision);
        var all = await db.Findings.AsNoTracking().ToListAsync();
        var result = new Dictionary<(long, int), FindingDecision>();
        foreach (var x in all)
        {
            var occurrence = all.Count(y => y.FormId == x.FormId && y.Code == x.Code && y.Field == x.Field && y.Position < x.Position);
            if (reviews.TryGetValue((forms[x.FormId], x.Code, x.Field, occurrence), out var d))
            {
                result[(x.FormId, x.Position)] = d;
            }
        }

        return result;
    }

    private static async Task<FindingRow> FindAsync(FindingQueries queries, long formId, int position, string code)
    {
        await foreach (var row in queries.StreamAsync(new FindingQuery { Forms = new FormQuery { CheckCode = code } }))
        {
            if (row.FormId == formId && row.Position == position)
            {
                return row;
            }
        }

        throw new InvalidOperationException($"finding {formId}/{position} not listed");
    }

    /// <summary>The stored findings with their forms, and the list's orders computed from them.</summary>
    private sealed class Reference
    {
        public sealed record Row(long FormId, int Position, string Code, Severity Severity, int? Year, string? Department, FormKind Kind, decimal? TotalScore, Grade? Grade);

        private Dictionary<long, int> nameRank = [];
        private Dictionary<long, string?> departmentName = [];

        public List<Row> Rows { get; private set; } = [];

        public static async Task<Reference> LoadAsync(JixiaoDatabase database)
        {
            await using var db = database.CreateContext();
            var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id);
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
            var findings = await db.Findings.AsNoTracking().ToListAsync();
            // the form names in the database's own collation
            var byName = await db.Forms.AsNoTracking().OrderBy(f => f.ProjectName).ThenBy(f => f.Id).Select(f => f.Id).ToListAsync();
            return new Reference
            {
                Rows = [.. findings.Select(x =>
                {
                    var f = forms[x.FormId];
                    return new Row(x.FormId, x.Position, x.Code, x.Severity, f.Year, f.Department, f.Kind, f.TotalScore, f.Grade);
                })],
                nameRank = byName.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i),
                departmentName = forms.Values.ToDictionary(f => f.Id, f => f.DepartmentId is { } d ? organisations[d] : null),
            };
        }

        /// <summary>The rows in the list's order: the sort's key, then newest year and latest form first (or the form's own order), then position.</summary>
        public List<(long FormId, int Position)> Order(List<Row> rows, FindingSort sort, bool descending)
        {
            IOrderedEnumerable<Row> ordered = sort switch
            {
                FindingSort.Form => descending
                    ? rows.OrderByDescending(r => nameRank[r.FormId])
                    : rows.OrderBy(r => nameRank[r.FormId]),
                FindingSort.Year => descending
                    ? rows.OrderByDescending(r => r.Year).ThenByDescending(r => r.FormId)
                    : rows.OrderBy(r => r.Year).ThenBy(r => r.FormId),
                FindingSort.Default when descending => rows.OrderBy(r => r.Year).ThenBy(r => r.FormId),
                FindingSort.Default => Newest(rows.OrderBy(_ => 0)),
                FindingSort.Department => Newest(descending
                    ? rows.OrderBy(r => departmentName[r.FormId] is null).ThenByDescending(r => departmentName[r.FormId], StringComparer.Ordinal)
                    : rows.OrderBy(r => departmentName[r.FormId] is null).ThenBy(r => departmentName[r.FormId], StringComparer.Ordinal)),
                FindingSort.Check => Newest(descending ? rows.OrderByDescending(r => r.Code, StringComparer.Ordinal) : rows.OrderBy(r => r.Code, StringComparer.Ordinal)),
                _ => Newest(descending ? rows.OrderByDescending(r => r.Severity) : rows.OrderBy(r => r.Severity)),
            };
            return [.. ordered.ThenBy(r => r.Position).Select(r => (r.FormId, r.Position))];
        }

        private static IOrderedEnumerable<Row> Newest(IOrderedEnumerable<Row> rows) => rows.ThenByDescending(r => r.Year).ThenByDescending(r => r.FormId);
    }
}

public sealed class SqliteFindingQueriesTests : FindingQueriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFindingQueriesTests : FindingQueriesTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
