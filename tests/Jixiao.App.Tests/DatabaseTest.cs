using Jixiao.App.Imports;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;

namespace Jixiao.App.Tests;

/// <summary>A test class with a fresh database of its own per test (a SQLite file or a new PostgreSQL database).</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>SQLite: how long writes wait for the write lock (null: the default).</summary>
    protected virtual TimeSpan? BusyTimeout => null;

    protected JixiaoDatabase Db => test!.Database;

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Provider, busyTimeout: BusyTimeout);

    public virtual async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }
}

/// <summary>A host that keeps no uploaded files (the use cases under test are given their input directly).</summary>
public sealed class NoKeptFiles : IKeptFiles
{
    public string PathOf(long batchId, string fileName) => Path.Combine(Path.GetTempPath(), "jixiao-none", batchId + ".txt");

    public void Delete(long batchId, string fileName)
    {
    }
}
