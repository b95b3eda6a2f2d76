using Jixiao.Data.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Accounts;

/// <summary>The first-run page: only while no user exists, creates the first administrator.</summary>
public sealed class SetupModel(App.Accounts.Accounts accounts) : PageModel
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await accounts.NoneYetAsync(cancellationToken) ? Page() : Redirect("/login");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = (UserName ?? "").Trim();
        if (name.Length is < 2 or > 100 || name.Any(char.IsWhiteSpace) || name.Any(char.IsControl))
        {
            Error = Ui.T("用户名需为 2–100 个字符，不含空格。", "The user name needs 2–100 characters without spaces.");
            return Page();
        }

        if (!PasswordRules.IsAcceptable(Password))
        {
            Error = PasswordModel.PasswordLengthText();
            return Page();
        }

        if (Password != Repeat)
        {
            Error = Ui.T("两次输入的密码不一致。", "The passwords differ.");
            return Page();
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (await accounts.CreateFirstAdministratorAsync(name, Password, cancellationToken) is not { } user)
            {
                return Redirect("/login"); // someone was faster: the first-run page is closed
            }

            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
            return Redirect("/");
        }
        finally
        {
            Gate.Release();
        }
    }
}
