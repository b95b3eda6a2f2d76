using System.Runtime.CompilerServices;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Forms;

/// <summary>
/// A filter of the published forms (公开): every member optional; names are matched by their normalised key
/// (地区 and 主管部门 exactly, the text as a literal part of the project name, department or unit).
/// </summary>
public sealed record PublicFormQuery
{
    public const int MaxPageSize = 200;

    /// <summary>地区: the region of the form's 主管部门 in the organisation tree.</summary>
    public string? Region { get; init; }

    /// <summary>主管部门.</summary>
    public string? Department { get; init; }

    public int? Year { get; init; }

    public FormKind? Kind { get; init; }

    /// <summary>A part of the project name, the 主管部门 or the 实施单位.</summary>
    public string? Text { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    internal int SafePage => Math.Max(1, Page);

    internal int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One row of the public list: what a published form says of itself, and when it was published.</summary>
public sealed record PublicFormSummary(
    long Id,
    FormKind Kind,
    int? Year,
    string ProjectName,
    string? Region,
    string? Department,
    string? ImplementingUnit,
    decimal? Budget,
    decimal? TotalScore,
    string? GradePrinted,
    DateTime? PublishedAt);

/// <summary>A published form with what the public pages add to it: its 地区 and when it was published (UTC).</summary>
public sealed record PublicForm(FormDetail Detail, string? Region, DateTime? PublishedAt);

/// <summary>The values the public filters offer: the regions, departments and years that published forms have.</summary>
public sealed record PublicFacets(IReadOnlyList<string> Regions, IReadOnlyList<string> Departments, IReadOnlyList<int> Years);

/// <summary>
/// The forms published in Jixiao (公开, decision 011): only stored forms that a filing in status 已公开 names as its
/// <see cref="FilingRecord.PublishedFormId"/>, checked in every query (a filing no longer published, or a deleted batch,
/// takes its form off at once). Imported forms, drafts and forms under review are never selected. A form is given
/// without its findings and its import batch: the public sees the form as approved, not the internal review.
/// Thread-safe: each call uses its own context.
/// </summary>
public sealed class PublishedForms
{
    private readonly JixiaoDatabase database;

    public PublishedForms(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>One page of the published forms <paramref name="query"/> selects, newest year first, and how many in all.</summary>
    public async Task<PagedResult<PublicFormSummary>> ListAsync(PublicFormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var rows = await RowsAsync(db, query, cancellationToken);
        if (rows is null)
        {
            return new PagedResult<PublicFormSummary>([], 0, query.SafePage, query.SafePageSize);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.Form.Year).ThenByDescending(r => r.Form.Id)
            .Skip((query.SafePage - 1) * query.SafePageSize).Take(query.SafePageSize)
            .Select(r => new { r.Form, r.PublishedAt })
            .ToListAsync(cancellationToken);
        var regions = await RegionsOfAsync(db, page.Select(p => p.Form.DepartmentId), cancellationToken);
        var items = page.Select(p => new PublicFormSummary(
            p.Form.Id, p.Form.Kind, p.Form.Year, p.Form.ProjectName, RegionOf(regions, p.Form.DepartmentId), p.Form.Department,
            p.Form.ImplementingUnit, p.Form.Kind == FormKind.TargetDeclaration ? p.Form.AnnualTotal ?? p.Form.Budget : p.Form.Budget,
            p.Form.TotalScore, p.Form.GradePrinted, p.PublishedAt)).ToList();
        return new PagedResult<PublicFormSummary>(items, total, query.SafePage, query.SafePageSize);
    }

    /// <summary>One published form (no findings, no batch); null when the form is missing or not published.</summary>
    public async Task<PublicForm?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var row = await Published(db).Where(r => r.Form.Id == id).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var regions = await RegionsOfAsync(db, [row.Form.DepartmentId], cancellationToken);
        return new PublicForm(Public(await FormQueries.LoadDetailAsync(db, row.Form, cancellationToken)), RegionOf(regions, row.Form.DepartmentId), row.PublishedAt);
    }

    /// <summary>Every published form <paramref name="query"/> selects (paging ignored), by id, for the open-data downloads.</summary>
    public async IAsyncEnumerable<PublicForm> StreamAsync(PublicFormQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var rows = await RowsAsync(db, query, cancellationToken);
        if (rows is null)
        {
            yield break;
        }

        var all = await rows.OrderBy(r => r.Form.Id).ToListAsync(cancellationToken);
        var regions = await RegionsOfAsync(db, all.Select(r => r.Form.DepartmentId), cancellationToken);
        foreach (var row in all)
        {
            var detail = await FormQueries.LoadDetailAsync(db, row.Form, cancellationToken);
            yield return new PublicForm(Public(detail), RegionOf(regions, row.Form.DepartmentId), row.PublishedAt);
        }
    }

    /// <summary>The regions, departments and years of the published forms (for the filters).</summary>
    public async Task<PublicFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var forms = await Published(db).Select(r => new { r.Form.DepartmentId, r.Form.Department, r.Form.Year }).ToListAsync(cancellationToken);
        var regions = await RegionsOfAsync(db, forms.Select(f => f.DepartmentId), cancellationToken);
        return new PublicFacets(
            [.. regions.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. forms.Select(f => f.Department).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. forms.Select(f => f.Year).OfType<int>().Distinct().OrderDescending()]);
    }

    /// <summary>A published form and its filing's publication time (member-initialised, so that EF filters through it).</summary>
    private sealed class Row
    {
        public FormRecord Form { get; init; } = null!;

        public DateTime? PublishedAt { get; init; }
    }

    /// <summary>The published forms: a form named by a filing that is published now.</summary>
    private static IQueryable<Row> Published(JixiaoDbContext db) =>
        from form in db.Forms.AsNoTracking()
        join filing in db.Filings.AsNoTracking() on (long?)form.Id equals filing.PublishedFormId
        where filing.Status == FilingStatus.Published
        select new Row { Form = form, PublishedAt = filing.PublishedAt };

    /// <summary>The published forms a query selects; null when a name filter matches no organisation.</summary>
    private static async Task<IQueryable<Row>?> RowsAsync(JixiaoDbContext db, PublicFormQuery q, CancellationToken cancellationToken)
    {
        var rows = Published(db);
        if (!string.IsNullOrWhiteSpace(q.Department))
        {
            var ids = await Organisations.IdsAsync(db, OrganisationKind.Department, q.Department, cancellationToken);
            if (ids.Length == 0)
            {
                return null;
            }

            rows = rows.Where(r => r.Form.DepartmentId != null && ids.Contains(r.Form.DepartmentId.Value));
        }

        if (!string.IsNullOrWhiteSpace(q.Region))
        {
            var regionIds = await Organisations.IdsAsync(db, OrganisationKind.Region, q.Region, cancellationToken);
            if (regionIds.Length == 0)
            {
                return null;
            }

            var departments = db.Organisations.Where(o => o.Kind == OrganisationKind.Department && o.ParentId != null && regionIds.Contains(o.ParentId.Value)).Select(o => (long?)o.Id);
            rows = rows.Where(r => departments.Contains(r.Form.DepartmentId));
        }

        if (q.Year is { } year)
        {
            rows = rows.Where(r => r.Form.Year == year);
        }

        if (q.Kind is { } kind)
        {
            rows = rows.Where(r => r.Form.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var pattern = TextSearch.LikePattern(q.Text.Trim());
            rows = rows.Where(r => EF.Functions.Like(r.Form.ProjectName, pattern, "\\")
                || (r.Form.Department != null && EF.Functions.Like(r.Form.Department, pattern, "\\"))
                || (r.Form.ImplementingUnit != null && EF.Functions.Like(r.Form.ImplementingUnit, pattern, "\\")));
        }

        return rows;
    }

    /// <summary>The region name of each department id (departments without a region are left out).</summary>
    private static async Task<Dictionary<long, string>> RegionsOfAsync(JixiaoDbContext db, IEnumerable<long?> departmentIds, CancellationToken cancellationToken)
    {
        var wanted = departmentIds.OfType<long>().Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        return await (from d in db.Organisations.AsNoTracking()
                      join r in db.Organisations.AsNoTracking() on d.ParentId equals (long?)r.Id
                      where wanted.Contains(d.Id) && r.Kind == OrganisationKind.Region
                      select new { d.Id, r.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
    }

    private static string? RegionOf(Dictionary<long, string> regions, long? departmentId) =>
        departmentId is { } id && regions.TryGetValue(id, out var name) ? name : null;

    /// <summary>The form as the public reads it: without its findings and its import batch.</summary>
    private static FormDetail Public(FormDetail detail) => detail with { Findings = [], Batch = null };
}
