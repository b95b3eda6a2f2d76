using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Jixiao.Data.Schema;

/// <summary>
/// Tells a database that is not there (数据库不可用) — a PostgreSQL server stopped, restarting or refusing
/// connections, a connection cut, a SQLite file that cannot be opened or stays locked — from an error of the request
/// itself. The web application answers the first with 503 (try again) instead of 500, the import runner keeps
/// retrying what it must record, and a cut connection empties the connection pool so that the next request opens a
/// fresh one.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the database cannot be reached right now.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return IsUnavailableState(pg);
                case NpgsqlException:
                    return true; // not an error of the server: the connection (socket, timeout, pool) failed
                case SqliteException sqlite:
                    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
                    return sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14;
            }
        }

        return false;
    }

    /// <summary>
    /// True when trying the same work again later may succeed: the database is away (<see cref="IsUnavailable"/>), or
    /// PostgreSQL chose the transaction as the victim of a deadlock (40P01) or a serialization failure (40001).
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        if (IsUnavailable(exception))
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the connection that raised <paramref name="exception"/> is dead — the server ended it (shut down,
    /// restarted, terminated the backend) or the socket broke — so that the pooled connections opened before are
    /// likely dead too.
    /// </summary>
    public static bool IsBrokenConnection(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException npgsql:
                    return npgsql.InnerException is IOException or System.Net.Sockets.SocketException or EndOfStreamException
                        || npgsql.Message.Contains("Exception while reading from stream", StringComparison.Ordinal)
                        || npgsql.Message.Contains("Exception while writing to stream", StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static bool IsUnavailableState(PostgresException pg) =>
        pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" // shut down, crashed, starting, too many connections
        || pg.Severity is "FATAL" or "PANIC"; // the server ended the session (e.g. the database does not accept connections)
}

/// <summary>
/// Empties the connection pool when a command or a connection of an EF context fails because the connection is
/// dead (<see cref="DatabaseErrors.IsBrokenConnection"/>): after a PostgreSQL restart the pool holds connections the
/// server has closed, and each would fail one request; cleared, the next request opens a new connection.
/// </summary>
internal sealed class ConnectionResetInterceptor(Action clearPool) : IDbCommandInterceptor, IDbConnectionInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Check(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Check(eventData.Exception);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Check(eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Check(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Check(Exception exception)
    {
        if (DatabaseErrors.IsBrokenConnection(exception))
        {
            clearPool();
        }
    }
}
