using System.Data.Common;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Accounts;

/// <summary>
/// One entry of the audit log (审计日志) before it is written: who did what to which object. A use case that changes
/// something writes its entry in the transaction of the change, so a change without its entry cannot be committed.
/// </summary>
/// <param name="Actor">The user name, or the tool (<c>cli</c>, <c>demo</c>, <c>system</c>).</param>
/// <param name="Action">What was done: <c>import</c>, <c>delete</c>, <c>user-create</c> …</param>
/// <param name="TargetType">The kind of object: <c>import</c>, <c>user</c> …</param>
/// <param name="TargetId">Its id or name.</param>
/// <param name="Details">Free text: counts, the file name, the reason.</param>
public sealed record AuditRecord(string Actor, string Action, string? TargetType = null, string? TargetId = null, string? Details = null)
{
    internal AuditEntry ToEntry() => AuditLog.Entry(Actor, Action, TargetType, TargetId, Details);
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

    /// <summary>Appends an entry on its own (for events that change nothing else: a sign-in, a failed sign-in).</summary>
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

    /// <summary>Writes <paramref name="record"/> in an open transaction of a hand-written write path (the bulk import).</summary>
    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, AuditRecord record, CancellationToken cancellationToken)
    {
        var e = record.ToEntry();
        return Sql.ExecuteAsync(connection, transaction,
            "INSERT INTO audit_log (at, actor, action, target_type, target_id, details) VALUES (@at, @actor, @action, @type, @id, @details)",
            cancellationToken, ("at", e.At), ("actor", e.Actor), ("action", e.Action), ("type", e.TargetType), ("id", e.TargetId), ("details", e.Details));
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
