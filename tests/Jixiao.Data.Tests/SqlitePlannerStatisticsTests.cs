using Jixiao.Data.Schema;

namespace Jixiao.Data.Tests;

/// <summary>
/// SQLite is told the shape of the findings at every start (<see cref="SqlitePlannerStatistics"/>): a form's findings of
/// one severity or check are read by the form's key, not by scanning the severity or check index — the mistake it made
/// without them, which turned the recount of each form's findings in the checks across forms into a scan per form.
/// </summary>
public sealed class SqlitePlannerStatisticsTests
{
    [Fact]
    public async Task A_forms_findings_of_one_severity_or_check_are_read_by_its_key()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);

        // what the recount after the checks across forms and the form list's check filter ask
        Assert.Contains("sqlite_autoindex_findings_1", await PlanAsync(connection,
            "UPDATE forms SET error_count = (SELECT count(*) FROM findings x WHERE x.form_id = forms.id AND x.severity = 2) WHERE id IN (1, 2)"));
        Assert.Contains("sqlite_autoindex_findings_1", await PlanAsync(connection,
            "SELECT f.id FROM forms f WHERE EXISTS (SELECT 1 FROM findings x WHERE x.form_id = f.id AND x.code = 'FUND-RATE') ORDER BY f.year DESC, f.id DESC LIMIT 50"));

        // and a severity's findings in the list's order still come from the front of its index
        Assert.Contains("IX_findings_severity_year_form_id_position", await PlanAsync(connection,
            "SELECT form_id, position FROM findings WHERE severity = 2 ORDER BY year DESC, form_id DESC, position LIMIT 25"));

        // a second start writes the same rows again, once each
        await test.Database.MigrateAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'findings'";
        Assert.Equal(4L, await command.ExecuteScalarAsync());
    }

    private static async Task<string> PlanAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    }
}
