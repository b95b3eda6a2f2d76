using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Imports;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jixiao.App.Tests.Imports;

/// <summary>
/// The background import survives its database going away (issue 10, item 9: a PostgreSQL restart during an import
/// ended the web application, and the batch stayed "running"): the import fails, its failure is recorded when the
/// database is back, nothing of the batch stays, and the runner goes on with the next file. At start, batches left
/// running by a process that is gone are failed with the reason; one still being imported is left alone. The outage is
/// real on both databases: PostgreSQL ends the connections to the test's database and refuses new ones; on SQLite
/// another writer holds the file's write lock for longer than the application waits for it.
/// </summary>
public abstract class DatabaseOutageTests : DatabaseTest
{
    private const string FileName = "large.txt";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "jixiao-outage-tests", Guid.NewGuid().ToString("N"));

    protected override TimeSpan? BusyTimeout => TimeSpan.FromSeconds(2);

    /// <summary>The database goes away until the result is disposed.</summary>
    protected abstract Task<IAsyncDisposable> GoAwayAsync();

    [DbFact]
    public async Task A_database_that_goes_away_during_an_import_fails_the_batch_when_it_is_back_and_the_runner_goes_on()
    {
        var (runner, queue, kept) = Runner();
        var importer = new FormImporter(Db);
        var large = await QueueAsync(importer, queue, kept, FileName, Generated(6_000));
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => runner.RunAsync(stop.Token));

        await UntilAsync(() => queue.ProgressOf(large) is { Forms: > 0 } || running.IsCompleted);
        await using (await GoAwayAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // the import fails meanwhile; its failure cannot be recorded yet
            Assert.False(running.IsCompleted, "the runner ended while the database was away");
        }

        var batch = await StatusAsync(large, s => s != ImportStatus.Running);
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.StartsWith($"{FileName}: 导入时数据库连接中断，未保存任何表单，请重新导入。The database connection was lost during the import (", batch.ErrorMessage, StringComparison.Ordinal);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(0, await db.Forms.CountAsync());
            Assert.Contains(await db.AuditLog.Select(a => a.Details).ToListAsync(), d => d!.StartsWith($"{FileName}: Failed; forms=0", StringComparison.Ordinal));
        }

        Assert.Equal(0, (await new PortfolioQueries(Db).GetStatisticsAsync(new Data.Forms.FormQuery())).Forms);
        await UntilAsync(() => !File.Exists(kept.PathOf(large, FileName))); // removed after the failure is recorded
        Assert.False(File.Exists(kept.PathOf(large, FileName)));

        // the runner lives on: the next file is imported
        var next = await QueueAsync(importer, queue, kept, Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023)));
        var songnan = await StatusAsync(next, s => s is not (ImportStatus.Queued or ImportStatus.Running));
        Assert.Equal((ImportStatus.Succeeded, 5), (songnan.Status, songnan.FormCount));
        Assert.False(running.IsCompleted);
        await StopAsync(stop, running);
    }

    [DbFact]
    public async Task At_start_a_batch_left_running_is_failed_with_the_reason_and_its_stored_forms_removed()
    {
        // a batch whose import stopped with the process after it had stored forms (SQLite commits in steps)
        var imported = await new FormImporter(Db).ImportFileAsync(Corpus.PathOf(Corpus.Police2024), new ImportOptions { User = "tester" });
        await using (var db = Db.CreateContext())
        {
            await db.ImportBatches.Where(b => b.Id == imported.BatchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Running));
        }

        var (runner, _, _) = Runner();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => runner.RunAsync(stop.Token));

        var batch = await StatusAsync(imported.BatchId, s => s != ImportStatus.Running);
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Equal(
            $"{Corpus.Police2024}: 导入因服务器停止或数据库中断而未完成，未保存任何表单，请重新上传。The import was interrupted (the server stopped or the database was unavailable); nothing was stored: upload the file again.",
            batch.ErrorMessage);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(0, await db.Forms.CountAsync(f => f.ImportBatchId == imported.BatchId));
            Assert.Equal(0, await db.Indicators.CountAsync());
        }

        var statistics = await new PortfolioQueries(Db).GetStatisticsAsync(new Data.Forms.FormQuery());
        Assert.Equal((0, 0m), (statistics.Forms, statistics.Budget));
        await StopAsync(stop, running);
    }

    /// <summary>The runner of a host that keeps the uploaded files in a temporary folder, with short pauses between attempts.</summary>
    private (ImportRunner Runner, ImportQueue Queue, TempKeptFiles Kept) Runner()
    {
        var queue = new ImportQueue();
        var kept = new TempKeptFiles(folder);
        var runner = new ImportRunner(queue, new FormImporter(Db), new ImportBatchStore(Db), kept, NullLogger<ImportRunner>.Instance)
        {
            Delay = _ => TimeSpan.FromMilliseconds(200),
        };
        return (runner, queue, kept);
    }

    private static byte[] Generated(int forms)
    {
        using var text = new MemoryStream();
        using (var writer = new StreamWriter(text, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            new FormGenerator(5, new GeneratorOptions { FileName = FileName }).WriteText(writer, forms);
        }

        return text.ToArray();
    }

    private static async Task<long> QueueAsync(FormImporter importer, ImportQueue queue, TempKeptFiles kept, string name, byte[] content)
    {
        var id = await importer.QueueAsync(name, content.Length, "tester");
        var path = kept.PathOf(id, name);
        await File.WriteAllBytesAsync(path, content);
        await queue.EnqueueAsync(new ImportJob(id, path, name, "tester"));
        return id;
    }

    private async Task<ImportBatch> StatusAsync(long id, Func<ImportStatus, bool> done)
    {
        var store = new ImportBatchStore(Db);
        ImportBatch? batch = null;
        await UntilAsync(async () => (batch = (await store.GetAsync(id))?.Batch) is { } b && done(b.Status));
        return batch!;
    }

    /// <summary>Stops the runner as the host does (its loop ends with the cancellation).</summary>
    protected static async Task StopAsync(CancellationTokenSource stop, Task running)
    {
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    protected static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    protected static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the condition did not come true");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Uploaded files kept in a folder, as the web application keeps them.</summary>
    private sealed class TempKeptFiles(string folder) : IKeptFiles
    {
        public string PathOf(long batchId, string fileName)
        {
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, batchId + "-" + fileName);
        }

        public void Delete(long batchId, string fileName) => File.Delete(PathOf(batchId, fileName));
    }
}

/// <summary>SQLite: another writer holds the file's write lock (as a backup or a second program may) for longer than the application waits.</summary>
public sealed class SqliteDatabaseOutageTests : DatabaseOutageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<IAsyncDisposable> GoAwayAsync()
    {
        // BEGIN IMMEDIATE: the import gives way to it at its next step, then waits for the lock in vain
        var db = Db.CreateContext();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.Database.BeginTransactionAsync();
                return new SqliteConnectionHolder(db);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 5 && attempt < 30)
            {
                // the import's step lasted longer than this test waits at once: ask again
            }
        }
    }

    [DbFact]
    public async Task A_running_batch_whose_import_holds_the_import_lock_is_left_running_until_it_is_released()
    {
        await using (var db = Db.CreateContext())
        {
            db.ImportBatches.Add(new ImportBatch { FileName = "live.txt", Status = ImportStatus.Running, CreatedBy = "cli", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var live = Db.TryLockImports()!; // another process importing
        var queue = new ImportQueue();
        var runner = new ImportRunner(queue, new FormImporter(Db), new ImportBatchStore(Db), new NoKeptFiles(), NullLogger<ImportRunner>.Instance);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => runner.RunAsync(stop.Token));
        await Task.Delay(1000);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(ImportStatus.Running, (await db.ImportBatches.SingleAsync()).Status);
        }

        await live.DisposeAsync(); // that process ended
        await UntilAsync(async () =>
        {
            await using var db = Db.CreateContext();
            return (await db.ImportBatches.SingleAsync()).Status == ImportStatus.Failed;
        });
        await StopAsync(stop, running);
    }

    private sealed class SqliteConnectionHolder(JixiaoDbContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => db.DisposeAsync(); // rolls the holding transaction back: the lock is free
    }
}

/// <summary>PostgreSQL: the database ends every connection to it and refuses new ones, as during a restart.</summary>
public sealed class PostgresDatabaseOutageTests : DatabaseOutageTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<IAsyncDisposable> GoAwayAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(Db.ConnectionString).Database!;
        await AdminAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        // the application's connections only: an autovacuum worker on the new database may be there too, and only a
        // superuser may end it
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
        return new Back(() => AdminAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true"));
    }

    [DbFact]
    public async Task A_running_batch_whose_import_holds_its_lease_is_left_running()
    {
        long id;
        await using (var db = Db.CreateContext())
        {
            var batch = new ImportBatch { FileName = "live.txt", Status = ImportStatus.Running, CreatedBy = "other-server", CreatedAt = DateTime.UtcNow };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            id = batch.Id;
        }

        // another application's import holds the batch's lease in its transaction
        await using var other = new NpgsqlConnection(Db.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var lease = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", other, transaction))
        {
            lease.Parameters.AddWithValue("key", Data.Schema.Sql.BatchLeaseKey(id));
            await lease.ExecuteNonQueryAsync();
        }

        Assert.False(await new ImportBatchStore(Db).FailAbandonedAsync(id, "interrupted", "", null));
        await transaction.RollbackAsync(); // that application is gone
        Assert.True(await new ImportBatchStore(Db).FailAbandonedAsync(id, "interrupted", "", null));
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(DataFactDiscoverer.Variable));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Back(Func<Task> comeBack) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await comeBack();
    }
}
