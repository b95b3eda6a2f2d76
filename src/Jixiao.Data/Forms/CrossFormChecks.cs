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

    /// <summary>Forms of a batch compared per transaction.</summary>
    public int ChunkSize { get; init; } = 2000;

    /// <summary>Forms kept prepared between the chunks of one pass (stored forms do not change while it holds its lock).</summary>
    private const int MaxCached = 100_000;

    /// <summary>The advisory lock key (PostgreSQL) by which passes take turns; a re-check step takes it too (<see cref="FormWriter.WriteRecheckAsync"/>).</summary>
    internal const long PassLockKey = 0x4A69_7869_616F_4372; // "JixiaoCr"

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
    public async Task<CrossCheckResult> RunBatchAsync(long batchId, CancellationToken cancellationToken = default)
    {
        var total = new CrossCheckResult(0, 0, 0);
        var after = 0L;
        var cache = new Dictionary<long, ComparedForm>();
        while (true)
        {
            if (cache.Count > MaxCached)
            {
                cache.Clear();
            }

            var (chunk, last) = await RunChunkAsync(batchId, after, cache, cancellationToken);
            if (chunk is null)
            {
                return total;
            }

            total = new CrossCheckResult(total.Forms + chunk.Forms, total.Compared + chunk.Compared, total.Findings + chunk.Findings);
            after = last;
        }
    }

    /// <summary>One transaction: the batch's next forms after id <paramref name="after"/>; null when none are left (the batch is then marked compared).</summary>
    private async Task<(CrossCheckResult? Result, long Last)> RunChunkAsync(long batchId, long after, Dictionary<long, ComparedForm> loaded, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
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

        foreach (var (id, form) in await LoadAsync(db, ids, cancellationToken))
        {
            loaded[id] = form;
        }

        var signatures = new Dictionary<long, IReadOnlyList<FormSignature>>(ids.Count);
        foreach (var id in ids)
        {
            signatures[id] = FormSignatures.Of(loaded[id]);
        }

        await InsertSignaturesAsync(connection, transaction, signatures, cancellationToken);
        var candidates = await CandidatesAsync(connection, transaction, signatures, cancellationToken);

        var missing = candidates.Values.SelectMany(c => c).Where(id => !loaded.ContainsKey(id)).Distinct().ToList();
        foreach (var part in missing.Chunk(ChunkSize))
        {
            foreach (var (id, form) in await LoadAsync(db, part, cancellationToken))
            {
                loaded[id] = form;
            }
        }

        // compare each pair once; what each form already records is not added again
        var pairs = new HashSet<(long, long)>();
        var found = new List<(long Form, long Related, PairFinding Finding)>();
        foreach (var (id, others) in candidates)
        {
            foreach (var other in others)
            {
                var key = id < other ? (id, other) : (other, id);
                if (other == id || !loaded.ContainsKey(other) || !pairs.Add(key))
                {
                    continue;
                }

                foreach (var f in FormPairs.Compare(loaded[key.Item1], loaded[key.Item2]))
                {
                    found.Add(f.On == PairSide.First ? (key.Item1, key.Item2, f) : (key.Item2, key.Item1, f));
                }
            }
        }

        var added = 0;
        if (found.Count > 0)
        {
            added = await RecordAsync(connection, transaction, found, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (new CrossCheckResult(ids.Count, pairs.Count, added), ids[^1]);
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
            var form = FormMapper.ToForm(r, indicators[r.Id].OrderBy(i => i.Position), goals.GetValueOrDefault(r.Id));
            var department = r.DepartmentId is { } d ? "#" + d.ToString(CultureInfo.InvariantCulture) : TextKey.Of(r.Department);
            result[r.Id] = new ComparedForm(form, r.ContentHash, department, r.LineageKey);
        }

        return result;
    }

    private static async Task InsertSignaturesAsync(DbConnection connection, DbTransaction transaction, Dictionary<long, IReadOnlyList<FormSignature>> signatures, CancellationToken cancellationToken)
    {
        var rows = signatures.SelectMany(p => p.Value.Select(s => $"({(int)s.Kind}, {s.Hash.ToString(CultureInfo.InvariantCulture)}, {p.Key.ToString(CultureInfo.InvariantCulture)})")).ToList();
        foreach (var part in rows.Chunk(500))
        {
            await Sql.ExecuteAsync(connection, transaction,
                "INSERT INTO form_signatures (kind, hash, form_id) VALUES " + string.Join(", ", part) + " ON CONFLICT DO NOTHING", cancellationToken);
        }
    }

    /// <summary>
    /// For each form, the other stored forms to compare it with: those sharing a signature with it, the ones sharing
    /// the most signatures first (then the newest), at most <see cref="CandidatesPerForm"/>. A goal text held by more
    /// than <see cref="CandidatesPerSignature"/> forms is a template (标准表述), not a copy, and finds no candidates.
    /// </summary>
    private static async Task<Dictionary<long, List<long>>> CandidatesAsync(DbConnection connection, DbTransaction transaction, Dictionary<long, IReadOnlyList<FormSignature>> signatures, CancellationToken cancellationToken)
    {
        var wanted = signatures.Values.SelectMany(s => s).Distinct().ToList();
        var holders = new Dictionary<FormSignature, List<long>>();
        // one index seek per signature: the newest holders of each, by the key (kind, hash, form_id); 200 per statement
        // (SQLite allows 500 terms in a compound SELECT)
        foreach (var part in wanted.Chunk(200))
        {
            var sql = string.Join("\nUNION ALL\n", part.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"SELECT * FROM (SELECT kind, hash, form_id FROM form_signatures WHERE kind = {(int)s.Kind} AND hash = {s.Hash} ORDER BY form_id DESC LIMIT {CandidatesPerSignature + 2}) t")));
            await ReadAsync(connection, transaction, sql, reader =>
            {
                var s = new FormSignature((SignatureKind)Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
                if (!holders.TryGetValue(s, out var list))
                {
                    holders[s] = list = [];
                }

                list.Add(reader.GetInt64(2));
            }, cancellationToken);
        }

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
    private static async Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, List<(long Form, long Related, PairFinding Finding)> found, CancellationToken cancellationToken)
    {
        var forms = found.Select(f => f.Form).Distinct().ToList();
        var existing = new HashSet<(long, string, long)>();
        var perCode = new Dictionary<(long, string), int>();
        var positions = new Dictionary<long, int>();
        foreach (var part in forms.Chunk(500))
        {
            var list = IdList(part);
            await ReadAsync(connection, transaction, $"SELECT form_id, code, related_form_id FROM findings WHERE related_form_id IS NOT NULL AND form_id IN ({list})", r =>
            {
                var key = (r.GetInt64(0), r.GetString(1));
                existing.Add((key.Item1, key.Item2, r.GetInt64(2)));
                perCode[key] = perCode.GetValueOrDefault(key) + 1;
            }, cancellationToken);
            await ReadAsync(connection, transaction, $"SELECT form_id, max(position) FROM findings WHERE form_id IN ({list}) GROUP BY form_id",
                r => positions[r.GetInt64(0)] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), cancellationToken);
        }

        var rows = new List<FindingRecord>();
        foreach (var (form, related, f) in found.OrderBy(x => x.Form).ThenBy(x => x.Related))
        {
            var key = (form, f.Rule.Code);
            if (!existing.Add((form, f.Rule.Code, related)) || perCode.GetValueOrDefault(key) >= MaxPerCode)
            {
                continue;
            }

            perCode[key] = perCode.GetValueOrDefault(key) + 1;
            var position = positions.TryGetValue(form, out var p) ? p + 1 : 0;
            positions[form] = position;
            rows.Add(new FindingRecord
            {
                FormId = form,
                Position = position,
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

        var touched = rows.Select(r => r.FormId).Distinct().ToList();
        await PortfolioCube.ApplyFindingsAsync(connection, transaction, touched, -1, cancellationToken);
        foreach (var part in rows.Chunk(50))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new StringBuilder();
            for (var i = 0; i < part.Length; i++)
            {
                var r = part[i];
                var p = "p" + i.ToString(CultureInfo.InvariantCulture) + "_";
                values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"(@{p}f, @{p}p, @{p}c, @{p}s, @{p}k, @{p}d, @{p}i, @{p}z, @{p}e, @{p}l, @{p}r)");
                Sql.AddParameter(command, p + "f", r.FormId);
                Sql.AddParameter(command, p + "p", r.Position);
                Sql.AddParameter(command, p + "c", r.Code);
                Sql.AddParameter(command, p + "s", (int)r.Severity);
                Sql.AddParameter(command, p + "k", (int)r.Category);
                Sql.AddParameter(command, p + "d", r.Field);
                Sql.AddParameter(command, p + "i", r.IndicatorIndex);
                Sql.AddParameter(command, p + "z", r.MessageZh);
                Sql.AddParameter(command, p + "e", r.MessageEn);
                Sql.AddParameter(command, p + "l", r.SourceLine);
                Sql.AddParameter(command, p + "r", r.RelatedFormId);
            }

            command.CommandText = "INSERT INTO findings (form_id, position, code, severity, category, field, indicator_index, message_zh, message_en, source_line, related_form_id) VALUES " + values;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecountAsync(connection, transaction, touched, cancellationToken);
        await PortfolioCube.ApplyFindingsAsync(connection, transaction, touched, 1, cancellationToken);
        return rows.Count;
    }

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
