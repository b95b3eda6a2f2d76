using System.Collections.Concurrent;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Forms;

/// <summary>
/// Loads one form for <c>GET /api/v1/forms/{id}</c>, the API's hottest path, in one round trip: one prepared command
/// (<see cref="FormReaderStatement"/>) with three <c>SELECT</c>s — the form with its goals (one-to-one, joined), then its indicators and its findings in printed order —
/// read result after result into the entity records. Same answer as <see cref="FormQueries.GetAsync"/> without the
/// import batch (the JSON needs only its id, which the form holds).
/// </summary>
/// <remarks>
/// <para>
/// On PostgreSQL the three statements go in one network round trip instead of three, and are prepared once per
/// connection: parsing and planning them (the form statement has 76 columns) cost the server several times more
/// than running them — measured at 200,000 forms, about 2.6 ms of server CPU per request before, 0.3–0.5 ms after, and
/// the client's EF query pipeline about 1 ms before, against 0.3 ms now for the whole request. SQLite takes the same
/// command, prepared the same way.
/// </para>
/// <para>
/// Connections are kept in a small pool, open, each with its prepared command: creating a context, opening its connection (the SQLite provider registers its functions on every new
/// connection) and preparing cost more than the query. Nothing is tracked, so a returned session holds no state; a
/// session whose command threw is disposed, not returned. At most <see cref="MaxIdle"/> sessions are kept; the pool is
/// emptied when the application stops.
/// </para>
/// </remarks>
public sealed class FormReader(JixiaoDatabase database) : IDisposable
{
    /// <summary>Idle sessions (open connections with their prepared commands) kept at most (a few per core).</summary>
    public const int MaxIdle = 16;

    private readonly ConcurrentBag<Session> idle = [];

    // Built per reader, not in static fields: one process may serve a SQLite and a PostgreSQL database (the tests do),
    // whose models differ in column types and quoting; each reader belongs to one database.
    private FormReaderStatement? statement;
    private int idleCount;
    private bool disposed;

    /// <summary>The form, or null when it is missing or outside <paramref name="scope"/> (a department user's 主管部门).</summary>
    /// <remarks>
    /// A session whose connection the server has closed (a PostgreSQL restart: the kept connections all died with it)
    /// is not an error of the request: the kept sessions are dropped, the connection pool cleared, and the form read
    /// once more on a new connection.
    /// </remarks>
    public async Task<FormDetail?> GetAsync(long id, DepartmentScope? scope, CancellationToken cancellationToken)
    {
        FormDetail? detail;
        for (var attempt = 0; ; attempt++)
        {
            var session = await RentAsync(cancellationToken);
            try
            {
                detail = await LoadAsync(session, id, cancellationToken);
                Return(session);
                break;
            }
            catch (Exception ex) when (attempt == 0 && DatabaseErrors.IsBrokenConnection(ex))
            {
                await session.DisposeAsync();
                DropIdle();
                database.ClearPool();
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }
        }

        return detail is not null && FormQueries.InScope(detail.Form, scope) ? detail : null;
    }

    /// <summary>Disposes the idle sessions (their connections were opened before the database went away).</summary>
    private void DropIdle()
    {
        while (idle.TryTake(out var stale))
        {
            Interlocked.Decrement(ref idleCount);
            stale.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        DropIdle();
    }

    private async Task<FormDetail?> LoadAsync(Session session, long id, CancellationToken cancellationToken)
    {
        var command = await session.CommandAsync(cancellationToken);
        var sql = session.Statement;
        await using var reader = await command.ExecuteAsync(id, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null; // missing; the other two results are discarded with the reader
        }

        var form = sql.ReadForm(reader);

        await reader.NextResultAsync(cancellationToken);
        var indicators = new List<IndicatorRecord>(form.IndicatorCount);
        while (await reader.ReadAsync(cancellationToken))
        {
            indicators.Add(sql.ReadIndicator(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        var findings = new List<FindingRecord>(form.ErrorCount + form.WarningCount + form.InfoCount);
        while (await reader.ReadAsync(cancellationToken))
        {
            findings.Add(sql.ReadFinding(reader));
        }

        return new FormDetail(form, form.Goals, indicators, findings, null);
    }

    private async ValueTask<Session> RentAsync(CancellationToken cancellationToken)
    {
        if (idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref idleCount);
            return session;
        }

        var db = database.CreateContext();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken); // held open while the session is pooled
            statement ??= FormReaderStatement.Create(db); // the same for every context of this database: a race only builds it twice
            return new Session(db, statement);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private void Return(Session session)
    {
        if (!disposed)
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdle)
            {
                idle.Add(session);
                return;
            }

            Interlocked.Decrement(ref idleCount);
        }

        session.Dispose();
    }

    /// <summary>A context with its connection open and the command prepared on that connection.</summary>
    private sealed class Session(JixiaoDbContext db, FormReaderStatement statement) : IDisposable, IAsyncDisposable
    {
        private FormReaderStatement.Command? command;

        public FormReaderStatement Statement => statement;

        public async ValueTask<FormReaderStatement.Command> CommandAsync(CancellationToken cancellationToken) =>
            command ??= await statement.PrepareAsync(db.Database.GetDbConnection(), db.Database.GetCommandTimeout(), cancellationToken);

        public void Dispose()
        {
            command?.Dispose();
            db.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            command?.Dispose();
            await db.DisposeAsync();
        }
    }
}
