using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.App.Access;

/// <summary>
/// Who asks (调用者): a signed-in user with a role and, for a department user or reviewer, their 主管部门; or a tool of the system
/// (the command line, the demo loader) acting with an administrator's rights. Made by the surface (a web request's
/// principal, the CLI) and handed to every use case; the <see cref="AccessPolicy"/> decides what it may do and see.
/// One caller per request: its department scope is resolved once, on first use, and kept here.
/// </summary>
public sealed class Caller
{
    private DepartmentScope? scope;

    public Caller(string name, UserRole role, string? department = null, bool isTool = false)
    {
        Name = string.IsNullOrWhiteSpace(name) ? "system" : name;
        Role = role;
        Department = string.IsNullOrWhiteSpace(department) ? null : department;
        IsTool = isTool;
    }

    /// <summary>The user name (written to the audit log), or the tool's name.</summary>
    public string Name { get; }

    public UserRole Role { get; }

    /// <summary>A department user's or department reviewer's 主管部门 (by name); null for every other role.</summary>
    public string? Department { get; }

    /// <summary>True for a tool of the system rather than a person.</summary>
    public bool IsTool { get; }

    /// <summary>
    /// True when the caller may only read, whatever the role allows: a request with an API token of read-only scope
    /// (只读令牌). The <see cref="AccessPolicy"/> then allows <see cref="Permission.Read"/> and nothing else.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// The API token (访问令牌) the request came with, as the audit log names it (its visible prefix and id, e.g.
    /// <c>jx_AbCdEfGh #3</c>); null for a signed-in session or a tool.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>A tool of the system (<c>cli</c>, <c>demo</c>, <c>system</c>): administrator rights, every department.</summary>
    public static Caller Tool(string name) => new(name, UserRole.Administrator, null, isTool: true);

    /// <summary>The scope once resolved by <see cref="AccessPolicy.ScopeAsync"/> (internal cache).</summary>
    internal DepartmentScope? ResolvedScope
    {
        get => Volatile.Read(ref scope);
        set => Volatile.Write(ref scope, value);
    }

    public override string ToString() => Department is null ? $"{Name} ({Role})" : $"{Name} ({Role}, {Department})";
}

/// <summary>A caller asked for something its role does not allow; the surface answers 403 or its own message.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
