using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Core.Library;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;

namespace Jixiao.Data.Library;

/// <summary>How far the library has counted the stored forms.</summary>
/// <param name="Batches">Import batches counted.</param>
/// <param name="Forms">Their forms.</param>
/// <param name="PendingBatches">Succeeded import batches not counted yet (the build adds them shortly).</param>
/// <param name="PendingForms">Their forms.</param>
/// <param name="BuiltAt">When the last batch was counted (UTC), or null.</param>
public sealed record LibraryStatus(int Batches, long Forms, int PendingBatches, long PendingForms, DateTime? BuiltAt)
{
    /// <summary>True when every stored form is counted.</summary>
    public bool IsCurrent => PendingBatches == 0;
}

/// <summary>
/// Builds the indicator library's counts (指标库汇总) batch by batch (decision 010): each succeeded import batch not yet
/// counted is read form by form, its indicators counted in memory (<see cref="LibraryTally"/>: the entry keys by
/// <see cref="TextKey"/>, the project type by <see cref="ProjectTypes"/>, the target by the target grammar) and its
/// cells written in one short transaction with its <c>library_batches</c> row — only if the batch is still stored and
/// not counted by another builder meanwhile. A deleted batch takes its cells with it (foreign keys, ON DELETE CASCADE),
/// in the deletion's own transaction. When the counting rules change (<see cref="Version"/>: this code's version and
/// the project types) or a re-check ended that changed stored forms (their outcomes), every count is dropped and the
/// batches are counted again. Thread-safe; several builders (processes) may run: they never count a batch twice.
/// </summary>
public sealed class LibraryBuilder
{
    /// <summary>The key of the library's state in <c>storage_state</c>.</summary>
    internal const string StateKey = "indicator_library";

    /// <summary>The advisory lock of the library's writes (PostgreSQL): builders and resets take turns.</summary>
    private const long LockKey = 0x4A69_7869_616F_4C62; // "JixiaoLb"

    private readonly JixiaoDatabase database;
    private readonly Lazy<(BulkTable Entries, BulkTable Batches, BulkTable Cells, BulkTable Targets, BulkTable Forms)> tables;

    public LibraryBuilder(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        tables = new(() =>
        {
            using var db = database.CreateContext();
            return (BulkTable.For<LibraryEntry>(db.Model), BulkTable.For<LibraryBatch>(db.Model), BulkTable.For<LibraryCell>(db.Model),
                BulkTable.For<LibraryTargetCell>(db.Model), BulkTable.For<LibraryFormCell>(db.Model));
        });
    }

    /// <summary>
    /// The definition of the counts: a change of this code's counting (bump the number) or of the project types (their
    /// codes and keywords, hashed) makes the next build count every batch again.
    /// </summary>
    public static string Version { get; } = "1:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(";", ProjectTypes.All.Select(t => t.Code + "=" + string.Join(",", t.Keywords)))))).ToLowerInvariant()[..12];

    /// <summary>
    /// Counts every succeeded batch not counted yet, oldest first (after dropping the counts when they are stale);
    /// returns the number of batches counted by this call.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await ResetWhenStaleAsync(cancellationToken);
        var counted = 0;
        var skipped = new HashSet<long>();
        while (true)
        {
            var next = await NextBatchAsync(skipped, cancellationToken);
            if (next is not { } batchId)
            {
                return counted;
            }

            var tally = await ReadAsync(batchId, cancellationToken);
            if (await WriteAsync(tally, cancellationToken))
            {
                counted++;
            }
            else
            {
                skipped.Add(batchId); // deleted meanwhile, or counted by another builder
            }
        }
    }

    /// <summary>How far the counts have come.</summary>
    public async Task<LibraryStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        LibraryStatus? status = null;
        await ReadAsync(connection, null, $"""
            SELECT
                (SELECT count(*) FROM library_batches),
                (SELECT coalesce(sum(forms), 0) FROM library_batches),
                (SELECT count(*) FROM import_batches b WHERE b.status = {Succeeded} AND NOT EXISTS (SELECT 1 FROM library_batches l WHERE l.batch_id = b.id)),
                (SELECT coalesce(sum(b.form_count), 0) FROM import_batches b WHERE b.status = {Succeeded} AND NOT EXISTS (SELECT 1 FROM library_batches l WHERE l.batch_id = b.id)),
                (SELECT max(built_at) FROM library_batches)
            """, r => status = new LibraryStatus(
                Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture),
                r.IsDBNull(4) ? null : DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)), cancellationToken);
        return status!;
    }

    private static readonly string Succeeded = ((int)ImportStatus.Succeeded).ToString(CultureInfo.InvariantCulture);

    /// <summary>What the stored counts were built for: <see cref="Version"/> and the re-checks that changed forms.</summary>
    private static async Task<string> ExpectedStateAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var ended = string.Join(",", new[] { RecheckState.Succeeded, RecheckState.Failed, RecheckState.Cancelled }.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        string rechecks = "";
        await ReadAsync(connection, transaction, $"SELECT coalesce(max(id), 0), coalesce(sum(changed), 0) FROM recheck_jobs WHERE changed > 0 AND state IN ({ended})",
            r => rechecks = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "/"
                + Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Version + ";rechecks=" + rechecks;
    }

    /// <summary>Drops every count when they were built by other rules or before a re-check changed stored forms.</summary>
    private async Task ResetWhenStaleAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var expected = await ExpectedStateAsync(connection, null, cancellationToken);
        if (await Sql.ScalarAsync(connection, null, "SELECT value FROM storage_state WHERE key = @key", cancellationToken, ("key", StateKey)) as string == expected)
        {
            return;
        }

        await using var transaction = await BeginAsync(connection, cancellationToken);
        expected = await ExpectedStateAsync(connection, transaction, cancellationToken);
        if (await Sql.ScalarAsync(connection, transaction, "SELECT value FROM storage_state WHERE key = @key", cancellationToken, ("key", StateKey)) as string != expected)
        {
            foreach (var table in new[] { "library_form_cells", "library_target_cells", "library_cells", "library_batches" })
            {
                await Sql.ExecuteAsync(connection, transaction, $"DELETE FROM {table}", cancellationToken);
            }

            await Sql.ExecuteAsync(connection, transaction, "DELETE FROM storage_state WHERE key = @key", cancellationToken, ("key", StateKey));
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO storage_state (key, value) VALUES (@key, @value)", cancellationToken, ("key", StateKey), ("value", expected));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The oldest succeeded batch not counted (and not in <paramref name="skipped"/>), or null.</summary>
    private async Task<long?> NextBatchAsync(HashSet<long> skipped, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var except = skipped.Count == 0 ? "" : $" AND b.id NOT IN ({string.Join(", ", skipped.Select(b => b.ToString(CultureInfo.InvariantCulture)))})";
        var id = await Sql.ScalarAsync(connection, null, $"""
            SELECT min(b.id) FROM import_batches b
            WHERE b.status = {Succeeded}{except} AND NOT EXISTS (SELECT 1 FROM library_batches l WHERE l.batch_id = b.id)
            """, cancellationToken);
        return id is null ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the forms of one batch with their indicators, form by form, and counts them (no lock held).</summary>
    private async Task<LibraryTally> ReadAsync(long batchId, CancellationToken cancellationToken)
    {
        var tally = new LibraryTally(batchId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long form = -1;
        long department = 0;
        var type = "";
        var year = 0;
        var self = false;
        await ReadAsync(connection, null, """
            SELECT f.id, f.kind, f.year, f.department_id, f.project_name, i.level1, i.level2, i.name, i.target, i.actual, i.outcome
            FROM forms f LEFT JOIN indicators i ON i.form_id = f.id
            WHERE f.import_batch_id = @batch
            ORDER BY f.id, i.position
            """, r =>
            {
                var id = r.GetInt64(0);
                if (id != form)
                {
                    form = id;
                    self = (FormKind)r.GetInt32(1) != FormKind.TargetDeclaration;
                    year = r.IsDBNull(2) ? 0 : r.GetInt32(2);
                    department = r.IsDBNull(3) ? 0 : r.GetInt64(3);
                    type = tally.TypeOf(r.GetString(4));
                    tally.AddForm(department, type, year, self);
                }

                if (!r.IsDBNull(7))
                {
                    tally.AddIndicator(form, department, type, year, self, Text(r, 5), Text(r, 6), r.GetString(7), Text(r, 8), Text(r, 9),
                        r.IsDBNull(10) ? null : (IndicatorOutcome)r.GetInt32(10));
                }
            }, cancellationToken, ("batch", batchId));
        return tally;
    }

    /// <summary>
    /// Writes one batch's counts in one transaction — only when the batch is still a succeeded batch (locked against a
    /// deletion until the commit) and not counted yet. False when nothing was written.
    /// </summary>
    private async Task<bool> WriteAsync(LibraryTally tally, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        var lockRow = connection is SqliteConnection ? "" : " FOR SHARE";
        var stored = await Sql.ScalarAsync(connection, transaction, $"SELECT id FROM import_batches WHERE id = @batch AND status = {Succeeded}{lockRow}",
            cancellationToken, ("batch", tally.BatchId));
        if (stored is null
            || await Sql.ScalarAsync(connection, transaction, "SELECT batch_id FROM library_batches WHERE batch_id = @batch", cancellationToken, ("batch", tally.BatchId)) is not null)
        {
            return false;
        }

        var t = tables.Value;
        await using var writer = BulkWriter.Create(connection, transaction);
        var ids = await EntryIdsAsync(connection, transaction, writer, t.Entries, tally.Names, cancellationToken);
        await writer.WriteAsync(t.Batches, [new LibraryBatch { BatchId = tally.BatchId, Forms = tally.FormCount, Indicators = tally.IndicatorCount, BuiltAt = DateTime.UtcNow }], cancellationToken);
        await writer.WriteAsync(t.Cells, tally.Cells(ids), cancellationToken);
        await writer.WriteAsync(t.Targets, tally.Targets(ids), cancellationToken);
        await writer.WriteAsync(t.Forms, tally.Forms, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The ids of the entries <paramref name="names"/> names; the missing ones are added (with the name first printed).</summary>
    private static async Task<Dictionary<EntryKey, long>> EntryIdsAsync(DbConnection connection, DbTransaction transaction, BulkWriter writer, BulkTable table,
        IReadOnlyDictionary<EntryKey, string> names, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<EntryKey, long>(names.Count);
        foreach (var chunk in names.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = chunk.Select((n, i) => ("n" + i.ToString(CultureInfo.InvariantCulture), (object?)n)).ToArray();
            await ReadAsync(connection, transaction,
                $"SELECT id, level1, level2, name_key FROM library_entries WHERE name_key IN ({string.Join(", ", parameters.Select(p => "@" + p.Item1))})",
                r =>
                {
                    var key = new EntryKey(r.GetString(1), r.GetString(2), r.GetString(3));
                    if (names.ContainsKey(key))
                    {
                        ids[key] = r.GetInt64(0);
                    }
                }, cancellationToken, parameters);
        }

        var missing = names.Keys.Where(k => !ids.ContainsKey(k)).ToList();
        if (missing.Count == 0)
        {
            return ids;
        }

        var reserved = await writer.ReserveIdsAsync(table.Name, missing.Count, cancellationToken);
        var now = DateTime.UtcNow;
        var rows = new List<LibraryEntry>(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var key = missing[i];
            ids[key] = reserved[i];
            rows.Add(new LibraryEntry { Id = reserved[i], Level1 = key.Level1, Level2 = key.Level2, NameKey = key.Name, Name = names[key], CreatedAt = now });
        }

        await writer.WriteAsync(table, rows, cancellationToken);
        return ids;
    }

    /// <summary>A write transaction of the library: SQLite's write lock at once, or PostgreSQL's library lock.</summary>
    private static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey));
        return transaction;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static async Task ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbDataReader> row, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // a batch of a million forms is read in one go
        foreach (var (name, value) in parameters)
        {
            Sql.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
