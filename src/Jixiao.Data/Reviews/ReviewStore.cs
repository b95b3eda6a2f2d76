using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Data.Reviews;

/// <summary>
/// The follow-up of findings as stored (复核与整改): a form's review state, the conclusions on its findings and its
/// rectification requests with their threads — read back, and changed one <see cref="ReviewChange"/> at a time in a
/// transaction that also writes the change's audit entries. Everything is keyed by the form's content hash, so it
/// survives the deletion and re-import of the form. What may be changed, and by whom, is decided above (Jixiao.App);
/// this store only guarantees that a change is written whole or not at all, and that of two changes made from the
/// same version only the first is written. Thread-safe: each call uses its own context.
/// </summary>
public sealed class ReviewStore
{
    /// <summary>The longest note on a conclusion (characters).</summary>
    public const int NoteLength = 2000;

    /// <summary>The longest text of a request or a message (characters).</summary>
    public const int TextLength = 4000;

    private readonly JixiaoDatabase database;

    public ReviewStore(JixiaoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
    }

    /// <summary>For tests: runs after a change and its audit entries are written, before the commit.</summary>
    internal Func<Task>? AfterWrite { get; init; }

    /// <summary>The follow-up of form <paramref name="formId"/>; null when it is missing or out of <paramref name="scope"/>.</summary>
    public async Task<ReviewTarget?> FormAsync(long formId, DepartmentScope? scope, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var form = await db.Forms.AsNoTracking().Where(f => f.Id == formId)
            .Select(f => new ReviewedForm(f.Id, f.ContentHash, f.DepartmentId, f.Department, f.ProjectName, f.Year))
            .FirstOrDefaultAsync(cancellationToken);
        if (form is null || (scope is not null && !scope.Allows(form.DepartmentId)))
        {
            return null;
        }

        var hash = form.ContentHash;
        var findings = await db.Findings.AsNoTracking().Where(x => x.FormId == formId).OrderBy(x => x.Position).ToListAsync(cancellationToken);
        var review = await db.FormReviews.AsNoTracking().FirstOrDefaultAsync(r => r.ContentHash == hash, cancellationToken);
        var decisions = await db.FindingReviews.AsNoTracking().Where(r => r.ContentHash == hash).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var requests = await db.Rectifications.AsNoTracking().Where(r => r.ContentHash == hash).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var threads = await ThreadsAsync(db, requests, formId, cancellationToken);
        return new ReviewTarget(form, findings, review, decisions, threads);
    }

    /// <summary>One rectification request with its thread; null when it is missing or out of <paramref name="scope"/>.</summary>
    public async Task<RectificationThread?> RectificationAsync(long id, DepartmentScope? scope, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var request = await db.Rectifications.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || (scope is not null && !scope.Allows(request.DepartmentId)))
        {
            return null;
        }

        var hash = request.ContentHash;
        var formId = await db.Forms.AsNoTracking().Where(f => f.ContentHash == hash).MaxAsync(f => (long?)f.Id, cancellationToken);
        return (await ThreadsAsync(db, [request], formId, cancellationToken))[0];
    }

    /// <summary>The review row of a form content, or null while nothing was done.</summary>
    public async Task<FormReviewRecord?> ReviewOfAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.FormReviews.AsNoTracking().FirstOrDefaultAsync(r => r.ContentHash == contentHash, cancellationToken);
    }

    /// <summary>One page of the requests <paramref name="query"/> selects: the nearest deadline first, then the oldest request.</summary>
    public async Task<PagedResult<RectificationItem>> RectificationsAsync(RectificationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        var requests = Filter(db, query.Scope, query.Status, query.OverdueOn);
        var total = await requests.LongCountAsync(cancellationToken);
        var items = await requests.OrderBy(r => r.Deadline).ThenBy(r => r.Id).Skip((page - 1) * size).Take(size)
            .Select(r => new RectificationItem(r, db.Forms.Where(f => f.ContentHash == r.ContentHash).Max(f => (long?)f.Id)))
            .ToListAsync(cancellationToken);
        return new PagedResult<RectificationItem>(items, total, page, size);
    }

    /// <summary>
    /// In one query (the navigation shows them on every page): how many requests within <paramref name="scope"/> have
    /// <paramref name="waiting"/> (none when null), and how many are open past their deadline on <paramref name="today"/>.
    /// </summary>
    public async Task<(int Waiting, int Overdue)> CountRectificationsAsync(DepartmentScope? scope, RectificationStatus? waiting, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var counting = waiting is not null;
        var status = waiting ?? RectificationStatus.Open;
        var counts = await Filter(db, scope, null, null)
            .Where(r => r.Status == RectificationStatus.Open || (counting && r.Status == status))
            .GroupBy(r => 1)
            .Select(g => new
            {
                Waiting = g.Sum(r => counting && r.Status == status ? 1 : 0),
                Overdue = g.Sum(r => r.Status == RectificationStatus.Open && r.Deadline < today ? 1 : 0),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return counts is null ? (0, 0) : (counts.Waiting, counts.Overdue);
    }

    /// <summary>
    /// The conclusions on the findings of forms <paramref name="formIds"/>, by form id and finding position — what a page
    /// of a findings list shows beside each finding (undecided findings are absent).
    /// </summary>
    public async Task<IReadOnlyDictionary<(long FormId, int Position), FindingReviewRecord>> DecisionsOfAsync(
        IReadOnlyCollection<long> formIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formIds);
        var result = new Dictionary<(long, int), FindingReviewRecord>();
        if (formIds.Count == 0)
        {
            return result;
        }

        var ids = formIds.Distinct().ToArray();
        await using var db = database.CreateContext();
        var hashes = await db.Forms.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.ContentHash }).ToDictionaryAsync(f => f.Id, f => f.ContentHash, cancellationToken);
        var wanted = hashes.Values.Distinct().ToArray();
        var decisions = (await db.FindingReviews.AsNoTracking().Where(r => wanted.Contains(r.ContentHash)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.ContentHash, r.Code, r.Field, r.Occurrence));
        if (decisions.Count == 0)
        {
            return result;
        }

        var findings = (await db.Findings.AsNoTracking().Where(x => ids.Contains(x.FormId)).ToListAsync(cancellationToken)).ToLookup(x => x.FormId);
        foreach (var form in findings)
        {
            var hash = hashes[form.Key];
            foreach (var x in form)
            {
                if (decisions.TryGetValue((hash, x.Code, x.Field, FindingKeys.OccurrenceOf(x, form)), out var d))
                {
                    result[(x.FormId, x.Position)] = d;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Writes <paramref name="change"/> in one transaction with its audit entries. Nothing is written, and
    /// <see cref="ReviewWrite.Written"/> is false, when the form's review is no longer at the expected version or the
    /// request no longer in the expected status (someone else acted first).
    /// </summary>
    public async Task<ReviewWrite> WriteAsync(ReviewChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await MoveFormAsync(db, change, cancellationToken))
            {
                return new ReviewWrite(false, null);
            }

            if (change.Decision is { } decision)
            {
                await DecideAsync(db, decision, cancellationToken);
            }

            long? requestId = null;
            if (change.NewRectification is { } request)
            {
                db.Rectifications.Add(request);
                await db.SaveChangesAsync(cancellationToken);
                requestId = request.Id;
                db.RectificationMessages.Add(new RectificationMessageRecord
                {
                    RectificationId = request.Id, Step = RectificationStep.Request, Author = request.RequestedBy, At = request.RequestedAt, Text = request.Text,
                });
            }

            if (change.Rectification is { } update && !await StepAsync(db, update, cancellationToken))
            {
                return new ReviewWrite(false, null);
            }

            foreach (var entry in change.Audit(requestId))
            {
                db.AuditLog.Add(entry.ToEntry());
            }

            await db.SaveChangesAsync(cancellationToken);
            if (AfterWrite is { } hook)
            {
                await hook();
            }

            await tx.CommitAsync(cancellationToken);
            return new ReviewWrite(true, requestId);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // the first change of a form made by two people at once: the second finds the row the first inserted
            return new ReviewWrite(false, null);
        }
    }

    /// <summary>The form's review row to the next version, or false when it is not at the expected one.</summary>
    private static async Task<bool> MoveFormAsync(JixiaoDbContext db, ReviewChange change, CancellationToken cancellationToken)
    {
        if (change.ExpectedVersion == 0)
        {
            db.FormReviews.Add(new FormReviewRecord
            {
                ContentHash = change.ContentHash, State = change.State, Version = 1, UpdatedBy = Cut(change.Actor, 100), UpdatedAt = change.At,
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        var actor = Cut(change.Actor, 100);
        var moved = await db.FormReviews
            .Where(r => r.ContentHash == change.ContentHash && r.Version == change.ExpectedVersion)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, change.State)
                .SetProperty(r => r.Version, r => r.Version + 1)
                .SetProperty(r => r.UpdatedBy, actor)
                .SetProperty(r => r.UpdatedAt, change.At), cancellationToken);
        return moved == 1;
    }

    private static async Task DecideAsync(JixiaoDbContext db, FindingReviewRecord decision, CancellationToken cancellationToken)
    {
        var existing = await db.FindingReviews.FirstOrDefaultAsync(
            r => r.ContentHash == decision.ContentHash && r.Code == decision.Code && r.Field == decision.Field && r.Occurrence == decision.Occurrence,
            cancellationToken);
        if (existing is null)
        {
            db.FindingReviews.Add(decision);
            return;
        }

        existing.Decision = decision.Decision;
        existing.Note = decision.Note;
        existing.DecidedBy = decision.DecidedBy;
        existing.DecidedAt = decision.DecidedAt;
    }

    /// <summary>A step of a request, or false when the request is not in the expected status.</summary>
    private static async Task<bool> StepAsync(JixiaoDbContext db, RectificationUpdate update, CancellationToken cancellationToken)
    {
        var m = update.Message;
        var author = Cut(m.Author, 100);
        var q = db.Rectifications.Where(r => r.Id == update.Id && r.Status == update.From);
        var changed = m.Step switch
        {
            RectificationStep.Answer => await q.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, update.To)
                .SetProperty(r => r.MarkedDone, m.MarkedDone)
                .SetProperty(r => r.AnsweredBy, author)
                .SetProperty(r => r.AnsweredAt, m.At), cancellationToken),
            RectificationStep.Accept => await q.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, update.To)
                .SetProperty(r => r.ClosedBy, author)
                .SetProperty(r => r.ClosedAt, m.At), cancellationToken),
            _ => await q.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, update.To), cancellationToken),
        };
        if (changed != 1)
        {
            return false;
        }

        m.RectificationId = update.Id;
        db.RectificationMessages.Add(m);
        return true;
    }

    private static IQueryable<RectificationRecord> Filter(JixiaoDbContext db, DepartmentScope? scope, RectificationStatus? status, DateOnly? overdueOn)
    {
        IQueryable<RectificationRecord> requests = db.Rectifications.AsNoTracking();
        if (scope?.DepartmentIds is { } departments)
        {
            requests = requests.Where(r => r.DepartmentId != null && departments.Contains(r.DepartmentId.Value));
        }

        if (overdueOn is { } day)
        {
            requests = requests.Where(r => r.Status == RectificationStatus.Open && r.Deadline < day);
        }

        if (status is { } s)
        {
            requests = requests.Where(r => r.Status == s);
        }

        return requests;
    }

    private static async Task<List<RectificationThread>> ThreadsAsync(JixiaoDbContext db, List<RectificationRecord> requests, long? formId, CancellationToken cancellationToken)
    {
        var ids = requests.Select(r => r.Id).ToArray();
        var messages = ids.Length == 0
            ? Array.Empty<RectificationMessageRecord>().ToLookup(m => m.RectificationId)
            : (await db.RectificationMessages.AsNoTracking().Where(m => ids.Contains(m.RectificationId)).OrderBy(m => m.Id).ToListAsync(cancellationToken))
                .ToLookup(m => m.RectificationId);
        return [.. requests.Select(r => new RectificationThread(r, [.. messages[r.Id]], formId))];
    }

    /// <summary>True when <paramref name="ex"/> is a unique index refusing a row (both databases).</summary>
    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
