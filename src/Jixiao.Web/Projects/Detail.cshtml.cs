using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Projects;

/// <summary>
/// One project across years (/projects/{key}?dept=…): its declarations beside its self-evaluations, and the
/// targets and weights that changed between them. Only forms the user may see are shown; none is "not found".
/// </summary>
public sealed class DetailModel(PortfolioView portfolio, FormCatalog catalog) : PageModel
{
    public const int MaxForms = 24;

    /// <summary>Forms of the project in all (more than <see cref="MaxForms"/> are not all shown, and the page says so).</summary>
    public int TotalForms { get; private set; }

    public Lineage Lineage { get; private set; } = null!;

    public string? Department { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        key = (key ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Trim();
        var dept = Request.Query["dept"].ToString().Trim();
        Department = dept.Length == 0 ? null : dept;
        if (key.Length is 0 or > 500)
        {
            return NotFound();
        }

        var caller = User.Caller();
        var lineage = await portfolio.LineageAsync(caller, key, Department, cancellationToken);
        TotalForms = lineage.Forms.Count;
        var forms = new List<FormDetail>();
        foreach (var summary in lineage.Forms.Take(MaxForms))
        {
            if (await catalog.GetAsync(caller, summary.Id, cancellationToken) is { } detail)
            {
                forms.Add(detail);
            }
        }

        if (forms.Count == 0)
        {
            return NotFound();
        }

        Lineage = new Lineage(lineage.LineageKey, forms);
        return Page();
    }
}
