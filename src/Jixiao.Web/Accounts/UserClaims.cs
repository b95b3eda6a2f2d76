using System.Security.Claims;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jixiao.Web.Accounts;

/// <summary>The claims of a signed-in user and what they allow.</summary>
public static class UserClaims
{
    /// <summary>The 主管部门 of a department user.</summary>
    public const string Department = "jixiao:department";

    /// <summary>Policy: may import and delete (administrators and finance reviewers).</summary>
    public const string CanChangePolicy = "CanChange";

    /// <summary>Policy: administrators only (accounts, audit log).</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>
    /// A scope no department matches: a department user whose department is missing sees nothing rather than
    /// everything.
    /// </summary>
    private const string NoDepartment = "\u0000";

    /// <summary>The session stamp (<see cref="AccountSession.Stamp"/>): a changed password ends the other sessions.</summary>
    public const string Stamp = "jixiao:stamp";

    public static ClaimsPrincipal Principal(User user) => Principal(AccountSession.Of(user));

    public static ClaimsPrincipal Principal(AccountSession user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(Stamp, user.Stamp),
        };
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            claims.Add(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        if (user.Role == UserRole.DepartmentUser && !string.IsNullOrWhiteSpace(user.Department))
        {
            claims.Add(new Claim(Department, user.Department));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static UserRole? RoleOf(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
    }

    /// <summary>
    /// The only 主管部门 this user may see, for <see cref="Data.Queries.FormQuery.ScopeDepartment"/>; null when the
    /// user may see every department.
    /// </summary>
    public static string? ScopeDepartment(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return NoDepartment;
        }

        return user.RoleOf() switch
        {
            UserRole.Administrator or UserRole.FinanceReviewer or UserRole.Supervisor => null,
            UserRole.DepartmentUser => user.FindFirstValue(Department) is { Length: > 0 } d ? d : NoDepartment,
            _ => NoDepartment,
        };
    }

    /// <summary>May import and delete.</summary>
    public static bool CanChange(this ClaimsPrincipal user) => user.RoleOf() is UserRole.Administrator or UserRole.FinanceReviewer;

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.RoleOf() == UserRole.Administrator;

    /// <summary>The user name for the audit log.</summary>
    public static string Actor(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}
