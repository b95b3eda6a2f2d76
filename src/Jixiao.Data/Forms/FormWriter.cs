using System.Data;
using System.Data.Common;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Data.Forms;

/// <summary>How a deletion of an import batch ended.</summary>
public enum BatchDeletion
{
    /// <summary>The batch and its forms are gone, the stored totals and search tables follow, the audit entry is written.</summary>
    Deleted,

    /// <summary>No such batch (or another deletion removed it first).</summary>
    NotFound,

    /// <summary>The batch is queued or running: it can be deleted when it is done.</summary>
    Busy,
}

/// <summary>
/// THE door through which forms are written (表单写入): every insert and delete of a form goes through here, and with it
/// every table derived from the forms — the search text and its indexes (the SQLite character index, the PostgreSQL
/// character-pair lists), the stored portfolio totals, the organisation tree — in the same transaction, together with
/// the audit entry of the change. A writer that bypassed it would leave the totals or the search wrong; nothing else
/// in the code base writes the form tables. Thread-safe: each call opens its own connection.
/// </summary>
public sealed class FormWriter
{
    private readonly JixiaoDatabase database;
    private readonly Lazy<FormTables> tables;

    public FormWriter(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        tables = new Lazy<FormTables>(() =>
        {
            using var db = database.CreateContext();
            return new FormTables(db.Model);
        });
    }

    /// <summary>The database the forms are written to.</summary>
    public JixiaoDatabase Database => database;

    /// <summary>For tests: runs inside a deletion once its batch and content are locked, before anything is deleted.</summary>
    internal Func<Task>? AfterDeletionLocked { get; init; }

    /// <summary>
    /// Takes the import lock for the whole of one import (dispose to release): on SQLite one import at a time, across
    /// processes (<see cref="ImportLock"/>) — an import commits its forms in steps there and keeps other imports out
    /// between them; on PostgreSQL nothing.
    /// </summary>
    public async Task<IAsyncDisposable> LockImportsAsync(CancellationToken cancellationToken = default) => await database.LockImportsAsync(cancellationToken);

    /// <summary>
    /// Opens the transaction that stores the forms of import batch <paramref name="batchId"/>: on SQLite it takes the
    /// write lock at once (BEGIN IMMEDIATE), so a deletion in progress ends first; on PostgreSQL it takes the batch's
    /// lease (an advisory lock held to its end), by which a restart of another application tells a running import
    /// from an abandoned one. Dispose the session to roll back whatever was not committed.
    /// </summary>
    public async Task<FormBatchSession> BeginBatchAsync(long batchId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            if (connection is not SqliteConnection)
            {
                await Sql.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", Sql.BatchLeaseKey(batchId)));
            }

            var organisations = await OrganisationDirectory.LoadAsync(connection, transaction, cancellationToken);
            await transaction.SaveAsync(FormBatchSession.FormsSavepoint, cancellationToken);
            return new FormBatchSession(connection, transaction, tables.Value, batchId, organisations, database.Writers);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Deletes an import batch with all its forms (indicators, findings, goals, search text and indexes) and subtracts
    /// them from the stored totals, writing <paramref name="audit"/> in the same transaction. Guarded: of concurrent
    /// deletions of one batch exactly one deletes it; the others find it gone. A queued or running batch is not touched.
    /// </summary>
    public async Task<BatchDeletion> DeleteBatchAsync(long batchId, AuditRecord audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();

        // the guard: the batch row is locked (PostgreSQL) or the write lock held (SQLite) before anything is read, so a
        // second deletion waits here and then finds no row; an import of the same content waits for the content's lock
        var locked = await db.ImportBatches
            .Where(b => b.Id == batchId && b.Status != ImportStatus.Queued && b.Status != ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, b => b.Status), cancellationToken);
        if (locked == 0)
        {
            var status = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => (ImportStatus?)b.Status).FirstOrDefaultAsync(cancellationToken);
            return status is null ? BatchDeletion.NotFound : BatchDeletion.Busy;
        }

        var hash = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.ContentHash).FirstAsync(cancellationToken);
        await Sql.LockContentAsync(connection, transaction, hash, cancellationToken);
        if (AfterDeletionLocked is { } hook)
        {
            await hook();
        }

        await RemoveFormsAsync(connection, transaction, batchId, cancellationToken);
        await db.ImportBatches.Where(b => b.Id == batchId).ExecuteDeleteAsync(cancellationToken);
        db.AuditLog.Add(audit.ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        StoredFormChanges.Changed();
        return BatchDeletion.Deleted;
    }

    /// <summary>
    /// Writes one step of a re-check of the stored forms (<see cref="Rechecks.RecheckStore"/>) in one short transaction:
    /// the changed forms' recomputed values and findings of the checks of one form are replaced (their findings across
    /// forms stay), the stored totals follow, and the job row moves on to <see cref="RecheckStep.Last"/>. False, with
    /// nothing written, when the job no longer stands where the step began (cancelled, ended, or moved on by another
    /// process). On SQLite the writes of the application that wait for the lock go first afterwards.
    /// </summary>
    public async Task<bool> WriteRecheckAsync(RecheckStep step, CancellationToken cancellationToken = default)
    {
        var written = await RecheckWrites.WriteAsync(database, tables.Value, step, cancellationToken);
        if (database.Writers is { } writers)
        {
            await writers.YieldAsync(cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Writes one form as the only form of the running import batch <paramref name="batchId"/>, in one transaction:
    /// the form with its search text and indexes, the stored totals, the batch row (succeeded) and
    /// <paramref name="audit"/>, and — before the commit — <paramref name="alongside"/>, the caller's own rows that
    /// name the new form (its id is given), such as the filing a publication links. When <paramref name="alongside"/>
    /// returns false nothing is written and null is returned: the batch stays running, for the caller to fail it.
    /// The caller holds the import lock (<see cref="LockImportsAsync"/>) from before it started the batch, as an import
    /// does. Returns the new form's id.
    /// </summary>
    internal async Task<long?> WriteOneAsync(
        long batchId,
        PerformanceForm form,
        CheckResult result,
        string ruleSet,
        DateTime at,
        AuditRecord audit,
        Func<DbConnection, DbTransaction, long, CancellationToken, Task<bool>> alongside,
        CancellationToken cancellationToken)
    {
        await using var session = await BeginBatchAsync(batchId, cancellationToken);
        var chunk = FormBatchSession.NewChunk(1);
        var contentHash = session.Add(chunk, form, result, ruleSet, at);
        session.Seal(chunk);
        var formId = await session.WriteWholeAsync(chunk, cancellationToken);
        if (!await session.InTransactionAsync(alongside, formId, cancellationToken))
        {
            await session.RollbackAsync();
            return null;
        }

        // the batch's content: the SHA-256 of its one form's hash, as for forms imported from elsewhere
        var batchHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(contentHash)));
        await session.CommitAsync(new BatchTotals(batchHash, 0, 1, chunk.Indicators, chunk.Findings, 0), audit, cancellationToken);
        return formId;
    }

    /// <summary>
    /// Removes every form a batch has stored — with its indicators, findings, goals, search text and indexes, and the
    /// findings across forms that name it — and subtracts them from the stored totals, in the caller's transaction; the
    /// batch row stays. The deletion of a batch, and the failing of one that had committed forms (a SQLite import
    /// commits in steps), both end here.
    /// </summary>
    internal static async Task RemoveFormsAsync(DbConnection connection, DbTransaction transaction, long batchId, CancellationToken cancellationToken)
    {
        await CrossFormChecks.RemoveForBatchAsync(connection, transaction, batchId, cancellationToken);
        await PortfolioCube.ApplyBatchAsync(connection, transaction, batchId, -1, cancellationToken);
        if (connection is SqliteConnection)
        {
            await SqliteSearchIndex.DeleteBatchAsync(connection, transaction, batchId, cancellationToken);
        }

        foreach (var table in FormTables.Children)
        {
            await Sql.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE form_id IN (SELECT id FROM forms WHERE import_batch_id = @batch)", cancellationToken, ("batch", batchId));
        }

        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM forms WHERE import_batch_id = @batch", cancellationToken, ("batch", batchId));
    }

    /// <summary>True when a batch has stored forms (a SQLite import that failed after committing some of its steps).</summary>
    internal static async Task<bool> HasFormsAsync(DbConnection connection, DbTransaction transaction, long batchId, CancellationToken cancellationToken) =>
        await Sql.ScalarAsync(connection, transaction, "SELECT 1 FROM forms WHERE import_batch_id = @batch LIMIT 1", cancellationToken, ("batch", batchId)) is not null;
}

/// <summary>The tables an import writes, as the EF model maps them.</summary>
internal sealed class FormTables(Microsoft.EntityFrameworkCore.Metadata.IModel model)
{
    public BulkTable Forms { get; } = BulkTable.For<FormRecord>(model);

    public BulkTable Indicators { get; } = BulkTable.For<IndicatorRecord>(model);

    public BulkTable Findings { get; } = BulkTable.For<FindingRecord>(model);

    public BulkTable Goals { get; } = BulkTable.For<FormGoalsRecord>(model);

    public BulkTable Search { get; } = BulkTable.For<FormSearchRecord>(model);

    public BulkTable Grams { get; } = BulkTable.For<SearchGramRecord>(model);

    public BulkTable Organisations { get; } = BulkTable.For<Organisation>(model);

    /// <summary>The tables of a form's parts, keyed by <c>form_id</c>, in the order they are emptied before the forms.</summary>
    public static IReadOnlyList<string> Children { get; } = ["form_search", "form_goals", "indicators", "findings"];
}

/// <summary>
/// Forms prepared for writing by <see cref="FormBatchSession.Add"/>: their records, search texts and the new
/// organisations they name. Prepared on one thread and written on another.
/// </summary>
public sealed class FormChunk
{
    internal FormChunk(int capacity)
    {
        Forms = new List<FormRecord>(capacity);
        Search = new List<string>(capacity);
    }

    internal List<FormRecord> Forms { get; }

    /// <summary>The search text of each form, in the same order.</summary>
    internal List<string> Search { get; }

    internal List<Organisation> NewOrganisations { get; set; } = [];

    /// <summary>Forms in the chunk.</summary>
    public int Count => Forms.Count;

    /// <summary>Indicators of the chunk's forms.</summary>
    public int Indicators { get; private set; }

    /// <summary>Findings of the chunk's forms.</summary>
    public int Findings { get; private set; }

    /// <summary>
    /// The forms <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as a chunk of their
    /// own; the first part takes the new organisations, which its forms or later ones name.
    /// </summary>
    internal FormChunk Slice(int start, int count)
    {
        if (start == 0 && count == Forms.Count)
        {
            return this;
        }

        var part = new FormChunk(count);
        part.Forms.AddRange(Forms.GetRange(start, count));
        part.Search.AddRange(Search.GetRange(start, count));
        part.NewOrganisations = start == 0 ? NewOrganisations : [];
        return part;
    }

    internal void Counted(FormRecord record)
    {
        Indicators += record.Indicators.Count;
        Findings += record.Findings.Count;
    }
}

/// <summary>What a committed batch holds, for its row.</summary>
public sealed record BatchTotals(string ContentHash, long SizeBytes, int Forms, int Indicators, int Findings, int Diagnostics);

/// <summary>
/// One import batch's transaction (<see cref="FormWriter.BeginBatchAsync"/>): forms are prepared in chunks (mapped to
/// records, organisations resolved) by one thread and written by another with the provider's bulk path (binary COPY,
/// a prepared INSERT); the search tables grow with them; <see cref="CommitAsync"/> adds the batch to the stored
/// totals, completes the batch row and writes the audit entry, all in the same transaction. Disposing rolls back.
/// </summary>
/// <remarks>
/// On SQLite, whose one write lock a transaction holds to its end, a long import would keep every sign-in and upload
/// waiting for its whole length. There the session commits in steps instead (<see cref="StepForms"/>, <see cref="StepTime"/>): each step
/// commits the forms written since the last one together with their stored totals, gives way to the writes of the
/// application waiting for the lock (<see cref="SqliteWriters"/>), and goes on in a new transaction. The forms of a
/// running import thus appear as they are stored; an import that fails afterwards has them removed when its batch is
/// failed (<see cref="Imports.ImportBatchStore.FailAsync"/>), and a duplicate found at the end removes them itself.
/// Other imports wait for the whole import (<see cref="FormWriter.LockImportsAsync"/>).
/// </remarks>
public sealed class FormBatchSession : IAsyncDisposable
{
    /// <summary>The savepoint before the first form: a duplicate found at the end rolls back to it.</summary>
    internal const string FormsSavepoint = "forms";

    /// <summary>
    /// How long a SQLite step holds the write lock at most when no write of the application waits (it commits sooner,
    /// after the part being written, when one does).
    /// </summary>
    internal static readonly TimeSpan StepTime = TimeSpan.FromSeconds(1);

    /// <summary>Forms written between two chances of a SQLite step to commit (a few tens of milliseconds of writing).</summary>
    internal const int StepForms = 100;

    private readonly DbConnection connection;
    private DbTransaction transaction;
    private readonly FormTables tables;
    private readonly long batchId;
    private readonly OrganisationDirectory organisations;
    private readonly FormMapper mapper = new();
    private readonly Dictionary<long, long> realIds = [];
    private readonly SearchGrams.Collector? grams;
    private BulkWriter? writer;
    private SqliteCommand? searchIndex;
    private bool done;

    // steps (SQLite): the writers to give way to, the last form id whose totals are committed, the last form id written
    private readonly SqliteWriters? writers;
    private long committedThrough;
    private long writtenThrough;
    private long stepStarted = System.Diagnostics.Stopwatch.GetTimestamp();

    internal FormBatchSession(DbConnection connection, DbTransaction transaction, FormTables tables, long batchId, OrganisationDirectory organisations, SqliteWriters? writers)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.tables = tables;
        this.batchId = batchId;
        this.organisations = organisations;
        this.writers = connection is SqliteConnection ? writers : null;
        grams = connection is SqliteConnection ? null : new SearchGrams.Collector(batchId);
    }

    /// <summary>True once a step has committed forms of the batch (SQLite): rolling back no longer removes them.</summary>
    public bool HasCommittedForms => committedThrough > 0;

    /// <summary>The batch this session writes.</summary>
    public long BatchId => batchId;

    /// <summary>A new, empty chunk.</summary>
    public static FormChunk NewChunk(int capacity) => new(capacity);

    /// <summary>
    /// Maps one scored and checked form into <paramref name="chunk"/>; <paramref name="ruleSet"/> names the rule set that
    /// scored it. Called by the one thread that reads the forms. Returns the form's content hash (hex SHA-256).
    /// </summary>
    public string Add(FormChunk chunk, PerformanceForm form, CheckResult result, string ruleSet, DateTime importedAt)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(result);
        var record = mapper.ToRecord(form, result, batchId, importedAt);
        record.RuleSet = ruleSet.Length > 60 ? ruleSet[..60] : ruleSet;
        (record.DepartmentId, record.UnitId) = organisations.Resolve(form.Department, form.ImplementingUnit);
        chunk.Forms.Add(record);
        chunk.Search.Add(FormMapper.SearchText(record));
        chunk.Counted(record);
        return record.ContentHash;
    }

    /// <summary>Closes a chunk for writing: it takes the organisations first named by its forms. Same thread as <see cref="Add"/>.</summary>
    public void Seal(FormChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        chunk.NewOrganisations = organisations.TakePending();
    }

    /// <summary>
    /// Another batch that already holds <paramref name="contentHash"/>, or null. Takes the content's lock first, so an
    /// import of the same content or a deletion of the batch holding it finishes before the answer (until commit).
    /// </summary>
    public async Task<long?> FindDuplicateAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await Sql.LockContentAsync(connection, transaction, contentHash, cancellationToken);
        var id = await Sql.ScalarAsync(connection, transaction,
            "SELECT id FROM import_batches WHERE content_hash = @hash AND status = @status AND id <> @self ORDER BY id LIMIT 1",
            cancellationToken, ("hash", contentHash), ("status", (int)ImportStatus.Succeeded), ("self", batchId));
        return id is null ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes a sealed chunk (ids assigned here). On SQLite in parts of <see cref="StepForms"/> forms, each followed by
    /// a step when a write of the application waits for the lock (or the step is old): the wait is a part, not a chunk.
    /// </summary>
    public async Task WriteAsync(FormChunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (writers is null)
        {
            await WritePartAsync(chunk, cancellationToken);
            return;
        }

        for (var start = 0; start < chunk.Count; start += StepForms)
        {
            await WritePartAsync(chunk.Slice(start, Math.Min(StepForms, chunk.Count - start)), cancellationToken);
            if (writers.AnyWaiting || System.Diagnostics.Stopwatch.GetElapsedTime(stepStarted) >= StepTime)
            {
                await StepAsync(cancellationToken);
            }
        }
    }

    private async Task WritePartAsync(FormChunk chunk, CancellationToken cancellationToken)
    {
        writer ??= BulkWriter.Create(connection, transaction);
        if (connection is SqliteConnection sqlite)
        {
            searchIndex ??= SqliteSearchIndex.CreateInsert(sqlite, (SqliteTransaction)transaction);
        }

        var t = tables;
        if (chunk.NewOrganisations.Count > 0)
        {
            // Another import may have stored the same new names since this one loaded the tree (PostgreSQL: imports
            // run side by side). The organisations' lock makes such imports take turns from here to their commit;
            // names another import stored meanwhile are then found and used, not inserted twice.
            await Sql.LockOrganisationsAsync(connection, transaction, cancellationToken);
            var stored = await OrganisationDirectory.FindAsync(connection, transaction, chunk.NewOrganisations.Select(o => o.Path), cancellationToken);
            var fresh = new List<Organisation>(chunk.NewOrganisations.Count);
            foreach (var o in chunk.NewOrganisations)
            {
                if (stored.TryGetValue(o.Path, out var existing))
                {
                    realIds[o.Id] = existing;
                }
                else
                {
                    fresh.Add(o);
                }
            }

            var ids = fresh.Count == 0 ? [] : await writer.ReserveIdsAsync(t.Organisations.Name, fresh.Count, cancellationToken);
            for (var i = 0; i < ids.Length; i++)
            {
                var o = fresh[i];
                realIds[o.Id] = ids[i];
                o.Id = ids[i];
                if (o.ParentId is { } p && p < 0)
                {
                    o.ParentId = realIds[p];
                }
            }

            await writer.WriteAsync(t.Organisations, fresh, cancellationToken);
        }

        var forms = chunk.Forms;
        var formIds = await writer.ReserveIdsAsync(t.Forms.Name, forms.Count, cancellationToken);
        var indicators = new List<IndicatorRecord>(forms.Count * 12);
        var findings = new List<FindingRecord>(forms.Count * 4);
        var goals = new List<FormGoalsRecord>(forms.Count);
        var search = new List<FormSearchRecord>(forms.Count);
        for (var i = 0; i < forms.Count; i++)
        {
            var f = forms[i];
            f.Id = formIds[i];
            if (f.DepartmentId is { } d && d < 0)
            {
                f.DepartmentId = realIds[d];
            }

            if (f.UnitId is { } u && u < 0)
            {
                f.UnitId = realIds[u];
            }

            foreach (var ind in f.Indicators)
            {
                ind.FormId = f.Id;
                indicators.Add(ind);
            }

            foreach (var finding in f.Findings)
            {
                finding.FormId = f.Id;
                findings.Add(finding);
            }

            if (f.Goals is { } g)
            {
                g.FormId = f.Id;
                goals.Add(g);
            }

            search.Add(new FormSearchRecord { FormId = f.Id, Text = chunk.Search[i] });
        }

        await writer.WriteAsync(t.Forms, forms, cancellationToken);
        await writer.WriteAsync(t.Goals, goals, cancellationToken);
        await writer.WriteAsync(t.Search, search, cancellationToken);
        if (searchIndex is not null)
        {
            foreach (var row in search)
            {
                SqliteSearchIndex.Insert(searchIndex, row.FormId, row.Text);
            }
        }

        await writer.WriteAsync(t.Indicators, indicators, cancellationToken);
        await writer.WriteAsync(t.Findings, findings, cancellationToken);
        if (formIds.Length > 0)
        {
            writtenThrough = formIds[^1];
        }

        if (grams is not null)
        {
            for (var i = 0; i < forms.Count; i++)
            {
                grams.Add(forms[i].Id, forms[i].Year, chunk.Search[i]);
            }

            if (grams.Forms >= SearchGrams.PartForms)
            {
                await writer.WriteAsync(t.Grams, grams.TakeRows(), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes a sealed chunk at once, without the steps of a SQLite import (a handful of forms that must commit with
    /// the caller's own rows); returns the id of its last form.
    /// </summary>
    internal async Task<long> WriteWholeAsync(FormChunk chunk, CancellationToken cancellationToken)
    {
        await WritePartAsync(chunk, cancellationToken);
        return writtenThrough;
    }

    /// <summary>Runs <paramref name="work"/> in the session's transaction with <paramref name="formId"/>.</summary>
    internal Task<bool> InTransactionAsync(Func<DbConnection, DbTransaction, long, CancellationToken, Task<bool>> work, long formId, CancellationToken cancellationToken) =>
        work(connection, transaction, formId, cancellationToken);

    /// <summary>
    /// Commits the forms written so far with their stored totals (a SQLite step), lets the writes of the application
    /// that wait for the lock go first, and goes on in a new transaction. Fails when the batch is no longer running:
    /// another start of the application took it for abandoned and failed it.
    /// </summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        await EnsureRunningAsync(cancellationToken);
        await PortfolioCube.AddBatchStepAsync(connection, transaction, batchId, committedThrough, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        StoredFormChanges.Changed();
        committedThrough = writtenThrough;
        await transaction.DisposeAsync();
        await writers!.YieldAsync(cancellationToken);
        transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        writer?.Continue(transaction);
        if (searchIndex is not null)
        {
            searchIndex.Transaction = (SqliteTransaction)transaction;
        }

        stepStarted = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Takes the batch row (its lock) and checks that the batch is still running; throws <see cref="BatchAbandonedException"/> if not.</summary>
    private async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var running = await Sql.ExecuteAsync(connection, transaction, "UPDATE import_batches SET status = status WHERE id = @id AND status = @running",
            cancellationToken, ("id", batchId), ("running", (int)ImportStatus.Running));
        if (running == 0)
        {
            throw new BatchAbandonedException(batchId);
        }
    }

    /// <summary>
    /// Completes the batch: the rest of the character-pair lists, the stored totals, the batch row (succeeded, with its
    /// counts and content hash) and <paramref name="audit"/>, then commits.
    /// </summary>
    public async Task CommitAsync(BatchTotals totals, AuditRecord audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(audit);
        writer ??= BulkWriter.Create(connection, transaction);
        if (grams is { Forms: > 0 })
        {
            await writer.WriteAsync(tables.Grams, grams.TakeRows(), cancellationToken);
        }

        // the stored portfolio totals take the batch (or its last step) in the same transaction: they never count a
        // form that is not there
        await EnsureRunningAsync(cancellationToken);
        await PortfolioCube.AddBatchStepAsync(connection, transaction, batchId, committedThrough, cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE import_batches SET status = @status, content_hash = @hash, size_bytes = @size, form_count = @forms,
                indicator_count = @indicators, finding_count = @findings, diagnostic_count = @diagnostics,
                finished_at = @finished, error_message = NULL, error_line = NULL
            WHERE id = @id
            """, cancellationToken,
            ("status", (int)ImportStatus.Succeeded), ("hash", totals.ContentHash), ("size", totals.SizeBytes), ("forms", totals.Forms),
            ("indicators", totals.Indicators), ("findings", totals.Findings), ("diagnostics", totals.Diagnostics),
            ("finished", DateTime.UtcNow), ("id", batchId));
        await AuditLog.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        StoredFormChanges.Changed();
        done = true;
    }

    /// <summary>
    /// The batches that already hold every form of this batch (a file stored before in another encoding or with
    /// other line ends: other bytes, the same forms), oldest first, at most five; empty when a form of this batch is
    /// stored nowhere else. Compares the forms' content hashes (indexed); takes the lock of
    /// <paramref name="formsHash"/> (the hash of the set of the forms) first, so two imports of the same forms at the
    /// same moment give one outcome.
    /// </summary>
    public async Task<IReadOnlyList<long>> FindSameFormsAsync(string formsHash, CancellationToken cancellationToken = default)
    {
        await Sql.LockContentAsync(connection, transaction, formsHash, cancellationToken);
        var parameters = new (string, object?)[] { ("self", batchId), ("succeeded", (int)ImportStatus.Succeeded) };
        var unmatched = await Sql.ScalarAsync(connection, transaction, """
            SELECT 1 FROM forms f
            WHERE f.import_batch_id = @self AND NOT EXISTS (
                SELECT 1 FROM forms g JOIN import_batches b ON b.id = g.import_batch_id
                WHERE g.content_hash = f.content_hash AND g.import_batch_id <> @self AND b.status = @succeeded)
            LIMIT 1
            """, cancellationToken, parameters);
        if (unmatched is not null)
        {
            return [];
        }

        var batches = new List<long>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT DISTINCT g.import_batch_id FROM forms f
            JOIN forms g ON g.content_hash = f.content_hash AND g.import_batch_id <> @self
            JOIN import_batches b ON b.id = g.import_batch_id AND b.status = @succeeded
            WHERE f.import_batch_id = @self
            ORDER BY 1
            LIMIT 5
            """;
        foreach (var (name, value) in parameters)
        {
            Sql.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(reader.GetInt64(0));
        }

        return batches;
    }

    /// <summary>
    /// Ends the session storing nothing of the forms, when the content turned out to be stored already: everything
    /// written is rolled back (forms a SQLite step committed are removed), the content's lock taken (again) and the
    /// duplicate checked (again), and the batch recorded as a duplicate of that batch with the audit entry
    /// <paramref name="audit"/> makes of its id, in one transaction. With <paramref name="sameForms"/> (the batches
    /// <see cref="FindSameFormsAsync"/> found) the duplicate is of the first of them that still exists, and
    /// <paramref name="note"/> is kept as the batch's message. Returns that batch's id; null when no batch holds the
    /// content any more (it was deleted meanwhile), in which case nothing is recorded and the caller fails the batch.
    /// </summary>
    public async Task<long?> CommitDuplicateAsync(string contentHash, Func<long, AuditRecord> audit, IReadOnlyList<long>? sameForms = null, Func<long, string>? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (HasCommittedForms)
        {
            await transaction.RollbackAsync(cancellationToken);
            await transaction.DisposeAsync();
            transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            await FormWriter.RemoveFormsAsync(connection, transaction, batchId, cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(FormsSavepoint, cancellationToken);
        }

        var original = sameForms is null
            ? await FindDuplicateAsync(contentHash, cancellationToken)
            : await FirstStoredAsync(sameForms, cancellationToken);
        if (original is not { } first)
        {
            return null;
        }

        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE import_batches SET status = @status, content_hash = @hash, duplicate_of_batch_id = @original,
                form_count = 0, indicator_count = 0, finding_count = 0, finished_at = @finished, error_message = @note
            WHERE id = @id
            """, cancellationToken,
            ("status", (int)ImportStatus.Duplicate), ("hash", contentHash), ("original", first), ("finished", DateTime.UtcNow), ("id", batchId),
            ("note", note?.Invoke(first)));
        await AuditLog.InsertAsync(connection, transaction, audit(first), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        StoredFormChanges.Changed(); // the steps it had committed are gone
        done = true;
        return first;
    }

    /// <summary>
    /// The first of <paramref name="batchIds"/> still stored and succeeded; its row locked against a deletion until the
    /// end of the transaction (PostgreSQL: a deletion in progress ends first, and its batch is then gone).
    /// </summary>
    private async Task<long?> FirstStoredAsync(IReadOnlyList<long> batchIds, CancellationToken cancellationToken)
    {
        var lockRow = connection is SqliteConnection ? "" : " FOR SHARE";
        foreach (var id in batchIds)
        {
            if (await Sql.ScalarAsync(connection, transaction, "SELECT id FROM import_batches WHERE id = @id AND status = @succeeded" + lockRow,
                    cancellationToken, ("id", id), ("succeeded", (int)ImportStatus.Succeeded)) is not null)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Rolls back everything the session wrote (safe when the connection is gone).</summary>
    public async Task RollbackAsync()
    {
        if (done)
        {
            return;
        }

        done = true;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        searchIndex?.Dispose();
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
