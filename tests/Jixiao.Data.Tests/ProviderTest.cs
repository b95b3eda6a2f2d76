using Jixiao.Data.Schema;

namespace Jixiao.Data.Tests;

/// <summary>
/// A test class run once per database provider (a subclass each for SQLite and PostgreSQL), with a fresh, migrated
/// database of its own for every test.
/// </summary>
public abstract class ProviderTest : IAsyncLifetime
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
