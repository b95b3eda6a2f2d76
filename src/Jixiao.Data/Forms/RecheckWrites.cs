using System.Data;
using System.Data.Common;
using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.Data.Entities;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;

namespace Jixiao.Data.Forms;

/// <summary>
/// One step of a re-check to write (<see cref="FormWriter.WriteRecheckAsync"/>): the job's forms after
/// <paramref name="After"/> through <paramref name="Last"/> were checked again; <paramref name="Changed"/> holds those whose
/// checks gave something else than is stored (<see cref="FormMapper.Rechecked"/>; each with only the indicators whose
/// recomputed parts changed).
/// </summary>
/// <param name="JobId">The job (<see cref="RecheckJob"/>).</param>
/// <param name="After">The job's last form before this step: the step is written only if the job still stands there.</param>
/// <param name="Last">The last form of the step.</param>
/// <param name="Forms">Forms checked in the step.</param>
/// <param name="Changed">The forms to rewrite.</param>
/// <param name="FindingsBefore">Findings of the checks of one form on the step's forms, as stored.</param>
/// <param name="FindingsAfter">The same, as checked now.</param>
public sealed record RecheckStep(long JobId, long After, long Last, int Forms, IReadOnlyList<FormRecord> Changed, long FindingsBefore, long FindingsAfter);

/// <summary>
/// The writes of a re-check step, in one short transaction (<see cref="FormWriter.WriteRecheckAsync"/>): the job row
/// moves on (guarded: a job cancelled, finished or moved by another process is not written), and each changed form gets
/// its recomputed values, its indicators' recomputed parts and its findings of the checks of one form replaced. Its
/// findings across forms stay, renumbered after the new ones in their order (the review conclusions, keyed by code,
/// field and occurrence, find their findings again). The portfolio totals subtract the changed forms before and add
/// them after, so they stay exact. On PostgreSQL the step takes turns with the checks across forms (their lock) and
/// holds the rows of the batches of its forms and of their related forms, so no deletion removes them meanwhile.
/// </summary>
internal static class RecheckWrites
{
    private const string FindingColumns = "form_id, position, code, severity, category, field, indicator_index, message_zh, message_en, source_line, related_form_id, year";

    public static async Task<bool> WriteAsync(JixiaoDatabase database, FormTables tables, RecheckStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var moved = await Sql.ExecuteAsync(connection, transaction, """
            UPDATE recheck_jobs SET last_form_id = @last, done = done + @forms, changed = changed + @changed,
                findings_before = findings_before + @before, findings_after = findings_after + @now_found, updated_at = @now
            WHERE id = @id AND state = @running AND last_form_id = @after AND cancel_requested_by IS NULL
            """, cancellationToken,
            ("last", step.Last), ("forms", step.Forms), ("changed", step.Changed.Count), ("before", step.FindingsBefore), ("now_found", step.FindingsAfter),
            ("now", DateTime.UtcNow), ("id", step.JobId), ("running", (int)RecheckState.Running), ("after", step.After));
        if (moved == 0)
        {
            return false;
        }

        if (step.Changed.Count > 0)
        {
            await RewriteAsync(connection, transaction, tables, step.Changed, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task RewriteAsync(DbConnection connection, DbTransaction transaction, FormTables tables, IReadOnlyList<FormRecord> changed, CancellationToken cancellationToken)
    {
        var postgres = connection is not SqliteConnection;
        if (postgres)
        {
            await Sql.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", CrossFormChecks.PassLockKey));
            await LockBatchesAsync(connection, transaction, changed.Select(f => f.Id), cancellationToken);
        }

        var stored = new HashSet<long>();
        await ReadAsync(connection, transaction, $"SELECT id FROM forms WHERE id IN ({CrossFormChecks.IdList(changed.Select(f => f.Id))})", r => stored.Add(r.GetInt64(0)), cancellationToken);
        var forms = changed.Where(f => stored.Contains(f.Id)).ToList();
        if (forms.Count == 0)
        {
            return; // deleted since they were read
        }

        var ids = forms.Select(f => f.Id).ToList();
        var across = await CrossFindingsAsync(connection, transaction, ids, cancellationToken);
        if (postgres && across.Count > 0)
        {
            // the other forms of the pairs: a deletion of their batch waits for this step (or this step for it, and then
            // reads what it left)
            await LockBatchesAsync(connection, transaction, across.Select(x => x.RelatedFormId!.Value).Distinct(), cancellationToken);
            across = await CrossFindingsAsync(connection, transaction, ids, cancellationToken);
        }

        await PortfolioCube.ApplyRecheckedAsync(connection, transaction, ids, -1, cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, $"DELETE FROM findings WHERE form_id IN ({CrossFormChecks.IdList(ids)})", cancellationToken);

        var acrossByForm = across.ToLookup(x => x.FormId);
        var rows = new List<FindingRecord>(forms.Sum(f => f.Findings.Count) + across.Count);
        foreach (var f in forms)
        {
            rows.AddRange(f.Findings);
            var position = f.Findings.Count;
            foreach (var x in acrossByForm[f.Id])
            {
                x.Position = position++;
                rows.Add(x);
            }
        }

        await UpdateFormsAsync(connection, transaction, forms, acrossByForm, cancellationToken);
        await UpdateIndicatorsAsync(connection, transaction, forms, cancellationToken);
        await using (var writer = BulkWriter.Create(connection, transaction))
        {
            await writer.WriteAsync(tables.Findings, rows, cancellationToken);
        }

        await PortfolioCube.ApplyRecheckedAsync(connection, transaction, ids, 1, cancellationToken);
    }

    /// <summary>Holds the rows of the batches of <paramref name="formIds"/> to the end of the transaction (PostgreSQL): their deletion waits.</summary>
    private static Task LockBatchesAsync(DbConnection connection, DbTransaction transaction, IEnumerable<long> formIds, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction,
            $"SELECT id FROM import_batches WHERE id IN (SELECT import_batch_id FROM forms WHERE id IN ({CrossFormChecks.IdList(formIds)})) ORDER BY id FOR SHARE",
            _ => { }, cancellationToken);

    /// <summary>The findings across forms of <paramref name="formIds"/>, by form and position.</summary>
    private static async Task<List<FindingRecord>> CrossFindingsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> formIds, CancellationToken cancellationToken)
    {
        var found = new List<FindingRecord>();
        await ReadAsync(connection, transaction,
            $"SELECT {FindingColumns} FROM findings WHERE form_id IN ({CrossFormChecks.IdList(formIds)}) AND related_form_id IS NOT NULL ORDER BY form_id, position",
            r => found.Add(new FindingRecord
            {
                FormId = r.GetInt64(0),
                Position = Int(r, 1)!.Value,
                Code = r.GetString(2),
                Severity = (Severity)Int(r, 3)!.Value,
                Category = (CheckCategory)Int(r, 4)!.Value,
                Field = r.GetString(5),
                IndicatorIndex = Int(r, 6),
                MessageZh = r.GetString(7),
                MessageEn = r.GetString(8),
                SourceLine = Int(r, 9)!.Value,
                RelatedFormId = r.GetInt64(10),
                Year = Int(r, 11),
            }), cancellationToken);
        return found;
    }

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>The forms' recomputed values and severity counts (their new findings with the findings across forms kept).</summary>
    private static async Task UpdateFormsAsync(DbConnection connection, DbTransaction transaction, List<FormRecord> forms, ILookup<long, FindingRecord> across, CancellationToken cancellationToken)
    {
        var sqlite = connection is SqliteConnection;
        await using var command = Prepared(connection, transaction, """
            UPDATE forms SET grade = @grade, cannot_assess_count = @cannot, execution_rate_recomputed = @rate_recomputed,
                execution_rate = @rate, execution_score_recomputed = @execution_score, recomputed_total = @total, recomputed_min = @min,
                recomputed_max = @max, recomputed_grade = @recomputed_grade, rule_set = @rule_set,
                error_count = @errors, warning_count = @warnings, info_count = @infos
            WHERE id = @id
            """, "grade", "cannot", "rate_recomputed", "rate", "execution_score", "total", "min", "max", "recomputed_grade", "rule_set", "errors", "warnings", "infos", "id");
        foreach (var f in forms)
        {
            var others = across[f.Id];
            await RunAsync(command, cancellationToken,
                (int?)f.Grade, f.CannotAssessCount, Number(f.ExecutionRateRecomputed, sqlite), Number(f.ExecutionRate, sqlite),
                Number(f.ExecutionScoreRecomputed, sqlite), Number(f.RecomputedTotal, sqlite), Number(f.RecomputedMin, sqlite), Number(f.RecomputedMax, sqlite),
                (int?)f.RecomputedGrade, f.RuleSet,
                f.ErrorCount + others.Count(x => x.Severity == Severity.Error),
                f.WarningCount + others.Count(x => x.Severity == Severity.Warning),
                f.InfoCount + others.Count(x => x.Severity == Severity.Info),
                f.Id);
        }
    }

    /// <summary>The indicators whose category, recomputed score or outcome changed.</summary>
    private static async Task UpdateIndicatorsAsync(DbConnection connection, DbTransaction transaction, List<FormRecord> forms, CancellationToken cancellationToken)
    {
        if (forms.All(f => f.Indicators.Count == 0))
        {
            return;
        }

        var sqlite = connection is SqliteConnection;
        await using var command = Prepared(connection, transaction,
            "UPDATE indicators SET category = @category, recomputed_score = @score, outcome = @outcome WHERE form_id = @form AND position = @position",
            "category", "score", "outcome", "form", "position");
        foreach (var i in forms.SelectMany(f => f.Indicators))
        {
            await RunAsync(command, cancellationToken, (int)i.Category, Number(i.RecomputedScore, sqlite), (int?)i.Outcome, i.FormId, i.Position);
        }
    }

    /// <summary>A decimal as the column takes it: REAL on SQLite (a double), numeric on PostgreSQL.</summary>
    private static object? Number(decimal? value, bool sqlite) => value is { } v ? (sqlite ? (double)v : v) : null;

    private static DbCommand Prepared(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            Sql.AddParameter(command, name, null);
        }

        return command;
    }

    private static Task<int> RunAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReadAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
