using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using Jixiao.Web.Accounts;

namespace Jixiao.Web.Admin;

/// <summary>The audit log (审计日志): who changed what, when — imports, deletions, accounts, sign-ins.</summary>
public sealed class AuditModel(App.Accounts.Accounts accounts) : PageModel
{
    public PagedResult<AuditEntry> Entries { get; private set; } = new([], 0, 1, 100);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await accounts.AuditAsync(User.Caller(), Math.Clamp(PageNumber, 1, 1_000_000), 100, cancellationToken);
}
