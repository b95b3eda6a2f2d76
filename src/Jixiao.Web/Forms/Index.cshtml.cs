using Jixiao.Core.Checks;
using Jixiao.Data.Queries;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Forms;

/// <summary>
/// The form list: full-text search, filters, sorting and paging, all in the query string (<see cref="FormFilter"/>).
/// Department users see their own department only, whatever the query says.
/// </summary>
public sealed class IndexModel(FormStore store) : PageModel
{
    public FormFilter Filter { get; private set; } = FormFilter.Parse(new QueryCollection());

    public PagedResult<FormSummary> Result { get; private set; } = new([], 0, 1, FormFilter.DefaultPageSize);

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CheckDefinition> Checks => CheckCatalogue.Definitions;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        var scope = User.ScopeDepartment();
        Result = await store.ListAsync(Filter.ToQuery(scope), cancellationToken);
        Departments = await store.ListDepartmentsAsync(scope, cancellationToken);
        Years = await store.ListYearsAsync(cancellationToken);
    }
}
