using Jixiao.App.Portfolio;
using Jixiao.Core.Forms;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Admin;

/// <summary>
/// Accounts (administrators only): add users, change roles, disable and enable accounts, reset passwords. Each
/// change goes to the audit log and takes effect on the user's next request (<see cref="UserValidator.Forget"/>).
/// Nobody disables themselves or takes their own administrator role, and the last enabled administrator stays.
/// </summary>
public sealed class UsersModel(App.Accounts.Accounts accounts, PortfolioView portfolio, UserValidator validator) : PageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? NewUserName { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public UserRole NewRole { get; set; } = UserRole.Supervisor;

    [BindProperty]
    public string? NewDepartment { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["message"] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = (NewUserName ?? "").Trim();
        if (name.Length is < 2 or > 100 || name.Any(char.IsWhiteSpace) || name.Any(char.IsControl))
        {
            return await FailAsync(Ui.T("用户名需为 2–100 个字符，不含空格。", "The user name needs 2–100 characters without spaces."), cancellationToken);
        }

        if (!PasswordRules.IsAcceptable(NewPassword))
        {
            return await FailAsync(PasswordModel.PasswordLengthText(), cancellationToken);
        }

        // A role that is not one of the roles does not bind: never fall back to a default role.
        if (!Enum.IsDefined(NewRole) || ModelState.GetFieldValidationState(nameof(NewRole)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return await FailAsync(Ui.T("角色无效。", "Unknown role."), cancellationToken);
        }

        var department = NewDepartment?.Trim();
        if (NewRole.HasDepartment() && string.IsNullOrEmpty(department))
        {
            return await FailAsync(Ui.T("部门用户和部门审核必须指定主管部门。", "A department user or reviewer needs a department."), cancellationToken);
        }

        if (NewRole.HasDepartment() && !await accounts.DepartmentExistsAsync(department, cancellationToken))
        {
            return await UnknownDepartmentAsync(department, cancellationToken);
        }

        // user names are one name whatever their case or width: Admin is taken when admin exists
        if (await accounts.FindAsync(User.Caller(), name, cancellationToken) is { } existing)
        {
            return await FailAsync(existing.UserName == name
                ? Ui.T($"用户名 {name} 已存在。", $"The user name {name} is taken.")
                : Ui.T($"用户名 {name} 已被 {existing.UserName} 使用（用户名不区分大小写和全角半角）。", $"The user name {name} is taken by {existing.UserName} (user names ignore case and width)."), cancellationToken);
        }

        try
        {
            await accounts.CreateAsync(User.Caller(), name, NewPassword, NewRole, department, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return await FailAsync(Ui.T($"用户名 {name} 已存在。", $"The user name {name} is taken."), cancellationToken); // created meanwhile
        }

        TempData["message"] = Ui.T($"已创建用户 {name}。", $"Created the user {name}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string userName, UserRole? role, string? department, CancellationToken cancellationToken)
    {
        // A missing or unknown role changes nothing (it once bound as the default, 管理员).
        if (role is not { } chosen || !Enum.IsDefined(chosen) || ModelState.GetFieldValidationState(nameof(role)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return await FailAsync(Ui.T("角色无效。", "Unknown role."), cancellationToken);
        }

        if (chosen.HasDepartment() && string.IsNullOrWhiteSpace(department))
        {
            return await FailAsync(Ui.T("部门用户和部门审核必须指定主管部门。", "A department user or reviewer needs a department."), cancellationToken);
        }

        switch (await accounts.ChangeRoleAsync(User.Caller(), userName, chosen, department, cancellationToken))
        {
            case AccountResult.Done or AccountResult.Unchanged:
                break;
            case AccountResult.OwnAccount:
                return await FailAsync(Ui.T("不能取消自己的管理员角色。", "You cannot take the administrator role from yourself."), cancellationToken);
            case AccountResult.UnknownDepartment:
                return await UnknownDepartmentAsync(department, cancellationToken);
            case var other:
                return await RefusedAsync(other, userName, cancellationToken);
        }

        validator.Forget(userName);
        TempData["message"] = Ui.T($"已将 {userName} 的角色改为{Ui.RoleText(chosen)}。", $"{userName} is now {Ui.RoleText(chosen)}.");
        return RedirectToPage();
    }

    /// <summary>Disables an account: the user cannot sign in, and their sessions end on their next request.</summary>
    public Task<IActionResult> OnPostDisableAsync(string userName, CancellationToken cancellationToken) =>
        SetDisabledAsync(userName, true, cancellationToken);

    /// <summary>Enables a disabled account again.</summary>
    public Task<IActionResult> OnPostEnableAsync(string userName, CancellationToken cancellationToken) =>
        SetDisabledAsync(userName, false, cancellationToken);

    /// <summary>Sets a new password for another user (typed twice); the user's sessions end.</summary>
    public async Task<IActionResult> OnPostResetAsync(string userName, string? resetPassword, string? resetRepeat, CancellationToken cancellationToken)
    {
        if (!PasswordRules.IsAcceptable(resetPassword))
        {
            return await FailAsync(PasswordModel.PasswordLengthText(), cancellationToken);
        }

        if (resetPassword != resetRepeat)
        {
            return await FailAsync(Ui.T("两次输入的新密码不一致。", "The new passwords differ."), cancellationToken);
        }

        switch (await accounts.ResetPasswordAsync(User.Caller(), userName ?? "", resetPassword, cancellationToken))
        {
            case AccountResult.Done:
                break;
            case AccountResult.OwnAccount:
                return await FailAsync(Ui.T("请在“修改密码”页面修改自己的密码。", "Change your own password on the Change password page."), cancellationToken);
            case var other:
                return await RefusedAsync(other, userName, cancellationToken);
        }

        validator.Forget(userName!);
        TempData["message"] = Ui.T($"已重置 {userName} 的密码；该用户需用新密码重新登录。", $"The password of {userName} has been reset; they sign in again with the new one.");
        return RedirectToPage();
    }

    private async Task<IActionResult> SetDisabledAsync(string? userName, bool disabled, CancellationToken cancellationToken)
    {
        switch (await accounts.SetDisabledAsync(User.Caller(), userName ?? "", disabled, cancellationToken))
        {
            case AccountResult.Done or AccountResult.Unchanged:
                break;
            case AccountResult.OwnAccount:
                return await FailAsync(Ui.T("不能停用或启用自己的账户。", "You cannot disable or enable your own account."), cancellationToken);
            case var other:
                return await RefusedAsync(other, userName, cancellationToken);
        }

        validator.Forget(userName!);
        TempData["message"] = disabled
            ? Ui.T($"已停用用户 {userName}；该用户不能再登录。", $"Disabled {userName}: they can no longer sign in.")
            : Ui.T($"已启用用户 {userName}。", $"Enabled {userName} again.");
        return RedirectToPage();
    }

    /// <summary>The message of a refused change.</summary>
    private Task<IActionResult> RefusedAsync(AccountResult result, string? userName, CancellationToken cancellationToken) => result switch
    {
        AccountResult.NotFound => FailAsync(Ui.T($"用户 {userName} 不存在。", $"There is no user {userName}."), cancellationToken, StatusCodes.Status404NotFound),
        AccountResult.LastAdministrator => FailAsync(Ui.T(
            $"{userName} 是唯一启用的管理员：请先指定另一位管理员。",
            $"{userName} is the only enabled administrator: make someone else an administrator first."), cancellationToken, StatusCodes.Status409Conflict),
        AccountResult.InvalidPassword => FailAsync(PasswordModel.PasswordLengthText(), cancellationToken),
        _ => FailAsync(Ui.T("无法完成此操作。", "This change cannot be made."), cancellationToken),
    };

    /// <summary>
    /// Refuses a department that no stored form names, and offers the known departments whose names share the typed
    /// text (else says where the full list is): a department user sees only the forms of their department.
    /// </summary>
    private async Task<IActionResult> UnknownDepartmentAsync(string? department, CancellationToken cancellationToken)
    {
        var typed = TextKey.Of(department);
        var known = await portfolio.AllDepartmentsAsync(cancellationToken);
        var close = typed.Length == 0 ? [] : known
            .Select(d => (d.Name, Key: TextKey.Of(d.Name)))
            .Where(d => d.Key.Contains(typed, StringComparison.Ordinal) || typed.Contains(d.Key, StringComparison.Ordinal) || SharedTail(typed, d.Key))
            .Select(d => d.Name).Take(5).ToList();
        var shown = (department ?? "").Trim();
        var message = known.Count == 0
            ? Ui.T($"没有名为“{shown}”的主管部门：还没有导入任何表单。请先导入该部门的表单，再创建部门用户。",
                $"There is no department “{shown}”: no forms have been imported yet. Import the department's forms first, then create its user.")
            : close.Count > 0
                ? Ui.T($"没有名为“{shown}”的主管部门。您是否要找：{string.Join("、", close)}？请从列表中选择。",
                    $"There is no department “{shown}”. Did you mean: {string.Join(", ", close)}? Choose one from the list.")
                : Ui.T($"没有名为“{shown}”的主管部门（已导入的表单中没有）。请从列表中选择已有的主管部门。",
                    $"There is no department “{shown}” among the imported forms. Choose a known department from the list.");
        return await FailAsync(message, cancellationToken);
    }

    /// <summary>True when two department names end alike in three characters or more (the same kind of bureau elsewhere: …区教育局).</summary>
    private static bool SharedTail(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[a.Length - 1 - n] == b[b.Length - 1 - n])
        {
            n++;
        }

        return n >= 3;
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        Error = error;
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(User.Caller(), cancellationToken);
        Departments = await portfolio.AllDepartmentsAsync(cancellationToken);
    }
}
