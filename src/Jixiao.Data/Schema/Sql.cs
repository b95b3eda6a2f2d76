using System.Data.Common;
using Npgsql;

namespace Jixiao.Data.Schema;

/// <summary>Small helpers for the few statements written by hand (bulk import, locks, stored totals).</summary>
internal static class Sql
{
    /// <summary>Adds a parameter named <paramref name="name"/> (written <c>@name</c> in the statement on both providers).</summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = command is NpgsqlCommand ? name : "@" + name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    /// <summary>Runs one statement in <paramref name="transaction"/> and returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs one query in <paramref name="transaction"/> and returns its first value (null when no row).</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// Serialises the writes that concern one content hash until <paramref name="transaction"/> ends: an import of that
    /// content, another import of it, and the deletion of the batch that holds it. On PostgreSQL a transaction-scoped
    /// advisory lock keyed by the hash; on SQLite nothing is needed — every writing transaction there begins
    /// IMMEDIATE and holds the database's one write lock to its end.
    /// </summary>
    public static async Task LockContentAsync(DbConnection connection, DbTransaction transaction, string contentHash, CancellationToken cancellationToken)
    {
        if (connection is not NpgsqlConnection || string.IsNullOrEmpty(contentHash))
        {
            return;
        }

        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", ContentLockKey(contentHash)));
    }

    /// <summary>
    /// Makes imports that add organisations take turns until their transactions end, so that two of them never insert
    /// the same new department (PostgreSQL; SQLite's writers take turns anyway).
    /// </summary>
    public static async Task LockOrganisationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connection is NpgsqlConnection)
        {
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", OrganisationsLockKey));
        }
    }

    /// <summary>
    /// The advisory lock key of an import batch's lease (PostgreSQL): its import's transaction holds it to the end, so
    /// a batch marked running whose lease is free was left by an application that is gone.
    /// </summary>
    internal static long BatchLeaseKey(long batchId) => ContentLockKey("import-batch:" + batchId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The advisory lock key of the organisation tree (a fixed number; content keys come from SHA-256).</summary>
    private const long OrganisationsLockKey = 0x4A69_7869_616F_4F72; // "JixiaoOr"

    /// <summary>The advisory lock key of a content hash: its first 64 bits (hex SHA-256), any text otherwise hashed.</summary>
    internal static long ContentLockKey(string contentHash)
    {
        if (contentHash.Length >= 16 && long.TryParse(contentHash.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var key))
        {
            return key;
        }

        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(contentHash));
        return BitConverter.ToInt64(bytes, 0);
    }
}
