using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Portfolio;

/// <summary>
/// The portfolio (绩效组合) across forms: the overview statistics, findings by check and department, one project across
/// years, the departments and years that have forms. Read from the stored totals (<see cref="PortfolioCube"/>) whenever
/// the query allows, else computed from the forms. Every query carries the caller's department scope.
/// Thread-safe: each call uses its own context.
/// </summary>
public sealed class PortfolioQueries
{
    /// <summary>How long the filter choices are kept at most (against changes made by another process).</summary>
    public static readonly TimeSpan ChoicesLifetime = TimeSpan.FromSeconds(30);

    private readonly JixiaoDatabase database;
    private readonly FormQueries forms;

    // the filter choices (years, departments, units) that every list page offers, by what they were asked for: they
    // change only when forms are stored or removed (StoredFormChanges) — read again then, or after ChoicesLifetime
    private readonly KeptUntilChanged<string, object> choices = new(StringComparer.Ordinal) { Lifetime = ChoicesLifetime };

    public PortfolioQueries(JixiaoDatabase database, FormQueries? forms = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        this.forms = forms ?? new FormQueries(database);
    }

    /// <summary>The overview over the forms <paramref name="query"/> selects (paging and sorting ignored).</summary>
    public async Task<PortfolioStatistics> GetStatisticsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        if (FormQueries.CubeSummarises(query))
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
        var filtered = await FormQueries.FilterAsync(db, query, cancellationToken);
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
                Self = g.Sum(f => f.Kind != FormKind.TargetDeclaration ? 1 : 0),
                Budget = g.Sum(f => f.Kind != FormKind.TargetDeclaration && f.Executed != null ? f.Budget ?? 0m : 0m),
                Executed = g.Sum(f => f.Kind != FormKind.TargetDeclaration && f.Budget != null ? f.Executed ?? 0m : 0m),
                Declared = g.Sum(f => f.Kind == FormKind.TargetDeclaration ? f.Budget ?? 0m : 0m),
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

        var names = await Organisations.NamesAsync(db, rows.Select(r => r.DepartmentId), cancellationToken);
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
                Math.Round(r.Declared, 2),
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
        var departments = await FormQueries.DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return new PortfolioStatistics([], []);
        }

        var cells = await Cells(db, departments, query.Year, null).ToListAsync(cancellationToken);
        var names = await Organisations.NamesAsync(db, cells.Select(c => (long?)c.DepartmentId), cancellationToken);
        var rows = cells
            .GroupBy(c => (c.Year, c.DepartmentId))
            .Select(g =>
            {
                var forms = g.Sum(c => c.Forms);
                var rated = g.Sum(c => c.RateCount);
                var self = g.Where(c => c.Kind != FormKind.TargetDeclaration).ToList();
                var declared = g.Where(c => c.Kind == FormKind.TargetDeclaration).ToList();
                var grades = new GradeCounts(g.Sum(c => c.GradeExcellent), g.Sum(c => c.GradeGood), g.Sum(c => c.GradeFair), g.Sum(c => c.GradePoor), 0);
                var recomputed = new GradeCounts(g.Sum(c => c.RecomputedExcellent), g.Sum(c => c.RecomputedGood), g.Sum(c => c.RecomputedFair), g.Sum(c => c.RecomputedPoor), 0);
                return new YearDepartmentStatistics(
                    g.Key.Year == 0 ? null : g.Key.Year,
                    g.Key.DepartmentId == 0 ? null : g.Key.DepartmentId,
                    g.Key.DepartmentId == 0 ? null : names.GetValueOrDefault(g.Key.DepartmentId),
                    forms,
                    forms - declared.Sum(c => c.Forms),
                    declared.Sum(c => c.Forms),
                    Math.Round(self.Sum(c => c.Budget), 2),
                    Math.Round(self.Sum(c => c.Executed), 2),
                    Math.Round(declared.Sum(c => c.Budget), 2),
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

    /// <summary>
    /// Findings over the forms <paramref name="query"/> selects, grouped by check and department — or, with
    /// <paramref name="by"/>, by check only (<see cref="FindingGroup.DepartmentId"/> null) or by department only
    /// (<see cref="FindingGroup.Code"/> empty), summed in the database: the summary above the findings list needs one
    /// of those, a few dozen rows instead of every check × department.
    /// </summary>
    public async Task<IReadOnlyList<FindingGroup>> GetFindingGroupsAsync(FormQuery query, FindingGrouping by = FindingGrouping.CheckAndDepartment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        if (FormQueries.CubeSummarises(query))
        {
            return by switch
            {
                FindingGrouping.Check => await FindingChecksFromCellsAsync(db, query, cancellationToken),
                FindingGrouping.Department => await FindingDepartmentsFromCellsAsync(db, query, cancellationToken),
                _ => await FindingGroupsFromCellsAsync(db, query, cancellationToken),
            };
        }

        var groups = await ComputeFindingGroupsAsync(db, query, cancellationToken);
        return by switch
        {
            FindingGrouping.Check => [.. groups.GroupBy(g => (g.Code, g.Severity))
                .Select(g => new FindingGroup(g.Key.Code, g.Key.Severity, null, null, g.Sum(x => x.Findings), g.Sum(x => x.Forms)))],
            FindingGrouping.Department => [.. groups.GroupBy(g => (g.DepartmentId, g.Severity))
                .Select(g => new FindingGroup("", g.Key.Severity, g.Key.DepartmentId, g.First().Department, g.Sum(x => x.Findings), g.Sum(x => x.Forms)))],
            _ => groups,
        };
    }

    private static async Task<IReadOnlyList<FindingGroup>> FindingChecksFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await FormQueries.DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return [];
        }

        var groups = await FindingCells(db, departments, query.Year)
            .GroupBy(c => new { c.Code, c.Severity })
            .Select(g => new { g.Key.Code, g.Key.Severity, Findings = g.Sum(c => c.Findings), Forms = g.Sum(c => c.Forms) })
            .Where(g => g.Findings > 0)
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => new FindingGroup(g.Code, g.Severity, null, null, (int)g.Findings, g.Forms)).OrderBy(g => g.Code, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<FindingGroup>> FindingDepartmentsFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await FormQueries.DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return [];
        }

        var groups = await FindingCells(db, departments, query.Year)
            .GroupBy(c => new { c.DepartmentId, c.Severity })
            .Select(g => new { g.Key.DepartmentId, g.Key.Severity, Findings = g.Sum(c => c.Findings), Forms = g.Sum(c => c.Forms) })
            .Where(g => g.Findings > 0)
            .ToListAsync(cancellationToken);
        var names = await Organisations.NamesAsync(db, groups.Select(g => (long?)g.DepartmentId), cancellationToken);
        return [.. groups
            .Select(g => new FindingGroup("", g.Severity, g.DepartmentId == 0 ? null : g.DepartmentId, g.DepartmentId == 0 ? null : names.GetValueOrDefault(g.DepartmentId), (int)g.Findings, g.Forms))
            .OrderBy(g => g.Department, StringComparer.Ordinal)];
    }

    /// <summary>Findings by check and department computed from the findings themselves; the stored totals must agree with it.</summary>
    internal async Task<IReadOnlyList<FindingGroup>> ComputeFindingGroupsAsync(FormQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await ComputeFindingGroupsAsync(db, query, cancellationToken);
    }

    private static async Task<IReadOnlyList<FindingGroup>> FindingGroupsFromCellsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var departments = await FormQueries.DepartmentIdsAsync(db, query, cancellationToken);
        if (departments is { Length: 0 })
        {
            return [];
        }

        var groups = await FindingCells(db, departments, query.Year)
            .GroupBy(c => new { c.Code, c.Severity, c.DepartmentId })
            .Select(g => new { g.Key.Code, g.Key.Severity, g.Key.DepartmentId, Findings = g.Sum(c => c.Findings), Forms = g.Sum(c => c.Forms) })
            .Where(g => g.Findings > 0)
            .ToListAsync(cancellationToken);
        var names = await Organisations.NamesAsync(db, groups.Select(g => (long?)g.DepartmentId), cancellationToken);
        return [.. groups
            .Select(g => new FindingGroup(g.Code, g.Severity, g.DepartmentId == 0 ? null : g.DepartmentId, g.DepartmentId == 0 ? null : names.GetValueOrDefault(g.DepartmentId), (int)g.Findings, g.Forms))
            .OrderBy(g => g.Code, StringComparer.Ordinal)
            .ThenByDescending(g => g.Findings)
            .ThenBy(g => g.Department, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<FindingGroup>> ComputeFindingGroupsAsync(JixiaoDbContext db, FormQuery query, CancellationToken cancellationToken)
    {
        var filtered = await FormQueries.FilterAsync(db, query, cancellationToken);
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
        var names = await Organisations.NamesAsync(db, groups.Select(g => g.DepartmentId), cancellationToken);
        return [.. groups
            .Select(g => new FindingGroup(g.Code, g.Severity, g.DepartmentId, g.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, g.Count, g.Forms))
            .OrderBy(g => g.Code, StringComparer.Ordinal)
            .ThenByDescending(g => g.Findings)
            .ThenBy(g => g.Department, StringComparer.Ordinal)];
    }

    /// <summary>The project a form belongs to, across years: forms with its lineage key in its department.</summary>
    public async Task<ProjectLineage?> GetLineageAsync(long formId, DepartmentScope? scope = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var form = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == formId, cancellationToken);
        if (form is null || !FormQueries.InScope(form, scope))
        {
            return null;
        }

        var key = form.LineageKey;
        var departmentId = form.DepartmentId;
        var forms = await db.Forms.AsNoTracking()
            .Where(f => f.LineageKey == key && f.DepartmentId == departmentId)
            .OrderBy(f => f.Year).ThenByDescending(f => f.Kind).ThenBy(f => f.Id)
            .Select(FormQueries.Summary)
            .ToListAsync(cancellationToken);
        return new ProjectLineage(key, forms);
    }

    /// <summary>The forms of a lineage key (any department unless <paramref name="department"/> is given).</summary>
    public async Task<ProjectLineage> GetLineageAsync(string lineageKey, string? department = null, DepartmentScope? scope = null, CancellationToken cancellationToken = default)
    {
        var page = await forms.ListAsync(new FormQuery
        {
            LineageKey = lineageKey,
            Department = department,
            Scope = scope,
            Sort = FormSort.Year,
            PageSize = FormQuery.MaxPageSize,
        }, cancellationToken);
        return new ProjectLineage(lineageKey, [.. page.Items.OrderBy(f => f.Year).ThenByDescending(f => f.Kind).ThenBy(f => f.Id)]);
    }

    /// <summary>The departments (with their form counts) the caller may see, by name.</summary>
    public Task<IReadOnlyList<OrganisationItem>> ListDepartmentsAsync(DepartmentScope? scope = null, CancellationToken cancellationToken = default) =>
        KeptAsync("departments|" + ScopeKey(scope), () => ReadDepartmentsAsync(scope, cancellationToken));

    private async Task<IReadOnlyList<OrganisationItem>> ReadDepartmentsAsync(DepartmentScope? scope, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var counts = await db.PortfolioCells.AsNoTracking().Where(c => c.DepartmentId != 0)
            .GroupBy(c => c.DepartmentId).Select(g => new { Id = g.Key, Count = g.Sum(c => c.Forms) })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        var departments = db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Department);
        if (scope?.DepartmentIds is { } allowed)
        {
            departments = departments.Where(o => allowed.Contains(o.Id));
        }

        var list = await departments.ToListAsync(cancellationToken);
        return [.. list.Select(o => new OrganisationItem(o.Id, o.Kind, o.Name, o.ParentId, counts.GetValueOrDefault(o.Id)))
            .OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The names of the 实施单位 in <paramref name="scope"/> (under the 主管部门 <paramref name="department"/> when given),
    /// in name order, at most <paramref name="take"/>: the suggestions of the unit filter.
    /// </summary>
    public Task<IReadOnlyList<string>> ListUnitNamesAsync(DepartmentScope? scope, string? department, int take, CancellationToken cancellationToken = default) =>
        KeptAsync(
            FormattableString.Invariant($"units|{ScopeKey(scope)}|{take}|{department?.Trim()}"),
            () => ReadUnitNamesAsync(scope, department, take, cancellationToken));

    private async Task<IReadOnlyList<string>> ReadUnitNamesAsync(DepartmentScope? scope, string? department, int take, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var parents = scope?.DepartmentIds;
        if (!string.IsNullOrWhiteSpace(department))
        {
            var named = await Organisations.IdsAsync(db, OrganisationKind.Department, department, cancellationToken);
            parents = parents is null ? named : [.. parents.Intersect(named)];
        }

        var units = db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Unit);
        if (parents is not null)
        {
            units = units.Where(o => o.ParentId != null && parents.Contains(o.ParentId.Value));
        }

        var names = await units.Select(o => o.Name).Distinct().OrderBy(n => n).Take(Math.Clamp(take, 1, 5000)).ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>The years that have forms, newest first.</summary>
    public Task<IReadOnlyList<int>> ListYearsAsync(CancellationToken cancellationToken = default) =>
        KeptAsync("years", async () =>
        {
            await using var db = database.CreateContext();
            return (IReadOnlyList<int>)await db.PortfolioCells.AsNoTracking().Where(c => c.Year != 0 && c.Forms > 0).Select(c => c.Year).Distinct()
                .OrderByDescending(y => y).ToListAsync(cancellationToken);
        });

    /// <summary>A filter choice as kept, or read by <paramref name="read"/> (<see cref="KeptUntilChanged{TKey, TValue}"/>).</summary>
    private async Task<T> KeptAsync<T>(string key, Func<Task<T>> read)
        where T : class =>
        (T)await choices.GetAsync(key, async () => await read());

    private static string ScopeKey(DepartmentScope? scope) =>
        scope?.DepartmentIds is { } ids ? string.Join(",", ids) : "all";

    internal static IQueryable<PortfolioCell> Cells(JixiaoDbContext db, long[]? departments, int? year, FormKind? kind)
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

    internal static IQueryable<FindingCell> FindingCells(JixiaoDbContext db, long[]? departments, int? year)
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
}
