using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Exports;
using Npgsql;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The API on PostgreSQL, in the same process as one on SQLite: every endpoint answers on both (the one-form reader's
/// statements belong to each database, not to the process), with department scoping and exports.
/// </summary>
public sealed class PostgresApiTests
{
    [PostgresFact]
    public async Task The_api_answers_on_postgres_and_on_sqlite_side_by_side()
    {
        using var sqlite = new JixiaoWebFactory();
        var sqliteAdmin = await sqlite.SignedInAsync("admin", "jixiao-admin");
        var sqliteForm = await ImportAndReadAsync(sqlite, sqliteAdmin);

        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var name = "jixiao_api_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            using var factory = new JixiaoWebFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Jixiao"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(),
                ["Jixiao:Database:Provider"] = "Postgres",
            });
            Assert.Equal(DatabaseProvider.Postgres, factory.Database.Provider);
            var client = await factory.SignedInAsync("admin", "jixiao-admin");
            var postgresForm = await ImportAndReadAsync(factory, client);

            // the same content gives the same interchange object on both databases
            Assert.Equal(sqliteForm, postgresForm);

            // and SQLite still answers after PostgreSQL ran the one-form reader
            using var again = await ApiClient.GetJsonAsync(sqliteAdmin, "/api/v1/forms?pageSize=1&sort=imported");
            var id = ApiClient.Items(again).First().GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await sqliteAdmin.GetAsync($"/api/v1/forms/{id}")).StatusCode);

            await ReadEverythingAsync(factory, client);

            // the one-form reader's own SQL (one prepared command) reads what the form store reads, in every scope,
            // also a form without goals, indicators or findings
            using var forms = await ApiClient.GetJsonAsync(client, "/api/v1/forms?pageSize=500&sort=imported");
            var ids = ApiClient.Items(forms).Select(i => i.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(71, await FormsApiTests.AssertReaderAgreesWithStoreAsync(factory, [.. ids, ids.Max() + 1]));
            await FormsApiTests.AssertBareFormReadsWholeAsync(factory, client);
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

    /// <summary>Imports the police 2024 file and returns its first form's interchange JSON (without the API's members).</summary>
    private static async Task<string> ImportAndReadAsync(JixiaoWebFactory factory, HttpClient admin)
    {
        var response = await ApiClient.UploadAsync(admin,
            (Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))),
            (Corpus.DataBureau2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var doc = await ApiClient.JsonAsync(response);
        foreach (var queued in doc.RootElement.GetProperty("queued").EnumerateArray())
        {
            Assert.Equal(ImportStatus.Succeeded, (await factory.WaitForBatchAsync(queued.GetProperty("batchId").GetInt64())).Status);
        }

        using var list = await ApiClient.GetJsonAsync(admin, "/api/v1/forms?pageSize=1&sort=imported");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        var json = await admin.GetStringAsync($"/api/v1/forms/{id}");
        return FormJsonWriter.ToJson(FormJsonReader.ReadString(json, "api.json", null).Single());
    }

    private static async Task ReadEverythingAsync(JixiaoWebFactory factory, HttpClient admin)
    {
        using var forms = await ApiClient.GetJsonAsync(admin, "/api/v1/forms?pageSize=500&sort=-score&q=" + Uri.EscapeDataString("' OR 1=1 --"));
        Assert.Equal(0, ApiClient.TotalCount(forms));
        using var all = await ApiClient.GetJsonAsync(admin, "/api/v1/forms?pageSize=500&sort=-score&rateMax=100&scoreMin=0");
        Assert.Equal(71, ApiClient.TotalCount(all));
        using var findings = await ApiClient.GetJsonAsync(admin, "/api/v1/findings/groups");
        Assert.True(findings.RootElement.GetProperty("findings").GetInt32() > 0);
        using var stats = await ApiClient.GetJsonAsync(admin, "/api/v1/statistics");
        Assert.Equal(71, stats.RootElement.GetProperty("forms").GetInt32());

        var csv = Csv.Parse(Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/v1/forms/export?format=csv")).TrimStart('\uFEFF'));
        Assert.Equal(72, csv.Count);
        using (var stream = new MemoryStream(await admin.GetByteArrayAsync("/api/v1/forms/export?format=xlsx")))
        using (var xlsx = SpreadsheetDocument.Open(stream, false))
        {
            Assert.Equal(72, ExportTests.Sheets(xlsx)[0].Part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        }

        var json = FormJsonReader.ReadString(await admin.GetStringAsync("/api/v1/forms/export?format=json"), "x.json", null).ToList();
        Assert.Equal(71, json.Count);

        // a department user's view of imports and forms
        await factory.CreateUserAsync("data-pg", "data-pg-password", UserRole.DepartmentUser, ApiFixture.DataBureau);
        var dept = await factory.SignedInAsync("data-pg", "data-pg-password");
        using var imports = await ApiClient.GetJsonAsync(dept, "/api/v1/imports");
        var batch = Assert.Single(ApiClient.Items(imports));
        Assert.Equal(34, batch.GetProperty("forms").GetInt32());
        using var own = await ApiClient.GetJsonAsync(dept, "/api/v1/forms?pageSize=500");
        Assert.Equal(34, ApiClient.TotalCount(own));
        var police = ApiClient.Items(all).First(i => i.GetProperty("department").GetString() == ApiFixture.Police).GetProperty("id").GetInt64();
        await ApiClient.ProblemAsync(dept, $"/api/v1/forms/{police}", HttpStatusCode.NotFound);
        var mine = ApiClient.Items(own).First().GetProperty("id").GetInt64();
        using var form = await ApiClient.GetJsonAsync(dept, $"/api/v1/forms/{mine}");
        Assert.Equal(JsonValueKind.Array, form.RootElement.GetProperty("findings").ValueKind);
        using var one = new MemoryStream(await dept.GetByteArrayAsync($"/api/v1/forms/{mine}/export"));
        using var formXlsx = SpreadsheetDocument.Open(one, false);
        Assert.Equal("财政项目支出绩效自评表", ExportTests.Value(ExportTests.Cells(ExportTests.Sheets(formXlsx)[0].Part)["A1"]));
    }
}
