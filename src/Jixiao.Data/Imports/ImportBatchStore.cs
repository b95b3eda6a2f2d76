using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Data.Imports;

/// <summary>A department user's view of a batch: only the forms of their department.</summary>
public sealed record ScopedBatchCounts(int Forms, int Indicators, int Findings);

/// <summary>One import batch as a caller may see it: the row, and for a scoped caller the counts of their forms.</summary>
public sealed record ImportBatchView(ImportBatch Batch, ScopedBatchCounts? Scoped);

/// <summary>
/// The rows of import batches (导入批次): queued, started, failed, duplicate, and read back. The forms of a batch are
/// written and deleted by <see cref="FormWriter"/> only. Each state change that a user should be able to trace is
/// written with its audit entry in one transaction. Thread-safe: each call uses its own context.
/// </summary>
public sealed class ImportBatchStore
{
    /// <summary>The longest file name kept (the column's length).</summary>
    public const int FileNameLength = 500;

    /// <summary>The longest failure reason kept.</summary>
    public const int ErrorLength = 4000;

    private readonly JixiaoDatabase database;

    public ImportBatchStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>Records a file accepted for a later import as a queued batch and returns its id.</summary>
    public async Task<long> QueueAsync(string fileName, long sizeBytes, string? user, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var batch = new ImportBatch
        {
            FileName = Cut(fileName, FileNameLength),
            SizeBytes = sizeBytes,
            Status = ImportStatus.Queued,
            CreatedBy = user,
            CreatedAt = DateTime.UtcNow,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch.Id;
    }

    /// <summary>
    /// Marks a batch running (the queued one <paramref name="batchId"/>, or a new one named <paramref name="fileName"/>)
    /// and returns it. Throws <see cref="ArgumentException"/> when <paramref name="batchId"/> does not exist.
    /// </summary>
    public async Task<ImportBatch> StartAsync(long? batchId, string fileName, long? sizeBytes, string? user, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        ImportBatch? batch = null;
        if (batchId is { } id)
        {
            batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
                ?? throw new ArgumentException($"import batch {id} does not exist", nameof(batchId));
        }

        if (batch is null)
        {
            batch = new ImportBatch { FileName = Cut(fileName, FileNameLength), CreatedBy = user, CreatedAt = DateTime.UtcNow };
            db.ImportBatches.Add(batch);
        }

        batch.Status = ImportStatus.Running;
        batch.StartedAt = DateTime.UtcNow;
        batch.SizeBytes = sizeBytes ?? batch.SizeBytes;
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }

    /// <summary>
    /// Fails a batch: nothing of it is stored, <paramref name="message"/> says why (<c>file:line: what was expected</c>),
    /// and its counts are zero. Written with <paramref name="audit"/> in one transaction. The one way a batch fails.
    /// Forms the batch had committed (a SQLite import commits in steps) are removed in the same transaction. Only a
    /// queued or running batch is failed; false when the batch is not open (any more).
    /// </summary>
    public Task<bool> FailAsync(long batchId, string message, int line, string contentHash, AuditRecord? audit, CancellationToken cancellationToken = default) =>
        FailCoreAsync(batchId, message, line, contentHash, audit, abandonedOnly: false, cancellationToken);

    /// <summary>
    /// Fails a batch left open by an import that no longer runs, as <see cref="FailAsync"/> does; a batch whose import still runs in another application (PostgreSQL: its lease is held) is left alone, and
    /// false is returned. On SQLite the caller holds the import lock, so no import runs anywhere.
    /// </summary>
    public Task<bool> FailAbandonedAsync(long batchId, string message, string contentHash, AuditRecord? audit, CancellationToken cancellationToken = default) =>
        FailCoreAsync(batchId, message, 0, contentHash, audit, abandonedOnly: true, cancellationToken);

    private async Task<bool> FailCoreAsync(long batchId, string message, int line, string contentHash, AuditRecord? audit, bool abandonedOnly, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        if (abandonedOnly && db.Provider == DatabaseProvider.Postgres
            && await Sql.ScalarAsync(connection, transaction, "SELECT pg_try_advisory_xact_lock(@key)", cancellationToken, ("key", Sql.BatchLeaseKey(batchId))) is false)
        {
            return false;
        }

        var reason = Cut(message, ErrorLength);
        var failed = await db.ImportBatches.Where(b => b.Id == batchId && (b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.ErrorMessage, reason)
                .SetProperty(b => b.ErrorLine, line)
                .SetProperty(b => b.ContentHash, contentHash)
                .SetProperty(b => b.FormCount, 0)
                .SetProperty(b => b.IndicatorCount, 0)
                .SetProperty(b => b.FindingCount, 0)
                .SetProperty(b => b.FinishedAt, DateTime.UtcNow), cancellationToken);
        if (failed == 0)
        {
            return false;
        }

        if (await FormWriter.HasFormsAsync(connection, transaction, batchId, cancellationToken))
        {
            await FormWriter.RemoveFormsAsync(connection, transaction, batchId, cancellationToken);
        }

        if (audit is not null)
        {
            db.AuditLog.Add(audit.ToEntry());
            await db.SaveChangesAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        StoredFormChanges.Changed(); // the steps it had committed are gone
        return true;
    }

    /// <summary>Batches left queued or running (by a stop), oldest first.</summary>
    public async Task<IReadOnlyList<ImportBatch>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.ImportBatches.AsNoTracking()
            .Where(b => b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running)
            .OrderBy(b => b.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every batch, oldest first (a fresh database has none or a few).</summary>
    public async Task<IReadOnlyList<ImportBatch>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Import batches, newest first. A scoped caller (<paramref name="scope"/> not all) sees only the batches holding
    /// forms of their departments, each with the counts of those forms.
    /// </summary>
    public async Task<PagedResult<ImportBatchView>> ListAsync(int page = 1, int pageSize = 50, DepartmentScope? scope = null, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        if (scope?.DepartmentIds is not { } departments)
        {
            var total = await db.ImportBatches.LongCountAsync(cancellationToken);
            var items = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id)
                .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new PagedResult<ImportBatchView>([.. items.Select(b => new ImportBatchView(b, null))], total, page, pageSize);
        }

        if (departments.Length == 0)
        {
            return new PagedResult<ImportBatchView>([], 0, page, pageSize);
        }

        var batchIds = db.Forms.AsNoTracking()
            .Where(f => f.DepartmentId != null && departments.Contains(f.DepartmentId.Value))
            .Select(f => f.ImportBatchId)
            .Distinct();
        var scopedTotal = await batchIds.LongCountAsync(cancellationToken);
        var ids = await batchIds.OrderByDescending(x => x).Skip((page - 1) * pageSize).Take(pageSize).ToArrayAsync(cancellationToken);
        var batches = await db.ImportBatches.AsNoTracking().Where(b => ids.Contains(b.Id)).OrderByDescending(b => b.Id).ToListAsync(cancellationToken);
        var counts = await CountScopedAsync(db, departments, ids, cancellationToken);
        return new PagedResult<ImportBatchView>(
            [.. batches.Select(b => new ImportBatchView(b, counts.GetValueOrDefault(b.Id) ?? new ScopedBatchCounts(0, 0, 0)))],
            scopedTotal, page, pageSize);
    }

    /// <summary>One batch as <paramref name="scope"/> sees it; null when missing or (scoped) holding none of the caller's forms.</summary>
    public async Task<ImportBatchView?> GetAsync(long id, DepartmentScope? scope = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        if (scope?.DepartmentIds is not { } departments)
        {
            return new ImportBatchView(batch, null);
        }

        var counts = departments.Length == 0 ? null : (await CountScopedAsync(db, departments, [id], cancellationToken)).GetValueOrDefault(id);
        return counts is null ? null : new ImportBatchView(batch, counts);
    }

    private static async Task<Dictionary<long, ScopedBatchCounts?>> CountScopedAsync(JixiaoDbContext db, long[] departments, long[] batchIds, CancellationToken cancellationToken)
    {
        var rows = await db.Forms.AsNoTracking()
            .Where(f => f.DepartmentId != null && departments.Contains(f.DepartmentId.Value) && batchIds.Contains(f.ImportBatchId))
            .GroupBy(f => f.ImportBatchId)
            .Select(g => new { g.Key, Forms = g.Count(), Indicators = g.Sum(f => f.IndicatorCount), Findings = g.Sum(f => f.ErrorCount + f.WarningCount + f.InfoCount) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => (ScopedBatchCounts?)new ScopedBatchCounts(r.Forms, r.Indicators, r.Findings));
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
