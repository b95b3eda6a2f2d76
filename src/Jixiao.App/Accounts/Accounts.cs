using Jixiao.App.Access;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;

namespace Jixiao.App.Accounts;

/// <summary>
/// The accounts (账户) as use cases: signing in (every attempt audited), changing one's own password, and the
/// administrators' changes — create, change a role, reset a password, disable — each authorized by the
/// <see cref="AccessPolicy"/> and written with its audit entry in one transaction (<see cref="AccountStore"/>).
/// The first administrator comes from the first-run page or from configuration.
/// </summary>
public sealed class Accounts(AccountStore store, AuditLog audit, DepartmentDirectory departments)
{
    /// <summary>True when no account exists yet (the first-run page is open).</summary>
    public async Task<bool> NoneYetAsync(CancellationToken cancellationToken = default) => (await store.ListAsync(cancellationToken)).Count == 0;

    /// <summary>A sign-in attempt, written to the audit log whatever its outcome.</summary>
    public async Task<LoginAttempt> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var attempt = await store.SignInAsync(userName, password, cancellationToken);
        var (action, details) = attempt.Outcome switch
        {
            LoginOutcome.Success => ("login", (string?)null),
            LoginOutcome.Disabled => ("login-disabled", "the account is disabled"),
            _ => ("login-failed", null),
        };
        var name = attempt.User?.UserName ?? userName;
        await audit.WriteAsync(name, action, "user", name, details, CancellationToken.None);
        return attempt;
    }

    /// <summary>What a signed-in session is checked against on its requests; null for an unknown user.</summary>
    public Task<AccountSession?> FindSessionAsync(string userName, CancellationToken cancellationToken = default) =>
        store.FindSessionAsync(userName, cancellationToken);

    /// <summary>
    /// The caller signs out: every session of theirs ends, on this device and any other, and a cookie saved before
    /// no longer works (the session stamp changes). Written to the audit log as <c>logout</c>.
    /// </summary>
    public Task<bool> SignOutAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.EndSessionsAsync(caller.Name, cancellationToken);
    }

    /// <summary>The caller changes their own password (the current one verified).</summary>
    public Task<AccountResult> ChangeOwnPasswordAsync(Caller caller, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.ChangePasswordAsync(caller.Name, currentPassword, newPassword, cancellationToken);
    }

    /// <summary>
    /// The first administrator, from the first-run page: only while no account exists; null when one appeared
    /// meanwhile. The new administrator is their own actor in the audit log.
    /// </summary>
    public async Task<User?> CreateFirstAdministratorAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        if (!await NoneYetAsync(cancellationToken))
        {
            return null;
        }

        return await store.CreateAsync(userName, password, UserRole.Administrator, null, userName, cancellationToken);
    }

    /// <summary>Every account, by name (administrators).</summary>
    public Task<IReadOnlyList<User>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return store.ListAsync(cancellationToken);
    }

    /// <summary>The account named <paramref name="userName"/>, or null (administrators).</summary>
    public Task<User?> FindAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return store.FindAsync(userName, cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="department"/> names a 主管部门 of the stored forms (after normalisation): the only
    /// departments a department user can be given, since their scope is the forms of that department.
    /// </summary>
    public async Task<bool> DepartmentExistsAsync(string? department, CancellationToken cancellationToken = default) =>
        !string.IsNullOrWhiteSpace(department) && (await departments.IdsOfAsync(department, cancellationToken)).Length > 0;

    /// <summary>
    /// Creates an account (administrators); throws <see cref="InvalidOperationException"/> when the name is taken and
    /// <see cref="ArgumentException"/> when a department account's department is not known (<see cref="DepartmentExistsAsync"/>).
    /// </summary>
    public async Task<User> CreateAsync(Caller caller, string userName, string password, UserRole role, string? department, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        if (role.HasDepartment() && !await DepartmentExistsAsync(department, cancellationToken))
        {
            throw new ArgumentException($"no department named '{department}' is known: a department user needs the department of stored forms", nameof(department));
        }

        return await store.CreateAsync(userName, password, role, department, caller.Name, cancellationToken);
    }

    /// <summary>Changes a role (administrators); a department account's department must be known, else <see cref="AccountResult.UnknownDepartment"/>.</summary>
    public async Task<AccountResult> ChangeRoleAsync(Caller caller, string userName, UserRole role, string? department, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        if (role.HasDepartment() && !await DepartmentExistsAsync(department, cancellationToken))
        {
            return AccountResult.UnknownDepartment;
        }

        return await store.ChangeRoleAsync(userName, role, department, caller.Name, cancellationToken);
    }

    public Task<AccountResult> ResetPasswordAsync(Caller caller, string userName, string newPassword, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return store.ResetPasswordAsync(userName, newPassword, caller.Name, cancellationToken);
    }

    public Task<AccountResult> SetDisabledAsync(Caller caller, string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return store.SetDisabledAsync(userName, disabled, caller.Name, cancellationToken);
    }

    /// <summary>The audit log, newest first (administrators).</summary>
    public Task<PagedResult<AuditEntry>> AuditAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return audit.ListAsync(page, pageSize, cancellationToken);
    }

    /// <summary>
    /// The accounts a deployment starts with: <paramref name="demo"/> accounts when none exists (Development), and the
    /// administrator named by configuration when no enabled administrator exists. Returns what was done, for the log.
    /// </summary>
    public async Task<(bool DemoCreated, bool AdministratorSet)> SeedAsync(
        IReadOnlyList<(string UserName, string Password, UserRole Role, string? Department)> demo,
        string? adminName,
        string? adminPassword,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var demoCreated = false;
        if (demo.Count > 0 && await NoneYetAsync(cancellationToken))
        {
            foreach (var (userName, password, role, department) in demo)
            {
                await store.CreateAsync(userName, password, role, department, "system", cancellationToken);
            }

            demoCreated = true;
        }

        if (string.IsNullOrWhiteSpace(adminName) || string.IsNullOrEmpty(adminPassword) || await store.AnyAdministratorAsync(cancellationToken))
        {
            return (demoCreated, false);
        }

        if (await store.FindAsync(adminName, cancellationToken) is null)
        {
            await store.CreateAsync(adminName, adminPassword, UserRole.Administrator, null, "configuration", cancellationToken);
        }
        else
        {
            await store.SetRoleAsync(adminName, UserRole.Administrator, null, "configuration", cancellationToken);
        }

        return (demoCreated, true);
    }
}
