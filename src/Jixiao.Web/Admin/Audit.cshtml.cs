using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Admin;

/// <summary>The audit log (审计日志): who changed what, when — imports, deletions, accounts, sign-ins.</summary>
public sealed class AuditModel(AuditLog audit) : PageModel
{
    public PagedResult<AuditEntry> Entries { get; private set; } = new([], 0, 1, 100);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await audit.ListAsync(Math.Clamp(PageNumber, 1, 1_000_000), 100, cancellationToken);
}
