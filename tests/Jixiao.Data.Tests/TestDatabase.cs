using Jixiao.Data.Schema;
using Npgsql;

namespace Jixiao.Data.Tests;

/// <summary>A fresh, empty database of its own for one test: a temporary SQLite file, or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFile;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(JixiaoDatabase database, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Database = database;
        this.sqliteFile = sqliteFile;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public JixiaoDatabase Database { get; }

    /// <summary>A new database of <paramref name="provider"/>, migrated unless <paramref name="migrate"/> is false; on SQLite its writes wait at most <paramref name="busyTimeout"/> for the write lock.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true, TimeSpan? busyTimeout = null)
    {
        TestDatabase test;
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "jixiao-data-tests");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db");
            test = new TestDatabase(JixiaoDatabase.Sqlite(file, busyTimeout), file, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(DataFactDiscoverer.Variable)
                ?? throw new InvalidOperationException(DataFactDiscoverer.SkipReason);
            var name = "jixiao_t_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await cmd.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            test = new TestDatabase(JixiaoDatabase.Postgres(cs), null, admin, name);
        }

        if (migrate)
        {
            await test.Database.MigrateAsync();
        }

        return test;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm", sqliteFile + "-import" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                }
            }
        }

        if (postgresAdmin is not null)
        {
            // An autovacuum worker may still be connected for a moment: retry, and leave the database behind
            // rather than fail the test (its name says what it is).
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            for (var attempt = 0; attempt < 20; attempt++)
            {
                try
                {
                    await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\"", connection);
                    await cmd.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse)
                {
                    await Task.Delay(250);
                }
            }
        }
    }
}
