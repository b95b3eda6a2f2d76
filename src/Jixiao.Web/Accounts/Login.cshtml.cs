using Jixiao.Data.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Accounts;

/// <summary>Sign in with a user name and password (PBKDF2 hashes, see Jixiao.Data.Accounts.PasswordHashing).</summary>
public sealed class LoginModel(AccountStore accounts, AuditLog audit, IOptions<JixiaoOptions> options) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Show the demo accounts (Development / demo mode only).</summary>
    public bool DemoAccounts => options.Value.Demo.Accounts;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await accounts.ListAsync(cancellationToken)).Count == 0)
        {
            return RedirectToPage("/Accounts/Setup");
        }

        return User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = (UserName ?? "").Trim();
        if (name.Length is 0 or > 100 || string.IsNullOrEmpty(Password) || Password.Length > 200)
        {
            Error = Ui.T("请输入用户名和密码。", "Enter a user name and a password.");
            return Page();
        }

        var user = await accounts.VerifyAsync(name, Password, cancellationToken);
        if (user is null)
        {
            await audit.WriteAsync(name, "login-failed", "user", name, cancellationToken: CancellationToken.None);
            Error = Ui.T("用户名或密码不正确。", "The user name or password is wrong.");
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
        await audit.WriteAsync(user.UserName, "login", "user", user.UserName, cancellationToken: CancellationToken.None);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => Culture.IsLocal(ReturnUrl) && !ReturnUrl!.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
}
