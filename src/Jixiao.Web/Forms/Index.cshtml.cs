using System.Globalization;
using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Data.Search;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Forms;

/// <summary>
/// The form list: full-text search, filters, sorting and paging, all in the query string (<see cref="FormFilter"/>),
/// and the totals of the whole selection above it (汇总). A full-text search that stops counting at 1,000 forms
/// shows its totals after 精确计数 (<c>exact=1</c>), which counts it to the end. Department users see their own
/// department only, whatever the query says.
/// </summary>
public sealed class IndexModel(FormCatalog forms, PortfolioView portfolio) : PageModel
{
    public FormFilter Filter { get; private set; } = FormFilter.Parse(new QueryCollection());

    public PagedResult<FormSummary> Result { get; private set; } = new([], 0, 1, FormFilter.DefaultPageSize);

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CheckDefinition> Checks => CheckCatalogue.Definitions;

    /// <summary>The totals of every form the filters select; null while the list's count is only a lower bound.</summary>
    public FormTotals? Totals { get; private set; }

    /// <summary>How the search text was read: the words that must all occur and those excluded (shown under the box).</summary>
    public SearchTerms Terms => SearchTerms.Parse(Filter.Text);

    /// <summary>The 实施单位 offered as suggestions of the unit filter (those of the chosen department, else all in scope).</summary>
    public IReadOnlyList<string> Units { get; private set; } = [];

    /// <summary>The page sizes offered (any size from 1 to <see cref="FormQuery.MaxPageSize"/> works in the link).</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [20, 50, 100, 200];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        var caller = User.Caller();
        var query = Filter.ToQuery();
        Result = await forms.ListAsync(caller, query, Filter.Exact, cancellationToken);
        var last = Math.Max(1, Result.PageCount);
        if (Result.Items.Count == 0 && Filter.Page > last)
        {
            // a page past the end (?page=9999) goes to the last page, so that the range shown is one that exists
            return Redirect("/forms" + Filter.With(("page", last > 1 ? last.ToString(CultureInfo.InvariantCulture) : null)));
        }

        Totals = Result.TotalIsLowerBound ? null
            : Result.TotalCount == 0 ? FormTotals.Empty
            : await forms.TotalsAsync(caller, query, cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
        Units = await portfolio.UnitNamesAsync(caller, Filter.Department, cancellationToken: cancellationToken);
        return Page();
    }
}
