using System.Data.Common;
using Jixiao.Core.Forms;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Data.Rechecks;

/// <summary>A stored form as the re-check reads it: its records as stored and its model rebuilt from them.</summary>
/// <param name="Record">The form's row.</param>
/// <param name="Indicators">Its indicator rows, in position order.</param>
/// <param name="Findings">Its findings of the checks of one form (not those across forms), in position order.</param>
/// <param name="Form">The model (<see cref="FormMapper.ToForm"/>): the numbers at their printed precision.</param>
public sealed record StoredForm(FormRecord Record, IReadOnlyList<IndicatorRecord> Indicators, IReadOnlyList<FindingRecord> Findings, PerformanceForm Form);

/// <summary>How a request to start a re-check ended.</summary>
/// <param name="Job">The job recorded, or the one already open.</param>
/// <param name="Created">False when a re-check was queued or running already (<paramref name="Job"/> is that one).</param>
public sealed record RecheckStart(RecheckJob Job, bool Created);

/// <summary>
/// The re-checks of the stored forms as stored (重新核查): the job rows, the checks version the stored findings were
/// made with (<c>storage_state</c>, key <see cref="VersionKey"/>), the lease that lets one process run a job at a time,
/// and the stored forms read back in steps. A step's writes go through <see cref="FormWriter.WriteRecheckAsync"/>, the
/// door of every form write. Each state change writes its audit entry in its transaction. Thread-safe.
/// </summary>
public sealed class RecheckStore
{
    /// <summary>The key of the stored checks version in <c>storage_state</c>.</summary>
    public const string VersionKey = "checks_version";

    /// <summary>The longest error kept on a job.</summary>
    public const int ErrorLength = 2000;

    private readonly JixiaoDatabase database;

    public RecheckStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>The checks version the stored forms were checked with; null when none was recorded (a database older than the record).</summary>
    public async Task<string?> StoredVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.StorageState.AsNoTracking().Where(s => s.Key == VersionKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>True when some form is stored.</summary>
    public async Task<bool> AnyFormsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Forms.AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="version"/> as the stored checks version when no form is stored (a new database, or one
    /// whose forms were all deleted: whatever is imported next is checked by this code, nothing needs a re-check); true
    /// when the stored version is <paramref name="version"/> afterwards. Called at every start (<see cref="JixiaoDatabase.MigrateAsync"/>).
    /// </summary>
    public Task<bool> RecordVersionIfNoFormsAsync(string version, CancellationToken cancellationToken = default) => EnsureVersionAsync(database, version, cancellationToken);

    internal static async Task<bool> EnsureVersionAsync(JixiaoDatabase database, string version, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        Task<bool> CurrentAsync() => db.StorageState.AnyAsync(s => s.Key == VersionKey && s.Value == version, cancellationToken);
        if (await CurrentAsync())
        {
            return true;
        }

        if (await db.Forms.AnyAsync(cancellationToken))
        {
            return false;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var empty = !await db.Forms.AnyAsync(cancellationToken);
        if (empty && !await CurrentAsync())
        {
            await WriteVersionAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), version, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return empty;
    }

    private static async Task WriteVersionAsync(DbConnection connection, DbTransaction transaction, string version, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM storage_state WHERE key = @key", cancellationToken, ("key", VersionKey));
        await Sql.ExecuteAsync(connection, transaction, "INSERT INTO storage_state (key, value) VALUES (@key, @value)", cancellationToken, ("key", VersionKey), ("value", version));
    }

    /// <summary>One job, or null.</summary>
    public async Task<RecheckJob?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.RecheckJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    /// <summary>The oldest job queued or running, or null.</summary>
    public async Task<RecheckJob?> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await Open(db).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The newest job for <paramref name="version"/>, or null.</summary>
    public async Task<RecheckJob?> LatestForAsync(string version, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.RecheckJobs.AsNoTracking().Where(j => j.ChecksVersion == version).OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Jobs, newest first.</summary>
    public async Task<PagedResult<RecheckJob>> ListAsync(int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        var total = await db.RecheckJobs.LongCountAsync(cancellationToken);
        var items = await db.RecheckJobs.AsNoTracking().OrderByDescending(j => j.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<RecheckJob>(items, total, page, pageSize);
    }

    /// <summary>The advisory lock key (PostgreSQL) by which the creations of jobs take turns (not the lease's: the lease holder creates jobs too).</summary>
    private const long JobsLockKey = 0x4A69_7869_616F_524A; // "JixiaoRJ"

    private static IQueryable<RecheckJob> Open(JixiaoDbContext db) =>
        db.RecheckJobs.AsNoTracking().Where(j => j.State == RecheckState.Queued || j.State == RecheckState.Running).OrderBy(j => j.Id);

    /// <summary>
    /// Records a new job for <paramref name="version"/> — the forms stored now (up to the highest id) — with the audit
    /// entry <paramref name="audit"/> makes of it, in one transaction; or, when a job is queued or running already,
    /// returns that one and records nothing (one re-check at a time).
    /// </summary>
    public async Task<RecheckStart> CreateAsync(RecheckTrigger trigger, string startedBy, string version, Func<RecheckJob, AuditRecord> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockJobsAsync(db, tx, cancellationToken);
        if (await Open(db).FirstOrDefaultAsync(cancellationToken) is { } open)
        {
            return new RecheckStart(open, false);
        }

        var through = await db.Forms.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0;
        var job = new RecheckJob
        {
            State = RecheckState.Queued,
            Trigger = trigger,
            ChecksVersion = version.Length > 40 ? version[..40] : version,
            PreviousVersion = await db.StorageState.Where(s => s.Key == VersionKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken),
            StartedBy = string.IsNullOrWhiteSpace(startedBy) ? "system" : (startedBy.Length > 100 ? startedBy[..100] : startedBy),
            CreatedAt = DateTime.UtcNow,
            Total = await db.Forms.CountAsync(f => f.Id <= through, cancellationToken),
            ThroughFormId = through,
        };
        db.RecheckJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditLog.Add(audit(job).ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new RecheckStart(job, true);
    }

    /// <summary>Makes the creations of jobs take turns (PostgreSQL: an advisory lock to the end of the transaction; SQLite's writers take turns anyway).</summary>
    private static async Task LockJobsAsync(JixiaoDbContext db, IDbContextTransaction tx, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await Sql.ExecuteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", JobsLockKey));
        }
    }

    /// <summary>
    /// Marks job <paramref name="id"/> running from now on (its current run: the rate is counted from here); false when
    /// it is not queued or running any more.
    /// </summary>
    public async Task<bool> BeginRunAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        return await db.RecheckJobs.Where(j => j.Id == id && (j.State == RecheckState.Queued || j.State == RecheckState.Running) && j.CancelRequestedBy == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, RecheckState.Running)
                .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                .SetProperty(j => j.RunStartedAt, now)
                .SetProperty(j => j.RunStartDone, j => j.Done)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Asks job <paramref name="id"/> to stop (its worker stops after the current step); false when it is not queued
    /// or running. A cancellation asked for already stays with the first who asked.
    /// </summary>
    public async Task<bool> RequestCancelAsync(long id, string user, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var who = string.IsNullOrWhiteSpace(user) ? "system" : (user.Length > 100 ? user[..100] : user);
        return await db.RecheckJobs.Where(j => j.Id == id && (j.State == RecheckState.Queued || j.State == RecheckState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequestedBy, j => j.CancelRequestedBy ?? who), cancellationToken) == 1;
    }

    /// <summary>
    /// Ends job <paramref name="id"/> in <paramref name="state"/> (succeeded, failed or cancelled) with
    /// <paramref name="error"/>, and its audit entry, in one transaction; a succeeded job records its checks version as
    /// the stored one. False (nothing written) when the job was not open any more.
    /// </summary>
    public async Task<bool> FinishAsync(long id, RecheckState state, string? error, Func<RecheckJob, AuditRecord> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (state is RecheckState.Queued or RecheckState.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "a job ends succeeded, failed or cancelled");
        }

        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var reason = error is null || error.Length <= ErrorLength ? error : error[..ErrorLength];
        var ended = await db.RecheckJobs.Where(j => j.Id == id && (j.State == RecheckState.Queued || j.State == RecheckState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.Error, reason), cancellationToken);
        if (ended == 0)
        {
            return false;
        }

        var job = await db.RecheckJobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
        if (state == RecheckState.Succeeded)
        {
            await WriteVersionAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), job.ChecksVersion, cancellationToken);
        }

        db.AuditLog.Add(audit(job).ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The lease of the one process that runs re-checks (dispose to release), or null when another process holds it:
    /// on SQLite a lock on the file <c>jixiao.db-recheck</c> beside the database, on PostgreSQL a session advisory lock
    /// on a connection kept open for the run. The operating system or the server releases the lease of a process that dies.
    /// </summary>
    public Task<RecheckLease?> TryLeaseAsync(CancellationToken cancellationToken = default) => RecheckLease.TryTakeAsync(database, cancellationToken);

    /// <summary>
    /// The stored forms after id <paramref name="after"/> up to <paramref name="through"/>, at most
    /// <paramref name="count"/>, in id order, each with its records and its model. Reads only (no lock held).
    /// </summary>
    public async Task<IReadOnlyList<StoredForm>> ReadAsync(long after, long through, int count, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var forms = await db.Forms.AsNoTracking().Where(f => f.Id > after && f.Id <= through).OrderBy(f => f.Id).Take(count).ToListAsync(cancellationToken);
        if (forms.Count == 0)
        {
            return [];
        }

        var last = forms[^1].Id;
        var indicators = (await db.Indicators.AsNoTracking().Where(i => i.FormId > after && i.FormId <= last)
            .OrderBy(i => i.FormId).ThenBy(i => i.Position).ToListAsync(cancellationToken)).ToLookup(i => i.FormId);
        var findings = (await db.Findings.AsNoTracking().Where(x => x.FormId > after && x.FormId <= last && x.RelatedFormId == null)
            .OrderBy(x => x.FormId).ThenBy(x => x.Position).ToListAsync(cancellationToken)).ToLookup(x => x.FormId);
        var goals = await db.FormGoals.AsNoTracking().Where(g => g.FormId > after && g.FormId <= last).ToDictionaryAsync(g => g.FormId, cancellationToken);
        var result = new List<StoredForm>(forms.Count);
        foreach (var r in forms)
        {
            var rows = indicators[r.Id].ToList();
            result.Add(new StoredForm(r, rows, [.. findings[r.Id]], FormMapper.ToForm(r, rows, goals.GetValueOrDefault(r.Id))));
        }

        return result;
    }
}

/// <summary>The lease of the process that runs re-checks (<see cref="RecheckStore.TryLeaseAsync"/>); dispose to release it.</summary>
public sealed class RecheckLease : IAsyncDisposable
{
    /// <summary>The advisory lock key of the lease (PostgreSQL).</summary>
    internal const long Key = 0x4A69_7869_616F_5263; // "JixiaoRc"

    private readonly ImportLock? file;
    private readonly DbConnection? connection;

    private RecheckLease(ImportLock? file, DbConnection? connection)
    {
        this.file = file;
        this.connection = connection;
    }

    internal static async Task<RecheckLease?> TryTakeAsync(JixiaoDatabase database, CancellationToken cancellationToken)
    {
        if (database.SqlitePath is { } path)
        {
            return ImportLock.TryAcquire(path + "-recheck") is { } taken ? new RecheckLease(taken, null) : null;
        }

        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await Sql.ScalarAsync(connection, null, "SELECT pg_try_advisory_lock(@key)", cancellationToken, ("key", Key)) is true)
            {
                return new RecheckLease(null, connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            await file.DisposeAsync();
        }

        if (connection is not null)
        {
            try
            {
                await Sql.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", Key));
            }
            catch (DbException)
            {
                // the connection is gone: the server released the lock with it
            }

            await connection.DisposeAsync();
        }
    }
}
