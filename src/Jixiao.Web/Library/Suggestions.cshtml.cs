using Jixiao.App.Library;
using Jixiao.App.Portfolio;
using Jixiao.Data.Forms;
using Jixiao.Data.Library;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Library;

/// <summary>
/// Suggestions while declaring (填报建议, <c>/library/suggestions?project=…</c>): for a project name — and optionally a
/// department and a level — the indicators projects like it usually measure, with their typical targets and the values
/// those projects reached. The same answer as <c>GET /api/v1/library/suggestions</c>.
/// </summary>
public sealed class SuggestionsModel(IndicatorLibrary library, PortfolioView portfolio) : PageModel
{
    private const int MaxTextLength = 200;

    public string? Project { get; private set; }

    public string? Department { get; private set; }

    public string? Level1 { get; private set; }

    public string? Level2 { get; private set; }

    /// <summary>The suggestions, once a project name is given.</summary>
    public Suggestions? Result { get; private set; }

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        string? Get(string name) => Request.Query[name].ToString().Trim() is { Length: > 0 } v ? (v.Length > MaxTextLength ? v[..MaxTextLength] : v) : null;
        Project = Get("project");
        Department = Get("dept") ?? Get("department");
        Level1 = Get("level1");
        Level2 = Get("level2");
        var caller = User.Caller();
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        if (Project is not null)
        {
            Result = await library.SuggestAsync(caller, new SuggestionQuery { Project = Project, Department = Department, Level1 = Level1, Level2 = Level2 }, cancellationToken);
        }
    }
}
