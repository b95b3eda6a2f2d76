using System.Runtime.CompilerServices;
using Jixiao.Core.Checks;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Forms;

/// <summary>
/// Reads the stored findings one row per finding (问题清单): the filtered, sorted, paged list and every row of a query
/// for exports. The form filters are those of the form list (<see cref="FormQueries"/>), with the caller's department
/// scope; severity and check code filter the findings.
/// </summary>
/// <remarks>
/// How it stays fast at a million forms: rows are found in the order of an index of <c>forms</c> (newest first, by
/// year, by name) and the findings of those forms are read by their key. A sort by department, check or severity is a
/// sequence of such lists, one per department, check or severity (a handful), in that order. A check or severity filter
/// is read from the front of the check code or severity index (<c>findings (code, year, form_id, position)</c>,
/// <c>findings (severity, year, form_id, position)</c>: the form's year is kept beside each finding), which holds the findings
/// in the list's order, each one's form tested against the form filters — when those are the year, department and kind
/// (their share of the forms is known from the stored totals). Other finding filters are answered by walking the forms
/// in order, a growing batch at a time, and keeping the matching findings — or, when the stored totals say the matches
/// are few, by reading them through those indexes and sorting them. Counts come from the stored totals
/// (<see cref="FindingCell"/>) when the query filters only by year, department, check and severity; otherwise counting
/// stops at <see cref="CountLimit"/> ("1,000+") unless <see cref="FindingQuery.ExactCount"/> asks for all.
/// Thread-safe: each call uses its own context.
/// </remarks>
public sealed class FindingQueries
{
    /// <summary>A list that the stored totals cannot count is counted up to this many findings, then "at least".</summary>
    public const int CountLimit = 1000;

    private const int LoadBatch = 500;

    private readonly JixiaoDatabase database;

    // what the check code and severity indexes hold, by year (0: every year); it only weighs the ways of reading
    private readonly KeptUntilChanged<int, IndexTotals> indexTotals = new();

    public FindingQueries(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>At most this many matching findings (by the stored totals) are read through the check index and sorted.</summary>
    public int IndexReadLimit { get; init; } = 50_000;

    /// <summary>The fewest forms read in one batch of a walk.</summary>
    public int FirstBatch { get; init; } = 500;

    /// <summary>The most forms read in one batch of a walk (the batch doubles up to it).</summary>
    public int MaxBatch { get; init; } = 20_000;

    /// <summary>A walk that passes this many forms without finding its rows reads them through the check index instead.</summary>
    public int WalkBudget { get; init; } = 200_000;

    /// <summary>
    /// What reading a check or severity in the order of its index is weighed at against the other ways (1: by what it
    /// reads; 0: whenever it can; <see cref="double.PositiveInfinity"/>: never).
    /// </summary>
    public double IndexOrderWeight { get; init; } = 1.0;

    /// <summary>A search that finds at most this many forms is read once through the search index by a walk; else each form walked is tested.</summary>
    public int TextMatchLimit { get; init; } = 50_000;

    /// <summary>One page of the findings <paramref name="query"/> selects, and how many it selects in all.</summary>
    public async Task<PagedResult<FindingRow>> ListAsync(FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.SafePage;
        var size = query.SafePageSize;
        await using var db = database.CreateContext();
        var selection = await SelectAsync(db, query, cancellationToken);
        if (selection is null)
        {
            return new PagedResult<FindingRow>([], 0, page, size);
        }

        var skip = (long)(page - 1) * size;
        long? exact = selection.CubeExact ? selection.Upper(Part.All) : null;
        if (exact is null && query.ExactCount)
        {
            exact = await CountAllAsync(selection, cancellationToken);
        }

        // counted here: the rows before the page and the page, and past it up to the limit unless the total is known
        var countTo = exact is null ? Math.Max(CountLimit, skip + size) + 1 : skip + size;
        var collected = exact <= skip
            ? new Collected(0, [], true)
            : await CollectAsync(selection, skip, size, countTo, knownCounts: selection.CubeExact, cancellationToken);
        var lowerBound = exact is null && (collected.Counted >= countTo || !collected.Complete);
        var total = exact ?? (collected.Counted >= countTo ? countTo - 1 : collected.Counted);
        var keys = collected.Keys;
        var rows = await LoadAsync(db, keys, cancellationToken);
        return new PagedResult<FindingRow>(rows, total, page, size) { TotalIsLowerBound = lowerBound };
    }

    /// <summary>Every finding <paramref name="query"/> selects, in its order (paging ignored) — for exports.</summary>
    public async IAsyncEnumerable<FindingRow> StreamAsync(FindingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var selection = await SelectAsync(db, query, cancellationToken);
        if (selection is null)
        {
            yield break;
        }

        await using var details = database.CreateContext();
        var keys = new List<FindingKey>(LoadBatch);
        foreach (var part in selection.Parts().Where(g => selection.Upper(g) > 0))
        {
            await foreach (var key in KeysAsync(selection, part, cancellationToken))
            {
                keys.Add(key);
                if (keys.Count == LoadBatch)
                {
                    foreach (var row in await LoadAsync(details, keys, cancellationToken))
                    {
                        yield return row;
                    }

                    keys.Clear();
                }
            }
        }

        foreach (var row in await LoadAsync(details, keys, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The query resolved against <paramref name="db"/>; null when its scope or a name filter selects nothing.</summary>
    private async Task<Selection?> SelectAsync(JixiaoDbContext db, FindingQuery query, CancellationToken cancellationToken)
    {
        var formQuery = query.Forms with { CheckCode = null };
        var departments = await FormQueries.DepartmentIdsAsync(db, formQuery, cancellationToken);
        var forms = await FormQueries.FilterAsync(db, formQuery, departments, cancellationToken);
        var others = await FormQueries.FilterAsync(db, formQuery with { Text = null }, departments, cancellationToken);
        if (forms is null || others is null)
        {
            return null;
        }

        if (query.Decision is { } decided && decided != FindingReviewFilter.Undecided)
        {
            // conclusions are few (each one a reviewer's act): only forms that have one of that kind are walked
            var decision = decided == FindingReviewFilter.Confirmed ? FindingDecision.Confirmed : FindingDecision.Dismissed;
            forms = forms.Where(f => db.FindingReviews.Any(r => r.ContentHash == f.ContentHash && r.Decision == decision));
            others = others.Where(f => db.FindingReviews.Any(r => r.ContentHash == f.ContentHash && r.Decision == decision));
        }

        // the stored totals, summed by what this query needs of them: departments for a sort by department, checks and
        // severities for a finding filter or a sort by them (and then the forms, to size a walk)
        var byDepartment = query.Sort == FindingSort.Department;
        var byCheck = query.Code is not null || query.Severity is not null || query.Sort is FindingSort.Check or FindingSort.Severity;
        var stored = PortfolioQueries.FindingCells(db, departments, formQuery.Year);
        var cells = await ((byDepartment, byCheck) switch
        {
            (true, true) => stored.GroupBy(c => new { c.DepartmentId, c.Code, c.Severity })
                .Select(g => new CubeCell(g.Key.DepartmentId, g.Key.Code, g.Key.Severity, g.Sum(c => c.Findings))).ToListAsync(cancellationToken),
            (true, false) => stored.GroupBy(c => c.DepartmentId)
                .Select(g => new CubeCell(g.Key, "", Severity.Info, g.Sum(c => c.Findings))).ToListAsync(cancellationToken),
            (false, true) => stored.GroupBy(c => new { c.Code, c.Severity })
                .Select(g => new CubeCell(CubeCell.AllDepartments, g.Key.Code, g.Key.Severity, g.Sum(c => c.Findings))).ToListAsync(cancellationToken),
            _ => stored.GroupBy(c => 1)
                .Select(g => new CubeCell(CubeCell.AllDepartments, "", Severity.Info, g.Sum(c => c.Findings))).ToListAsync(cancellationToken),
        });
        var formCounts = !byCheck
            ? []
            : await PortfolioQueries.Cells(db, departments, formQuery.Year, formQuery.Kind)
                .GroupBy(c => c.DepartmentId)
                .Select(g => new { g.Key, Forms = g.Sum(c => (long)c.Forms) })
                .ToDictionaryAsync(g => g.Key, g => g.Forms, cancellationToken);
        var names = byDepartment ? await Organisations.NamesAsync(db, cells.Select(c => (long?)c.DepartmentId), cancellationToken) : [];

        var index = byCheck ? await IndexTotalsAsync(db, formQuery.Year, cancellationToken) : IndexTotals.None;
        return new Selection(this, db, query, forms, others, [.. cells.Where(c => c.Findings > 0)], index, formCounts, names,
            FormQueries.CubeSummarises(formQuery) && query.Decision is null,
            inOrder: FormQueries.CubeCounts(formQuery) && query.Decision is null or FindingReviewFilter.Undecided,
            everyForm: FormQueries.CubeCounts(formQuery) && departments is null && formQuery.Kind is null);
    }

    /// <summary>
    /// What the check code and severity indexes hold for <paramref name="year"/> (or every year), of every department:
    /// what reading a check or severity through them costs, and among how many forms. Only weighs the ways of reading
    /// (never a count shown), so it is kept until forms are stored or removed in this process, or for 30 s
    /// (<see cref="KeptUntilChanged{TKey, TValue}"/>).
    /// </summary>
    private Task<IndexTotals> IndexTotalsAsync(JixiaoDbContext db, int? year, CancellationToken cancellationToken) =>
        indexTotals.GetAsync(year ?? 0, async () =>
        {
            var findings = await PortfolioQueries.FindingCells(db, null, year)
                .GroupBy(c => new { c.Code, c.Severity })
                .Select(g => new CubeCell(CubeCell.AllDepartments, g.Key.Code, g.Key.Severity, g.Sum(c => c.Findings)))
                .ToListAsync(cancellationToken);
            var forms = await PortfolioQueries.Cells(db, null, year, null).SumAsync(c => (long)c.Forms, cancellationToken);
            return new IndexTotals(findings, forms);
        });

    /// <summary>Every finding of the selection, counted by the database (the exact count the user asks for).</summary>
    private static Task<long> CountAllAsync(Selection s, CancellationToken cancellationToken) =>
        (from f in s.Forms(Part.All) join x in s.Findings(Part.All) on f.Id equals x.FormId select x.Position).LongCountAsync(cancellationToken);

    /// <summary>
    /// The keys of rows [<paramref name="skip"/>, skip + <paramref name="take"/>) in the query's order, and how many rows
    /// were passed on the way: up to <paramref name="countTo"/>, unless counting further would cost much more than the
    /// page (<see cref="Collected.Complete"/> false: a lower bound). With <paramref name="knownCounts"/> the stored
    /// totals are the parts' exact counts: whole parts before the page are skipped and nothing past it is counted.
    /// </summary>
    private async Task<Collected> CollectAsync(Selection s, long skip, int take, long countTo, bool knownCounts, CancellationToken cancellationToken)
    {
        var keys = new List<FindingKey>(take);
        long counted = 0;
        foreach (var part in s.Parts())
        {
            var upper = s.Upper(part);
            if (upper == 0)
            {
                continue;
            }

            var before = skip - counted; // rows still to pass before the page
            if (knownCounts && upper <= before)
            {
                counted += upper;
                continue;
            }

            var from = Math.Max(0, before);
            var want = take - keys.Count;
            var found = await CollectPartAsync(s, part, from, want, knownCounts ? null : countTo - counted, cancellationToken);
            keys.AddRange(found.Keys);
            counted += knownCounts ? upper : found.Counted;
            if (!found.Complete)
            {
                return new Collected(counted, keys, false);
            }

            if (counted >= countTo || (knownCounts && keys.Count == take))
            {
                break;
            }
        }

        return new Collected(counted, keys, true);
    }

    /// <summary>
    /// Rows [<paramref name="skip"/>, skip + <paramref name="take"/>) of one part, and the part's count up to
    /// <paramref name="countTo"/> (not counted when null: the count is known).
    /// </summary>
    private async Task<Collected> CollectPartAsync(Selection s, Part part, long skip, int take, long? countTo, CancellationToken cancellationToken)
    {
        var strategy = s.StrategyOf(part, skip + take, counting: countTo is not null);
        if (strategy == Strategy.Walk && await WalkAsync(s, part, skip, take, countTo, cancellationToken) is { } walked)
        {
            return walked;
        }

        var limit = countTo ?? skip + take;
        var ordered = KeysInOrder(s, part, strategy);
        var keys = take <= 0 || skip >= limit
            ? []
            : await ordered.Skip((int)Math.Min(skip, int.MaxValue)).Take(take).ToListAsync(cancellationToken);
        if (countTo is not { } cap || (keys.Count > 0 && keys.Count < take))
        {
            return new Collected(skip + keys.Count, keys, true); // not counted, or the part ends inside the page
        }

        // counted the way the rows were found: in the index's order up to the cap, else over the forms
        var counted = strategy == Strategy.Ordered
            ? ordered.Take((int)Math.Min(cap, int.MaxValue)).CountAsync(cancellationToken)
            : (from f in s.Forms(part) join x in s.Findings(part) on f.Id equals x.FormId select x.Position).Take((int)Math.Min(cap, int.MaxValue)).CountAsync(cancellationToken);
        return new Collected(await counted, keys, true);
    }

    /// <summary>
    /// Walks the part's forms in order, a batch at a time, keeping the matching findings of rows [skip, skip + take).
    /// Counting goes on up to <paramref name="countTo"/> for one more batch after the page is full (then the count is a
    /// lower bound). Null when the walk passes <see cref="WalkBudget"/> forms before the page is full.
    /// </summary>
    private async Task<Collected?> WalkAsync(Selection s, Part part, long skip, int take, long? countTo, CancellationToken cancellationToken)
    {
        var keys = new List<FindingKey>(Math.Max(0, take));
        var limit = countTo ?? skip + take;
        long counted = 0;
        var full = false;
        var grow = new StrongBox<bool>(true);
        await foreach (var batch in WalkBatchesAsync(s, part, skip + take, grow, cancellationToken))
        {
            if (batch is null)
            {
                // the budget is spent: without the page, read it through the index; with it, the count is a lower bound
                return full ? new Collected(counted, keys, false) : null;
            }

            if (full)
            {
                // one batch past the page, counted but not kept
                var more = Math.Min(batch.Count, limit - counted);
                return new Collected(counted + more, keys, counted + more >= limit);
            }

            foreach (var key in batch)
            {
                if (counted >= skip && keys.Count < take)
                {
                    keys.Add(key);
                }

                if (++counted >= limit)
                {
                    return new Collected(counted, keys, true);
                }
            }

            full = counted >= skip + take;
            grow.Value = !full; // the batch that counts past the page is no larger than the last one
        }

        return new Collected(counted, keys, true);
    }

    /// <summary>
    /// The matching findings of the part's forms in order, a batch of forms at a time; the first batch is sized so that
    /// it likely holds <paramref name="expected"/> rows, and the batch doubles from there while <paramref name="grow"/>
    /// says so. Yields null (and stops) when the walk has passed <see cref="WalkBudget"/> forms.
    /// </summary>
    private async IAsyncEnumerable<List<FindingKey>?> WalkBatchesAsync(
        Selection s, Part part, long expected, StrongBox<bool> grow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var findings = s.Findings(part, byForm: true);
        var size = s.FirstBatch(part, expected);
        long walked = 0;
        while (true)
        {
            if (walked >= WalkBudget)
            {
                yield return null;
                yield break;
            }

            var (passed, found) = await s.WindowAsync(part, findings, walked, size, cancellationToken);
            walked += passed;
            yield return found;
            if (passed < size)
            {
                yield break;
            }

            size = grow.Value ? Math.Min(size * 2, MaxBatch) : size;
        }
    }

    /// <summary>Every key of one part in order (exports): an export walks every form, without a budget.</summary>
    private async IAsyncEnumerable<FindingKey> KeysAsync(Selection s, Part part, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var strategy = s.StrategyOf(part, long.MaxValue, counting: false);
        if (strategy == Strategy.Walk)
        {
            var findings = s.Findings(part, byForm: true);
            long walked = 0;
            while (true)
            {
                var (passed, found) = await s.WindowAsync(part, findings, walked, MaxBatch, cancellationToken);
                walked += passed;
                foreach (var key in found)
                {
                    yield return key;
                }

                if (passed < MaxBatch)
                {
                    yield break;
                }
            }
        }

        await foreach (var key in KeysInOrder(s, part, strategy).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return key;
        }
    }

    /// <summary>The part's findings in the query's order, found by <paramref name="strategy"/> (not a walk).</summary>
    private static IQueryable<FindingKey> KeysInOrder(Selection s, Part part, Strategy strategy) =>
        strategy == Strategy.Ordered ? IndexOrderedKeys(s, part) : FormOrderedKeys(s, part);

    /// <summary>
    /// The part's findings read in the order of the check code or severity index (year, form, position), each form of
    /// them kept when it passes the form filters (not looked up when there are none but the year): the page is at the
    /// front of the index.
    /// </summary>
    private static IQueryable<FindingKey> IndexOrderedKeys(Selection s, Part part)
    {
        var joined = s.EveryForm(part)
            ? s.Findings(part).Select(x => new { x.Year, x.FormId, x.Position }) // every finding has its form: the index alone
            : from x in s.Findings(part)
              join f in s.Forms(part) on x.FormId equals f.Id
              select new { x.Year, x.FormId, x.Position };
        var sorted = s.FormOrder.Sort == FormSort.Year
            ? joined.OrderBy(r => r.Year).ThenBy(r => r.FormId)
            : joined.OrderByDescending(r => r.Year).ThenByDescending(r => r.FormId);
        return sorted.ThenBy(r => r.Position).Select(r => new FindingKey(r.FormId, r.Position));
    }

    /// <summary>The part's findings joined with their forms, sorted in the query's order.</summary>
    private static IQueryable<FindingKey> FormOrderedKeys(Selection s, Part part)
    {
        var joined = from f in s.Forms(part)
                     join x in s.Findings(part) on f.Id equals x.FormId
                     select new { f.Year, f.Id, f.ProjectName, x.Position };
        var (sort, descending) = s.FormOrder;
        var sorted = (sort, descending) switch
        {
            (FormSort.Year, false) => joined.OrderBy(r => r.Year).ThenBy(r => r.Id),
            (FormSort.ProjectName, false) => joined.OrderBy(r => r.ProjectName).ThenBy(r => r.Id),
            (FormSort.ProjectName, true) => joined.OrderByDescending(r => r.ProjectName).ThenByDescending(r => r.Id),
            _ => joined.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id),
        };
        return sorted.ThenBy(r => r.Position).Select(r => new FindingKey(r.Id, r.Position));
    }

    /// <summary>The rows of <paramref name="keys"/>, in their order: the finding, its form, its indicator.</summary>
    private static async Task<List<FindingRow>> LoadAsync(JixiaoDbContext db, List<FindingKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var ids = keys.Select(k => k.FormId).Distinct().ToArray();
        var forms = await db.Forms.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        var wanted = keys.ToHashSet();
        var all = await db.Findings.AsNoTracking().Where(x => ids.Contains(x.FormId)).ToListAsync(cancellationToken);
        var findings = all.Where(x => wanted.Contains(new FindingKey(x.FormId, x.Position))).ToDictionary(x => new FindingKey(x.FormId, x.Position));
        var decisions = await DecisionsAsync(db, forms, all, findings.Values, cancellationToken);
        var relatedIds = findings.Values.Where(x => x.RelatedFormId is not null).Select(x => x.RelatedFormId!.Value).Distinct().ToArray();
        var related = relatedIds.Length == 0
            ? []
            : await db.Forms.AsNoTracking().Where(f => relatedIds.Contains(f.Id))
                .Select(f => new { f.Id, f.ProjectName, f.Year }).ToDictionaryAsync(f => f.Id, f => (f.ProjectName, f.Year), cancellationToken);
        var withIndicators = findings.Values.Where(x => x.IndicatorIndex is not null).Select(x => x.FormId).Distinct().ToArray();
        var indicators = withIndicators.Length == 0
            ? []
            : await db.Indicators.AsNoTracking().Where(i => withIndicators.Contains(i.FormId))
                .Select(i => new { i.FormId, i.Position, i.Name, i.Score, i.RecomputedScore })
                .ToDictionaryAsync(i => new FindingKey(i.FormId, i.Position), i => (i.Name, i.Score, i.RecomputedScore), cancellationToken);
        // forms read from a workbook, PDF or web page say so in their details: their lines are no lines of text
        var lined = findings.Values.Where(x => x.SourceLine > 0 && forms[x.FormId].SourceFirstLine is not null).Select(x => x.FormId).Distinct().ToArray();
        var tables = (lined.Length == 0 ? [] : await db.FormGoals.AsNoTracking().Where(g => lined.Contains(g.FormId) && g.Details != null)
                .Select(g => new { g.FormId, g.Details }).ToListAsync(cancellationToken))
            .Where(g => FormDetailsJson.Read(g.Details).SourceFormat is not null)
            .Select(g => g.FormId)
            .ToHashSet();

        var rows = new List<FindingRow>(keys.Count);
        foreach (var key in keys)
        {
            if (!findings.TryGetValue(key, out var x) || !forms.TryGetValue(key.FormId, out var f))
            {
                continue; // deleted between the two reads
            }

            (string Name, decimal? Score, decimal? RecomputedScore)? indicator =
                x.IndicatorIndex is { } i && indicators.TryGetValue(new FindingKey(x.FormId, i), out var found) ? found : null;
            rows.Add(new FindingRow(
                f.Id, x.Position, f.Kind, f.Year, f.ProjectName, f.Department, f.ImplementingUnit,
                x.Code, x.Severity, x.Category, x.Field, x.IndicatorIndex, indicator?.Name,
                x.MessageZh, x.MessageEn, x.SourceLine, FindingValuesOf.Find(x.Field, f, indicator?.Score, indicator?.RecomputedScore))
            {
                HasSourceLine = x.SourceLine > 0 && !tables.Contains(f.Id)
                    && f.SourceFirstLine is { } first && f.SourceLastLine is { } last && x.SourceLine >= first && x.SourceLine <= last,
                Decision = decisions.TryGetValue(key, out var decision) ? decision : null,
                RelatedFormId = x.RelatedFormId,
                RelatedProjectName = x.RelatedFormId is { } r && related.TryGetValue(r, out var other) ? other.ProjectName : null,
                RelatedYear = x.RelatedFormId is { } y && related.TryGetValue(y, out var otherYear) ? otherYear.Year : null,
            });
        }

        return rows;
    }

    /// <summary>
    /// The conclusions (复核结论) on <paramref name="shown"/>, by key: stored by the form's content hash, the finding's
    /// code, field and occurrence among <paramref name="all"/> the form's findings of that code and field.
    /// </summary>
    private static async Task<Dictionary<FindingKey, FindingDecision>> DecisionsAsync(
        JixiaoDbContext db, Dictionary<long, FormRecord> forms, List<FindingRecord> all, IEnumerable<FindingRecord> shown, CancellationToken cancellationToken)
    {
        var hashes = forms.Values.Select(f => f.ContentHash).Distinct(StringComparer.Ordinal).ToArray();
        var stored = await db.FindingReviews.AsNoTracking().Where(r => hashes.Contains(r.ContentHash))
            .Select(r => new { r.ContentHash, r.Code, r.Field, r.Occurrence, r.Decision }).ToListAsync(cancellationToken);
        var result = new Dictionary<FindingKey, FindingDecision>();
        if (stored.Count == 0)
        {
            return result;
        }

        var byHash = stored.ToDictionary(r => (r.ContentHash, r.Code, r.Field, r.Occurrence), r => r.Decision);
        var byForm = all.ToLookup(x => x.FormId);
        foreach (var x in shown)
        {
            var occurrence = FindingKeys.OccurrenceOf(x, byForm[x.FormId]);
            if (byHash.TryGetValue((forms[x.FormId].ContentHash, x.Code, x.Field, occurrence), out var decision))
            {
                result[new FindingKey(x.FormId, x.Position)] = decision;
            }
        }

        return result;
    }

    /// <summary>One finding by its form and position.</summary>
    internal readonly record struct FindingKey(long FormId, int Position);

    /// <summary>The keys of a page, the rows counted on the way, and whether that count is complete (else a lower bound).</summary>
    private sealed record Collected(long Counted, List<FindingKey> Keys, bool Complete);

    /// <summary>
    /// The stored findings of one department, check and severity under the query's year and departments (departments,
    /// checks or severities summed together where the query needs them not apart: <see cref="AllDepartments"/>, "").
    /// </summary>
    private sealed record CubeCell(long DepartmentId, string Code, Severity Severity, long Findings)
    {
        public const long AllDepartments = -1;
    }

    /// <summary>The stored totals of the check code and severity indexes' range: findings by check and severity, and the forms.</summary>
    private sealed record IndexTotals(List<CubeCell> Findings, long Forms)
    {
        public static IndexTotals None { get; } = new([], 0);
    }


    /// <summary>How one part's rows are found.</summary>
    private enum Strategy
    {
        /// <summary>No finding filter: the forms in order joined with their findings.</summary>
        Join,

        /// <summary>Few matches: read through the check code or severity index, joined with the forms and sorted.</summary>
        Index,

        /// <summary>
        /// The list's order is the index's (newest or oldest first) and the form filters are the stored totals' own (year,
        /// department, kind): the findings read in the order of the check code or severity index, their forms filtered.
        /// </summary>
        Ordered,

        /// <summary>Many matches: the forms walked in order, a batch at a time.</summary>
        Walk,
    }

    /// <summary>
    /// A part of the list that is in order by itself: all of it, or one department, check or severity when the list is
    /// sorted by that. Null members do not restrict; <see cref="NoDepartment"/> is the forms without a 主管部门.
    /// </summary>
    private sealed record Part(long? Department, bool NoDepartment, string? Code, Severity? Severity)
    {
        public static Part All { get; } = new(null, false, null, null);
    }

    /// <summary>A query resolved against one context: its forms, finding filters, groups and the stored totals over them.</summary>
    private sealed class Selection(
        FindingQueries owner,
        JixiaoDbContext db,
        FindingQuery query,
        IQueryable<FormRecord> forms,
        IQueryable<FormRecord> others,
        List<CubeCell> cells,
        IndexTotals index,
        Dictionary<long, long> formCounts,
        Dictionary<long, string> departmentNames,
        bool cubeExact,
        bool inOrder,
        bool everyForm)
    {
        /// <summary>True when the stored totals are the query's own counts (it filters by year, department, check and severity only).</summary>
        public bool CubeExact { get; } = cubeExact;

        private readonly SearchTerms text = SearchTerms.Parse(query.Forms.Text);
        private HashSet<long>? textMatches;
        private bool textTooCommon;

        public IQueryable<FormRecord> Forms(Part part) => Within(forms, part);

        /// <summary>True when the part's forms are all the forms of the query's year (or all): its findings need not be joined with them.</summary>
        public bool EveryForm(Part part) => everyForm && part.Department is null && !part.NoDepartment;

        private static IQueryable<FormRecord> Within(IQueryable<FormRecord> forms, Part part) => part switch
        {
            { NoDepartment: true } => forms.Where(f => f.DepartmentId == null),
            { Department: { } d } => forms.Where(f => f.DepartmentId == d),
            _ => forms,
        };

        /// <summary>The order of the forms inside a part (the sort's own order when it is one of the forms).</summary>
        public (FormSort Sort, bool Descending) FormOrder => query.Sort switch
        {
            FindingSort.Form => (FormSort.ProjectName, query.Descending),
            FindingSort.Year => query.Descending ? (FormSort.Default, false) : (FormSort.Year, false),
            FindingSort.Default when query.Descending => (FormSort.Year, false),
            _ => (FormSort.Default, false),
        };

        /// <summary>
        /// The next <paramref name="size"/> forms of the part in order after the first <paramref name="walked"/> (by
        /// all the filters but the text), and the keys of <paramref name="findings"/> on those of them the text filter
        /// keeps, in the order of the forms, then by position. A search is tested on the window's forms (its matches
        /// read once through the search index when they are few, else form by form), as the form list does, instead of
        /// an ordered walk through its matches.
        /// </summary>
        public async Task<(int Walked, List<FindingKey> Keys)> WindowAsync(
            Part part, IQueryable<FindingRecord> findings, long walked, int size, CancellationToken cancellationToken)
        {
            var window = FormQueries.Sort(Within(others, part), FormOrder.Sort, FormOrder.Descending)
                .Skip((int)Math.Min(walked, int.MaxValue)).Take(size).Select(f => f.Id);
            var ids = await window.ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return (0, []);
            }

            var kept = await KeptAsync(ids, cancellationToken);
            var rank = new Dictionary<long, int>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                rank[ids[i]] = i;
            }

            // SQLite reads the window again as a subquery (an ordered index walk) and probes the findings' keys: a list
            // of thousands of parameters costs it more than the walk. PostgreSQL takes the ids as one array.
            var onWindow = db.Provider == DatabaseProvider.Sqlite ? findings.Where(x => window.Contains(x.FormId)) : findings.Where(x => ids.Contains(x.FormId));
            var found = await onWindow.Select(x => new FindingKey(x.FormId, x.Position)).ToListAsync(cancellationToken);
            if (kept is not null)
            {
                found.RemoveAll(k => !kept.Contains(k.FormId));
            }

            found.Sort((a, b) => a.FormId == b.FormId ? a.Position.CompareTo(b.Position) : rank[a.FormId].CompareTo(rank[b.FormId]));
            return (ids.Count, found);
        }

        /// <summary>Of the forms <paramref name="ids"/>, those the text filter keeps; null without a text filter (all).</summary>
        private async Task<HashSet<long>?> KeptAsync(List<long> ids, CancellationToken cancellationToken)
        {
            if (text.IsEmpty)
            {
                return null;
            }

            // the forms the text finds, read once through the search index when they are not too many
            if (textMatches is null && !textTooCommon)
            {
                var found = await TextSearch.TextMatches(db, text).Take(owner.TextMatchLimit + 1).ToListAsync(cancellationToken);
                textTooCommon = found.Count > owner.TextMatchLimit;
                textMatches = textTooCommon ? null : found.ToHashSet();
            }

            return textMatches ?? (await TextSearch.WhereText(db, db.Forms.AsNoTracking().Where(f => ids.Contains(f.Id)), text, TextPlan.Probe)
                .Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
        }

        /// <summary>
        /// The findings the query and the part select; with a check or severity, those of the query's year (the range
        /// of the check code or severity index) — unless <paramref name="byForm"/>: they are read by their forms' keys.
        /// </summary>
        public IQueryable<FindingRecord> Findings(Part part, bool byForm = false)
        {
            IQueryable<FindingRecord> findings = db.Findings.AsNoTracking();
            var code = part.Code ?? query.Code;
            var severity = part.Severity ?? query.Severity;
            // read by the forms' keys or by the check code or severity index, as the database's planner weighs them
            // (on SQLite by the rows SqlitePlannerStatistics writes)
            if (code is not null)
            {
                findings = findings.Where(x => x.Code == code);
            }

            if (severity is { } sv)
            {
                findings = findings.Where(x => x.Severity == sv);
            }

            if (!byForm && query.Forms.Year is { } year && (code is not null || severity is not null))
            {
                findings = findings.Where(x => x.Year == year); // the range of the check code or severity index
            }

            return query.Decision is { } decision ? findings.WhereDecision(db, decision) : findings;
        }

        /// <summary>True when the query or the part filters the findings (not only the forms).</summary>
        private bool FiltersFindings(Part part) =>
            (part.Code ?? query.Code) is not null || (part.Severity ?? query.Severity) is not null || query.Decision is not null;

        /// <summary>The stored count of the part's findings: exact when <see cref="CubeExact"/>, an upper bound otherwise.</summary>
        public long Upper(Part part, bool filtered = true)
        {
            var code = part.Code ?? (filtered ? query.Code : null);
            var severity = part.Severity ?? (filtered ? query.Severity : null);
            long sum = 0;
            foreach (var c in cells)
            {
                if ((code is null || c.Code == code) && (severity is null || c.Severity == severity)
                    && (part.Department is not { } d || c.DepartmentId == d) && (!part.NoDepartment || c.DepartmentId == 0))
                {
                    sum += c.Findings;
                }
            }

            return sum;
        }

        /// <summary>
        /// How to find <paramref name="rows"/> rows of the part, by what each way reads (a finding and its form about two
        /// reads, a form walked about one):
        /// <list type="bullet">
        /// <item>in the index's order (<see cref="Strategy.Ordered"/>): the rows wanted, and the counted ones, × the forms
        /// the index range holds / the forms of the part (the findings of other departments or kinds passed on the way);</item>
        /// <item>all of the index range, sorted (<see cref="Strategy.Index"/>): twice when the part is counted too;</item>
        /// <item>a walk of the forms (<see cref="Strategy.Walk"/>): the forms of the part × rows / matches, three times
        /// over for the count.</item>
        /// </list>
        /// The index range is the query's year (or every year) of every department.
        /// </summary>
        public Strategy StrategyOf(Part part, long rows, bool counting)
        {
            if (!FiltersFindings(part))
            {
                return Strategy.Join;
            }

            var code = part.Code ?? query.Code;
            var severity = part.Severity ?? query.Severity;
            var upper = Math.Max(1, Upper(part));
            var indexed = index.Findings.Where(c => (code is null || c.Code == code) && (severity is null || c.Severity == severity)).Sum(c => c.Findings);
            var walked = 3.0 * rows * FormsOf(part) / upper;
            var read = (counting ? 4.0 : 2.0) * indexed; // counting reads them once more
            if (inOrder && (code is not null || severity is not null) && FormOrder.Sort != FormSort.ProjectName)
            {
                var passed = (double)Math.Max(1, index.Forms) / Math.Max(1, FormsOf(part));
                var ordered = owner.IndexOrderWeight * 2.0 * passed * (Math.Min(rows, upper) + (counting ? Math.Min(CountLimit, upper) : 0));
                if (ordered <= walked && (ordered <= read || indexed > owner.IndexReadLimit))
                {
                    return Strategy.Ordered;
                }
            }

            return indexed <= owner.IndexReadLimit && read <= walked ? Strategy.Index : Strategy.Walk;
        }

        /// <summary>The forms of the part by the stored totals (the query's year, departments and kind).</summary>
        private long FormsOf(Part part) =>
            part.Department is { } d ? formCounts.GetValueOrDefault(d)
            : part.NoDepartment ? formCounts.GetValueOrDefault(0)
            : formCounts.Values.Sum();

        /// <summary>The first batch of a walk: enough forms to hold <paramref name="expected"/> matches by the stored totals, twice over.</summary>
        public int FirstBatch(Part part, long expected)
        {
            var perForm = (double)Math.Max(1, Upper(part)) / Math.Max(1, FormsOf(part));
            var batch = 2.0 * expected / perForm;
            return (int)Math.Clamp(batch, owner.FirstBatch, owner.MaxBatch);
        }

        /// <summary>The parts of the list in order: one for a sort by the forms, else one per department, check or severity.</summary>
        public IEnumerable<Part> Parts()
        {
            var descending = query.Descending;
            switch (query.Sort)
            {
                case FindingSort.Department:
                    var named = cells.Where(c => c.DepartmentId != 0).Select(c => c.DepartmentId).Distinct()
                        .Select(id => (Id: id, Name: departmentNames.GetValueOrDefault(id, "")));
                    var ordered = descending
                        ? named.OrderByDescending(d => d.Name, StringComparer.Ordinal).ThenByDescending(d => d.Id)
                        : named.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id);
                    foreach (var (id, _) in ordered)
                    {
                        yield return new Part(id, false, null, null);
                    }

                    if (cells.Any(c => c.DepartmentId == 0))
                    {
                        yield return new Part(null, true, null, null);
                    }

                    break;
                case FindingSort.Check:
                    var codes = cells.Select(c => c.Code).Where(c => query.Code is null || c == query.Code).Distinct(StringComparer.Ordinal);
                    foreach (var code in descending ? codes.OrderDescending(StringComparer.Ordinal) : codes.Order(StringComparer.Ordinal))
                    {
                        yield return new Part(null, false, code, null);
                    }

                    break;
                case FindingSort.Severity:
                    var severities = cells.Select(c => c.Severity).Where(v => query.Severity is null || v == query.Severity).Distinct();
                    foreach (var severity in descending ? severities.OrderDescending() : severities.Order())
                    {
                        yield return new Part(null, false, null, severity);
                    }

                    break;
                default:
                    yield return Part.All;
                    break;
            }
        }
    }
}
