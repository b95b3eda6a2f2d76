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

    /// <summary>
    /// Checks that the database answers within <paramref name="timeout"/> (the health endpoint): null when it does,
    /// else the exception that says why, for the log.
    /// </summary>
    public Task<Exception?> CheckAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => database.CheckAsync(timeout, cancellationToken);

    /// <summary>True when <paramref name="exception"/> means the database cannot be reached right now (answer 503, retry later).</summary>
    public static bool IsUnavailable(Exception? exception) => DatabaseErrors.IsUnavailable(exception);

    /// <summary>Closes the idle pooled connections (after the database was unreachable).</summary>
    public void ClearPool() => database.ClearPool();

    /// <summary>For logs: the provider and the file or the connection string without its password.</summary>
    public override string ToString() => database.ToString();
}
