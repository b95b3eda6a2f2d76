using System.Runtime.CompilerServices;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Forms;

/// <summary>
/// Reads the stored forms (表单查询): the filtered, sorted, paged list, one form, and every form of a query for exports.
/// Every query carries the caller's department scope (<see cref="FormQuery.Scope"/>, resolved once by the access policy
/// of Jixiao.App): department users see only their own 主管部门. Filters map to indexed columns; text goes to the search
/// tables (<see cref="TextSearch"/>). Thread-safe: each call uses its own context.
/// </summary>
public sealed class FormQueries
{
    private readonly JixiaoDatabase database;

    public FormQueries(JixiaoDatabase database)
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
    public Task<PagedResult<FormSummary>> ListAsync(FormQuery query, CancellationToken cancellationToken = default) =>
        ListAsync(query, exactCount: false, cancellationToken);

    /// <summary>
    /// One page of the forms <paramref name="query"/> selects, and how many it selects in all; with
    /// <paramref name="exactCount"/> a full-text search is counted to the end instead of up to
    /// <see cref="TextCountLimit"/> (精确计数: it costs as much as reading every match).
    /// </summary>
    public async Task<PagedResult<FormSummary>> ListAsync(FormQuery query, bool exactCount, CancellationToken cancellationToken = default)
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

        var text = SearchTerms.Parse(query.Text);
        var filtered = text.IsEmpty ? others : TextSearch.WhereText(db, others, text, TextPlan.Any);

        var page = query.SafePage;
        var size = query.SafePageSize;
        long total;
        var lowerBound = false;
        List<long>? ids = null;
        if (CubeCounts(query))
        {
            total = await PortfolioQueries.Cells(db, departments, query.Year, query.Kind).SumAsync(c => (long)c.Forms, cancellationToken);
        }
        else if (!text.IsEmpty && await SearchGramsPageAsync(db, query, text, cancellationToken) is { } grams)
        {
            total = grams.Total;
            lowerBound = grams.TotalIsLowerBound;
            ids = grams.Ids;
        }
        else if (!text.IsEmpty)
        {
            // a search reads the ids of its matches up to the limit (without other filters, in the search table alone)
            var limit = (int)Math.Min(Math.Max(TextCountLimit, (long)page * size) + 1, int.MaxValue);
            var matches = TextOnly(query) ? TextSearch.TextMatches(db, text) : filtered.Select(f => f.Id);
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

        if (lowerBound && exactCount)
        {
            total = await filtered.LongCountAsync(cancellationToken);
            lowerBound = false;
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
    /// (<see cref="SearchGrams"/>); null where they do not answer (SQLite, other filters or orders, no included term
    /// of two characters or more).
    /// </summary>
    private async Task<SearchGrams.Page?> SearchGramsPageAsync(JixiaoDbContext db, FormQuery query, SearchTerms text, CancellationToken cancellationToken)
    {
        if (!UseSearchGrams || db.Provider != DatabaseProvider.Postgres || !TextOnly(query) || !text.Include.Any(t => t.Length >= 2)
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
        JixiaoDbContext db, FormQuery query, IQueryable<FormRecord> others, SearchTerms text, CancellationToken cancellationToken)
    {
        var size = query.SafePageSize;
        var window = (int)Math.Min(Math.Max(1, (long)TextWalkWindow) * query.SafePage, int.MaxValue);
        var walked = await PageIdsAsync(TextSearch.WhereText(db, Sort(others, query.Sort, query.Descending).Take(window), text, TextPlan.Probe),
            query, cancellationToken);
        return walked.Count == size
            ? walked
            : await PageIdsAsync(TextSearch.WhereText(db, others, text, TextPlan.Index), query, cancellationToken);
    }

    /// <summary>
    /// The totals of every form <paramref name="query"/> selects (paging and sorting ignored): read from the stored
    /// totals when the query filters by year and department only (<see cref="CubeSummarises"/>), else added up over
    /// the forms. Both ways give the same numbers.
    /// </summary>
    public async Task<FormTotals> GetTotalsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        return CubeSummarises(query)
            ? await TotalsFromCellsAsync(db, query, cancellationToken)
            : await ComputeTotalsAsync(db, query, cancellationToken);
    }

    /// <summary>The totals added up over the forms themselves (any filter); the stored totals must agree with them.</summary>
    internal async Task<FormTotals> ComputeTotalsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        return await ComputeTotalsAsync(db, query, cancellationToken);
    }

    private static async Task<FormTotals> ComputeTotalsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var filtered = await FilterAsync(db, query, cancellationToken);
        if (filtered is null)
        {
            return FormTotals.Empty;
        }

        // one row for the declarations and one for the self-evaluations (either may be missing)
        var parts = await filtered
            .GroupBy(f => f.Kind == FormKind.TargetDeclaration)
            .Select(g => new TotalsPart(
                g.Key,
                g.LongCount(),
                g.Sum(f => f.Budget != null && f.Executed != null ? f.Budget.Value : 0m),
                g.Sum(f => f.Budget != null && f.Executed != null ? f.Executed.Value : 0m),
                g.Sum(f => f.Budget ?? 0m),
                g.Sum(f => f.TotalScore ?? 0m),
                g.Sum(f => f.TotalScore != null ? 1L : 0L),
                g.Sum(f => f.RecomputedTotal ?? 0m),
                g.Sum(f => f.RecomputedTotal != null ? 1L : 0L),
                g.Sum(f => (long)f.ErrorCount),
                g.Sum(f => (long)f.WarningCount),
                g.Sum(f => (long)f.InfoCount)))
            .ToListAsync(cancellationToken);
        return Combine(parts);
    }

    /// <summary>The totals read from the stored cells: a few hundred rows whatever the number of forms.</summary>
    private static async Task<FormTotals> TotalsFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return FormTotals.Empty;
        }

        // a self-evaluation cell's budget and executed are already those of the forms that state both amounts; the
        // database adds the cells up (a row per year × department × kind: hundreds to thousands of wide rows)
        var parts = await PortfolioQueries.Cells(db, departments, query.Year, null)
            .GroupBy(c => c.Kind == FormKind.TargetDeclaration)
            .Select(g => new TotalsPart(
                g.Key,
                g.Sum(c => (long)c.Forms),
                g.Sum(c => c.Budget),
                g.Sum(c => c.Executed),
                g.Sum(c => c.Budget),
                g.Sum(c => c.PrintedTotalSum),
                g.Sum(c => (long)c.PrintedTotalCount),
                g.Sum(c => c.RecomputedTotalSum),
                g.Sum(c => (long)c.RecomputedTotalCount),
                0,
                0,
                0))
            .ToListAsync(cancellationToken);

        // summed by the database: the stored findings are a row per year × department × check × severity (thousands)
        var severities = await PortfolioQueries.FindingCells(db, departments, query.Year)
            .GroupBy(c => c.Severity)
            .Select(g => new { Severity = g.Key, Findings = g.Sum(c => c.Findings) })
            .ToListAsync(cancellationToken);
        long Findings(Core.Checks.Severity severity) => severities.Where(c => c.Severity == severity).Sum(c => c.Findings);

        return Combine(parts) with
        {
            Errors = Findings(Core.Checks.Severity.Error),
            Warnings = Findings(Core.Checks.Severity.Warning),
            Infos = Findings(Core.Checks.Severity.Info),
        };
    }

    /// <summary>The sums over the declarations or over the self-evaluations of a selection.</summary>
    private sealed record TotalsPart(
        bool Declarations,
        long Forms,
        decimal RatedBudget,
        decimal RatedExecuted,
        decimal Budget,
        decimal PrintedSum,
        long PrintedCount,
        decimal RecomputedSum,
        long RecomputedCount,
        long Errors,
        long Warnings,
        long Infos);

    private static FormTotals Combine(List<TotalsPart> parts)
    {
        var self = parts.Where(p => !p.Declarations).ToList();
        var declarations = parts.Where(p => p.Declarations).ToList();
        var printed = parts.Sum(p => p.PrintedCount);
        var recomputed = parts.Sum(p => p.RecomputedCount);
        return new FormTotals(
            parts.Sum(p => p.Forms),
            self.Sum(p => p.Forms),
            declarations.Sum(p => p.Forms),
            Math.Round(self.Sum(p => p.RatedBudget), 2),
            Math.Round(self.Sum(p => p.RatedExecuted), 2),
            Math.Round(declarations.Sum(p => p.Budget), 2),
            FormTotals.Mean(parts.Sum(p => p.PrintedSum), printed),
            printed,
            FormTotals.Mean(parts.Sum(p => p.RecomputedSum), recomputed),
            recomputed,
            parts.Sum(p => p.Errors),
            parts.Sum(p => p.Warnings),
            parts.Sum(p => p.Infos));
    }

    /// <summary>True when at least one form is stored.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Forms.AnyAsync(cancellationToken);
    }

    /// <summary>One form with its goals, indicators (printed order), findings and batch; null when missing or out of scope.</summary>
    public async Task<FormDetail?> GetAsync(long id, DepartmentScope? scope = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var form = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (form is null || !InScope(form, scope))
        {
            return null;
        }

        return await LoadDetailAsync(db, form, cancellationToken);
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

    /// <summary>The forms a query selects, unsorted; null when the scope or a name filter matches nothing.</summary>
    internal static async Task<IQueryable<FormRecord>?> FilterAsync(JixiaoDbContext db, FormQuery q, CancellationToken cancellationToken) =>
        await FilterAsync(db, q, await DepartmentIdsAsync(db, q, cancellationToken), cancellationToken);

    /// <summary>The same, with the 主管部门 ids of the query already resolved (<see cref="DepartmentIdsAsync"/>).</summary>
    internal static async Task<IQueryable<FormRecord>?> FilterAsync(JixiaoDbContext db, FormQuery q, long[]? departments, CancellationToken cancellationToken)
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
            var units = await Organisations.UnitIdsAsync(db, q.Unit, cancellationToken);
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

        if (q.ReviewState is { } reviewState)
        {
            forms = forms.WhereReviewState(db, reviewState);
        }

        if (!string.IsNullOrWhiteSpace(q.CheckCode))
        {
            var code = q.CheckCode.Trim().ToUpperInvariant();
            forms = forms.Where(f => db.Findings.Any(x => x.FormId == f.Id && x.Code == code));
        }

        var text = SearchTerms.Parse(q.Text);
        return text.IsEmpty ? forms : TextSearch.WhereText(db, forms, text, TextPlan.Any);
    }

    /// <summary>True when <paramref name="q"/> filters by text only (every form is in scope).</summary>
    private static bool TextOnly(FormQuery q) =>
        q with { Text = null, Sort = FormSort.Default, Descending = false, Page = 1, PageSize = 50 } == new FormQuery();

    /// <summary>The 主管部门 ids the scope and the department filter allow: null for all, empty for none.</summary>
    internal static async Task<long[]?> DepartmentIdsAsync(JixiaoDbContext db, FormQuery q, CancellationToken cancellationToken)
    {
        var departments = q.Scope?.DepartmentIds;
        if (!string.IsNullOrWhiteSpace(q.Department))
        {
            var named = await Organisations.IdsAsync(db, OrganisationKind.Department, q.Department, cancellationToken);
            departments = departments is null ? named : [.. departments.Intersect(named)];
        }

        return departments;
    }

    /// <summary>True when the stored totals can count the forms of <paramref name="q"/>: it filters by year, department and kind only.</summary>
    internal static bool CubeCounts(FormQuery q) =>
        q.Year is not 0
        && q with { Year = null, Department = null, Scope = null, Kind = null, Sort = FormSort.Default, Descending = false, Page = 1, PageSize = 50 } == new FormQuery();

    /// <summary>True when the stored totals can give the overview of <paramref name="q"/>: it filters by year and department only.</summary>
    internal static bool CubeSummarises(FormQuery q) => q.Kind is null && CubeCounts(q);

    internal static IQueryable<FormRecord> Sort(IQueryable<FormRecord> forms, FormSort sort, bool descending) => (sort, descending) switch
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

    internal static readonly System.Linq.Expressions.Expression<Func<FormRecord, FormSummary>> Summary = f => new FormSummary(
        f.Id, f.Kind, f.Year, f.ProjectName, f.LineageKey, f.Department, f.ImplementingUnit, f.Budget, f.Executed,
        f.ExecutionRate, f.TotalScore, f.GradePrinted, f.Grade, f.RecomputedTotal, f.RecomputedGrade, f.CannotAssessCount,
        f.IndicatorCount, f.ErrorCount, f.WarningCount, f.InfoCount, f.ImportBatchId);

    /// <summary>True when <paramref name="scope"/> lets the caller see <paramref name="form"/>.</summary>
    internal static bool InScope(FormRecord form, DepartmentScope? scope) => scope is null || scope.Allows(form.DepartmentId);

    internal static async Task<FormDetail> LoadDetailAsync(JixiaoDbContext db, FormRecord form, CancellationToken cancellationToken)
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
