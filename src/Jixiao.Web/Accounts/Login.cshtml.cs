using Jixiao.Data.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Accounts;

/// <summary>Sign in with a user name and password (PBKDF2 hashes, see Jixiao.Data.Accounts.PasswordHashing).</summary>
public sealed class LoginModel(App.Accounts.Accounts accounts, IOptions<JixiaoOptions> options) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the previous session ended (set by the redirect of <see cref="UserValidator"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "reason")]
    public string? Reason { get; set; }

    public string? Error { get; private set; }

    /// <summary>A notice about the ended session, or null.</summary>
    public string? Notice => Reason switch
    {
        "disabled" => Ui.T("您的账户已被停用，已退出登录。如有疑问请联系管理员。", "Your account has been disabled and you were signed out. Ask an administrator if this is unexpected."),
        "password" => Ui.T("您的密码已被更改，请使用新密码重新登录。", "Your password was changed: sign in again with the new password."),
        "signed-out" => Ui.T("此登录已退出（在此处或其他设备上），请重新登录。", "This session was signed out (here or on another device): sign in again."),
        _ => null,
    };

    /// <summary>Show the demo accounts (Development / demo mode only).</summary>
    public bool DemoAccounts => options.Value.Demo.Accounts;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await accounts.NoneYetAsync(cancellationToken))
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

        var attempt = await accounts.SignInAsync(name, Password, cancellationToken);
        if (attempt.Outcome == LoginOutcome.Disabled)
        {
            Error = Ui.T("此账户已被停用，不能登录。请联系管理员。", "This account is disabled and cannot sign in. Ask an administrator.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (attempt.User is not { } user)
        {
            Error = Ui.T("用户名或密码不正确。", "The user name or password is wrong.");
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
        return LocalRedirect(SafeReturnUrl);
    }

    /// <summary>Where to go after signing in: the return URL when it is a path on this site (not the login page), else <c>/</c>.</summary>
    private string SafeReturnUrl => ReturnUrls.OrHome(ReturnUrl, except: "/login");
}
