using Jixiao.App.Accounts;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Admin;

/// <summary>
/// Every user's API tokens (访问令牌, administrators only): owner, name, prefix, scope, created, last used, expiry and
/// state; an administrator revokes any of them (written to the audit log as <c>token-revoke</c>).
/// </summary>
public sealed class TokensModel(ApiTokens tokens, TimeProvider clock) : PageModel
{
    public TokenTable Table { get; private set; } = new([], true, DateTime.UtcNow);

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["message"] as string;
        Table = new TokenTable(await tokens.ListAllAsync(User.Caller(), cancellationToken), true, clock.GetUtcNow().UtcDateTime);
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(User.Caller(), id, cancellationToken);
        TempData["message"] = TokenTable.RevocationText(result);
        return RedirectToPage();
    }
}
