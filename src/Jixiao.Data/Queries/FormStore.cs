using System.Runtime.CompilerServices;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Data.Queries;

/// <summary>
/// Reads the stored forms: the filtered list, one form, the overview statistics, findings by check and department,
/// and one project across years. Every method takes the caller's department scope (department users see only their
/// own 主管部门). Queries are index-friendly: filters map to indexed columns, text search goes to the search table
/// (pg_trgm on PostgreSQL). Thread-safe: each call uses its own context.
/// </summary>
public sealed class FormStore
{
    private readonly JixiaoDatabase database;

    public FormStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>
    /// A full-text list is counted up to this many forms (and further only to know that a requested page exists): past
    /// it the result says "at least" (<see cref="PagedResult{T}.TotalIsLowerBound"/>). Counting every one of the 18,000
    /// forms a common four-character word matches among 1,000,000 costs more than the page itself.
    /// </summary>
    public const int TextCountLimit = 1000;

    /// <summary>One page of the forms <paramref name="query"/> selects, and how many it selects in all.</summary>
    public async Task<PagedResult<FormSummary>> ListAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var departments = await DepartmentIdsAsync(db, query, cancellationToken);

        // the filters without the text once: a search with many matches walks them in sort order (ManyMatchesPageAsync)
        var others = await FilterAsync(db, query with { Text = null }, departments, cancellationToken);
        if (others is null)
        {
            return new PagedResult<FormSummary>([], 0, query.SafePage, query.SafePageSize);
        }

        var text = NameKeys.Search(query.Text);
        var filtered = text.Length > 0 ? WhereText(db, others, text, TextPlan.Any) : others;

        var page = query.SafePage;
        var size = query.SafePageSize;
        long total;
        var lowerBound = false;
        List<long>? ids = null;
        if (CubeCounts(query))
        {
            total = await Cells(db, departments, query.Year, query.Kind).SumAsync(c => (long)c.Forms, cancellationToken);
        }
        else if (text.Length > 0 && await SearchGramsPageAsync(db, query, text, cancellationToken) is { } grams)
        {
            total = grams.Total;
            lowerBound = grams.TotalIsLowerBound;
            ids = grams.Ids;
        }
        else if (text.Length > 0)
        {
            // a search reads the ids of its matches up to the limit (without other filters, in the search table alone)
            var limit = (int)Math.Min(Math.Max(TextCountLimit, (long)page * size) + 1, int.MaxValue);
            var matches = TextOnly(query) ? TextMatches(db, text) : filtered.Select(f => f.Id);
            var found = await matches.Take(limit).ToListAsync(cancellationToken);
            lowerBound = found.Count == limit;
            total = lowerBound ? limit - 1 : found.Count;
            ids = lowerBound
                ? await ManyMatchesPageAsync(db, query, others, text, cancellationToken)
                : await PageIdsAsync(db.Forms.AsNoTracking().Where(f => found.Contains(f.Id)), query, cancellationToken);
        }
        else
        {
            total = await filtered.LongCountAsync(cancellationToken);
        }

        // the page's ids first (an index-only walk in sort order), then those rows: the database does not fetch a wide
        // form row for every row it passes over on the way to the page
        ids ??= await PageIdsAsync(filtered, query, cancellationToken);
        var rows = ids.Count == 0
            ? []
            : await db.Forms.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(Summary).ToDictionaryAsync(f => f.Id, cancellationToken);
        List<FormSummary> items = [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
        return new PagedResult<FormSummary>(items, total, page, size) { TotalIsLowerBound = lowerBound };
    }

    /// <summary>
    /// How many forms, in sort order, a search with more matches than <see cref="TextCountLimit"/> looks through for the
    /// first page before it finds all its matches through the search index instead (page n: n times as many). Testing a
    /// form costs about as much as taking one match from the index, so the walk pays when the page's matches come early.
    /// </summary>
    public int TextWalkWindow { get; init; } = 10_000;

    /// <summary>
    /// On PostgreSQL, a search by text alone in the default order comes from the character-pair lists
    /// (<see cref="SearchGrams"/>); null where they do not answer (SQLite, other filters or orders, one character).
    /// </summary>
    private async Task<SearchGrams.Page?> SearchGramsPageAsync(JixiaoDbContext db, FormQuery query, string text, CancellationToken cancellationToken)
    {
        if (!UseSearchGrams || db.Provider != DatabaseProvider.Postgres || !TextOnly(query) || text.Length < 2
            || query is not ({ Sort: FormSort.Default, Descending: false } or { Sort: FormSort.Year, Descending: true }))
        {
            return null;
        }

        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SearchGrams.SearchAsync(connection, text, query.SafePage, query.SafePageSize, TextCountLimit, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>False makes PostgreSQL answer every search with the trigram index (tests compare the two ways).</summary>
    public bool UseSearchGrams { get; init; } = true;

    /// <summary>The ids of the page of <paramref name="forms"/> in the query's order.</summary>
    private static Task<List<long>> PageIdsAsync(IQueryable<FormRecord> forms, FormQuery query, CancellationToken cancellationToken) =>
        Sort(forms, query.Sort, query.Descending)
            .Skip((query.SafePage - 1) * query.SafePageSize)
            .Take(query.SafePageSize)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The page of a search with many matches. Walking the forms in sort order and testing each finds a page of a common
    /// word after a few thousand forms, but a word that belongs to the end of that order (a year's name, when the list
    /// is newest first) would be tested against almost every form. So the walk stops after a window of forms and,
    /// when the page is not full by then, the matches are found through the search index and sorted instead.
    /// </summary>
    private async Task<List<long>> ManyMatchesPageAsync(
        JixiaoDbContext db, FormQuery query, IQueryable<FormRecord> others, string text, CancellationToken cancellationToken)
    {
        var size = query.SafePageSize;
        var window = (int)Math.Min(Math.Max(1, (long)TextWalkWindow) * query.SafePage, int.MaxValue);
        var walked = await PageIdsAsync(WhereText(db, Sort(others, query.Sort, query.Descending).Take(window), text, TextPlan.Probe),
            query, cancellationToken);
        return walked.Count == size
            ? walked
            : await PageIdsAsync(WhereText(db, others, text, TextPlan.Index), query, cancellationToken);
    }

    /// <summary>One form with its goals, indicators (printed order), findings and batch; null when missing or out of scope.</summary>
    public async Task<FormDetail?> GetAsync(long id, string? scopeDepartment = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var form = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (form is null || !await InScopeAsync(db, form, scopeDepartment, cancellationToken))
        {
            return null;
        }

        return await LoadDetailAsync(db, form, cancellationToken);
    }

    /// <summary>The overview over the forms <paramref name="query"/> selects (paging and sorting ignored).</summary>
    public async Task<PortfolioStatistics> GetStatisticsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        if (CubeSummarises(query))
        {
            return await StatisticsFromCellsAsync(db, query, cancellationToken);
        }

        return await ComputeStatisticsAsync(db, query, cancellationToken);
    }

    /// <summary>The overview computed from the forms themselves (any filter); the stored totals must agree with it.</summary>
    internal async Task<PortfolioStatistics> ComputeStatisticsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await ComputeStatisticsAsync(db, query, cancellationToken);
    }

    private static async Task<PortfolioStatistics> ComputeStatisticsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var filtered = await FilterAsync(db, query, cancellationToken);
        if (filtered is null)
        {
            return new PortfolioStatistics([], []);
        }

        var rows = await filtered
            .GroupBy(f => new { f.Year, f.DepartmentId })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.DepartmentId,
                Forms = g.Count(),
                Self = g.Sum(f => f.Kind == FormKind.SelfEvaluation ? 1 : 0),
                Budget = g.Sum(f => f.Budget ?? 0m),
                Executed = g.Sum(f => f.Executed ?? 0m),
                Rate = g.Average(f => f.ExecutionRate),
                B0 = g.Sum(f => f.TotalScore != null && f.TotalScore < 60m ? 1 : 0),
                B1 = g.Sum(f => f.TotalScore >= 60m && f.TotalScore < 70m ? 1 : 0),
                B2 = g.Sum(f => f.TotalScore >= 70m && f.TotalScore < 80m ? 1 : 0),
                B3 = g.Sum(f => f.TotalScore >= 80m && f.TotalScore < 90m ? 1 : 0),
                B4 = g.Sum(f => f.TotalScore >= 90m && f.TotalScore < 95m ? 1 : 0),
                B5 = g.Sum(f => f.TotalScore >= 95m && f.TotalScore < 100m ? 1 : 0),
                B6 = g.Sum(f => f.TotalScore >= 100m ? 1 : 0),
                GE = g.Sum(f => f.Grade == Grade.Excellent ? 1 : 0),
                GG = g.Sum(f => f.Grade == Grade.Good ? 1 : 0),
                GF = g.Sum(f => f.Grade == Grade.Fair ? 1 : 0),
                GP = g.Sum(f => f.Grade == Grade.Poor ? 1 : 0),
                RE = g.Sum(f => f.RecomputedGrade == Grade.Excellent ? 1 : 0),
                RG = g.Sum(f => f.RecomputedGrade == Grade.Good ? 1 : 0),
                RF = g.Sum(f => f.RecomputedGrade == Grade.Fair ? 1 : 0),
                RP = g.Sum(f => f.RecomputedGrade == Grade.Poor ? 1 : 0),
                Errors = g.Sum(f => f.ErrorCount),
                Warnings = g.Sum(f => f.WarningCount),
                WithErrors = g.Sum(f => f.ErrorCount > 0 ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        var names = await NamesAsync(db, rows.Select(r => r.DepartmentId), cancellationToken);
        var result = rows
            .Select(r => new YearDepartmentStatistics(
                r.Year,
                r.DepartmentId,
                r.DepartmentId is { } d ? names.GetValueOrDefault(d) : null,
                r.Forms,
                r.Self,
                r.Forms - r.Self,
                Math.Round(r.Budget, 2),
                Math.Round(r.Executed, 2),
                r.Rate is { } rate ? Math.Round(rate, 4) : null,
                [r.B0, r.B1, r.B2, r.B3, r.B4, r.B5, r.B6],
                new GradeCounts(r.GE, r.GG, r.GF, r.GP, r.Forms - r.GE - r.GG - r.GF - r.GP),
                new GradeCounts(r.RE, r.RG, r.RF, r.RP, r.Forms - r.RE - r.RG - r.RF - r.RP),
                r.Errors,
                r.Warnings,
                r.WithErrors))
            .OrderByDescending(r => r.Year)
            .ThenBy(r => r.Department, StringComparer.Ordinal)
            .ToList();

        var findings = Restrict(db.Findings.AsNoTracking(), filtered, query);
        var byCheck = await findings
            .GroupBy(x => new { x.Code, x.Severity })
            .Select(g => new { g.Key.Code, g.Key.Severity, Count = g.Count(), Forms = g.Select(x => x.FormId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return new PortfolioStatistics(
            result,
            [.. byCheck.Select(c => new CheckCount(c.Code, c.Severity, c.Count, c.Forms)).OrderByDescending(c => c.Findings).ThenBy(c => c.Code, StringComparer.Ordinal)]);
    }

    /// <summary>The overview read from the stored totals: a few hundred rows whatever the number of forms.</summary>
    private static async Task<PortfolioStatistics> StatisticsFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return new PortfolioStatistics([], []);
        }

        var cells = await Cells(db, departments, query.Year, null).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, cells.Select(c => (long?)c.DepartmentId), cancellationToken);
        var rows = cells
            .GroupBy(c => (c.Year, c.DepartmentId))
            .Select(g =>
            {
                var forms = g.Sum(c => c.Forms);
                var rated = g.Sum(c => c.RateCount);
                var self = g.Where(c => c.Kind == FormKind.SelfEvaluation).Sum(c => c.Forms);
                var grades = new GradeCounts(g.Sum(c => c.GradeExcellent), g.Sum(c => c.GradeGood), g.Sum(c => c.GradeFair), g.Sum(c => c.GradePoor), 0);
                var recomputed = new GradeCounts(g.Sum(c => c.RecomputedExcellent), g.Sum(c => c.RecomputedGood), g.Sum(c => c.RecomputedFair), g.Sum(c => c.RecomputedPoor), 0);
                return new YearDepartmentStatistics(
                    g.Key.Year == 0 ? null : g.Key.Year,
                    g.Key.DepartmentId == 0 ? null : g.Key.DepartmentId,
                    g.Key.DepartmentId == 0 ? null : names.GetValueOrDefault(g.Key.DepartmentId),
                    forms,
                    self,
                    forms - self,
                    Math.Round(g.Sum(c => c.Budget), 2),
                    Math.Round(g.Sum(c => c.Executed), 2),
                    rated > 0 ? Math.Round(g.Sum(c => c.RateSum) / rated, 4) : null,
                    [g.Sum(c => c.Score0), g.Sum(c => c.Score1), g.Sum(c => c.Score2), g.Sum(c => c.Score3), g.Sum(c => c.Score4), g.Sum(c => c.Score5), g.Sum(c => c.Score6)],
                    grades with { None = forms - grades.Total },
                    recomputed with { None = forms - recomputed.Total },
                    (int)g.Sum(c => c.Errors),
                    (int)g.Sum(c => c.Warnings),
                    g.Sum(c => c.FormsWithErrors));
            })
            .OrderByDescending(r => r.Year)
            .ThenBy(r => r.Department, StringComparer.Ordinal)
            .ToList();

        var byCheck = await FindingCells(db, departments, query.Year)
            .GroupBy(c => new { c.Code, c.Severity })
            .Select(g => new { g.Key.Code, g.Key.Severity, Findings = g.Sum(c => c.Findings), Forms = g.Sum(c => c.Forms) })
            .ToListAsync(cancellationToken);
        return new PortfolioStatistics(
            rows,
            [.. byCheck.Where(c => c.Findings > 0)
                .Select(c => new CheckCount(c.Code, c.Severity, (int)c.Findings, c.Forms))
                .OrderByDescending(c => c.Findings).ThenBy(c => c.Code, StringComparer.Ordinal)]);
    }

    /// <summary>Findings over the forms <paramref name="query"/> selects, grouped by check and department.</summary>
    public async Task<IReadOnlyList<FindingGroup>> GetFindingGroupsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        if (CubeSummarises(query))
        {
            return await FindingGroupsFromCellsAsync(db, query, cancellationToken);
        }

        return await ComputeFindingGroupsAsync(db, query, cancellationToken);
    }

    /// <summary>Findings by check and department computed from the findings themselves; the stored totals must agree with it.</summary>
    internal async Task<IReadOnlyList<FindingGroup>> ComputeFindingGroupsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await ComputeFindingGroupsAsync(db, query, cancellationToken);
    }

    private static async Task<IReadOnlyList<FindingGroup>> FindingGroupsFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return [];
        }

        var groups = await FindingCells(db, departments, query.Year)
            .GroupBy(c => new { c.Code, c.Severity, c.DepartmentId })
            .Select(g => new { g.Key.Code, g.Key.Severity, g.Key.DepartmentId, Findings = g.Sum(c => c.Findings), Forms = g.Sum(c => c.Forms) })
            .Where(g => g.Findings > 0)
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, groups.Select(g => (long?)g.DepartmentId), cancellationToken);
        return [.. groups
            .Select(g => new FindingGroup(g.Code, g.Severity, g.DepartmentId == 0 ? null : g.DepartmentId, g.DepartmentId == 0 ? null : names.GetValueOrDefault(g.DepartmentId), (int)g.Findings, g.Forms))
            .OrderBy(g => g.Code, StringComparer.Ordinal)
            .ThenByDescending(g => g.Findings)
            .ThenBy(g => g.Department, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<FindingGroup>> ComputeFindingGroupsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var filtered = await FilterAsync(db, query, cancellationToken);
        if (filtered is null)
        {
            return [];
        }

        var groups = await (
                from x in db.Findings.AsNoTracking()
                join f in filtered on x.FormId equals f.Id
                group x.FormId by new { x.Code, x.Severity, f.DepartmentId } into g
                select new { g.Key.Code, g.Key.Severity, g.Key.DepartmentId, Count = g.Count(), Forms = g.Distinct().Count() })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, groups.Select(g => g.DepartmentId), cancellationToken);
        return [.. groups
            .Select(g => new FindingGroup(g.Code, g.Severity, g.DepartmentId, g.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, g.Count, g.Forms))
            .OrderBy(g => g.Code, StringComparer.Ordinal)
            .ThenByDescending(g => g.Findings)
            .ThenBy(g => g.Department, StringComparer.Ordinal)];
    }

    /// <summary>The project a form belongs to, across years: forms with its lineage key in its department.</summary>
    public async Task<ProjectLineage?> GetLineageAsync(long formId, string? scopeDepartment = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var form = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == formId, cancellationToken);
        if (form is null || !await InScopeAsync(db, form, scopeDepartment, cancellationToken))
        {
            return null;
        }

        var key = form.LineageKey;
        var departmentId = form.DepartmentId;
        var forms = await db.Forms.AsNoTracking()
            .Where(f => f.LineageKey == key && f.DepartmentId == departmentId)
            .OrderBy(f => f.Year).ThenByDescending(f => f.Kind).ThenBy(f => f.Id)
            .Select(Summary)
            .ToListAsync(cancellationToken);
        return new ProjectLineage(key, forms);
    }

    /// <summary>The forms of a lineage key (any department unless <paramref name="department"/> is given).</summary>
    public async Task<ProjectLineage> GetLineageAsync(string lineageKey, string? department = null, string? scopeDepartment = null, CancellationToken cancellationToken = default)
    {
        var page = await ListAsync(new FormQuery
        {
            LineageKey = lineageKey,
            Department = department,
            ScopeDepartment = scopeDepartment,
            Sort = FormSort.Year,
            PageSize = FormQuery.MaxPageSize,
        }, cancellationToken);
        return new ProjectLineage(lineageKey, [.. page.Items.OrderBy(f => f.Year).ThenByDescending(f => f.Kind).ThenBy(f => f.Id)]);
    }

    /// <summary>
    /// Every form <paramref name="query"/> selects, in its sort order, with indicators, findings and goals — for
    /// exports. Paging is ignored; details are loaded 200 forms at a time.
    /// </summary>
    public async IAsyncEnumerable<FormDetail> StreamAsync(FormQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var filtered = await FilterAsync(db, query, cancellationToken);
        if (filtered is null)
        {
            yield break;
        }

        var ids = new List<long>(200);
        await using var details = database.CreateContext();
        await foreach (var id in Sort(filtered, query.Sort, query.Descending).Select(f => f.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ids.Add(id);
            if (ids.Count == 200)
            {
                foreach (var d in await LoadDetailsAsync(details, ids, cancellationToken))
                {
                    yield return d;
                }

                ids.Clear();
            }
        }

        foreach (var d in await LoadDetailsAsync(details, ids, cancellationToken))
        {
            yield return d;
        }
    }

    /// <summary>The departments (with their form counts) the caller may see, by name.</summary>
    public async Task<IReadOnlyList<OrganisationItem>> ListDepartmentsAsync(string? scopeDepartment = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var counts = await db.PortfolioCells.AsNoTracking().Where(c => c.DepartmentId != 0)
            .GroupBy(c => c.DepartmentId).Select(g => new { Id = g.Key, Count = g.Sum(c => c.Forms) })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        var scopeKey = scopeDepartment is null ? null : NameKeys.Plain(scopeDepartment);
        var list = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Department && (scopeKey == null || o.Key == scopeKey))
            .ToListAsync(cancellationToken);
        return [.. list.Select(o => new OrganisationItem(o.Id, o.Kind, o.Name, o.ParentId, counts.GetValueOrDefault(o.Id)))
            .OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    /// <summary>The years that have forms, newest first.</summary>
    public async Task<IReadOnlyList<int>> ListYearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.PortfolioCells.AsNoTracking().Where(c => c.Year != 0 && c.Forms > 0).Select(c => c.Year).Distinct()
            .OrderByDescending(y => y).ToListAsync(cancellationToken);
    }

    /// <summary>Import batches, newest first.</summary>
    public async Task<PagedResult<ImportBatch>> ListBatchesAsync(int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        var total = await db.ImportBatches.LongCountAsync(cancellationToken);
        var items = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<ImportBatch>(items, total, page, pageSize);
    }

    public async Task<ImportBatch?> GetBatchAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
    }

    /// <summary>Deletes a batch and all its forms (indicators, findings, goals follow by cascade); false when missing.</summary>
    public async Task<bool> DeleteBatchAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var formIds = db.Forms.Where(f => f.ImportBatchId == id).Select(f => f.Id);
        await PortfolioCube.ApplyBatchAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), id, -1, cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteSearchIndex.DeleteBatchAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), id, cancellationToken);
        }

        await db.FormSearch.Where(s => formIds.Contains(s.FormId)).ExecuteDeleteAsync(cancellationToken);
        await db.FormGoals.Where(s => formIds.Contains(s.FormId)).ExecuteDeleteAsync(cancellationToken);
        await db.Indicators.Where(s => formIds.Contains(s.FormId)).ExecuteDeleteAsync(cancellationToken);
        await db.Findings.Where(s => formIds.Contains(s.FormId)).ExecuteDeleteAsync(cancellationToken);
        await db.Forms.Where(f => f.ImportBatchId == id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.ImportBatches.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    /// <summary>The forms a query selects, unsorted; null when the scope or a name filter matches nothing.</summary>
    internal static async Task<IQueryable<FormRecord>?> FilterAsync(JixiaoDbContext db, FormQuery q, CancellationToken cancellationToken) =>
        await FilterAsync(db, q, await DepartmentIdsAsync(db, q, cancellationToken), cancellationToken);

    /// <summary>The same, with the 主管部门 ids of the query already resolved (<see cref="DepartmentIdsAsync"/>).</summary>
    private static async Task<IQueryable<FormRecord>?> FilterAsync(JixiaoDbContext db, FormQuery q, long[]? departments, CancellationToken cancellationToken)
    {
        IQueryable<FormRecord> forms = db.Forms.AsNoTracking();
        if (departments is not null)
        {
            if (departments.Length == 0)
            {
                return null;
            }

            forms = departments.Length == 1
                ? forms.Where(f => f.DepartmentId == departments[0])
                : forms.Where(f => f.DepartmentId != null && departments.Contains(f.DepartmentId.Value));
        }

        if (!string.IsNullOrWhiteSpace(q.Unit))
        {
            var units = await OrganisationIdsAsync(db, OrganisationKind.Unit, q.Unit, cancellationToken);
            if (units.Length == 0)
            {
                return null;
            }

            forms = units.Length == 1
                ? forms.Where(f => f.UnitId == units[0])
                : forms.Where(f => f.UnitId != null && units.Contains(f.UnitId.Value));
        }

        if (q.Year is { } year)
        {
            forms = forms.Where(f => f.Year == year);
        }

        if (q.Kind is { } kind)
        {
            forms = forms.Where(f => f.Kind == kind);
        }

        if (q.Grade is { } grade)
        {
            forms = forms.Where(f => f.Grade == grade);
        }

        if (q.RecomputedGrade is { } recomputedGrade)
        {
            forms = forms.Where(f => f.RecomputedGrade == recomputedGrade);
        }

        if (q.HasErrors is { } hasErrors)
        {
            forms = hasErrors ? forms.Where(f => f.ErrorCount > 0) : forms.Where(f => f.ErrorCount == 0);
        }

        if (q.ScoreMin is { } smin)
        {
            forms = forms.Where(f => f.TotalScore >= smin);
        }

        if (q.ScoreMax is { } smax)
        {
            forms = forms.Where(f => f.TotalScore <= smax);
        }

        if (q.RecomputedMin is { } rmin)
        {
            forms = forms.Where(f => f.RecomputedTotal >= rmin);
        }

        if (q.RecomputedMax is { } rmax)
        {
            forms = forms.Where(f => f.RecomputedTotal <= rmax);
        }

        if (q.ExecutionRateMin is { } emin)
        {
            forms = forms.Where(f => f.ExecutionRate >= emin);
        }

        if (q.ExecutionRateMax is { } emax)
        {
            forms = forms.Where(f => f.ExecutionRate <= emax);
        }

        if (q.ImportBatchId is { } batch)
        {
            forms = forms.Where(f => f.ImportBatchId == batch);
        }

        if (!string.IsNullOrWhiteSpace(q.LineageKey))
        {
            var key = NameKeys.Lineage(q.LineageKey);
            forms = forms.Where(f => f.LineageKey == key);
        }

        if (!string.IsNullOrWhiteSpace(q.CheckCode))
        {
            var code = q.CheckCode.Trim().ToUpperInvariant();
            forms = forms.Where(f => db.Findings.Any(x => x.FormId == f.Id && x.Code == code));
        }

        var text = NameKeys.Search(q.Text);
        return text.Length > 0 ? WhereText(db, forms, text, TextPlan.Any) : forms;
    }

    /// <summary>How a text filter lets the database find the matches.</summary>
    private enum TextPlan
    {
        /// <summary>Any way the planner likes.</summary>
        Any,

        /// <summary>Each form tested on its own as the query passes it (PostgreSQL: a subquery per form, never a join).</summary>
        Probe,

        /// <summary>Through the search index as a whole, then joined (PostgreSQL: the trigram index, never one probe per form).</summary>
        Index,
    }

    /// <summary>The forms of <paramref name="forms"/> whose search text contains <paramref name="text"/> (normalised).</summary>
    private static IQueryable<FormRecord> WhereText(JixiaoDbContext db, IQueryable<FormRecord> forms, string text, TextPlan plan)
    {
        // SQLite: the FTS5 character index finds the forms (Chinese and ASCII letters and digits exactly) or narrows
        // to candidates that LIKE rechecks for the literal meaning (as pg_trgm's index does on PostgreSQL).
        // TextMatches says the same for the search table alone.
        var exact = false;
        if (SearchIndexHits(db, text) is { } hits)
        {
            forms = forms.Where(f => hits.Contains(f.Id));
            exact = SqliteSearchIndex.PhraseIsExact(text);
        }

        if (exact)
        {
            return forms;
        }

        var pattern = LikePattern(text);
        if (plan == TextPlan.Index && db.Provider == DatabaseProvider.Postgres)
        {
            // OFFSET 0 keeps the subquery whole: PostgreSQL cannot turn it back into one probe per form
            var found = db.FormSearch
                .FromSqlRaw("SELECT form_id, text FROM form_search WHERE text LIKE {0} ESCAPE '\\' OFFSET 0", pattern)
                .Select(s => s.FormId);
            return forms.Where(f => found.Contains(f.Id));
        }

        if (plan == TextPlan.Probe && db.Provider == DatabaseProvider.Postgres)
        {
            // a scalar subquery stays a subplan run for each form the walk passes, so a walk in sort order stops at the
            // page; as EXISTS, PostgreSQL may join all the matches first and sort them
            return forms.Where(f => db.FormSearch.Where(s => s.FormId == f.Id)
                .Select(s => EF.Functions.Like(s.Text, pattern, "\\")).FirstOrDefault());
        }

        return forms.Where(f => db.FormSearch.Any(s => s.FormId == f.Id && EF.Functions.Like(s.Text, pattern, "\\")));
    }

    /// <summary>True when <paramref name="q"/> filters by text only (every form is in scope).</summary>
    private static bool TextOnly(FormQuery q) =>
        q with { Text = null, Sort = FormSort.Default, Descending = false, Page = 1, PageSize = 50 } == new FormQuery();

    /// <summary>The ids of the forms whose search text contains <paramref name="text"/> (normalised), as <see cref="FilterAsync(JixiaoDbContext, FormQuery, CancellationToken)"/> matches them.</summary>
    private static IQueryable<long> TextMatches(JixiaoDbContext db, string text)
    {
        var pattern = LikePattern(text);
        var search = db.FormSearch.AsNoTracking();
        if (SearchIndexHits(db, text) is { } hits)
        {
            if (SqliteSearchIndex.PhraseIsExact(text))
            {
                return hits;
            }

            search = search.Where(s => hits.Contains(s.FormId));
        }

        return search.Where(s => EF.Functions.Like(s.Text, pattern, "\\")).Select(s => s.FormId);
    }

    /// <summary>On SQLite, the ids the character index finds for <paramref name="text"/>; null elsewhere or when it cannot narrow.</summary>
    private static IQueryable<long>? SearchIndexHits(JixiaoDbContext db, string text) =>
        db.Provider == DatabaseProvider.Sqlite && SqliteSearchIndex.Phrase(text) is { } phrase
            ? db.Database.SqlQueryRaw<long>($"SELECT rowid AS \"Value\" FROM {SqliteSearchIndex.Table} WHERE {SqliteSearchIndex.Table} MATCH {{0}}", phrase)
            : null;

    /// <summary>The <c>LIKE … ESCAPE '\'</c> pattern that finds <paramref name="text"/> literally anywhere.</summary>
    private static string LikePattern(string text) => "%" + EscapeLike(text) + "%";

    /// <summary>The 主管部门 ids the scope and the department filter allow: null for all, empty for none.</summary>
    private static async Task<long[]?> DepartmentIdsAsync(JixiaoDbContext db, FormQuery q, CancellationToken cancellationToken)
    {
        long[]? departments = null;
        if (!string.IsNullOrWhiteSpace(q.ScopeDepartment))
        {
            departments = await OrganisationIdsAsync(db, OrganisationKind.Department, q.ScopeDepartment, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(q.Department))
        {
            var named = await OrganisationIdsAsync(db, OrganisationKind.Department, q.Department, cancellationToken);
            departments = departments is null ? named : [.. departments.Intersect(named)];
        }

        return departments;
    }

    /// <summary>True when the stored totals can count the forms of <paramref name="q"/>: it filters by year, department and kind only.</summary>
    private static bool CubeCounts(FormQuery q) =>
        q.Year is not 0
        && q with { Year = null, Department = null, ScopeDepartment = null, Kind = null, Sort = FormSort.Default, Descending = false, Page = 1, PageSize = 50 } == new FormQuery();

    /// <summary>True when the stored totals can give the overview of <paramref name="q"/>: it filters by year and department only.</summary>
    private static bool CubeSummarises(FormQuery q) => q.Kind is null && CubeCounts(q);

    private static IQueryable<PortfolioCell> Cells(JixiaoDbContext db, long[]? departments, int? year, FormKind? kind)
    {
        IQueryable<PortfolioCell> cells = db.PortfolioCells.AsNoTracking();
        if (departments is not null)
        {
            cells = departments.Length == 1 ? cells.Where(c => c.DepartmentId == departments[0]) : cells.Where(c => departments.Contains(c.DepartmentId));
        }

        if (year is { } y)
        {
            cells = cells.Where(c => c.Year == y);
        }

        if (kind is { } k)
        {
            cells = cells.Where(c => c.Kind == k);
        }

        return cells;
    }

    private static IQueryable<FindingCell> FindingCells(JixiaoDbContext db, long[]? departments, int? year)
    {
        IQueryable<FindingCell> cells = db.FindingCells.AsNoTracking();
        if (departments is not null)
        {
            cells = departments.Length == 1 ? cells.Where(c => c.DepartmentId == departments[0]) : cells.Where(c => departments.Contains(c.DepartmentId));
        }

        if (year is { } y)
        {
            cells = cells.Where(c => c.Year == y);
        }

        return cells;
    }

    /// <summary>Escapes <c>\</c>, <c>%</c> and <c>_</c> so that a text matches literally under <c>LIKE … ESCAPE '\'</c>.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static bool IsUnfiltered(FormQuery q) =>
        q with { Sort = FormSort.Default, Descending = false, Page = 1, PageSize = 50 } == new FormQuery();

    private static IQueryable<FindingRecord> Restrict(IQueryable<FindingRecord> findings, IQueryable<FormRecord> forms, FormQuery q)
    {
        if (IsUnfiltered(q))
        {
            return findings;
        }

        var ids = forms.Select(f => f.Id);
        return findings.Where(x => ids.Contains(x.FormId));
    }

    private static IQueryable<FormRecord> Sort(IQueryable<FormRecord> forms, FormSort sort, bool descending) => (sort, descending) switch
    {
        (FormSort.Year, false) => forms.OrderBy(f => f.Year).ThenBy(f => f.Id),
        (FormSort.Year, true) => forms.OrderByDescending(f => f.Year).ThenByDescending(f => f.Id),
        (FormSort.ProjectName, false) => forms.OrderBy(f => f.ProjectName).ThenBy(f => f.Id),
        (FormSort.ProjectName, true) => forms.OrderByDescending(f => f.ProjectName).ThenByDescending(f => f.Id),
        (FormSort.Department, false) => forms.OrderBy(f => f.Department).ThenBy(f => f.Id),
        (FormSort.Department, true) => forms.OrderByDescending(f => f.Department).ThenByDescending(f => f.Id),
        (FormSort.TotalScore, false) => forms.OrderBy(f => f.TotalScore).ThenBy(f => f.Id),
        (FormSort.TotalScore, true) => forms.OrderByDescending(f => f.TotalScore).ThenByDescending(f => f.Id),
        (FormSort.RecomputedTotal, false) => forms.OrderBy(f => f.RecomputedTotal).ThenBy(f => f.Id),
        (FormSort.RecomputedTotal, true) => forms.OrderByDescending(f => f.RecomputedTotal).ThenByDescending(f => f.Id),
        (FormSort.ExecutionRate, false) => forms.OrderBy(f => f.ExecutionRate).ThenBy(f => f.Id),
        (FormSort.ExecutionRate, true) => forms.OrderByDescending(f => f.ExecutionRate).ThenByDescending(f => f.Id),
        (FormSort.Budget, false) => forms.OrderBy(f => f.Budget).ThenBy(f => f.Id),
        (FormSort.Budget, true) => forms.OrderByDescending(f => f.Budget).ThenByDescending(f => f.Id),
        (FormSort.Errors, false) => forms.OrderBy(f => f.ErrorCount).ThenBy(f => f.Id),
        (FormSort.Errors, true) => forms.OrderByDescending(f => f.ErrorCount).ThenByDescending(f => f.Id),
        (FormSort.Imported, false) => forms.OrderBy(f => f.Id),
        (FormSort.Imported, true) => forms.OrderByDescending(f => f.Id),
        (_, false) => forms.OrderByDescending(f => f.Year).ThenByDescending(f => f.Id),
        (_, true) => forms.OrderBy(f => f.Year).ThenBy(f => f.Id),
    };

    private static readonly System.Linq.Expressions.Expression<Func<FormRecord, FormSummary>> Summary = f => new FormSummary(
        f.Id, f.Kind, f.Year, f.ProjectName, f.LineageKey, f.Department, f.ImplementingUnit, f.Budget, f.Executed,
        f.ExecutionRate, f.TotalScore, f.GradePrinted, f.Grade, f.RecomputedTotal, f.RecomputedGrade, f.CannotAssessCount,
        f.IndicatorCount, f.ErrorCount, f.WarningCount, f.InfoCount, f.ImportBatchId);

    private static async Task<long[]> OrganisationIdsAsync(JixiaoDbContext db, OrganisationKind kind, string name, CancellationToken cancellationToken)
    {
        var key = NameKeys.Plain(name);
        return await db.Organisations.AsNoTracking().Where(o => o.Kind == kind && o.Key == key).Select(o => o.Id).ToArrayAsync(cancellationToken);
    }

    private static async Task<bool> InScopeAsync(JixiaoDbContext db, FormRecord form, string? scopeDepartment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(scopeDepartment))
        {
            return true;
        }

        var ids = await OrganisationIdsAsync(db, OrganisationKind.Department, scopeDepartment, cancellationToken);
        return form.DepartmentId is { } d && ids.Contains(d);
    }

    private static async Task<Dictionary<long, string>> NamesAsync(JixiaoDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static async Task<FormDetail> LoadDetailAsync(JixiaoDbContext db, FormRecord form, CancellationToken cancellationToken)
    {
        var id = form.Id;
        var goals = await db.FormGoals.AsNoTracking().FirstOrDefaultAsync(g => g.FormId == id, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.FormId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(x => x.FormId == id).OrderBy(x => x.Position).ToListAsync(cancellationToken);
        var batchId = form.ImportBatchId;
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        return new FormDetail(form, goals, indicators, findings, batch);
    }

    private static async Task<List<FormDetail>> LoadDetailsAsync(JixiaoDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.ToArray();
        var forms = await db.Forms.AsNoTracking().Where(f => wanted.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        var goals = await db.FormGoals.AsNoTracking().Where(g => wanted.Contains(g.FormId)).ToDictionaryAsync(g => g.FormId, cancellationToken);
        var indicators = (await db.Indicators.AsNoTracking().Where(i => wanted.Contains(i.FormId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.FormId);
        var findings = (await db.Findings.AsNoTracking().Where(x => wanted.Contains(x.FormId)).ToListAsync(cancellationToken))
            .ToLookup(x => x.FormId);
        var result = new List<FormDetail>(ids.Count);
        foreach (var id in ids)
        {
            if (forms.TryGetValue(id, out var f))
            {
                result.Add(new FormDetail(f, goals.GetValueOrDefault(id), [.. indicators[id].OrderBy(i => i.Position)], [.. findings[id].OrderBy(x => x.Position)], null));
            }
        }

        return result;
    }
}
