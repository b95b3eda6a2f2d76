using Jixiao.Data.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Every signed-in user changes their own password here: the current one, and the new one twice. This session stays
/// signed in; the user's other sessions end. Written to the audit log (without the password).
/// </summary>
public sealed class PasswordModel(App.Accounts.Accounts accounts, UserValidator validator) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public void OnGet() => Message = TempData["message"] as string;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = User.Actor();
        if (string.IsNullOrEmpty(CurrentPassword) || CurrentPassword.Length > PasswordRules.MaxLength)
        {
            return Fail(Ui.T("请输入当前密码。", "Enter your current password."));
        }

        if (!PasswordRules.IsAcceptable(NewPassword))
        {
            return Fail(PasswordLengthText());
        }

        if (NewPassword != Repeat)
        {
            return Fail(Ui.T("两次输入的新密码不一致。", "The new passwords differ."));
        }

        var result = await accounts.ChangeOwnPasswordAsync(User.Caller(), CurrentPassword, NewPassword, cancellationToken);
        switch (result)
        {
            case AccountResult.Done:
                break;
            case AccountResult.WrongPassword:
                return Fail(Ui.T("当前密码不正确。", "The current password is wrong."));
            case AccountResult.SamePassword:
                return Fail(Ui.T("新密码不能与当前密码相同。", "The new password must differ from the current one."));
            case AccountResult.InvalidPassword:
                return Fail(PasswordLengthText());
            default:
                return Fail(Ui.T("无法修改此账户的密码。", "The password of this account cannot be changed."));
        }

        // this session goes on with the new session stamp; the other sessions of this user end
        validator.Forget(name);
        if (await accounts.FindSessionAsync(name, cancellationToken) is { Disabled: false } session)
        {
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(session));
        }

        TempData["message"] = Ui.T("密码已修改。", "Your password has been changed.");
        return RedirectToPage();
    }

    /// <summary>The password length rule, as a message.</summary>
    public static string PasswordLengthText() => Ui.T(
        $"密码至少需要 {PasswordRules.MinLength} 个字符（最多 {PasswordRules.MaxLength} 个）。",
        $"The password needs at least {PasswordRules.MinLength} characters (at most {PasswordRules.MaxLength}).");

    private PageResult Fail(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
