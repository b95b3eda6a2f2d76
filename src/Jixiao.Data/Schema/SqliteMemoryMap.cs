using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jixiao.Data.Schema;

/// <summary>
/// Lets each SQLite connection of the contexts read the database file through a memory map (<c>PRAGMA mmap_size</c>,
/// <see cref="Bytes"/>): pages then come straight from the operating system's file cache, shared by every connection,
/// instead of being copied by a <c>read</c> call into each connection's small page cache (2 MiB by default). `perf` on
/// the findings list showed a fifth of the application's processor time in the kernel copying file pages. Writes are
/// unchanged (WAL). Set on every open of a connection from the pool: the setting is one statement of microseconds.
/// </summary>
internal sealed class SqliteMemoryMap : DbConnectionInterceptor
{
    /// <summary>The most of the file mapped per connection (address space, not memory: the file cache backs it).</summary>
    public const long Bytes = 1L << 30;

    private static readonly string Pragma = "PRAGMA mmap_size = " + Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
