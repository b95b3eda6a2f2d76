using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Forms;

/// <summary>
/// The form list: full-text search, filters, sorting and paging, all in the query string (<see cref="FormFilter"/>).
/// Department users see their own department only, whatever the query says.
/// </summary>
public sealed class IndexModel(FormCatalog forms, PortfolioView portfolio) : PageModel
{
    public FormFilter Filter { get; private set; } = FormFilter.Parse(new QueryCollection());

    public PagedResult<FormSummary> Result { get; private set; } = new([], 0, 1, FormFilter.DefaultPageSize);

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CheckDefinition> Checks => CheckCatalogue.Definitions;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        var caller = User.Caller();
        Result = await forms.ListAsync(caller, Filter.ToQuery(), cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
    }
}
