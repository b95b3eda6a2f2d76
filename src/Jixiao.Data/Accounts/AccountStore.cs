using Jixiao.Data.Entities;
using Jixiao.Data.Queries;
using Jixiao.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Accounts;

/// <summary>Accounts: create, find, verify a password, change a role. Every change is written to the audit log.</summary>
public sealed class AccountStore
{
    private readonly JixiaoDatabase database;

    public AccountStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>Creates an account; throws <see cref="InvalidOperationException"/> when the user name is taken.</summary>
    public async Task<User> CreateAsync(string userName, string password, UserRole role, string? department, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (role == UserRole.DepartmentUser && string.IsNullOrWhiteSpace(department))
        {
            throw new ArgumentException("a department user needs a department", nameof(department));
        }

        var name = userName.Trim();
        await using var db = database.CreateContext();
        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            throw new InvalidOperationException($"the user name {name} is taken");
        }

        var user = new User
        {
            UserName = name,
            PasswordHash = PasswordHashing.Hash(password),
            Role = role,
            Department = role == UserRole.DepartmentUser ? department!.Trim() : null,
            CreatedAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.AuditLog.Add(AuditLog.Entry(actor, "user-create", "user", name, $"role={role}; department={user.Department}"));
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<User?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        var name = userName?.Trim() ?? "";
        await using var db = database.CreateContext();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
    }

    /// <summary>The user when the password is right and the account is enabled (records the login); else null.</summary>
    public async Task<User?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var name = userName?.Trim() ?? "";
        await using var db = database.CreateContext();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null || user.Disabled || !PasswordHashing.Verify(password ?? "", user.PasswordHash))
        {
            return null;
        }

        user.LastLoginAt = DateTime.UtcNow;
        if (PasswordHashing.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = PasswordHashing.Hash(password!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Changes a user's role (and department); false when the user does not exist.</summary>
    public async Task<bool> SetRoleAsync(string userName, UserRole role, string? department, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null)
        {
            return false;
        }

        var before = $"{user.Role}/{user.Department}";
        user.Role = role;
        user.Department = role == UserRole.DepartmentUser ? department?.Trim() : null;
        db.AuditLog.Add(AuditLog.Entry(actor, "role-change", "user", user.UserName, $"{before} -> {role}/{user.Department}"));
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
}

/// <summary>The audit log (审计日志): append and read.</summary>
public sealed class AuditLog
{
    private readonly JixiaoDatabase database;

    public AuditLog(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    public async Task WriteAsync(string actor, string action, string? targetType = null, string? targetId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        db.AuditLog.Add(Entry(actor, action, targetType, targetId, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest entries first.</summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(int page = 1, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        var total = await db.AuditLog.LongCountAsync(cancellationToken);
        var items = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<AuditEntry>(items, total, page, pageSize);
    }

    internal static AuditEntry Entry(string actor, string action, string? targetType, string? targetId, string? details) => new()
    {
        At = DateTime.UtcNow,
        Actor = Cut(string.IsNullOrWhiteSpace(actor) ? "system" : actor, 100)!,
        Action = Cut(action, 60)!,
        TargetType = Cut(targetType, 60),
        TargetId = Cut(targetId, 200),
        Details = details,
    };

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
