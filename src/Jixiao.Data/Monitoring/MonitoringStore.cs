using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Monitoring;

/// <summary>Which approved declarations a monitoring table lists: within a department scope, of a year and a department when given.</summary>
public sealed record MonitoredQuery
{
    /// <summary>The departments the caller may see (set by the access policy); null for all.</summary>
    public DepartmentScope? Scope { get; init; }

    /// <summary>Only the declarations of this 主管部门 (by its stored name); null for every department in scope.</summary>
    public string? Department { get; init; }

    public int? Year { get; init; }
}

/// <summary>
/// The monitoring checkpoints as stored (绩效运行监控): read back per declaration, the latest per declaration for the
/// monitoring table, and saved one at a time in a transaction that also writes the save's audit entry. A save names
/// the version it was made from (0 for a new checkpoint): an insert that finds the date taken, or a guarded
/// <c>UPDATE … WHERE version = @read</c> that finds another version, writes nothing (a conflict). Who may save is
/// decided above (Jixiao.App). Thread-safe: each call uses its own context.
/// </summary>
public sealed class MonitoringStore(JixiaoDatabase database)
{
    /// <summary>The statuses of a declaration that may be monitored: approved (批复) or published (公开).</summary>
    public static IReadOnlyList<FilingStatus> MonitoredStatuses { get; } = [FilingStatus.Approved, FilingStatus.Published];

    /// <summary>The checkpoints of declaration <paramref name="filingId"/>, the earliest date first.</summary>
    public async Task<IReadOnlyList<MonitoringCheckpointRecord>> ListAsync(long filingId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.MonitoringCheckpoints.AsNoTracking().Where(c => c.FilingId == filingId).OrderBy(c => c.Date).ToListAsync(cancellationToken);
    }

    /// <summary>The checkpoint of declaration <paramref name="filingId"/> at <paramref name="date"/>, or null.</summary>
    public async Task<MonitoringCheckpointRecord?> GetAsync(long filingId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.MonitoringCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.FilingId == filingId && c.Date == date, cancellationToken);
    }

    /// <summary>
    /// The approved and published target declarations <paramref name="query"/> selects, each with its latest checkpoint
    /// (null when none is recorded), by department, then project, then id.
    /// </summary>
    public async Task<IReadOnlyList<(FilingRecord Declaration, MonitoringCheckpointRecord? Latest)>> MonitoredAsync(
        MonitoredQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var statuses = MonitoredStatuses.ToArray();
        IQueryable<FilingRecord> filings = db.Filings.AsNoTracking().Where(f => f.Kind == FormKind.TargetDeclaration && statuses.Contains(f.Status));
        if (query.Scope?.DepartmentIds is { } departments)
        {
            filings = filings.Where(f => f.DepartmentId != null && departments.Contains(f.DepartmentId.Value));
        }

        if (query.Year is { } year)
        {
            filings = filings.Where(f => f.Year == year);
        }

        if (!string.IsNullOrWhiteSpace(query.Department))
        {
            var department = query.Department.Trim();
            filings = filings.Where(f => f.Department == department);
        }

        var list = await filings.OrderBy(f => f.Department).ThenBy(f => f.ProjectName).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var ids = list.Select(f => f.Id).ToArray();
        var latest = await db.MonitoringCheckpoints.AsNoTracking()
            .Where(c => ids.Contains(c.FilingId) && c.Date == db.MonitoringCheckpoints.Where(d => d.FilingId == c.FilingId).Max(d => d.Date))
            .ToDictionaryAsync(c => c.FilingId, cancellationToken);
        return [.. list.Select(f => (f, latest.GetValueOrDefault(f.Id)))];
    }

    /// <summary>
    /// Saves <paramref name="checkpoint"/> (its filing and date name it) as made from <paramref name="expectedVersion"/>
    /// — 0 for a new one — with <paramref name="audit"/>, in one transaction; the version and the dates are set here.
    /// False, with nothing written, when another checkpoint of that date was recorded meanwhile or the stored one is at
    /// another version (a conflict).
    /// </summary>
    public async Task<bool> SaveAsync(MonitoringCheckpointRecord checkpoint, int expectedVersion, AuditRecord audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(audit);
        var c = checkpoint;
        c.UpdatedBy = Cut(c.UpdatedBy);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (expectedVersion == 0)
        {
            c.Version = 1;
            c.CreatedBy = c.UpdatedBy;
            c.CreatedAt = c.UpdatedAt;
            db.MonitoringCheckpoints.Add(c);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (Reviews.ReviewStore.IsUniqueViolation(ex))
            {
                return false;
            }
        }
        else
        {
            var moved = await db.MonitoringCheckpoints.Where(x => x.FilingId == c.FilingId && x.Date == c.Date && x.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Version, expectedVersion + 1)
                    .SetProperty(x => x.Executed, c.Executed)
                    .SetProperty(x => x.Budget, c.Budget)
                    .SetProperty(x => x.Indicators, c.Indicators)
                    .SetProperty(x => x.Note, c.Note)
                    .SetProperty(x => x.UpdatedBy, c.UpdatedBy)
                    .SetProperty(x => x.UpdatedAt, c.UpdatedAt), cancellationToken);
            if (moved != 1)
            {
                return false;
            }

            c.Version = expectedVersion + 1;
        }

        db.AuditLog.Add(audit.ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private static string Cut(string s, int max = 100) => s.Length <= max ? s : s[..max];
}
