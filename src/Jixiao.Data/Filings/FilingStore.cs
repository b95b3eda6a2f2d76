using System.Data.Common;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Filings;

/// <summary>
/// The forms being filled in Jixiao as stored (填报): filings with their content, comments and revisions — read back,
/// and changed one change at a time in a transaction that also writes the change's audit entries. Every change of a
/// filing is a guarded <c>UPDATE … WHERE version = @read AND status = @read</c>: of two changes made from the same
/// version only the first is written, the second writes nothing (a conflict). A publication writes the approved form
/// through <see cref="FormWriter"/> in the same transaction as the filing's step. What may be changed, and by whom, is
/// decided above (Jixiao.App). Thread-safe: each call uses its own context.
/// </summary>
public sealed class FilingStore
{
    /// <summary>The longest comment, override reason or other text (characters).</summary>
    public const int TextLength = 4000;

    private readonly JixiaoDatabase database;
    private readonly FormWriter writer;
    private readonly ImportBatchStore batches;

    public FilingStore(JixiaoDatabase database, FormWriter writer, ImportBatchStore batches)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batches);
        this.database = database;
        this.writer = writer;
        this.batches = batches;
    }

    /// <summary>A store over <paramref name="database"/> (tests, tools).</summary>
    public FilingStore(JixiaoDatabase database)
        : this(database, new FormWriter(database), new ImportBatchStore(database))
    {
    }

    /// <summary>For tests: runs after a change and its audit entries are written, before the commit.</summary>
    internal Func<Task>? AfterWrite { get; init; }

    /// <summary>Filing <paramref name="id"/> with its content, or null.</summary>
    public async Task<FilingRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    /// <summary>The comments on filing <paramref name="filingId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<FilingCommentRecord>> CommentsAsync(long filingId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.FilingComments.AsNoTracking().Where(c => c.FilingId == filingId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The self-evaluation started from declaration <paramref name="declarationId"/>, or null.</summary>
    public async Task<long?> SelfEvaluationOfAsync(long declarationId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Filings.AsNoTracking().Where(f => f.DeclarationFilingId == declarationId).Select(f => (long?)f.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The saved versions of filing <paramref name="filingId"/>'s content, oldest first.</summary>
    public async Task<IReadOnlyList<FilingRevisionRecord>> RevisionsAsync(long filingId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.FilingRevisions.AsNoTracking().Where(r => r.FilingId == filingId).OrderBy(r => r.Version).ToListAsync(cancellationToken);
    }

    /// <summary>The content filing <paramref name="filingId"/> had at <paramref name="version"/>: the last revision saved up to it, or null.</summary>
    public async Task<FilingRevisionRecord?> RevisionAtAsync(long filingId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.FilingRevisions.AsNoTracking().Where(r => r.FilingId == filingId && r.Version <= version)
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One page of the filings <paramref name="query"/> selects, the newest change first.</summary>
    public async Task<PagedResult<FilingItem>> ListAsync(FilingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, FormQuery.MaxPageSize);
        await using var db = database.CreateContext();
        IQueryable<FilingRecord> filings = db.Filings.AsNoTracking();
        if (query.Scope?.DepartmentIds is { } departments)
        {
            filings = filings.Where(f => f.DepartmentId != null && departments.Contains(f.DepartmentId.Value));
        }

        if (query.Statuses is { } statuses)
        {
            var wanted = statuses.Distinct().ToArray();
            filings = filings.Where(f => wanted.Contains(f.Status));
        }

        if (query.Kind is { } kind)
        {
            filings = filings.Where(f => f.Kind == kind);
        }

        if (query.Year is { } year)
        {
            filings = filings.Where(f => f.Year == year);
        }

        var total = await filings.LongCountAsync(cancellationToken);
        var items = await filings.OrderByDescending(f => f.UpdatedAt).ThenByDescending(f => f.Id).Skip((page - 1) * size).Take(size)
            .Select(f => new FilingItem(
                f.Id, f.Kind, f.Year, f.ProjectName, f.DepartmentId, f.Department, f.ImplementingUnit, f.Status, f.Version,
                f.UpdatedBy, f.UpdatedAt, f.SubmittedAt, f.PublishedFormId,
                db.FilingComments.Count(c => c.FilingId == f.Id && !c.Resolved)))
            .ToListAsync(cancellationToken);
        return new PagedResult<FilingItem>(items, total, page, size);
    }

    /// <summary>
    /// Stores a new filing at version 1 (its <see cref="FilingRecord.Version"/> is set here) with its first revision
    /// and the audit entries <paramref name="audit"/> makes of its id, in one transaction; returns its id. Null, with
    /// nothing stored, when the filing starts from a declaration another self-evaluation started from meanwhile (one
    /// self-evaluation per declaration: a unique index).
    /// </summary>
    public async Task<long?> CreateAsync(FilingRecord filing, Func<long, IReadOnlyList<AuditRecord>> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        filing.Version = 1;
        filing.CreatedBy = Cut(filing.CreatedBy);
        filing.UpdatedBy = Cut(filing.UpdatedBy);
        db.Filings.Add(filing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (filing.DeclarationFilingId is not null && Reviews.ReviewStore.IsUniqueViolation(ex))
        {
            return null;
        }

        db.FilingRevisions.Add(new FilingRevisionRecord
        {
            FilingId = filing.Id, Version = 1, Author = filing.CreatedBy, At = filing.CreatedAt, Content = filing.Content,
        });
        foreach (var entry in audit(filing.Id))
        {
            db.AuditLog.Add(entry.ToEntry());
        }

        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(tx, cancellationToken);
        return filing.Id;
    }

    /// <summary>
    /// Writes <paramref name="change"/> in one transaction with its audit entries. Nothing is written, and false is
    /// returned, when the filing is no longer at the expected version and status (someone else changed it first), or
    /// — for <see cref="FilingChange.OnlyUntouched"/> — a reviewer has started on it meanwhile, or — for
    /// <see cref="FilingMark.Republished"/> — its published form is no longer stored.
    /// </summary>
    public async Task<bool> WriteAsync(FilingChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var actor = Cut(change.Actor);
        var at = change.At;
        var next = change.ExpectedVersion + 1;
        var guarded = db.Filings.Where(f => f.Id == change.FilingId && f.Version == change.ExpectedVersion && f.Status == change.ExpectedStatus);
        if (change.OnlyUntouched)
        {
            guarded = guarded.Where(f => f.ReviewStartedAt == null);
        }

        if (change.Mark == FilingMark.Republished)
        {
            guarded = guarded.Where(f => f.PublishedFormId != null && db.Forms.Any(x => x.Id == f.PublishedFormId));
        }

        var content = change.Content;
        var reason = change.OverrideReason;
        var moved = await guarded.ExecuteUpdateAsync(
            s =>
            {
                s.SetProperty(f => f.Status, change.To);
                s.SetProperty(f => f.Version, next);
                s.SetProperty(f => f.UpdatedBy, actor);
                s.SetProperty(f => f.UpdatedAt, at);
                if (content is not null)
                {
                    s.SetProperty(f => f.Content, content.Content);
                    s.SetProperty(f => f.Year, content.Year);
                    s.SetProperty(f => f.ProjectName, content.ProjectName);
                    s.SetProperty(f => f.ImplementingUnit, content.ImplementingUnit);
                }

                if (change.Mark == FilingMark.Submitted)
                {
                    s.SetProperty(f => f.SubmittedAt, at);
                    s.SetProperty(f => f.ReviewStartedAt, (DateTime?)null);
                }
                else if (change.Mark == FilingMark.Approved)
                {
                    s.SetProperty(f => f.ApprovedBy, actor);
                    s.SetProperty(f => f.ApprovedAt, at);
                    s.SetProperty(f => f.FindingsOverriddenReason, reason);
                }
                else if (change.Mark == FilingMark.Unpublished)
                {
                    s.SetProperty(f => f.PublishedBy, (string?)null);
                    s.SetProperty(f => f.PublishedAt, (DateTime?)null);
                }
                else if (change.Mark == FilingMark.Republished)
                {
                    s.SetProperty(f => f.PublishedBy, actor);
                    s.SetProperty(f => f.PublishedAt, at);
                }
            },
            cancellationToken);
        if (moved != 1)
        {
            return false;
        }

        if (content is not null)
        {
            db.FilingRevisions.Add(new FilingRevisionRecord { FilingId = change.FilingId, Version = next, Author = actor, At = at, Content = content.Content });
        }

        foreach (var comment in change.Comments)
        {
            comment.FilingId = change.FilingId;
            comment.FilingVersion = next;
            comment.Author = Cut(comment.Author);
            db.FilingComments.Add(comment);
        }

        foreach (var entry in change.Audit)
        {
            db.AuditLog.Add(entry.ToEntry());
        }

        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(tx, cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds <paramref name="comment"/> to its filing while the filing is still in <paramref name="expectedStatus"/>,
    /// with <paramref name="audit"/> (made of the comment's id), in one transaction; a comment that
    /// <paramref name="startsReview"/> marks the review of the current submission started (the filing can no longer
    /// be withdrawn). Returns the comment's id, or null when the filing's status changed meanwhile.
    /// </summary>
    public async Task<long?> CommentAsync(
        FilingCommentRecord comment, FilingStatus expectedStatus, bool startsReview, Func<long, AuditRecord> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var at = comment.CreatedAt;
        var filing = db.Filings.Where(f => f.Id == comment.FilingId && f.Status == expectedStatus);

        // the filing's row is taken (locked to the commit) whatever else happens, so a step waits for the comment
        var locked = startsReview
            ? await filing.ExecuteUpdateAsync(s => s.SetProperty(f => f.ReviewStartedAt, f => f.ReviewStartedAt ?? (DateTime?)at), cancellationToken)
            : await filing.ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, f => f.Status), cancellationToken);
        if (locked != 1)
        {
            return null;
        }

        comment.Author = Cut(comment.Author);
        comment.FilingVersion = await db.Filings.Where(f => f.Id == comment.FilingId).Select(f => f.Version).FirstAsync(cancellationToken);
        db.FilingComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditLog.Add(audit(comment.Id).ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(tx, cancellationToken);
        return comment.Id;
    }

    /// <summary>
    /// Marks comment <paramref name="commentId"/> of filing <paramref name="filingId"/> resolved while the filing is
    /// still in <paramref name="expectedStatus"/>, with <paramref name="audit"/>, in one transaction. False when the
    /// filing's status changed or the comment was resolved meanwhile.
    /// </summary>
    public async Task<bool> ResolveAsync(
        long filingId, long commentId, FilingStatus expectedStatus, string actor, DateTime at, AuditRecord audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Filings.Where(f => f.Id == filingId && f.Status == expectedStatus)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, f => f.Status), cancellationToken);
        if (locked != 1)
        {
            return false;
        }

        var by = Cut(actor);
        var resolved = await db.FilingComments.Where(c => c.Id == commentId && c.FilingId == filingId && !c.Resolved)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Resolved, true)
                .SetProperty(c => c.ResolvedBy, by)
                .SetProperty(c => c.ResolvedAt, at), cancellationToken);
        if (resolved != 1)
        {
            return false;
        }

        db.AuditLog.Add(audit.ToEntry());
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(tx, cancellationToken);
        return true;
    }

    /// <summary>
    /// Publishes an approved filing (公开): the form is written as the only form of a new import batch through
    /// <see cref="FormWriter"/> — the one door, so the search, the stored totals and the organisation tree follow —
    /// and, in the same transaction, the filing moves from the expected version (approved) to published with the
    /// stored form's id, and both audit entries are written. Null, with nothing stored and the batch failed, when the
    /// filing changed meanwhile. Any other failure fails the batch too and is thrown.
    /// </summary>
    public async Task<FilingPublished?> PublishAsync(FilingPublication publication, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var p = publication;
        var actor = Cut(p.Actor);
        await using var importLock = await writer.LockImportsAsync(cancellationToken);
        var batch = await batches.StartAsync(null, p.BatchName, null, actor, cancellationToken);
        async Task<bool> LinkAsync(DbConnection connection, DbTransaction transaction, long formId, CancellationToken ct)
        {
            var moved = await Sql.ExecuteAsync(connection, transaction, """
                UPDATE filings SET status = @published, version = version + 1, published_form_id = @form, published_by = @actor,
                    published_at = @at, updated_by = @actor, updated_at = @at
                WHERE id = @id AND version = @version AND status = @approved
                """, ct,
                ("published", (int)FilingStatus.Published), ("form", formId), ("actor", actor), ("at", p.At),
                ("id", p.FilingId), ("version", p.ExpectedVersion), ("approved", (int)FilingStatus.Approved));
            if (moved != 1)
            {
                return false;
            }

            await AuditLog.InsertAsync(connection, transaction, p.Audit(formId), ct);
            if (AfterWrite is { } hook)
            {
                await hook();
            }

            return true;
        }

        long? stored;
        try
        {
            stored = await writer.WriteOneAsync(batch.Id, p.Form, p.Result, p.RuleSet, p.At, p.ImportAudit(batch.Id), LinkAsync, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await batches.FailAsync(batch.Id, $"filing {p.FilingId}: not published: {ex.GetType().Name}: {ex.Message}", 0, "", null, CancellationToken.None);
            throw;
        }

        if (stored is not { } id)
        {
            await batches.FailAsync(batch.Id, $"filing {p.FilingId} changed before it was published: nothing stored", 0, "", null, CancellationToken.None);
            return null;
        }

        return new FilingPublished(id, batch.Id);
    }

    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken cancellationToken)
    {
        if (AfterWrite is { } hook)
        {
            await hook();
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static string Cut(string s, int max = 100) => s.Length <= max ? s : s[..max];
}
