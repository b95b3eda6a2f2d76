using System.Globalization;
using Jixiao.App.Filings;
using Jixiao.Core.Workflow;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Filings;

/// <summary>
/// The caller's queue of filings (填报): for a department user 我的填报 (their department's forms in every status), for
/// a department reviewer 待审核 (their department's submitted forms), for the finance bureau all of them; by status
/// (<c>status=draft|submitted|returned|approved|published</c>), the newest change first. The editors are built on
/// <c>/api/v1/filings</c>; this page only lists.
/// </summary>
public sealed class FilingsModel(FilingCatalog filings) : PageModel
{
    public const int PageSize = 50;

    public PagedResult<FilingItem> List { get; private set; } = null!;

    public FilingStatus? Status { get; private set; }

    /// <summary>The caller's part in filing (the page's title and tabs follow it).</summary>
    public FilingParty Party { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = FilingJson.ParseStatus(Request.Query["status"].ToString());
        var page = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 1_000_000) : 1;
        var caller = User.Caller();
        Party = FilingParties.Of(caller);
        List = await filings.ListAsync(caller, Status, null, null, page, PageSize, cancellationToken);
    }

    /// <summary>The statuses the caller's tabs offer (those the caller sees).</summary>
    public IReadOnlyList<FilingStatus> Tabs => FilingWorkflow.Seen(Party);

    /// <summary>The link to this list with another status or page.</summary>
    public static string Link(FilingStatus? status, int page = 1)
    {
        var parts = new List<string>();
        if (status is { } s)
        {
            parts.Add("status=" + FilingJson.StatusName(s));
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/filings" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }
}
