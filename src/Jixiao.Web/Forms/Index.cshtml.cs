using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        var caller = User.Caller();
        var query = Filter.ToQuery();
        Result = await forms.ListAsync(caller, query, Filter.Exact, cancellationToken);
        Totals = Result.TotalIsLowerBound ? null
            : Result.TotalCount == 0 ? FormTotals.Empty
            : await forms.TotalsAsync(caller, query, cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
    }
}
