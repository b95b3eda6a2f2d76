using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Data.Search;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Findings;

/// <summary>One line of the summary above the list: a check (or a department) with its findings and forms.</summary>
public sealed record FindingSummaryLine(string Key, string? Code, string? Department, Severity Severity, long Findings, int Forms);

/// <summary>
/// The findings list (问题清单): one row per finding with its form, department, unit, year, kind, indicator, check,
/// severity, message, printed and recomputed value and source line; every filter of the form list plus severity;
/// sorting, paging and exports, all in the query string (<see cref="FindingFilter"/>). Above it a compact summary by
/// check (or department), each line opening the list filtered to it. Department users see their department only.
/// </summary>
public sealed class IndexModel(FindingCatalog findings, PortfolioView portfolio) : PageModel
{
    public FindingFilter Filter { get; private set; } = FindingFilter.Parse(new QueryCollection());

    public PagedResult<FindingRow> Result { get; private set; } = new([], 0, 1, FindingFilter.DefaultPageSize);

    /// <summary>The summary by check or department; null when it was not counted (filters beyond year and department, not asked for).</summary>
    public IReadOnlyList<FindingSummaryLine>? Summary { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public IReadOnlyList<CheckDefinition> Checks => CheckCatalogue.Definitions;

    /// <summary>The 实施单位 offered as suggestions of the unit filter (as on the form list).</summary>
    public IReadOnlyList<string> Units { get; private set; } = [];

    /// <summary>How the search text was read (as on the form list).</summary>
    public SearchTerms Terms => SearchTerms.Parse(Filter.Forms.Text);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FindingFilter.Parse(Request.Query);
        var caller = User.Caller();
        var query = Filter.ToQuery();
        Result = await findings.ListAsync(caller, query, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        Units = await portfolio.UnitNamesAsync(caller, Filter.Forms.Department, cancellationToken: cancellationToken);
        if (Filter.SummaryIsCheap || Filter.SummaryRequested)
        {
            // every check over the filtered forms (the list's own check and severity are marked, not applied)
            var groups = await portfolio.FindingGroupsAsync(
                caller, query.Forms with { CheckCode = null }, Filter.SummaryByDepartment ? FindingGrouping.Department : FindingGrouping.Check, cancellationToken);
            Summary = Filter.SummaryByDepartment
                ? [.. groups.GroupBy(g => g.Department ?? "")
                    .Select(g => new FindingSummaryLine(g.Key, null, g.First().Department, g.Max(x => x.Severity), g.Sum(x => (long)x.Findings), 0))
                    .OrderByDescending(l => l.Findings).ThenBy(l => l.Key, StringComparer.Ordinal)]
                : [.. groups.GroupBy(g => g.Code, StringComparer.Ordinal)
                    .Select(g => new FindingSummaryLine(g.Key, g.Key, null, g.First().Severity, g.Sum(x => (long)x.Findings), g.Sum(x => x.Forms)))
                    .OrderByDescending(l => l.Severity).ThenByDescending(l => l.Findings).ThenBy(l => l.Key, StringComparer.Ordinal)];
        }
    }

    /// <summary>The list filtered to one line of the summary (its check, or its department), keeping the other filters.</summary>
    public string SummaryLink(FindingSummaryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return "/findings" + (line.Code is not null
            ? Filter.With(("check", line.Code), ("severity", null))
            : Filter.With(("dept", line.Department)));
    }
}
