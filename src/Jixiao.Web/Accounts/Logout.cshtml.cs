using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Sign out (POST with the antiforgery token; a GET only goes back to the overview). The account's session stamp
/// changes first, so the cookie — and any copy of it — stops working on the server, not only in this browser; the
/// user's sessions on other devices end too.
/// </summary>
public sealed class LogoutModel(App.Accounts.Accounts accounts, UserValidator validator, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await accounts.SignOutAsync(User.Caller(), cancellationToken);
            }
            catch (Exception ex) when (App.JixiaoStorage.IsUnavailable(ex))
            {
                // the database is down: this browser signs out; the stamp changes on the next sign-out
                logger.LogWarning(ex, "Sign-out of {User}: the session stamp could not be changed (database unavailable)", User.Actor());
            }

            validator.Forget(User.Actor());
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
