using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.App.Portfolio;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Jixiao.Web.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Findings;

/// <summary>One check (or one department) with its findings split the other way.</summary>
public sealed record FindingSection(string Key, string? Department, CheckDefinition? Check, int Findings, int Forms, IReadOnlyList<FindingGroup> Groups);

/// <summary>
/// Findings across forms, grouped by check and department (or by department and check): how many, on how many
/// forms, each count opening the forms behind it. Department users see their own department only.
/// </summary>
public sealed class IndexModel(PortfolioView portfolio) : PageModel
{
    public FormFilter Filter { get; private set; } = FormFilter.Parse(new QueryCollection());

    public bool ByDepartment { get; private set; }

    public IReadOnlyList<FindingSection> Sections { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public int Total => Sections.Sum(s => s.Findings);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        ByDepartment = Request.Query["by"] == "department";
        var caller = User.Caller();
        var groups = await portfolio.FindingGroupsAsync(caller, new FormQuery
        {
            Year = Filter.Year,
            Department = Filter.Department,
            Kind = Filter.Kind,
        }, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);

        var order = CheckCatalogue.Definitions.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        Sections = ByDepartment
            ? [.. groups.GroupBy(g => g.Department ?? "")
                .Select(g => new FindingSection(g.Key, g.Key, null, g.Sum(x => x.Findings), 0,
                    [.. g.OrderBy(x => order.GetValueOrDefault(x.Code, int.MaxValue))]))
                .OrderByDescending(s => s.Findings).ThenBy(s => s.Key, StringComparer.Ordinal)]
            : [.. groups.GroupBy(g => g.Code)
                .Select(g => new FindingSection(g.Key, null, CheckCatalogue.Definition(g.Key), g.Sum(x => x.Findings), g.Sum(x => x.Forms),
                    [.. g.OrderByDescending(x => x.Findings).ThenBy(x => x.Department, StringComparer.Ordinal)]))
                .OrderByDescending(s => s.Check?.Severity ?? Severity.Info).ThenBy(s => order.GetValueOrDefault(s.Key, int.MaxValue))];
    }

    /// <summary>The forms behind a count, keeping the page's year and kind.</summary>
    public string FormsLink(string code, string? department)
    {
        var q = "/forms?check=" + Uri.EscapeDataString(code);
        if (!string.IsNullOrEmpty(department))
        {
            q += "&dept=" + Uri.EscapeDataString(department);
        }
        else if (Filter.Department is { } d)
        {
            q += "&dept=" + Uri.EscapeDataString(d);
        }

        if (Filter.Year is { } y)
        {
            q += "&year=" + y.ToString(CultureInfo.InvariantCulture);
        }

        return q;
    }
}
