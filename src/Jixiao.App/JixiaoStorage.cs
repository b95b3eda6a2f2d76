using Jixiao.Data.Schema;

namespace Jixiao.App;

/// <summary>
/// The database as the surfaces need to know it, without touching it: which one it is (for logs and the health
/// endpoint), creating and migrating it at start, and whether a SQLite file already exists.
/// </summary>
public sealed class JixiaoStorage(JixiaoDatabase database)
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string ProviderName => database.Provider.ToString().ToLowerInvariant();

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile => database.SqlitePath;

    /// <summary>Creates the database when missing and applies pending migrations; safe on every start.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => database.MigrateAsync(cancellationToken);

    /// <summary>The migrations not yet applied.</summary>
    public Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken = default) => database.PendingMigrationsAsync(cancellationToken);

    /// <summary>For logs: the provider and the file or the connection string without its password.</summary>
    public override string ToString() => database.ToString();
}
