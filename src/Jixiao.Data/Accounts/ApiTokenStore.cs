using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Accounts;

/// <summary>A token with its owner's name, for the lists of tokens.</summary>
public sealed record ApiTokenRow(ApiToken Token, string OwnerName);

/// <summary>A token found by its secret, with its owner's account as it is now (role, department, disabled).</summary>
public sealed record ApiTokenOwner(ApiToken Token, AccountSession Owner);

/// <summary>How a revocation went.</summary>
public enum TokenRevocation
{
    /// <summary>Revoked now (and written to the audit log).</summary>
    Done,

    /// <summary>It was revoked before: nothing changed.</summary>
    AlreadyRevoked,

    /// <summary>No such token (or not the given owner's).</summary>
    NotFound,
}

/// <summary>
/// The personal access tokens (访问令牌) in the database: made, found by the hash of their secret, listed, revoked,
/// their use recorded. Every change is written with its audit entry in one transaction; the secret is never stored.
/// </summary>
public sealed class ApiTokenStore
{
    /// <summary>The longest token name.</summary>
    public const int NameLength = 100;

    /// <summary>The length of <see cref="ApiToken.Prefix"/>.</summary>
    public const int PrefixLength = 11;

    private readonly JixiaoDatabase database;

    public ApiTokenStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>Stores <paramref name="token"/> (its id is set) with the audit entry <paramref name="audit"/> makes of it.</summary>
    public async Task CreateAsync(ApiToken token, Func<ApiToken, AuditRecord> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditLog.Add(audit(token).ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>How many of <paramref name="userId"/>'s tokens are neither revoked nor expired at <paramref name="now"/>.</summary>
    public async Task<int> CountActiveAsync(long userId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).Select(t => t.ExpiresAt).ToListAsync(cancellationToken);
        return tokens.Count(e => e is null || e.Value > now);
    }

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, with its owner; null when none does.</summary>
    public async Task<ApiTokenOwner?> FindAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.SecretHash == secretHash
                           select new { Token = t, User = u }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new ApiTokenOwner(found.Token, AccountSession.Of(found.User));
    }

    /// <summary>One token with its owner's name, or null.</summary>
    public async Task<ApiTokenRow?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await ListAsync(null, id, cancellationToken) is [var row, ..] ? row : null;

    /// <summary>The tokens of <paramref name="userId"/> (every user's when null), newest first.</summary>
    public Task<IReadOnlyList<ApiTokenRow>> ListAsync(long? userId, CancellationToken cancellationToken = default) =>
        ListAsync(userId, null, cancellationToken);

    /// <summary>
    /// Revokes token <paramref name="id"/> (only when it belongs to <paramref name="ownerId"/>, unless that is null),
    /// with the audit entry <paramref name="audit"/> makes of it. Two revocations at once: one is done, the other finds
    /// it revoked.
    /// </summary>
    public async Task<TokenRevocation> RevokeAsync(long id, long? ownerId, string actor, DateTime now, Func<ApiToken, AuditRecord> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = db.ApiTokens.Where(t => t.Id == id && (ownerId == null || t.UserId == ownerId));
        var by = actor.Length <= 100 ? actor : actor[..100];
        var revoked = await mine.Where(t => t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedBy, by), cancellationToken);
        var token = await mine.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return TokenRevocation.NotFound;
        }

        if (revoked != 1)
        {
            return TokenRevocation.AlreadyRevoked;
        }

        db.AuditLog.Add(audit(token).ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return TokenRevocation.Done;
    }

    /// <summary>
    /// Records a use of token <paramref name="id"/> at <paramref name="now"/>, and <paramref name="audit"/> with it, when
    /// its last use is still <paramref name="seen"/> (as read with the token): of requests that read the same last use
    /// at once, one records it. True when this one did.
    /// </summary>
    public async Task<bool> RecordUseAsync(long id, DateTime? seen, DateTime now, AuditRecord? audit, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.ApiTokens.Where(t => t.Id == id && t.LastUsedAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        if (updated != 1)
        {
            return false;
        }

        if (audit is not null)
        {
            db.AuditLog.Add(audit.ToEntry());
            await db.SaveChangesAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<IReadOnlyList<ApiTokenRow>> ListAsync(long? userId, long? id, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var rows = from t in db.ApiTokens.AsNoTracking()
                   join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                   select new { Token = t, u.UserName };
        if (userId is { } owner)
        {
            rows = rows.Where(r => r.Token.UserId == owner);
        }

        if (id is { } one)
        {
            rows = rows.Where(r => r.Token.Id == one);
        }

        var list = await rows.OrderByDescending(r => r.Token.Id).Take(10_000).ToListAsync(cancellationToken);
        return [.. list.Select(r => new ApiTokenRow(r.Token, r.UserName))];
    }
}
