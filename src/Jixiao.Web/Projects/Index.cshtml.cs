using Jixiao.App.Portfolio;
using Jixiao.Data.Portfolio;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Projects;

/// <summary>Projects with more than one stored form (several years, or declaration and self-evaluation), searchable.</summary>
public sealed class IndexModel(PortfolioView portfolio) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<ProjectItem> Projects => Result.Items;

    public ProjectPage Result { get; private set; } = new([], 0, 1, PageSize);

    public string? Text { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query["q"].ToString().Trim();
        Text = q.Length == 0 ? null : q.Length > 200 ? q[..200] : q;
        var page = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1;
        Result = await portfolio.ProjectPageAsync(User.Caller(), Text, page, PageSize, cancellationToken);
    }

    public int LastPage => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    /// <summary>The link to another page, keeping the search.</summary>
    public string PageLink(int page) =>
        "/projects?" + (Text is null ? "" : "q=" + Uri.EscapeDataString(Text) + "&") + "page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
