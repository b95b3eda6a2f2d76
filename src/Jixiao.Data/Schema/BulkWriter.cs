using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Jixiao.Data.Schema;

/// <summary>One column of a bulk-written table: its name, how to read it from an entity, and its provider type.</summary>
internal sealed record BulkColumn(string Name, Func<object, object?> Get, Type ProviderType);

/// <summary>
/// A table as the EF model maps it (names, columns, value converters), for writing many rows without change
/// tracking: PostgreSQL binary COPY, or one prepared INSERT reused on SQLite. Ids are written explicitly.
/// </summary>
internal sealed class BulkTable
{
    private BulkTable(string name, BulkColumn[] columns)
    {
        Name = name;
        Columns = columns;
    }

    public string Name { get; }

    public BulkColumn[] Columns { get; }

    public static BulkTable For<T>(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<BulkColumn>();
        foreach (var p in entity.GetProperties())
        {
            if (p.PropertyInfo is null)
            {
                continue;
            }

            var mapping = p.GetRelationalTypeMapping();
            var converter = p.GetValueConverter() ?? mapping.Converter;
            var getter = Compile(p.PropertyInfo);
            Func<object, object?> get = converter is null
                ? getter
                : e => getter(e) is { } v ? converter.ConvertToProvider(v) : null;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? p.ClrType) ?? converter?.ProviderClrType ?? p.ClrType;
            if (providerType.IsEnum)
            {
                providerType = Enum.GetUnderlyingType(providerType);
                var inner = get;
                get = e => inner(e) is { } v ? Convert.ChangeType(v, providerType, System.Globalization.CultureInfo.InvariantCulture) : null;
            }

            columns.Add(new BulkColumn(p.GetColumnName(store) ?? p.GetColumnName(), get, providerType));
        }

        return new BulkTable(table, [.. columns]);
    }

    private static Func<object, object?> Compile(System.Reflection.PropertyInfo property)
    {
        var parameter = Expression.Parameter(typeof(object), "e");
        var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, property.DeclaringType!), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }

    /// <summary>Quoted column list: <c>"id", "form_id", …</c>.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => "\"" + c.Name + "\""));
}

/// <summary>Writes rows of several tables inside one transaction; each provider has its fastest way.</summary>
internal abstract class BulkWriter : IAsyncDisposable
{
    public abstract Task WriteAsync<T>(BulkTable table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Reserves <paramref name="count"/> new ids of <paramref name="table"/>'s identity column; returns them ascending.</summary>
    public abstract Task<long[]> ReserveIdsAsync(string table, int count, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Goes on in <paramref name="transaction"/> after the previous one was committed (a SQLite import commits in
    /// steps); ids are read afresh, since others may have written in between.
    /// </summary>
    public virtual void Continue(DbTransaction transaction) => throw new NotSupportedException($"{GetType().Name} writes in one transaction");

    public static BulkWriter Create(DbConnection connection, DbTransaction transaction) => connection switch
    {
        NpgsqlConnection npgsql => new PostgresBulkWriter(npgsql, (NpgsqlTransaction)transaction),
        SqliteConnection sqlite => new SqliteBulkWriter(sqlite, (SqliteTransaction)transaction),
        _ => throw new NotSupportedException(connection.GetType().Name),
    };
}

/// <summary>PostgreSQL: binary COPY per table and chunk; ids from the identity sequences.</summary>
internal sealed class PostgresBulkWriter : BulkWriter
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    public PostgresBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public override async Task WriteAsync<T>(BulkTable table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var writers = table.Columns.Select(c => WriterOf(c.ProviderType)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            // synchronous writes: the importer buffers, and flushes only when its buffer is full
            importer.StartRow();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var value = table.Columns[i].Get(row);
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    writers[i](importer, value);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public override async Task<long[]> ReserveIdsAsync(string table, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        await using var cmd = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence(@t, 'id')) FROM generate_series(1, @n)", connection, transaction);
        cmd.Parameters.AddWithValue("t", table);
        cmd.Parameters.AddWithValue("n", count);
        var ids = new long[count];
        var i = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[i++] = reader.GetInt64(0);
            }
        }

        Array.Sort(ids);
        return ids;
    }

    /// <summary>A typed write per column: writing through <c>object</c> would resolve the type of every value.</summary>
    private static Action<NpgsqlBinaryImporter, object> WriterOf(Type t) =>
        t == typeof(long) ? (w, v) => w.Write((long)v, NpgsqlDbType.Bigint)
        : t == typeof(int) ? (w, v) => w.Write((int)v, NpgsqlDbType.Integer)
        : t == typeof(short) ? (w, v) => w.Write((short)v, NpgsqlDbType.Smallint)
        : t == typeof(decimal) ? (w, v) => w.Write((decimal)v, NpgsqlDbType.Numeric)
        : t == typeof(double) ? (w, v) => w.Write((double)v, NpgsqlDbType.Double)
        : t == typeof(string) ? (w, v) => w.Write((string)v, NpgsqlDbType.Text)
        : t == typeof(byte[]) ? (w, v) => w.Write((byte[])v, NpgsqlDbType.Bytea)
        : t == typeof(bool) ? (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean)
        : t == typeof(DateOnly) ? (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date)
        : t == typeof(DateTime) ? (w, v) => w.Write((DateTime)v, NpgsqlDbType.TimestampTz)
        : throw new NotSupportedException($"bulk copy of {t.Name}");
}

/// <summary>SQLite: one prepared INSERT per table, re-executed per row inside the transaction; ids follow MAX(id).</summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    private readonly SqliteConnection connection;
    private SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> inserts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> nextIds = new(StringComparer.Ordinal);

    public SqliteBulkWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public override Task WriteAsync<T>(BulkTable table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (!inserts.TryGetValue(table.Name, out var cmd))
        {
            cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            var names = string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({names})";
            for (var i = 0; i < table.Columns.Length; i++)
            {
                cmd.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            cmd.Prepare();
            inserts[table.Name] = cmd;
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                cmd.Parameters[i].Value = table.Columns[i].Get(row) ?? DBNull.Value;
            }

            cmd.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public override async Task<long[]> ReserveIdsAsync(string table, int count, CancellationToken cancellationToken)
    {
        if (!nextIds.TryGetValue(table, out var next))
        {
            // The transaction holds SQLite's write lock (BEGIN IMMEDIATE): no one else can take ids meanwhile.
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"SELECT MAX(COALESCE((SELECT MAX(id) FROM \"{table}\"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = $t), 0))";
            cmd.Parameters.AddWithValue("$t", table);
            next = Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = next++;
        }

        nextIds[table] = next;
        return ids;
    }

    public override void Continue(DbTransaction transaction)
    {
        this.transaction = (SqliteTransaction)transaction;
        foreach (var cmd in inserts.Values)
        {
            cmd.Transaction = this.transaction;
        }

        nextIds.Clear();
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var cmd in inserts.Values)
        {
            cmd.Dispose();
        }

        inserts.Clear();
        return base.DisposeAsync();
    }
}
