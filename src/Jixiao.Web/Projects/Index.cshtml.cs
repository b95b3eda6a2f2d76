using Jixiao.App.Portfolio;
using Jixiao.Data.Portfolio;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Projects;

/// <summary>Projects with more than one stored form (several years, or declaration and self-evaluation), searchable.</summary>
public sealed class IndexModel(PortfolioView portfolio) : PageModel
{
    public IReadOnlyList<ProjectItem> Projects { get; private set; } = [];

    public string? Text { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query["q"].ToString().Trim();
        Text = q.Length == 0 ? null : q.Length > 200 ? q[..200] : q;
        Projects = await portfolio.ProjectsAsync(User.Caller(), Text, 300, cancellationToken);
    }
}
