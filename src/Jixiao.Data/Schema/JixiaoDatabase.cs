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

    /// <summary>
    /// How long a SQLite write of the application waits for the write lock by default (a sign-in, an upload, a
    /// deletion): an import gives way between its steps, so the wait is short; this bounds it when something else
    /// holds the lock.
    /// </summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly DbContextOptions sqliteOptions;
    private readonly DbContextOptions postgresOptions;
    private readonly NpgsqlDataSource? dataSource;

    private JixiaoDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath, TimeSpan? busyTimeout = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
        if (provider == DatabaseProvider.Postgres)
        {
            dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
            postgresOptions = new DbContextOptionsBuilder<PostgresJixiaoDbContext>()
                .UseNpgsql(dataSource, o => o.CommandTimeout(600))
                .AddInterceptors(new ConnectionResetInterceptor(ClearPool))
                .Options;
            sqliteOptions = new DbContextOptionsBuilder<SqliteJixiaoDbContext>().Options;
        }
        else
        {
            // SQLite's command timeout is how long a write waits for the write lock (reads never wait: WAL)
            Writers = new SqliteWriters();
            sqliteOptions = new DbContextOptionsBuilder<SqliteJixiaoDbContext>()
                .UseSqlite(connectionString, o => o.CommandTimeout(BusySeconds(busyTimeout)))
                .AddInterceptors(Writers, new SqliteMemoryMap())
                .Options;
            postgresOptions = new DbContextOptionsBuilder<PostgresJixiaoDbContext>().Options;
        }
    }

    public DatabaseProvider Provider { get; }

    private static int BusySeconds(TimeSpan? busyTimeout) => Math.Max(1, (int)Math.Ceiling((busyTimeout ?? DefaultBusyTimeout).TotalSeconds));

    /// <summary>The ADO.NET connection string (contains the password on PostgreSQL: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The writes of this process waiting for SQLite's write lock (null on PostgreSQL).</summary>
    internal SqliteWriters? Writers { get; }

    /// <summary>
    /// Takes the import lock: on SQLite one import at a time (<see cref="ImportLock"/>), waiting for the running one;
    /// on PostgreSQL nothing (imports run side by side).
    /// </summary>
    internal Task<ImportLock> LockImportsAsync(CancellationToken cancellationToken) =>
        SqlitePath is null ? Task.FromResult(ImportLock.None) : ImportLock.AcquireAsync(SqlitePath + "-import", cancellationToken);

    /// <summary>The import lock when no import holds it (SQLite); <see cref="ImportLock.None"/> on PostgreSQL; null when an import runs.</summary>
    internal ImportLock? TryLockImports() => SqlitePath is null ? ImportLock.None : ImportLock.TryAcquire(SqlitePath + "-import");

    /// <summary>
    /// A SQLite database in <paramref name="path"/> (the folder is created on <see cref="MigrateAsync"/>); its writes
    /// wait at most <paramref name="busyTimeout"/> (default <see cref="DefaultBusyTimeout"/>) for the write lock.
    /// </summary>
    public static JixiaoDatabase Sqlite(string path = DefaultSqlitePath, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusySeconds(busyTimeout), // how long a raw connection (an import's steps) waits for the write lock
        }.ToString();
        return new JixiaoDatabase(DatabaseProvider.Sqlite, cs, full, busyTimeout);
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
    /// while an import writes, and tells the query planner the shape of the findings (<see cref="SqlitePlannerStatistics"/>).
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

        await Accounts.UserNames.EnsureNormalisedAsync(this, cancellationToken);
        await PortfolioCube.EnsureAsync(this, cancellationToken);
        await Rechecks.RecheckStore.EnsureVersionAsync(this, Core.Checks.CheckVersion.Current, cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await SqliteSearchIndex.EnsureAsync(connection, cancellationToken);
            await SqlitePlannerStatistics.EnsureAsync(connection, cancellationToken);
        }
        else
        {
            await SearchGrams.EnsureAsync(this, cancellationToken);
        }
    }

    /// <summary>
    /// Checks that the database answers: a trivial query (PostgreSQL <c>SELECT 1</c>; SQLite reads the schema page of a
    /// file that must already exist) within <paramref name="timeout"/>. Returns null when it does, else the exception
    /// that says why (for the log). A pooled connection found dead empties the pool and the check is made once more on
    /// a new connection, so a restarted server is reported as up, and the pool is healthy again for the requests.
    /// </summary>
    public async Task<Exception?> CheckAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using System.Data.Common.DbConnection connection = dataSource is not null
                    ? dataSource.CreateConnection()
                    : new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                await connection.OpenAsync(limit.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = Provider == DatabaseProvider.Sqlite ? "SELECT count(*) FROM sqlite_schema" : "SELECT 1";
                command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
                await command.ExecuteScalarAsync(limit.Token);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is System.Data.Common.DbException or OperationCanceledException or TimeoutException or InvalidOperationException or IOException)
            {
                if (attempt == 0 && DatabaseErrors.IsBrokenConnection(ex) && !limit.IsCancellationRequested)
                {
                    ClearPool();
                    continue;
                }

                return ex is OperationCanceledException ? new TimeoutException($"the database did not answer within {timeout.TotalSeconds:0.#} s", ex) : ex;
            }
        }
    }

    /// <summary>
    /// Closes the idle pooled connections, so that the next ones are opened anew: after a PostgreSQL restart the pool
    /// holds connections the server has closed. Connections in use are discarded when they are returned.
    /// </summary>
    public void ClearPool()
    {
        if (dataSource is not null)
        {
            dataSource.Clear();
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
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
