using System.Net;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Web.Tests;

/// <summary>A test that needs the PostgreSQL server named by <c>JIXIAO_TEST_POSTGRES</c>; reported as skipped, with the reason, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "JIXIAO_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = "PostgreSQL tests need a server: export JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh)";
        }
    }
}

/// <summary>The web application on PostgreSQL: a database of its own, migrated at start, the same pages.</summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task The_application_runs_on_postgres_imports_lists_and_scopes_forms()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var name = "jixiao_web_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            using var factory = new JixiaoWebFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Jixiao"] = cs,
                ["Jixiao:Database:Provider"] = "Postgres",
            });
            Assert.Equal(DatabaseProvider.Postgres, factory.Database.Provider);
            var client = await factory.SignedInAsync("admin", "jixiao-admin");

            var response = await JixiaoWebFactory.UploadAsync(client,
                (Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))),
                (Corpus.DataBureau2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))),
                ("notice.ofd", ImportTests.OfdBytes));
            var ids = CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync());
            Assert.Equal(2, ids.Count);
            Assert.Equal(37, (await factory.WaitForBatchAsync(ids[0])).FormCount);
            Assert.Equal(34, (await factory.WaitForBatchAsync(ids[1])).FormCount);

            var list = await JixiaoWebFactory.HtmlAsync(client, "/forms?year=2024&q=" + Uri.EscapeDataString("涉案财务存放") + "&sort=score&desc=1");
            Assert.Equal("1", list.QuerySelector("#form-count")!.GetAttribute("data-total"));
            var injected = await client.GetAsync("/forms?q=" + Uri.EscapeDataString("' OR 1=1 --") + "&dept=" + Uri.EscapeDataString("%"));
            Assert.Equal(HttpStatusCode.OK, injected.StatusCode);

            await using var db = factory.Database.CreateContext();
            var finding = await db.Findings.Where(f => f.Field.StartsWith("indicators[")).OrderBy(f => f.FormId).FirstAsync();
            var detail = await JixiaoWebFactory.HtmlAsync(client, $"/forms/{finding.FormId}");
            var cell = detail.QuerySelectorAll("#official-table [data-field]").First(c => c.GetAttribute("data-field") == finding.Field);
            Assert.Contains("flagged", cell.ClassList);

            await factory.CreateUserAsync("data-user", "data-password-1", UserRole.DepartmentUser, CorpusFixture.DataBureauDepartment);
            var police = await db.Forms.FirstAsync(f => f.ImportBatchId == ids[0]);
            var dept = await factory.SignedInAsync("data-user", "data-password-1");
            Assert.Equal(HttpStatusCode.NotFound, (await dept.GetAsync($"/forms/{police.Id}")).StatusCode);
            Assert.Equal("34", (await JixiaoWebFactory.HtmlAsync(dept, "/forms")).QuerySelector("#form-count")!.GetAttribute("data-total"));
            foreach (var path in new[] { "/", "/findings", "/compare", "/projects" })
            {
                Assert.Equal(HttpStatusCode.OK, (await dept.GetAsync(path)).StatusCode);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
