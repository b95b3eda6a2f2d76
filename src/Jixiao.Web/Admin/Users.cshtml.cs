using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Queries;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Admin;

/// <summary>Accounts: add users and change roles (administrators only). Each change goes to the audit log.</summary>
public sealed class UsersModel(AccountStore accounts, FormStore store, UserValidator validator) : PageModel
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

        if (string.IsNullOrEmpty(NewPassword) || NewPassword.Length < 10 || NewPassword.Length > 200)
        {
            return await FailAsync(Ui.T("密码至少需要 10 个字符。", "The password needs at least 10 characters."), cancellationToken);
        }

        if (!Enum.IsDefined(NewRole))
        {
            return await FailAsync(Ui.T("角色无效。", "Unknown role."), cancellationToken);
        }

        var department = NewDepartment?.Trim();
        if (NewRole == UserRole.DepartmentUser && string.IsNullOrEmpty(department))
        {
            return await FailAsync(Ui.T("部门用户必须指定主管部门。", "A department user needs a department."), cancellationToken);
        }

        if (await accounts.FindAsync(name, cancellationToken) is not null)
        {
            return await FailAsync(Ui.T($"用户名 {name} 已存在。", $"The user name {name} is taken."), cancellationToken);
        }

        await accounts.CreateAsync(name, NewPassword, NewRole, department, User.Actor(), cancellationToken);
        TempData["message"] = Ui.T($"已创建用户 {name}。", $"Created the user {name}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string userName, UserRole role, string? department, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(role))
        {
            return await FailAsync(Ui.T("角色无效。", "Unknown role."), cancellationToken);
        }

        if (role == UserRole.DepartmentUser && string.IsNullOrWhiteSpace(department))
        {
            return await FailAsync(Ui.T("部门用户必须指定主管部门。", "A department user needs a department."), cancellationToken);
        }

        if (string.Equals(userName, User.Actor(), StringComparison.Ordinal) && role != UserRole.Administrator)
        {
            return await FailAsync(Ui.T("不能取消自己的管理员角色。", "You cannot take the administrator role from yourself."), cancellationToken);
        }

        if (!await accounts.SetRoleAsync(userName, role, department, User.Actor(), cancellationToken))
        {
            return NotFound();
        }

        validator.Forget(userName);
        TempData["message"] = Ui.T($"已将 {userName} 的角色改为{Ui.RoleText(role)}。", $"{userName} is now {Ui.RoleText(role)}.");
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(cancellationToken);
        Departments = await store.ListDepartmentsAsync(null, cancellationToken);
    }
}
