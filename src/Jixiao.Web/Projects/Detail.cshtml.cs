using Jixiao.Data.Queries;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Projects;

/// <summary>
/// One project across years (/projects/{key}?dept=…): its declarations beside its self-evaluations, and the
/// targets and weights that changed between them. Only forms the user may see are shown; none is "not found".
/// </summary>
public sealed class DetailModel(FormStore store) : PageModel
{
    private const int MaxForms = 24;

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

        var scope = User.ScopeDepartment();
        var lineage = await store.GetLineageAsync(key, Department, scope, cancellationToken);
        var forms = new List<FormDetail>();
        foreach (var summary in lineage.Forms.Take(MaxForms))
        {
            if (await store.GetAsync(summary.Id, scope, cancellationToken) is { } detail)
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
