namespace Jixiao.Data.Entities;

/// <summary>What a user may do.</summary>
public enum UserRole
{
    /// <summary>管理员: everything, including accounts.</summary>
    Administrator,

    /// <summary>财政局绩效管理: review findings, ask for and accept rectifications, import, publish; all departments.</summary>
    FinanceReviewer,

    /// <summary>预算单位 / 主管部门: its own department only; answers its rectification requests.</summary>
    DepartmentUser,

    /// <summary>人大 / 审计 / 研究者: read everything; confirm or dismiss findings (复核) and change nothing else.</summary>
    Supervisor,
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

    /// <summary>主管部门 of a <see cref="UserRole.DepartmentUser"/>, as a name (matched normalised).</summary>
    public string? Department { get; set; }

    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastLoginAt { get; set; }
}
