using Jixiao.Data.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Public;

/// <summary>
/// 公开 — the published forms for anyone, without signing in: filters by region (地区), department, year and kind, a
/// search in the project, department and unit names, a page of the list, and the open-data downloads of the same
/// selection. Only forms whose filing is published now (decision 011).
/// </summary>
public sealed class IndexModel(PublishedForms published) : PageModel
{
    public PublicFilter Filter { get; private set; } = null!;

    public PagedResult<PublicFormSummary> Result { get; private set; } = null!;

    public PublicFacets Facets { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = PublicFilter.From(Request.Query);
        Facets = await published.FacetsAsync(cancellationToken);
        Result = await published.ListAsync(Filter.Query, cancellationToken);
        if (Filter.Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
