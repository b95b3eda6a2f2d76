using System.Data;
using System.Data.Common;
using System.Globalization;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;

namespace Jixiao.Data.Library;

/// <summary>
/// The curation of the indicator library (指标库维护) as stored: merging one entry into another (同义合并: its names count
/// there), splitting it off again, recommending (推荐) and retiring (停用) an entry. Each change is one transaction that
/// locks the entries it reads (PostgreSQL: <c>FOR UPDATE</c>; SQLite: the write lock), checks them, changes them and
/// writes the audit entry the caller made of it — or, when the change cannot be made, writes nothing. Who may curate is
/// decided above (Jixiao.App). Thread-safe: each call opens its own connection.
/// </summary>
public sealed class LibraryStore
{
    /// <summary>The longest note kept on an entry.</summary>
    public const int NoteLength = 500;

    private readonly JixiaoDatabase database;

    public LibraryStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>
    /// Merges entry <paramref name="fromId"/> into <paramref name="intoId"/>: its names, and those merged into it before,
    /// count for <paramref name="intoId"/> from now on. Both must be entries of their own.
    /// </summary>
    public Task<CurationOutcome> MergeAsync(long intoId, long fromId, Func<CuratedEntries, AuditRecord> audit, string? actor, CancellationToken cancellationToken = default) =>
        ChangeAsync([intoId, fromId], async (connection, transaction, entries) =>
        {
            if (intoId == fromId)
            {
                return CurationOutcome.SameEntry;
            }

            if (entries.Any(e => e.MergedIntoId is not null))
            {
                return CurationOutcome.Merged;
            }

            await Sql.ExecuteAsync(connection, transaction, "UPDATE library_entries SET merged_into_id = @into WHERE merged_into_id = @from", cancellationToken,
                ("into", intoId), ("from", fromId));
            await UpdateAsync(connection, transaction, fromId, "merged_into_id = @value", intoId, actor, cancellationToken);
            return CurationOutcome.Done;
        }, audit, cancellationToken);

    /// <summary>Splits the merged entry <paramref name="id"/> off again: its names count for itself.</summary>
    public Task<CurationOutcome> SplitAsync(long id, Func<CuratedEntries, AuditRecord> audit, string? actor, CancellationToken cancellationToken = default) =>
        ChangeAsync([id], async (connection, transaction, entries) =>
        {
            if (entries[0].MergedIntoId is null)
            {
                return CurationOutcome.NotMerged;
            }

            await UpdateAsync(connection, transaction, id, "merged_into_id = @value", null, actor, cancellationToken);
            return CurationOutcome.Done;
        }, audit, cancellationToken);

    /// <summary>Marks entry <paramref name="id"/> recommended or not.</summary>
    public Task<CurationOutcome> SetRecommendedAsync(long id, bool recommended, Func<CuratedEntries, AuditRecord> audit, string? actor, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, "recommended", recommended, null, audit, actor, cancellationToken);

    /// <summary>Retires entry <paramref name="id"/> (never suggested again) or restores it, with the reason <paramref name="note"/>.</summary>
    public Task<CurationOutcome> SetRetiredAsync(long id, bool retired, string? note, Func<CuratedEntries, AuditRecord> audit, string? actor, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, "retired", retired, note, audit, actor, cancellationToken);

    private Task<CurationOutcome> SetFlagAsync(long id, string column, bool value, string? note, Func<CuratedEntries, AuditRecord> audit, string? actor, CancellationToken cancellationToken) =>
        ChangeAsync([id], async (connection, transaction, entries) =>
        {
            if (entries[0].MergedIntoId is not null)
            {
                return CurationOutcome.Merged;
            }

            await UpdateAsync(connection, transaction, id, $"{column} = @value", value, actor, cancellationToken);
            if (note is not null)
            {
                await Sql.ExecuteAsync(connection, transaction, "UPDATE library_entries SET note = @note WHERE id = @id", cancellationToken,
                    ("note", note.Length > NoteLength ? note[..NoteLength] : note), ("id", id));
            }

            return CurationOutcome.Done;
        }, audit, cancellationToken);

    /// <summary>
    /// Runs one change: the entries <paramref name="ids"/> are locked and read (in id order, so two changes never wait
    /// for each other crosswise), <paramref name="change"/> decides and writes, and when it is done the audit entry is
    /// written and everything committed.
    /// </summary>
    private async Task<CurationOutcome> ChangeAsync(long[] ids, Func<DbConnection, DbTransaction, IReadOnlyList<LibraryEntry>, Task<CurationOutcome>> change,
        Func<CuratedEntries, AuditRecord> audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var lockRows = connection is SqliteConnection ? "" : " FOR UPDATE";
        var found = new Dictionary<long, LibraryEntry>();
        foreach (var id in ids.Distinct().Order())
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT id, level1, level2, name, merged_into_id FROM library_entries WHERE id = @id" + lockRows;
            Sql.AddParameter(command, "id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found[id] = new LibraryEntry
                {
                    Id = reader.GetInt64(0), Level1 = reader.GetString(1), Level2 = reader.GetString(2), Name = reader.GetString(3),
                    MergedIntoId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                };
            }
        }

        if (found.Count != ids.Distinct().Count())
        {
            return CurationOutcome.NotFound;
        }

        var entries = ids.Select(id => found[id]).ToList();
        var outcome = await change(connection, transaction, entries);
        if (outcome != CurationOutcome.Done)
        {
            return outcome;
        }

        await AuditLog.InsertAsync(connection, transaction, audit(new CuratedEntries(entries)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private static Task UpdateAsync(DbConnection connection, DbTransaction transaction, long id, string assignment, object? value, string? actor, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, $"UPDATE library_entries SET {assignment}, updated_by = @actor, updated_at = @at WHERE id = @id", cancellationToken,
            ("value", value), ("actor", actor), ("at", DateTime.UtcNow), ("id", id));
}

/// <summary>The entries a curation changes, as they were before (the first is the one named first: the absorbing entry of a merge).</summary>
public sealed record CuratedEntries(IReadOnlyList<LibraryEntry> Entries)
{
    /// <summary>An entry as the audit log names it: <c>#12 产出指标/数量指标/开展法治宣传活动</c>.</summary>
    public static string Describe(LibraryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return "#" + entry.Id.ToString(CultureInfo.InvariantCulture) + " " + string.Join("/", new[] { entry.Level1, entry.Level2, entry.Name }.Where(s => s.Length > 0));
    }
}
