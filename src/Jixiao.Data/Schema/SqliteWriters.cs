using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jixiao.Data.Schema;

/// <summary>
/// Knows when someone in this process waits for SQLite's one write lock — a sign-in writing its last-login time and
/// audit entry, an upload recording its batch — so that a long import, which commits its forms in steps, lets them in
/// between two steps instead of taking the lock straight back (<see cref="YieldAsync"/>). Fed by the EF contexts of
/// the database: a write outside a transaction, and the start of a transaction (SQLite's <c>BEGIN IMMEDIATE</c>),
/// count as waiting until they run. An entry left behind by a failure counts for <see cref="Stale"/> at most.
/// </summary>
internal sealed class SqliteWriters : IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>How long an import step gives way to waiting writers at most.</summary>
    public static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);

    /// <summary>A wait not ended after this long is not counted any more (an entry a failure left behind).</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<object, long> waiting = new(ReferenceEqualityComparer.Instance);

    /// <summary>True while a write of this process waits for (or is about to take) the write lock.</summary>
    public bool AnyWaiting
    {
        get
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var (key, since) in waiting)
            {
                if (Stopwatch.GetElapsedTime(since, now) < Stale)
                {
                    return true;
                }

                waiting.TryRemove(key, out _);
            }

            return false;
        }
    }

    /// <summary>Waits while other writers wait for the lock the caller has just released, at most <see cref="MaxYield"/>.</summary>
    public async Task YieldAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (AnyWaiting && Stopwatch.GetElapsedTime(start) < MaxYield)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Starting(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Starting(command);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Done(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Starting(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Starting(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Done(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Done(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Done(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(command);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        waiting[connection] = Stopwatch.GetTimestamp();
        return result;
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        waiting[connection] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        waiting.TryRemove(connection, out _);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        waiting.TryRemove(connection, out _);
        return ValueTask.FromResult(result);
    }

    /// <summary>A write outside a transaction waits for the lock; reads (WAL) and statements inside a transaction do not.</summary>
    private void Starting(DbCommand command)
    {
        if (command.Transaction is null && IsWrite(command.CommandText))
        {
            waiting[command] = Stopwatch.GetTimestamp();
        }
    }

    private void Done(DbCommand command) => waiting.TryRemove(command, out _);

    private static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}
