using System.Collections.Concurrent;
using Jixiao.Data.Entities;
using Jixiao.Data.Queries;
using Jixiao.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>
/// Loads one form for <c>GET /api/v1/forms/{id}</c>, the API's hottest path: three compiled, no-tracking queries on
/// one context — the form with its goals (one-to-one, joined) and the caller's department scope checked in the same
/// statement, then its indicators and its findings in printed order. Same answer as
/// <see cref="FormStore.GetAsync"/> without the import batch (the JSON needs only its id, which the form holds).
/// </summary>
/// <remarks>
/// Contexts are kept in a small pool with their connection open: creating a context and opening its connection
/// (the SQLite provider registers its functions on every new connection) cost more than the three queries. Every
/// query is no-tracking, so a returned context holds no state; a context whose query threw is disposed, not
/// returned. At most <see cref="MaxIdle"/> contexts are kept; the pool is emptied when the application stops.
/// </remarks>
public sealed class FormReader(JixiaoDatabase database) : IDisposable
{
    /// <summary>Idle contexts kept open at most (a few per core).</summary>
    public const int MaxIdle = 16;

    private readonly ConcurrentBag<JixiaoDbContext> idle = [];

    // Compiled per reader, not in static fields: a compiled query binds to the model it first runs against, and one
    // process may serve a SQLite and a PostgreSQL database (the tests do); each reader belongs to one database.
    private readonly Func<JixiaoDbContext, long, string?, CancellationToken, Task<FormRecord?>> formQuery =
        EF.CompileAsyncQuery((JixiaoDbContext db, long id, string? scopeKey, CancellationToken _) =>
            db.Forms.AsNoTracking()
                .Include(f => f.Goals)
                .FirstOrDefault(f => f.Id == id
                    && (scopeKey == null || db.Organisations.Any(o => o.Id == f.DepartmentId && o.Kind == OrganisationKind.Department && o.Key == scopeKey))));

    private readonly Func<JixiaoDbContext, long, IAsyncEnumerable<IndicatorRecord>> indicatorsQuery =
        EF.CompileAsyncQuery<JixiaoDbContext, long, IndicatorRecord>((db, id) =>
            db.Indicators.AsNoTracking().Where(i => i.FormId == id).OrderBy(i => i.Position));

    private readonly Func<JixiaoDbContext, long, IAsyncEnumerable<FindingRecord>> findingsQuery =
        EF.CompileAsyncQuery<JixiaoDbContext, long, FindingRecord>((db, id) =>
            db.Findings.AsNoTracking().Where(x => x.FormId == id).OrderBy(x => x.Position));
    private int idleCount;
    private bool disposed;

    /// <summary>The form, or null when it is missing or outside <paramref name="scopeDepartment"/> (a department user's 主管部门).</summary>
    public async Task<FormDetail?> GetAsync(long id, string? scopeDepartment, CancellationToken cancellationToken)
    {
        // the scope matches departments by normalised name, as FormStore does; a scope that normalises to nothing
        // matches no department (never everything)
        var scopeKey = scopeDepartment is null ? null : NameKeys.Plain(scopeDepartment);
        if (scopeKey is { Length: 0 })
        {
            return null;
        }

        var db = await RentAsync(cancellationToken);
        FormDetail? detail;
        try
        {
            detail = await LoadAsync(db, id, scopeKey, cancellationToken);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        Return(db);
        return detail;
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var db))
        {
            db.Dispose();
        }
    }

    private async Task<FormDetail?> LoadAsync(JixiaoDbContext db, long id, string? scopeKey, CancellationToken cancellationToken)
    {
        var form = await formQuery(db, id, scopeKey, cancellationToken);
        if (form is null)
        {
            return null;
        }

        var indicators = new List<IndicatorRecord>(form.IndicatorCount);
        await foreach (var i in indicatorsQuery(db, id).WithCancellation(cancellationToken))
        {
            indicators.Add(i);
        }

        var findings = new List<FindingRecord>(form.ErrorCount + form.WarningCount + form.InfoCount);
        await foreach (var x in findingsQuery(db, id).WithCancellation(cancellationToken))
        {
            findings.Add(x);
        }

        return new FormDetail(form, form.Goals, indicators, findings, null);
    }

    private async ValueTask<JixiaoDbContext> RentAsync(CancellationToken cancellationToken)
    {
        if (idle.TryTake(out var db))
        {
            Interlocked.Decrement(ref idleCount);
            return db;
        }

        db = database.CreateContext();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken); // held open while the context is pooled
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return db;
    }

    private void Return(JixiaoDbContext db)
    {
        if (!disposed)
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdle)
            {
                idle.Add(db);
                return;
            }

            Interlocked.Decrement(ref idleCount);
        }

        db.Dispose();
    }
}
