using System.Data.Common;

namespace Jixiao.Data.Schema;

/// <summary>
/// What SQLite's query planner is told about the shape of <c>findings</c> (<c>sqlite_stat1</c>), written at every
/// start. SQLite keeps no statistics unless <c>ANALYZE</c> runs, and without them it takes an equality on the first
/// column of any index to select a few rows: for "this form's findings of severity 2" it would scan every finding of
/// severity 2 in the severity index instead of reading the form's few findings by its key. The figures are the
/// table's shape, not its size — each form has about 8 findings, a check a few hundredths of them, a severity a
/// third — so they hold for a database of any size; SQLite only compares them. A later <c>ANALYZE</c> by an
/// administrator replaces them with measured ones, and the next start writes these again.
/// </summary>
internal static class SqlitePlannerStatistics
{
    /// <summary>Per index of <c>findings</c>: rows, then rows per distinct value of each leading run of its columns.</summary>
    private static readonly (string Index, string Stat)[] Findings =
    [
        ("sqlite_autoindex_findings_1", "1000000 8 1"), // (form_id, position)
        ("IX_findings_code_year_form_id_position", "1000000 40000 8000 4 1"),
        ("IX_findings_severity_year_form_id_position", "1000000 330000 70000 8 1"),
        ("IX_findings_related_form_id", "450000 4"),
    ];

    /// <summary>Writes the rows (in one transaction) and has the planner read them again.</summary>
    public static async Task EnsureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // naming the schema table creates sqlite_stat1 when it is missing and analyzes nothing
        await Sql.ExecuteAsync(connection, null, "ANALYZE sqlite_schema", cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await Sql.ExecuteAsync(connection, transaction, "DELETE FROM sqlite_stat1 WHERE tbl = 'findings'", cancellationToken);
            foreach (var (index, stat) in Findings)
            {
                await Sql.ExecuteAsync(connection, transaction, "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('findings', @index, @stat)",
                    cancellationToken, ("index", index), ("stat", stat));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // the planner reads sqlite_stat1 when it loads the schema: this reloads it
        await Sql.ExecuteAsync(connection, null, "ANALYZE sqlite_schema", cancellationToken);
    }
}
