using System.Data.Common;
using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.Data.Sqlite;

namespace Jixiao.Data.Portfolio;

/// <summary>
/// Keeps the stored portfolio totals (<see cref="Entities.PortfolioCell"/>, <see cref="Entities.FindingCell"/>)
/// exact: an import adds its batch's totals and a deletion subtracts them, in the batch's own transaction, with one
/// <c>INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE</c> per table (the same SQL on SQLite and PostgreSQL). Cells
/// are written in key order so that concurrent imports lock them in the same order. A database whose totals were
/// built by another version of this class (or never, e.g. right after the migration that added them) is rebuilt from
/// the forms on <see cref="JixiaoDatabase.MigrateAsync"/>.
/// </summary>
internal static class PortfolioCube
{
    /// <summary>The definition of the totals; a change of what they hold bumps it, and the next start rebuilds them.</summary>
    /// <remarks>4: budget and executed follow <see cref="ExecutionRates"/> (self-evaluations that state both amounts).</remarks>
    internal const string Version = "4";

    internal const string StateKey = "portfolio_cube";

    private const string BatchForms = "f.import_batch_id = @batch";
    private const string AllForms = "1 = 1";

    private static readonly string[] AddSql = [CellsSql(BatchForms), IndicatorCellsSql(BatchForms), FindingsSql(BatchForms)];
    private static readonly string[] RebuildSql = [CellsSql(AllForms), IndicatorCellsSql(AllForms), FindingsSql(AllForms)];

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (−1) the totals of one batch's forms; run before the forms of a deleted batch go.</summary>
    internal static async Task ApplyBatchAsync(DbConnection connection, DbTransaction? transaction, long batchId, int sign, CancellationToken cancellationToken)
    {
        foreach (var sql in AddSql)
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken, ("batch", batchId), ("sign", sign));
        }

        var sqlite = connection is SqliteConnection;
        if (sign > 0)
        {
            await ExecuteAsync(connection, transaction, sqlite ? AddProjectsSqlite : AddProjectsPostgres, cancellationToken, ("batch", batchId));
            return;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM portfolio_cells WHERE forms = 0", cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM finding_cells WHERE findings = 0", cancellationToken);

        // a project's first and last year cannot be subtracted: the projects the batch touches are counted again
        // from the forms that stay
        await ExecuteAsync(connection, transaction, $"DELETE FROM project_cells WHERE (lineage_key, department_id) IN ({BatchProjects})", cancellationToken, ("batch", batchId));
        await ExecuteAsync(connection, transaction, ProjectsSql($"(f.lineage_key, coalesce(f.department_id, 0)) IN ({BatchProjects}) AND (f.import_batch_id IS NULL OR f.import_batch_id <> @batch)", ""), cancellationToken, ("batch", batchId));
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or subtracts (−1) what the findings of the forms <paramref name="formIds"/>
    /// contribute to the totals — the finding cells and the error, warning and forms-with-errors counts of the form
    /// cells: a change to stored forms' findings subtracts them, changes the findings and the forms' counts, and adds
    /// them again. Nothing else of a cell depends on findings.
    /// </summary>
    internal static Task ApplyFindingsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> formIds, int sign, CancellationToken cancellationToken) =>
        ApplyFormsAsync(connection, transaction, formIds, sign, c => c is "errors" or "warnings" or "forms_with_errors", cancellationToken);

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or subtracts (−1) everything the forms <paramref name="formIds"/> contribute to
    /// the form and finding cells but their indicators' printed weights and scores: a re-check, which may change the
    /// forms' findings, counts, recomputed totals, grades and rates, subtracts them, changes them, and adds them again.
    /// </summary>
    internal static Task ApplyRecheckedAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> formIds, int sign, CancellationToken cancellationToken) =>
        ApplyFormsAsync(connection, transaction, formIds, sign, _ => true, cancellationToken);

    private static async Task ApplyFormsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> formIds, int sign, Func<string, bool> changing, CancellationToken cancellationToken)
    {
        if (formIds.Count == 0)
        {
            return;
        }

        var where = "f.id IN (" + CrossFormChecks.IdList(formIds) + ")";
        var counted = FormColumns().Where(c => changing(c.Column)).ToList();
        var rest = FormColumns().Where(c => !counted.Contains(c)).Concat(IndicatorColumns()).Select(c => (c.Column, "0")).ToList();
        foreach (var sql in new[] { Upsert(counted, rest, "FROM forms f", where), FindingsSql(where) })
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken, ("sign", sign));
        }

        // a check no longer reported leaves its cells at 0 when the findings are added again
        await ExecuteAsync(connection, transaction, "DELETE FROM finding_cells WHERE findings = 0", cancellationToken);
    }

    /// <summary>
    /// Adds findings to stored forms without changing anything else of them (the checks across forms): rather than
    /// subtracting the forms' totals and adding them again (<see cref="ApplyFindingsAsync"/>), the cells get what the
    /// new findings add, and the forms their counts — a few statements of literal rows, whatever the forms hold.
    /// </summary>
    internal static async Task AddFindingsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<AddedFindings> forms, CancellationToken cancellationToken)
    {
        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

        // the error count is set only where errors are added: it is in an index of the forms (sorting by errors)
        foreach (var withErrors in new[] { true, false })
        {
            var set = (withErrors ? "error_count = error_count + v.column2, " : "") + "warning_count = warning_count + v.column3, info_count = info_count + v.column4";
            foreach (var part in forms.Where(f => f.Added.Count > 0 && (f.Count(Severity.Error) > 0) == withErrors).OrderBy(f => f.FormId).Chunk(500))
            {
                var rows = part.Select(f => $"({N(f.FormId)}, {N(f.Count(Severity.Error))}, {N(f.Count(Severity.Warning))}, {N(f.Count(Severity.Info))})");
                await ExecuteAsync(connection, transaction, $"UPDATE forms SET {set} FROM (VALUES {string.Join(", ", rows)}) AS v WHERE forms.id = v.column1", cancellationToken);
            }
        }

        // the form cells: errors, warnings and the forms that had no error before (in key order, as every writer of cells)
        var cells = forms.GroupBy(f => (f.Year, f.DepartmentId, f.Kind))
            .Select(g => (g.Key, Errors: g.Sum(f => f.Count(Severity.Error)), Warnings: g.Sum(f => f.Count(Severity.Warning)),
                WithErrors: g.Count(f => f.ErrorsBefore == 0 && f.Count(Severity.Error) > 0)))
            .Where(c => c.Errors != 0 || c.Warnings != 0)
            .OrderBy(c => c.Key.Year).ThenBy(c => c.Key.DepartmentId).ThenBy(c => c.Key.Kind).ToList();
        // an upsert in key order, as every writer of cells (the cells exist: their forms are counted in them)
        var zeros = FormColumns().Select(c => c.Column).Concat(IndicatorColumns().Select(c => c.Column))
            .Where(c => c is not ("errors" or "warnings" or "forms_with_errors")).ToList();
        foreach (var part in cells.Chunk(500))
        {
            var rows = part.Select(c => $"({N(c.Key.Year)}, {N(c.Key.DepartmentId)}, {N(c.Key.Kind)}, {N(c.Errors)}, {N(c.Warnings)}, {N(c.WithErrors)}{string.Concat(zeros.Select(_ => ", 0"))})");
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO portfolio_cells (year, department_id, kind, errors, warnings, forms_with_errors, {string.Join(", ", zeros)})
                VALUES {string.Join(", ", rows)}
                ON CONFLICT (year, department_id, kind) DO UPDATE SET
                    errors = portfolio_cells.errors + excluded.errors,
                    warnings = portfolio_cells.warnings + excluded.warnings,
                    forms_with_errors = portfolio_cells.forms_with_errors + excluded.forms_with_errors
                """, cancellationToken);
        }

        // the finding cells: the findings added, and the forms that had no finding of that check before
        var findingCells = forms.SelectMany(f => f.Added.Select(a => (Key: (f.Year, f.DepartmentId, a.Code, a.Severity), a.Count, a.NewToForm)))
            .GroupBy(a => a.Key)
            .Select(g => (g.Key, Findings: g.Sum(a => a.Count), Forms: g.Count(a => a.NewToForm)))
            .OrderBy(c => c.Key.Year).ThenBy(c => c.Key.DepartmentId).ThenBy(c => c.Key.Code, StringComparer.Ordinal).ThenBy(c => (int)c.Key.Severity).ToList();
        foreach (var part in findingCells.Chunk(500))
        {
            var codes = part.Select(c => c.Key.Code).Distinct().Select((code, i) => (code, i)).ToDictionary(x => x.code, x => "@c" + N(x.i));
            var rows = part.Select(c => $"({N(c.Key.Year)}, {N(c.Key.DepartmentId)}, {codes[c.Key.Code]}, {N((int)c.Key.Severity)}, {N(c.Findings)}, {N(c.Forms)})");
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO finding_cells (year, department_id, code, severity, findings, forms)
                VALUES {string.Join(", ", rows)}
                ON CONFLICT (year, department_id, code, severity) DO UPDATE SET
                    findings = finding_cells.findings + excluded.findings,
                    forms = finding_cells.forms + excluded.forms
                """, cancellationToken, [.. codes.Select(c => (c.Value[1..], (object)c.Key))]);
        }
    }

    /// <summary>
    /// Adds the totals of the forms of a batch stored after form id <paramref name="afterId"/>: an import that commits
    /// in steps (SQLite, <see cref="Forms.FormBatchSession"/>) adds each step's forms with the step, so the totals
    /// never count a form that is not stored, nor miss one that is.
    /// </summary>
    internal static async Task AddBatchStepAsync(DbConnection connection, DbTransaction? transaction, long batchId, long afterId, CancellationToken cancellationToken)
    {
        if (afterId <= 0)
        {
            await ApplyBatchAsync(connection, transaction, batchId, 1, cancellationToken);
            return;
        }

        foreach (var sql in StepSql)
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken, ("batch", batchId), ("sign", 1), ("after", afterId));
        }
    }

    private const string BatchStep = BatchForms + " AND f.id > @after";

    private static readonly string[] StepSql = [CellsSql(BatchStep), IndicatorCellsSql(BatchStep), FindingsSql(BatchStep), ProjectsSql(BatchStep, ProjectsOnConflict("min", "max"))];

    private const string BatchProjects = "SELECT b.lineage_key, coalesce(b.department_id, 0) FROM forms b WHERE b.import_batch_id = @batch";

    private static readonly string AddProjectsSqlite = ProjectsSql(BatchForms, ProjectsOnConflict("min", "max"));
    private static readonly string AddProjectsPostgres = ProjectsSql(BatchForms, ProjectsOnConflict("least", "greatest"));

    /// <summary>The projects of the forms <paramref name="where"/> selects, added to those stored (or inserted).</summary>
    private static string ProjectsSql(string where, string onConflict) => $"""
        INSERT INTO project_cells (lineage_key, department_id, forms, declarations, first_year, last_year, project_name)
        SELECT f.lineage_key, coalesce(f.department_id, 0), count(*),
            sum(CASE WHEN f.kind = {(int)Core.Forms.FormKind.TargetDeclaration} THEN 1 ELSE 0 END),
            min(f.year), max(f.year), max(f.project_name)
        FROM forms f
        WHERE {where}
        GROUP BY f.lineage_key, coalesce(f.department_id, 0)
        ORDER BY 1, 2
        {onConflict}
        """;

    /// <summary>
    /// Adds counts and widens the years; <paramref name="least"/>/<paramref name="greatest"/> are the two-argument
    /// functions (SQLite's min/max give null when either is null, PostgreSQL's least/greatest ignore nulls: coalesce
    /// makes them agree).
    /// </summary>
    private static string ProjectsOnConflict(string least, string greatest) => $"""
        ON CONFLICT (lineage_key, department_id) DO UPDATE SET
            forms = project_cells.forms + excluded.forms,
            declarations = project_cells.declarations + excluded.declarations,
            first_year = coalesce({least}(project_cells.first_year, excluded.first_year), project_cells.first_year, excluded.first_year),
            last_year = coalesce({greatest}(project_cells.last_year, excluded.last_year), project_cells.last_year, excluded.last_year),
            project_name = {greatest}(project_cells.project_name, excluded.project_name)
        """;

    /// <summary>Builds the totals again from every stored form when they are missing or of another <see cref="Version"/>.</summary>
    internal static async Task EnsureAsync(JixiaoDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (await ReadVersionAsync(connection, null, cancellationToken) == Version)
        {
            return;
        }

        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);

        // another process may have rebuilt them while this one waited for the lock
        if (await ReadVersionAsync(connection, transaction, cancellationToken) != Version)
        {
            await RebuildAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Empties the totals and adds up every stored form again (inside the caller's transaction).</summary>
    internal static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "DELETE FROM portfolio_cells", cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM finding_cells", cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM project_cells", cancellationToken);
        foreach (var sql in RebuildSql)
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken, ("sign", 1));
        }

        await ExecuteAsync(connection, transaction, ProjectsSql(AllForms, ""), cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM storage_state WHERE key = @key", cancellationToken, ("key", StateKey));
        await ExecuteAsync(connection, transaction, "INSERT INTO storage_state (key, value) VALUES (@key, @value)", cancellationToken, ("key", StateKey), ("value", Version));
    }

    private static async Task<string?> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM storage_state WHERE key = @key";
        AddParameter(command, "key", StateKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // a rebuild or a million-form batch may take minutes
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>The form-level columns of a cell and the aggregate over <c>forms f</c> that fills each.</summary>
    private static List<(string Column, string Expression)> FormColumns()
    {
        static string Int<T>(T value) where T : Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        static string Count(string condition) => $"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)";

        var columns = new List<(string, string)>
        {
            ("forms", "count(*)"),
            // a declaration's budget as declared; a self-evaluation's 全年预算数 and 全年执行数 only when it states
            // both (ExecutionRates): the cell then holds the two sums of the execution rate, without a new column
            ("budget", $"coalesce(sum(CASE WHEN f.kind = {Int(Core.Forms.FormKind.TargetDeclaration)} OR f.executed IS NOT NULL THEN f.budget END), 0)"),
            ("executed", "coalesce(sum(CASE WHEN f.budget IS NOT NULL THEN f.executed END), 0)"),
            ("rate_sum", "coalesce(sum(f.execution_rate), 0)"),
            ("rate_count", "count(f.execution_rate)"),
        };

        // the buckets of PortfolioStatistics.ScoreBucketBounds: [b0, b1), …, [b_last, ∞); no total, no bucket
        var bounds = PortfolioStatistics.ScoreBucketBounds;
        for (var i = 0; i < bounds.Count; i++)
        {
            var condition = i == 0
                ? $"f.total_score < {Num(bounds[1])}"
                : i == bounds.Count - 1
                    ? $"f.total_score >= {Num(bounds[i])}"
                    : $"f.total_score >= {Num(bounds[i])} AND f.total_score < {Num(bounds[i + 1])}";
            columns.Add(("score" + i.ToString(CultureInfo.InvariantCulture), Count(condition)));
        }

        foreach (var (name, grade) in new[] { ("excellent", Grade.Excellent), ("good", Grade.Good), ("fair", Grade.Fair), ("poor", Grade.Poor) })
        {
            columns.Add(("grade_" + name, Count($"f.grade = {Int(grade)}")));
            columns.Add(("recomputed_" + name, Count($"f.recomputed_grade = {Int(grade)}")));
        }

        columns.AddRange(
        [
            ("errors", "sum(f.error_count)"),
            ("warnings", "sum(f.warning_count)"),
            ("forms_with_errors", Count("f.error_count > 0")),
            ("graded_lower", Count("f.recomputed_grade < f.grade")),
            ("printed_total_sum", "coalesce(sum(f.total_score), 0)"),
            ("printed_total_count", "count(f.total_score)"),
            ("recomputed_total_sum", "coalesce(sum(f.recomputed_total), 0)"),
            ("recomputed_total_count", "count(f.recomputed_total)"),
        ]);
        return columns;
    }

    /// <summary>The indicator-level columns of a cell and the aggregate over <c>indicators i</c> (weight and score given).</summary>
    private static (string Column, string Expression)[] IndicatorColumns() =>
    [
        ("scored_indicators", "count(*)"),
        ("full_marks", "sum(CASE WHEN i.score >= i.weight THEN 1 ELSE 0 END)"),
        ("deducted", "sum(CASE WHEN i.score < i.weight THEN 1 ELSE 0 END)"),
        ("deducted_without_reason", "sum(CASE WHEN i.score < i.weight AND (i.deviation IS NULL OR i.deviation = '') THEN 1 ELSE 0 END)"),
    ];

    private static string CellsSql(string where)
    {
        var columns = FormColumns();
        return Upsert(columns, [.. IndicatorColumns().Select(c => (c.Column, "0"))], "FROM forms f", where);
    }

    private static string IndicatorCellsSql(string where)
    {
        // the cell of every batch form exists already (CellsSql runs first); its other columns get 0 added
        return Upsert(IndicatorColumns(), [.. FormColumns().Select(c => (c.Column, "0"))],
            "FROM indicators i JOIN forms f ON f.id = i.form_id", where + " AND i.weight IS NOT NULL AND i.score IS NOT NULL");
    }

    private static string Upsert(IReadOnlyList<(string Column, string Expression)> summed, IReadOnlyList<(string Column, string Expression)> zero, string from, string where)
    {
        var all = summed.Concat(zero).ToList();
        var values = string.Join(",\n    ", summed.Select(c => $"@sign * {c.Expression}").Concat(zero.Select(c => c.Expression)));
        var updates = string.Join(",\n    ", summed.Select(c => $"{c.Column} = portfolio_cells.{c.Column} + excluded.{c.Column}"));
        return $"""
            INSERT INTO portfolio_cells (year, department_id, kind, {string.Join(", ", all.Select(c => c.Column))})
            SELECT coalesce(f.year, 0), coalesce(f.department_id, 0), f.kind,
                {values}
            {from}
            WHERE {where}
            GROUP BY coalesce(f.year, 0), coalesce(f.department_id, 0), f.kind
            ORDER BY 1, 2, 3
            ON CONFLICT (year, department_id, kind) DO UPDATE SET
                {updates}
            """;
    }

    private static string FindingsSql(string where) => $"""
        INSERT INTO finding_cells (year, department_id, code, severity, findings, forms)
        SELECT coalesce(f.year, 0), coalesce(f.department_id, 0), x.code, x.severity, @sign * count(*), @sign * count(DISTINCT x.form_id)
        FROM findings x JOIN forms f ON f.id = x.form_id
        WHERE {where}
        GROUP BY coalesce(f.year, 0), coalesce(f.department_id, 0), x.code, x.severity
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (year, department_id, code, severity) DO UPDATE SET
            findings = finding_cells.findings + excluded.findings,
            forms = finding_cells.forms + excluded.forms
        """;
}

/// <summary>
/// The findings added to one stored form (<see cref="PortfolioCube.AddFindingsAsync"/>): its cell's key (year and
/// department 0 when unknown, as in the cells), its error count before, and per check the findings added and whether
/// the form had none of that check before.
/// </summary>
internal sealed record AddedFindings(long FormId, int Year, long DepartmentId, int Kind, int ErrorsBefore, IReadOnlyList<(string Code, Severity Severity, int Count, bool NewToForm)> Added)
{
    public int Count(Severity severity) => Added.Where(a => a.Severity == severity).Sum(a => a.Count);
}
