using Jixiao.App.Access;
using Jixiao.Data.Forms;
using Jixiao.Data.Portfolio;

namespace Jixiao.App.Portfolio;

/// <summary>
/// The portfolio across forms as a caller may see it (绩效组合): overview statistics, findings by check and department,
/// projects across years, the department comparison, and the departments and years to choose from. A thin facade that
/// applies the caller's department scope to every query.
/// </summary>
public sealed class PortfolioView(AccessPolicy policy, PortfolioQueries queries, PortfolioAnalytics analytics)
{
    /// <summary>The overview over the forms <paramref name="query"/> selects (paging and sorting ignored).</summary>
    public async Task<PortfolioStatistics> StatisticsAsync(Caller caller, FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.GetStatisticsAsync(query with { Scope = await policy.ScopeAsync(caller, cancellationToken) }, cancellationToken);
    }

    /// <summary>Findings over the forms <paramref name="query"/> selects, by check and department (or one of them: <paramref name="by"/>).</summary>
    public async Task<IReadOnlyList<FindingGroup>> FindingGroupsAsync(
        Caller caller, FormQuery query, FindingGrouping by = FindingGrouping.CheckAndDepartment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.GetFindingGroupsAsync(query with { Scope = await policy.ScopeAsync(caller, cancellationToken) }, by, cancellationToken);
    }

    /// <summary>The forms of one project (lineage key), in one department when <paramref name="department"/> is given.</summary>
    public async Task<ProjectLineage> LineageAsync(Caller caller, string lineageKey, string? department, CancellationToken cancellationToken = default) =>
        await queries.GetLineageAsync(lineageKey, department, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    /// <summary>The departments the caller may see, with their form counts.</summary>
    public async Task<IReadOnlyList<OrganisationItem>> DepartmentsAsync(Caller caller, CancellationToken cancellationToken = default) =>
        await queries.ListDepartmentsAsync(await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    /// <summary>Every department (for administrators choosing a user's department).</summary>
    public Task<IReadOnlyList<OrganisationItem>> AllDepartmentsAsync(CancellationToken cancellationToken = default) =>
        queries.ListDepartmentsAsync(DepartmentScope.All, cancellationToken);

    /// <summary>The 实施单位 the caller may see (of <paramref name="department"/> when given), by name: the unit filter's suggestions.</summary>
    public async Task<IReadOnlyList<string>> UnitNamesAsync(Caller caller, string? department, int take = 1000, CancellationToken cancellationToken = default) =>
        await queries.ListUnitNamesAsync(await policy.ScopeAsync(caller, cancellationToken), department, take, cancellationToken);

    /// <summary>The years that have forms, newest first.</summary>
    public Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default) => queries.ListYearsAsync(cancellationToken);

    /// <summary>The score-inflation signals per department over its self-evaluations.</summary>
    public async Task<IReadOnlyList<DepartmentComparison>> CompareAsync(Caller caller, int? year, CancellationToken cancellationToken = default) =>
        await analytics.CompareAsync(year, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    /// <summary>Projects with more than one stored form, most forms first.</summary>
    public async Task<IReadOnlyList<ProjectItem>> ProjectsAsync(Caller caller, string? text, int take, CancellationToken cancellationToken = default) =>
        await analytics.ListProjectsAsync(text, await policy.ScopeAsync(caller, cancellationToken), take, cancellationToken);

    /// <summary>One page of the projects with more than one form the caller may see, with their number.</summary>
    public async Task<ProjectPage> ProjectPageAsync(Caller caller, string? text, int page, int pageSize, CancellationToken cancellationToken = default) =>
        await analytics.PageProjectsAsync(text, await policy.ScopeAsync(caller, cancellationToken), page, pageSize, cancellationToken);
}
