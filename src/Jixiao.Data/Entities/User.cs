namespace Jixiao.Data.Entities;

/// <summary>What a user may do.</summary>
public enum UserRole
{
    /// <summary>管理员: everything, including accounts.</summary>
    Administrator,

    /// <summary>财政局绩效管理: review findings, ask for and accept rectifications, import, publish; all departments.</summary>
    FinanceReviewer,

    /// <summary>预算单位 / 主管部门: its own department only; fills and submits its forms (填报), answers its rectification requests.</summary>
    DepartmentUser,

    /// <summary>人大 / 审计 / 研究者: read everything; confirm or dismiss findings (复核) and change nothing else.</summary>
    Supervisor,

    /// <summary>
    /// 主管部门审核: its own department only; returns or approves the forms its department submits (its review queue),
    /// comments on them; cannot fill a form. Stored as 4 (added after the others).
    /// </summary>
    DepartmentReviewer,
}

/// <summary>What the roles have in common.</summary>
public static class UserRoles
{
    /// <summary>
    /// True for the roles that belong to one 主管部门 (<see cref="User.Department"/> required, everything seen limited
    /// to it): <see cref="UserRole.DepartmentUser"/> and <see cref="UserRole.DepartmentReviewer"/>.
    /// </summary>
    public static bool HasDepartment(this UserRole role) => role is UserRole.DepartmentUser or UserRole.DepartmentReviewer;
}

/// <summary>An account. The password is kept only as a hash (<see cref="Accounts.PasswordHashing"/>).</summary>
public sealed class User
{
    public long Id { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>
    /// The user name as names are compared (<see cref="Accounts.UserNames.Normalise"/>: NFKC, trimmed, lower case),
    /// unique: <c>Admin</c> and <c>admin</c> are one name. Accounts that shared a name in this sense before the rule
    /// existed keep it with <c>#</c> and their id appended (see docs/web.md) and sign in by their exact name.
    /// </summary>
    public string NormalizedUserName { get; set; } = "";

    public string? DisplayName { get; set; }

    public string PasswordHash { get; set; } = "";

    /// <summary>
    /// The session stamp (登录会话标记), a random value changed when the user signs out: the sessions signed in with
    /// the previous value end, so a saved cookie does not outlive its sign-out. Empty until the first sign-out.
    /// </summary>
    public string SecurityStamp { get; set; } = "";

    public UserRole Role { get; set; }

    /// <summary>主管部门 of a department's account (<see cref="UserRoles.HasDepartment"/>), as a name (matched normalised).</summary>
    public string? Department { get; set; }

    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastLoginAt { get; set; }
}
