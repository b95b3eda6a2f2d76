using System.Globalization;
using Jixiao.App.Access;
using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Review;

/// <summary>
/// The rectification requests (整改; for a department user “我的整改”: their department's only): all, by status, or
/// the overdue ones (逾期: no answer by the deadline, highlighted), the nearest deadline first, each linking to its
/// form's thread. Query: <c>status=open|answered|accepted</c>, <c>overdue=1</c>, <c>page</c>.
/// </summary>
public sealed class RectificationsModel(FormReviews reviews) : PageModel
{
    public const int PageSize = 50;

    public RectificationList List { get; private set; } = null!;

    public RectificationStatus? Status { get; private set; }

    public bool Overdue { get; private set; }

    /// <summary>True for a department user: the page is their own list.</summary>
    public bool Mine { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = ReviewTexts.ParseStatus(Request.Query["status"].ToString());
        Overdue = Request.Query["overdue"].ToString() is "1" or "true";
        var page = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 1_000_000) : 1;
        Mine = User.May(Permission.AnswerRectification);
        List = await reviews.ListAsync(User.Caller(), Status, Overdue, page, PageSize, cancellationToken);
    }

    /// <summary>The link to this list with another status, overdue filter or page.</summary>
    public static string Link(RectificationStatus? status, bool overdue, int page = 1)
    {
        var parts = new List<string>();
        if (status is { } s)
        {
            parts.Add("status=" + ReviewTexts.StatusName(s));
        }

        if (overdue)
        {
            parts.Add("overdue=1");
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/rectifications" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }
}
