using System.Data.Common;
using System.Globalization;
using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Core.Checks.Across;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Data.Forms;

/// <summary>What one pass of the checks across forms did.</summary>
/// <param name="Forms">Forms of the batch compared with the stored ones.</param>
/// <param name="Compared">Pairs compared (candidates sharing a signature).</param>
/// <param name="Findings">Findings added (a pair's finding on each of its forms counts twice).</param>
public sealed record CrossCheckResult(int Forms, int Compared, int Findings);

/// <summary>
/// Runs the checks across forms (<see cref="CrossChecks"/>) for the forms of an import batch against every stored
/// form, and keeps their findings right when forms come and go.
/// </summary>
/// <remarks>
/// <para>
/// <b>Candidates by signature, not pairs.</b> Each form's signatures (<see cref="FormSignatures"/>: its project, its
/// long texts, the bands of the MinHash of its indicator rows, its content) are stored in <c>form_signatures</c>; a
/// new form is compared only with the stored forms sharing one, at most <see cref="CandidatesPerSignature"/> per
/// signature (the newest), so a boilerplate text shared by thousands of forms costs a bounded number of comparisons.
/// </para>
/// <para>
/// <b>Findings on both forms.</b> A pair's finding sits on each form it concerns with
/// <see cref="FindingRecord.RelatedFormId"/> naming the other, at most <see cref="MaxPerCode"/> per form and check.
/// Adding findings to a stored form changes its severity counts and the portfolio totals: the forms touched are
/// subtracted from the totals, changed and recounted, and added again, in one transaction.
/// </para>
/// <para>
/// <b>Serialised.</b> Passes take turns (SQLite's write lock; a PostgreSQL advisory lock), so two batches imported at
/// once still meet each other exactly once; a pass skips the pairs already recorded, so it can run again after an
/// interruption (<see cref="RunPendingAsync"/>). Deleting a batch removes the findings that name its forms from the
/// forms that stay (<see cref="RemoveForBatchAsync"/>, in the deletion's transaction).
/// </para>
/// </remarks>
public sealed class CrossFormChecks(JixiaoDatabase database)
{

    /// <summary>At most this many stored forms are compared per shared signature (the newest).</summary>
    public const int CandidatesPerSignature = 24;

    /// <summary>At most this many stored forms are compared with one new form (those sharing the most signatures).</summary>
    public const int CandidatesPerForm = 16;

    /// <summary>At most this many findings of one cross-form check on one form (the first pairs found).</summary>
    public const int MaxPerCode = 5;

    /// <summary>
    /// Forms of a batch compared per transaction. Large: each transaction rewrites the pages of the signatures' key it
    /// touches, and a chunk's signatures are spread over all of them — at 100,000 stored forms chunks of 2,000 made the
    /// pass three times as slow as chunks of 10,000 (docs/benchmarks.md). On SQLite a chunk holds the write lock for a
    /// few seconds; the pass lets waiting writers go first between chunks.
    /// </summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>Forms read back kept between the chunks of one pass, besides those handed over (stored forms do not change while it holds its lock).</summary>
    private const int MaxCached = 100_000;

    /// <summary>The advisory lock key (PostgreSQL) by which passes take turns; a re-check step takes it too (<see cref="FormWriter.WriteRecheckAsync"/>).</summary>
    internal const long PassLockKey = 0x4A69_7869_616F_4372; // "JixiaoCr"

    private static BulkTable? findingsTable;
    private static BulkTable? signaturesTable;

    /// <summary>How the bulk writer of the import stores findings (the model is the same for every context).</summary>
    private static BulkTable FindingsTable(Microsoft.EntityFrameworkCore.Metadata.IModel model) => findingsTable ??= BulkTable.For<FindingRecord>(model);

    private static BulkTable SignaturesTable(Microsoft.EntityFrameworkCore.Metadata.IModel model) => signaturesTable ??= BulkTable.For<FormSignatureRecord>(model);

    /// <summary>Compares the forms of every stored batch not yet compared (oldest first); returns the batches done.</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken = default)
    {
        List<long> pending;
        await using (var db = database.CreateContext())
        {
            pending = await db.ImportBatches.AsNoTracking()
                .Where(b => !b.CrossChecked && b.Status == ImportStatus.Succeeded)
                .OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in pending)
        {
            await RunBatchAsync(id, cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>Compares the forms of batch <paramref name="batchId"/> with every stored form and records what is found.</summary>
    public Task<CrossCheckResult> RunBatchAsync(long batchId, CancellationToken cancellationToken = default) =>
        RunBatchAsync(batchId, null, cancellationToken);

    /// <summary>
    /// Compares the forms of batch <paramref name="batchId"/> with every stored form; <paramref name="prepared"/> holds
    /// forms of the batch the importer still has in memory (<see cref="Prepare"/>), which are then not read back.
    /// </summary>
    public async Task<CrossCheckResult> RunBatchAsync(long batchId, IReadOnlyDictionary<long, ComparedForm>? prepared, CancellationToken cancellationToken = default)
    {
        var total = new CrossCheckResult(0, 0, 0);
        var after = 0L;
        var cache = prepared is null ? new Dictionary<long, ComparedForm>() : new Dictionary<long, ComparedForm>(prepared);
        await using var own = await OpenPassConnectionAsync(cancellationToken);
        while (true)
        {
            if (cache.Count > (prepared?.Count ?? 0) + MaxCached)
            {
                // the forms read back go; those handed over stay (later chunks often meet them again)
                cache.Clear();
                foreach (var (id, form) in prepared ?? new Dictionary<long, ComparedForm>())
                {
                    cache[id] = form;
                }
            }

            var (chunk, last) = await RunChunkAsync(batchId, after, cache, own, cancellationToken);
            if (chunk is null)
            {
                return total;
            }

            total = new CrossCheckResult(total.Forms + chunk.Forms, total.Compared + chunk.Compared, total.Findings + chunk.Findings);
            after = last;
            if (database.Writers is { } writers)
            {
                await writers.YieldAsync(cancellationToken);
            }
        }
    }

    /// <summary>One transaction: the batch's next forms after id <paramref name="after"/>; null when none are left (the batch is then marked compared).</summary>
    private async Task<(CrossCheckResult? Result, long Last)> RunChunkAsync(long batchId, long after, Dictionary<long, ComparedForm> loaded, DbConnection? own, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        if (own is not null)
        {
            db.Database.SetDbConnection(own, contextOwnsConnection: false);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        if (connection is NpgsqlConnection)
        {
            await Sql.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", PassLockKey));
        }

        var batch = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId)
            .Select(b => new { b.Status, b.CrossChecked }).FirstOrDefaultAsync(cancellationToken);
        if (batch is null || batch.Status != ImportStatus.Succeeded || batch.CrossChecked)
        {
            return (null, after);
        }

        var ids = await db.Forms.AsNoTracking().Where(f => f.ImportBatchId == batchId && f.Id > after)
            .OrderBy(f => f.Id).Select(f => f.Id).Take(ChunkSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.CrossChecked, true), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (null, after);
        }

        var unread = ids.Where(id => !loaded.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var (id, form) in await LoadAsync(db, unread, cancellationToken))
            {
                loaded[id] = form;
            }
        }

        var signatures = new Dictionary<long, IReadOnlyList<FormSignature>>(ids.Count);
        foreach (var id in ids)
        {
            signatures[id] = FormSignatures.Of(loaded[id]);
        }

        await InsertSignaturesAsync(connection, transaction, db.Model, signatures, cancellationToken);
        var candidates = await CandidatesAsync(connection, transaction, signatures, cancellationToken);

        var missing = candidates.Values.SelectMany(c => c).Where(id => !loaded.ContainsKey(id)).Distinct().ToList();
        foreach (var part in missing.Chunk(ChunkSize))
        {
            foreach (var (id, form) in await LoadAsync(db, part, cancellationToken))
            {
                loaded[id] = form;
            }
        }

        // compare each pair once (on every core: the comparisons only read the forms; the findings keep the pairs'
        // order); what each form already records is not added again
        var pairs = new HashSet<(long, long)>();
        var order = new List<(long, long)>();
        foreach (var (id, others) in candidates)
        {
            foreach (var other in others)
            {
                var key = id < other ? (id, other) : (other, id);
                if (other != id && loaded.ContainsKey(other) && pairs.Add(key))
                {
                    order.Add(key);
                }
            }
        }

        var results = new IReadOnlyList<PairFinding>[order.Count];
        Parallel.For(0, order.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            results[i] = FormPairs.Compare(loaded[order[i].Item1], loaded[order[i].Item2]));
        var found = new List<(long Form, long Related, PairFinding Finding)>();
        for (var i = 0; i < order.Count; i++)
        {
            var (first, second) = order[i];
            foreach (var f in results[i])
            {
                found.Add(f.On == PairSide.First ? (first, second, f) : (second, first, f));
            }
        }

        var added = 0;
        if (found.Count > 0)
        {
            added = await RecordAsync(connection, transaction, db.Model, found, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (new CrossCheckResult(ids.Count, pairs.Count, added), ids[^1]);
    }

    /// <summary>
    /// On SQLite, the pass's own connection for all its chunks, outside the pool: a page cache of
    /// <see cref="PassCacheKib"/> KiB (the pass seeks all over the signatures, findings and forms of a large database;
    /// SQLite's default cache is 2 MiB, and it is kept between the chunks' transactions while no one else writes) and
    /// <c>synchronous=NORMAL</c>, WAL's usual setting (a commit is not flushed to the disk at once; a crash of the
    /// machine may lose the last chunks, never corrupt the file — and a batch not marked compared is compared again).
    /// The connection and its cache go when the pass ends. Null on PostgreSQL (the pool's connections).
    /// </summary>
    private async Task<DbConnection?> OpenPassConnectionAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, null, $"PRAGMA cache_size = -{PassCacheKib}; PRAGMA synchronous = NORMAL", cancellationToken);
        return connection;
    }

    /// <summary>The page cache of the pass's own SQLite connection (KiB).</summary>
    private const int PassCacheKib = 256 * 1024;

    /// <summary>
    /// The forms of a chunk the importer has just written (their ids are assigned), prepared for the pass as
    /// <see cref="LoadAsync"/> would read them back: <paramref name="sources"/> are the chunk's forms in its order.
    /// </summary>
    public static void Prepare(FormChunk chunk, IReadOnlyList<PerformanceForm> sources, IDictionary<long, ComparedForm> into)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(into);
        if (sources.Count != chunk.Forms.Count)
        {
            throw new ArgumentException("one source form per form of the chunk", nameof(sources));
        }

        for (var i = 0; i < sources.Count; i++)
        {
            var r = chunk.Forms[i];
            into[r.Id] = Compared(r, sources[i]).Lean();
        }
    }

    private static ComparedForm Compared(FormRecord r, PerformanceForm form)
    {
        var department = r.DepartmentId is { } d ? "#" + d.ToString(CultureInfo.InvariantCulture) : TextKey.Of(r.Department);
        return new ComparedForm(form, r.ContentHash, department, r.LineageKey);
    }

    /// <summary>The forms with these ids, as the comparisons read them.</summary>
    private static async Task<Dictionary<long, ComparedForm>> LoadAsync(JixiaoDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var forms = await db.Forms.AsNoTracking().Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        var indicators = (await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.FormId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.FormId);
        var goals = await db.FormGoals.AsNoTracking().Where(g => ids.Contains(g.FormId)).ToDictionaryAsync(g => g.FormId, cancellationToken);
        var result = new Dictionary<long, ComparedForm>(forms.Count);
        foreach (var r in forms)
        {
            result[r.Id] = Compared(r, FormMapper.ToForm(r, indicators[r.Id].OrderBy(i => i.Position), goals.GetValueOrDefault(r.Id))).Lean();
        }

        return result;
    }

    /// <summary>
    /// Stores the signatures of the chunk's forms, replacing any they have (a pass run again over a batch), with the bulk
    /// writer of the import. A form holding one signature twice (two goals with the same text) stores it once.
    /// </summary>
    private static async Task InsertSignaturesAsync(
        DbConnection connection, DbTransaction transaction, Microsoft.EntityFrameworkCore.Metadata.IModel model, Dictionary<long, IReadOnlyList<FormSignature>> signatures, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, transaction, $"DELETE FROM form_signatures WHERE form_id IN ({IdList(signatures.Keys)})", cancellationToken);
        // in key order: the inserts walk the key once instead of seeking all over it
        var rows = signatures.SelectMany(p => p.Value.Distinct().Select(s => new FormSignatureRecord { Kind = (short)s.Kind, Hash = s.Hash, FormId = p.Key }))
            .OrderBy(r => r.Kind).ThenBy(r => r.Hash).ThenBy(r => r.FormId).ToList();
        await using var writer = BulkWriter.Create(connection, transaction);
        await writer.WriteAsync(SignaturesTable(model), rows, cancellationToken);
    }

    /// <summary>
    /// For each form, the other stored forms to compare it with: those sharing a signature with it, the ones sharing
    /// the most signatures first (then the newest), at most <see cref="CandidatesPerForm"/>. A goal text held by more
    /// than <see cref="CandidatesPerSignature"/> forms is a template (标准表述), not a copy, and finds no candidates.
    /// </summary>
    private static async Task<Dictionary<long, List<long>>> CandidatesAsync(DbConnection connection, DbTransaction transaction, Dictionary<long, IReadOnlyList<FormSignature>> signatures, CancellationToken cancellationToken)
    {
        // One statement for the chunk: each distinct signature of its forms (stored just before) joined with its newest
        // holders — from the one that is newest but the limit, found by an index seek, to the newest. The database walks
        // the key (kind, hash, form_id) twice per signature; a signature held by thousands costs no more, and one held by
        // many forms of the chunk (a project's forms, a template text) is read once for all of them.
        var holders = new Dictionary<FormSignature, List<long>>();
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT w.kind, w.hash, s.form_id
            FROM (SELECT DISTINCT kind, hash FROM form_signatures WHERE form_id IN ({IdList(signatures.Keys)})) w
            JOIN form_signatures s ON s.kind = w.kind AND s.hash = w.hash AND s.form_id >= coalesce(
                (SELECT x.form_id FROM form_signatures x WHERE x.kind = w.kind AND x.hash = w.hash ORDER BY x.form_id DESC LIMIT 1 OFFSET {CandidatesPerSignature + 1}), 0)
            """);
        await ReadAsync(connection, transaction, sql, reader =>
        {
            var key = new FormSignature((SignatureKind)reader.GetInt16(0), reader.GetInt64(1));
            if (!holders.TryGetValue(key, out var list))
            {
                holders[key] = list = [];
            }

            list.Add(reader.GetInt64(2));
        }, cancellationToken);

        var result = new Dictionary<long, List<long>>(signatures.Count);
        var shared = new Dictionary<long, int>();
        foreach (var (id, own) in signatures)
        {
            shared.Clear();
            foreach (var s in own)
            {
                // the form itself holds each of its signatures: more than the limit besides it is a template
                if (!holders.TryGetValue(s, out var list) || (s.Kind == SignatureKind.Goal && list.Count > CandidatesPerSignature + 1))
                {
                    continue;
                }

                foreach (var other in list)
                {
                    if (other != id)
                    {
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                    }
                }
            }

            result[id] = [.. shared.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Take(CandidatesPerForm).Select(p => p.Key)];
        }

        return result;
    }

    /// <summary>Stores the new findings (skipping pairs recorded before and beyond <see cref="MaxPerCode"/>), keeping counts and totals exact.</summary>
    private static async Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, Microsoft.EntityFrameworkCore.Metadata.IModel model, List<(long Form, long Related, PairFinding Finding)> found, CancellationToken cancellationToken)
    {
        var forms = found.Select(f => f.Form).Distinct().ToList();
        var existing = new HashSet<(long, string, long)>();
        var perCode = new Dictionary<(long, string), int>();
        var stored = new Dictionary<long, StoredForm>();
        foreach (var part in forms.Chunk(500))
        {
            var list = IdList(part);
            await ReadAsync(connection, transaction, $"SELECT form_id, code, related_form_id FROM findings WHERE related_form_id IS NOT NULL AND form_id IN ({list})", r =>
            {
                var key = (r.GetInt64(0), r.GetString(1));
                existing.Add((key.Item1, key.Item2, r.GetInt64(2)));
                perCode[key] = perCode.GetValueOrDefault(key) + 1;
            }, cancellationToken);
            await ReadAsync(connection, transaction, $"""
                SELECT f.id, f.year, f.department_id, f.kind, f.error_count, (SELECT max(x.position) FROM findings x WHERE x.form_id = f.id)
                FROM forms f WHERE f.id IN ({list})
                """, r =>
            {
                int? Int(int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
                stored[r.GetInt64(0)] = new StoredForm(Int(1), r.IsDBNull(2) ? null : r.GetInt64(2), Int(3) ?? 0, Int(4) ?? 0, Int(5) ?? -1);
            }, cancellationToken);
        }

        var before = perCode.Keys.ToHashSet();
        var rows = new List<FindingRecord>();
        foreach (var (form, related, f) in found.OrderBy(x => x.Form).ThenBy(x => x.Related))
        {
            var key = (form, f.Rule.Code);
            if (!existing.Add((form, f.Rule.Code, related)) || perCode.GetValueOrDefault(key) >= MaxPerCode || !stored.TryGetValue(form, out var s))
            {
                continue;
            }

            perCode[key] = perCode.GetValueOrDefault(key) + 1;
            stored[form] = s = s with { LastPosition = s.LastPosition + 1 };
            rows.Add(new FindingRecord
            {
                FormId = form,
                Position = s.LastPosition,
                Year = s.Year,
                Code = f.Rule.Code,
                Severity = f.Rule.Severity,
                Category = f.Rule.Category,
                Field = f.Field,
                IndicatorIndex = FormMapper.IndicatorIndexOf(f.Field),
                MessageZh = f.MessageZh,
                MessageEn = f.MessageEn,
                SourceLine = f.SourceLine,
                RelatedFormId = related,
            });
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        await using (var writer = BulkWriter.Create(connection, transaction))
        {
            await writer.WriteAsync(FindingsTable(model), rows, cancellationToken);
        }

        // the forms' counts and the totals get what the new findings add
        var added = rows.GroupBy(r => r.FormId).Select(g =>
        {
            var s = stored[g.Key];
            var byCode = g.GroupBy(r => (r.Code, r.Severity)).Select(c => (c.Key.Code, c.Key.Severity, c.Count(), !before.Contains((g.Key, c.Key.Code)))).ToList();
            return new AddedFindings(g.Key, s.Year ?? 0, s.DepartmentId ?? 0, s.Kind, s.Errors, byCode);
        }).ToList();
        await PortfolioCube.AddFindingsAsync(connection, transaction, added, cancellationToken);
        return rows.Count;
    }

    /// <summary>What the recording of findings reads of a stored form: its cell's key, its error count, its last finding's position (−1: none).</summary>
    private sealed record StoredForm(int? Year, long? DepartmentId, int Kind, int Errors, int LastPosition);

    /// <summary>
    /// Inside the deletion of batch <paramref name="batchId"/>, before its forms go: the findings of the forms that stay
    /// that name one of its forms are removed, with their counts and totals. Its forms' signatures go too.
    /// </summary>
    internal static async Task RemoveForBatchAsync(DbConnection connection, DbTransaction transaction, long batchId, CancellationToken cancellationToken)
    {
        var survivors = new List<long>();
        await ReadAsync(connection, transaction, """
            SELECT DISTINCT x.form_id FROM findings x
            JOIN forms r ON r.id = x.related_form_id
            JOIN forms f ON f.id = x.form_id
            WHERE r.import_batch_id = @batch AND f.import_batch_id <> @batch
            """, r => survivors.Add(r.GetInt64(0)), cancellationToken, ("batch", batchId));
        foreach (var part in survivors.Chunk(500))
        {
            var list = IdList(part);
            await PortfolioCube.ApplyFindingsAsync(connection, transaction, part, -1, cancellationToken);
            await Sql.ExecuteAsync(connection, transaction,
                $"DELETE FROM findings WHERE form_id IN ({list}) AND related_form_id IN (SELECT id FROM forms WHERE import_batch_id = @batch)",
                cancellationToken, ("batch", batchId));
            await RecountAsync(connection, transaction, part, cancellationToken);
            await PortfolioCube.ApplyFindingsAsync(connection, transaction, part, 1, cancellationToken);
        }

        await Sql.ExecuteAsync(connection, transaction,
            "DELETE FROM form_signatures WHERE form_id IN (SELECT id FROM forms WHERE import_batch_id = @batch)", cancellationToken, ("batch", batchId));
    }

    /// <summary>Sets the forms' severity counts from their findings.</summary>
    private static Task RecountAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> forms, CancellationToken cancellationToken)
    {
        static string Count(Severity s) =>
            $"(SELECT count(*) FROM findings x WHERE x.form_id = forms.id AND x.severity = {(int)s})";
        return Sql.ExecuteAsync(connection, transaction,
            $"UPDATE forms SET error_count = {Count(Severity.Error)}, warning_count = {Count(Severity.Warning)}, info_count = {Count(Severity.Info)} WHERE id IN ({IdList(forms)})",
            cancellationToken);
    }

    /// <summary>Ids as a literal SQL list: <c>1, 2, 3</c>.</summary>
    internal static string IdList(IEnumerable<long> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static async Task ReadAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Sql.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
