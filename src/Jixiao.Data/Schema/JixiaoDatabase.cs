using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

using Jixiao.Data.Portfolio;

using Jixiao.Data.Search;

namespace Jixiao.Data.Schema;

/// <summary>The two supported databases.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite, a single file (the default: ./data/jixiao.db).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql (production).</summary>
    Postgres,
}

/// <summary>
/// One configured database: which provider, where, and how to open it. Thread-safe; make one per application and
/// call <see cref="MigrateAsync"/> once at start. Contexts from <see cref="CreateContext"/> are cheap and not thread-safe.
/// </summary>
public sealed class JixiaoDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>The default SQLite file, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/jixiao.db";

    private readonly DbContextOptions sqliteOptions;
    private readonly DbContextOptions postgresOptions;
    private readonly NpgsqlDataSource? dataSource;

    private JixiaoDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
        if (provider == DatabaseProvider.Postgres)
        {
            dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
            postgresOptions = new DbContextOptionsBuilder<PostgresJixiaoDbContext>()
                .UseNpgsql(dataSource, o => o.CommandTimeout(600))
                .Options;
            sqliteOptions = new DbContextOptionsBuilder<SqliteJixiaoDbContext>().Options;
        }
        else
        {
            sqliteOptions = new DbContextOptionsBuilder<SqliteJixiaoDbContext>()
                .UseSqlite(connectionString, o => o.CommandTimeout(600))
                .Options;
            postgresOptions = new DbContextOptionsBuilder<PostgresJixiaoDbContext>().Options;
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The ADO.NET connection string (contains the password on PostgreSQL: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>A SQLite database in <paramref name="path"/> (the folder is created on <see cref="MigrateAsync"/>).</summary>
    public static JixiaoDatabase Sqlite(string path = DefaultSqlitePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        return new JixiaoDatabase(DatabaseProvider.Sqlite, cs, full);
    }

    /// <summary>
    /// A PostgreSQL database: <c>Host=…;Port=…;Database=…;Username=…;Password=…</c>. Unless the connection string
    /// sets <c>Options</c> itself, sessions run with <c>max_parallel_workers_per_gather=0</c>: the application's
    /// queries are many and small (a page, a count, stored totals), and starting parallel workers for one of them
    /// costs more than it saves while other requests keep the cores busy (a full-text page: 145 ms with two workers,
    /// 15 ms without, at 1,000,000 forms).
    /// </summary>
    public static JixiaoDatabase Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options))
        {
            builder.Options = "-c max_parallel_workers_per_gather=0";
        }

        return new JixiaoDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null);
    }

    /// <summary>
    /// PostgreSQL when <paramref name="postgresConnectionString"/> is set (e.g. <c>ConnectionStrings:Postgres</c>),
    /// else SQLite in <paramref name="sqlitePath"/> (default <see cref="DefaultSqlitePath"/>).
    /// </summary>
    public static JixiaoDatabase FromSettings(string? postgresConnectionString, string? sqlitePath = null) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? Sqlite(string.IsNullOrWhiteSpace(sqlitePath) ? DefaultSqlitePath : sqlitePath)
            : Postgres(postgresConnectionString);

    /// <summary>A new context of the provider's type (<see cref="SqliteJixiaoDbContext"/> or <see cref="PostgresJixiaoDbContext"/>).</summary>
    public JixiaoDbContext CreateContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresJixiaoDbContext((DbContextOptions<PostgresJixiaoDbContext>)postgresOptions)
        : new SqliteJixiaoDbContext((DbContextOptions<SqliteJixiaoDbContext>)sqliteOptions);

    /// <summary>
    /// Creates the database when missing (the SQLite file and its folder) and applies the provider's pending
    /// migrations. Safe to call on every start. On SQLite it also switches the file to WAL so that pages can be read
    /// while an import writes.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (SqlitePath is not null)
        {
            var dir = Path.GetDirectoryName(SqlitePath);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await PortfolioCube.EnsureAsync(this, cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await SqliteSearchIndex.EnsureAsync(connection, cancellationToken);
        }
        else
        {
            await SearchGrams.EnsureAsync(this, cancellationToken);
        }
    }

    /// <summary>The migrations not yet applied.</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>Opens a raw connection (for bulk import).</summary>
    internal async Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (dataSource is not null)
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public void Dispose() => dataSource?.Dispose();

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    public override string ToString() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {SqlitePath}"
        : $"PostgreSQL {RedactedConnectionString()}";

    /// <summary>The connection string without its password, for logs.</summary>
    public string RedactedConnectionString()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return ConnectionString;
        }

        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!string.IsNullOrEmpty(b.Password))
        {
            b.Password = "***";
        }

        return b.ToString();
    }
}
