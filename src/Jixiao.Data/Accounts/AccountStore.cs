using System.Data;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Accounts;

/// <summary>
/// Accounts: create, find, verify a password, change a role, disable and enable, reset and change a password.
/// Every change is written to the audit log with who made it — never a password. Changes that could leave no
/// enabled administrator (disabling one, taking the role away) are made one at a time and refused when they would.
/// </summary>
public sealed class AccountStore
{
    /// <summary>One administrator-affecting change at a time in this process (with a serializable transaction for the others).</summary>
    private static readonly SemaphoreSlim AdministratorGate = new(1, 1);

    /// <summary>Verified for unknown user names, so that they take as long as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString("N")));

    private readonly JixiaoDatabase database;

    public AccountStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>
    /// Creates an account; throws <see cref="InvalidOperationException"/> when the user name is taken — compared as
    /// <see cref="UserNames"/> compares them, so <c>Admin</c> is taken when <c>admin</c> exists.
    /// </summary>
    public async Task<User> CreateAsync(string userName, string password, UserRole role, string? department, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (role.HasDepartment() && string.IsNullOrWhiteSpace(department))
        {
            throw new ArgumentException("a department user needs a department", nameof(department));
        }

        var name = userName.Trim();
        var key = UserNames.Normalise(name);
        await using var db = database.CreateContext();
        if (await UserNames.Named(db.Users, name).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            throw new InvalidOperationException($"the user name {name} is taken (by {existing})");
        }

        var user = new User
        {
            UserName = name,
            NormalizedUserName = key,
            PasswordHash = PasswordHashing.Hash(password),
            Role = role,
            Department = role.HasDepartment() ? department!.Trim() : null,
            CreatedAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.AuditLog.Add(AuditLog.Entry(actor, "user-create", "user", name, $"role={role}; department={user.Department}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is System.Data.Common.DbException)
        {
            // created at the same moment by another request: the unique index on the normalised name refused it
            throw new InvalidOperationException($"the user name {name} is taken", ex);
        }

        return user;
    }

    /// <summary>The account named <paramref name="userName"/> (compared as <see cref="UserNames"/> compares names), or null.</summary>
    public async Task<User?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await UserNames.Named(db.Users.AsNoTracking(), userName).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>What a signed-in session of <paramref name="userName"/> is checked against; null when the user does not exist.</summary>
    public async Task<AccountSession?> FindSessionAsync(string userName, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userName, cancellationToken);
        return user is null ? null : AccountSession.Of(user);
    }

    /// <summary>The user when the password is right and the account is enabled (records the login); else null.</summary>
    public async Task<User?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var attempt = await SignInAsync(userName, password, cancellationToken);
        return attempt.Outcome == LoginOutcome.Success ? attempt.User : null;
    }

    /// <summary>
    /// Checks a user name and password. A disabled account is told apart only when the password is right; an
    /// unknown user name costs as much time as a wrong password. A success records the login.
    /// </summary>
    public async Task<LoginAttempt> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await UserNames.Named(db.Users, userName).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            _ = PasswordHashing.Verify(password ?? "", DummyHash.Value);
            return new LoginAttempt(LoginOutcome.WrongCredentials, null);
        }

        if (!PasswordHashing.Verify(password ?? "", user.PasswordHash))
        {
            return new LoginAttempt(LoginOutcome.WrongCredentials, null);
        }

        if (user.Disabled)
        {
            return new LoginAttempt(LoginOutcome.Disabled, null);
        }

        user.LastLoginAt = DateTime.UtcNow;
        if (PasswordHashing.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = PasswordHashing.Hash(password!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LoginAttempt(LoginOutcome.Success, user);
    }

    /// <summary>
    /// Changes a user's role (and department); false when the user does not exist. Throws
    /// <see cref="InvalidOperationException"/> when the change is refused (see <see cref="ChangeRoleAsync"/>).
    /// </summary>
    public async Task<bool> SetRoleAsync(string userName, UserRole role, string? department, string actor, CancellationToken cancellationToken = default) =>
        await ChangeRoleAsync(userName, role, department, actor, cancellationToken) switch
        {
            AccountResult.Done or AccountResult.Unchanged => true,
            AccountResult.NotFound => false,
            var refused => throw new InvalidOperationException($"the role of {userName} cannot be changed: {refused}"),
        };

    /// <summary>
    /// Changes a user's role (and department). Refused (<see cref="AccountResult.OwnAccount"/>) when the actor
    /// would take the administrator role from themselves, and (<see cref="AccountResult.LastAdministrator"/>) when
    /// no enabled administrator would be left.
    /// </summary>
    public Task<AccountResult> ChangeRoleAsync(string userName, UserRole role, string? department, string actor, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(userName, async (db, user) =>
        {
            if (user.Role == UserRole.Administrator && role != UserRole.Administrator)
            {
                if (string.Equals(user.UserName, actor, StringComparison.Ordinal))
                {
                    return AccountResult.OwnAccount;
                }

                if (!user.Disabled && !await AnyOtherEnabledAdministratorAsync(db, user.Id, cancellationToken))
                {
                    return AccountResult.LastAdministrator;
                }
            }

            var before = $"{user.Role}/{user.Department}";
            user.Role = role;
            user.Department = role.HasDepartment() ? department?.Trim() : null;
            db.AuditLog.Add(AuditLog.Entry(actor, "role-change", "user", user.UserName, $"{before} -> {role}/{user.Department}"));
            return AccountResult.Done;
        }, cancellationToken);

    /// <summary>
    /// Disables (or enables again) an account: a disabled user cannot sign in and their sessions end. Refused on
    /// the actor's own account and when it would disable the last enabled administrator.
    /// </summary>
    public Task<AccountResult> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(userName, async (db, user) =>
        {
            if (string.Equals(user.UserName, actor, StringComparison.Ordinal))
            {
                return AccountResult.OwnAccount;
            }

            if (user.Disabled == disabled)
            {
                return AccountResult.Unchanged;
            }

            if (disabled && user.Role == UserRole.Administrator && !await AnyOtherEnabledAdministratorAsync(db, user.Id, cancellationToken))
            {
                return AccountResult.LastAdministrator;
            }

            user.Disabled = disabled;
            db.AuditLog.Add(AuditLog.Entry(actor, disabled ? "user-disable" : "user-enable", "user", user.UserName, $"role={user.Role}"));
            return AccountResult.Done;
        }, cancellationToken);

    /// <summary>
    /// A change that may take away an administrator: one at a time in this process (the gate) and serializable in the
    /// database, so two administrators cannot disable or demote each other at once. <paramref name="change"/> changes
    /// the user and says <see cref="AccountResult.Done"/> (saved and committed) or why not (nothing saved).
    /// </summary>
    private async Task<AccountResult> ChangeUserAsync(string userName, Func<JixiaoDbContext, User, Task<AccountResult>> change, CancellationToken cancellationToken)
    {
        await AdministratorGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var user = await UserNames.Named(db.Users, userName).FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                return AccountResult.NotFound;
            }

            var result = await change(db, user);
            if (result != AccountResult.Done)
            {
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return AccountResult.Done;
        }
        finally
        {
            AdministratorGate.Release();
        }
    }

    /// <summary>
    /// An administrator sets a new password for another user (who forgot theirs); the user's sessions end. Own
    /// passwords are changed with <see cref="ChangePasswordAsync"/>, which asks for the current one.
    /// </summary>
    public async Task<AccountResult> ResetPasswordAsync(string userName, string newPassword, string actor, CancellationToken cancellationToken = default)
    {
        if (!PasswordRules.IsAcceptable(newPassword))
        {
            return AccountResult.InvalidPassword;
        }

        await using var db = database.CreateContext();
        var user = await UserNames.Named(db.Users, userName).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return AccountResult.NotFound;
        }

        if (string.Equals(user.UserName, actor, StringComparison.Ordinal))
        {
            return AccountResult.OwnAccount;
        }

        user.PasswordHash = PasswordHashing.Hash(newPassword);
        db.AuditLog.Add(AuditLog.Entry(actor, "password-reset", "user", user.UserName, null));
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done;
    }

    /// <summary>
    /// A user changes their own password, giving the current one. A wrong current password is written to the audit
    /// log as <c>password-change-failed</c>; the user's other sessions end when the change is made.
    /// </summary>
    public async Task<AccountResult> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await UserNames.Named(db.Users, userName).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return AccountResult.NotFound;
        }

        if (user.Disabled)
        {
            return AccountResult.Disabled;
        }

        if (!PasswordHashing.Verify(currentPassword ?? "", user.PasswordHash))
        {
            db.AuditLog.Add(AuditLog.Entry(user.UserName, "password-change-failed", "user", user.UserName, "wrong current password"));
            await db.SaveChangesAsync(cancellationToken);
            return AccountResult.WrongPassword;
        }

        if (!PasswordRules.IsAcceptable(newPassword))
        {
            return AccountResult.InvalidPassword;
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return AccountResult.SamePassword;
        }

        user.PasswordHash = PasswordHashing.Hash(newPassword);
        db.AuditLog.Add(AuditLog.Entry(user.UserName, "password-change", "user", user.UserName, null));
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done;
    }

    /// <summary>
    /// Ends every session of <paramref name="userName"/> (signing out): the session stamp gets a new random value, so
    /// a cookie signed in before — also one saved and replayed later — is refused on its next request. Written to the
    /// audit log as <c>logout</c>. False when the user does not exist.
    /// </summary>
    public async Task<bool> EndSessionsAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await UserNames.Named(db.Users, userName).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.SecurityStamp = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        db.AuditLog.Add(AuditLog.Entry(user.UserName, "logout", "user", user.UserName, null));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Users.AnyAsync(u => u.Role == UserRole.Administrator && !u.Disabled, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
    }

    private static Task<bool> AnyOtherEnabledAdministratorAsync(JixiaoDbContext db, long userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id != userId && u.Role == UserRole.Administrator && !u.Disabled, cancellationToken);
}
