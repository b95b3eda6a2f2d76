using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Imports;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// The web application while its database is away and after it is back (issue 10, item 9): it keeps serving — a
/// request that needs the database answers 503 with a message to try again, the health check says the database is
/// unavailable — the import that ran is recorded as failed, and after a PostgreSQL restart the next requests for a
/// form succeed. On SQLite, sign-ins and uploads during a large import wait a moment, not for the whole import.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    private const string Unavailable = "数据库暂时不可用，请稍后重试";

    /// <summary>A generated text file of <paramref name="forms"/> forms.</summary>
    private static byte[] Generated(int forms, int seed = 9)
    {
        using var text = new MemoryStream();
        using (var writer = new StreamWriter(text, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            new FormGenerator(seed, new GeneratorOptions { FileName = "large.txt" }).WriteText(writer, forms);
        }

        return text.ToArray();
    }

    private static async Task<long> UploadAsync(HttpClient client, string name, byte[] content)
    {
        var response = await JixiaoWebFactory.UploadAsync(client, (name, content));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single();
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition did not come true");
    }

    private static async Task AssertUnavailableAsync(HttpClient client)
    {
        var health = await client.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.NotNull(health.Headers.RetryAfter);
        using (var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.Equal("unavailable", json.RootElement.GetProperty("status").GetString());
            Assert.StartsWith(Unavailable, json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var page = await client.GetAsync("/forms?q=" + Uri.EscapeDataString("教育"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains(Unavailable, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/forms?q=" + Uri.EscapeDataString("教育"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(Unavailable, problem.RootElement.GetProperty("title").GetString());
    }

    private static async Task AssertServingAsync(HttpClient client)
    {
        using (var health = JsonDocument.Parse(await client.GetStringAsync("/api/v1/health")))
        {
            Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/forms?q=" + Uri.EscapeDataString("教育"))).StatusCode);
    }

    [PostgresFact]
    public async Task A_postgres_outage_during_an_import_leaves_the_application_serving_and_the_batch_failed()
    {
        await using var database = await PostgresWebDatabase.CreateAsync();
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?>(database.Settings) { ["Jixiao:Imports:MaxFileBytes"] = "100000000" });
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var queue = factory.Services.GetRequiredService<ImportQueue>();

        var large = await UploadAsync(admin, "large.txt", Generated(8_000));
        await UntilAsync(() => queue.ProgressOf(large) is { Forms: > 0 });
        await database.GoAwayAsync();
        try
        {
            await AssertUnavailableAsync(admin);
        }
        finally
        {
            await database.ComeBackAsync();
        }

        var batch = await factory.WaitForBatchAsync(large, TimeSpan.FromMinutes(5));
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.StartsWith("large.txt: 导入时数据库连接中断", batch.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountFormsAsync());
        await AssertServingAsync(admin);

        // the background import lives on
        var next = await factory.WaitForBatchAsync(await UploadAsync(admin, Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        Assert.Equal((ImportStatus.Succeeded, 5), (next.Status, next.FormCount));
    }

    [PostgresFact]
    public async Task After_a_postgres_restart_the_next_requests_for_a_form_succeed()
    {
        await using var database = await PostgresWebDatabase.CreateAsync();
        using var factory = new JixiaoWebFactory(database.Settings);
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        await factory.WaitForBatchAsync(await UploadAsync(admin, Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))));
        await using var db = factory.Database.CreateContext();
        var id = db.Forms.OrderBy(f => f.Id).Select(f => f.Id).First();

        // connections kept open: the API's form reader keeps several, the pool more
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.GetAsync($"/api/v1/forms/{id}"))), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.GetAsync($"/forms/{id}"))), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        await database.TerminateConnectionsAsync(); // what a restart does to them

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/forms/{id}")).StatusCode);
        }

        // a page's first query may meet a dead pooled connection: never a 500, and the pool is renewed for the next
        var first = await admin.GetAsync($"/forms/{id}");
        Assert.True(first.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, first.StatusCode.ToString());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/forms/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_opened_answers_503_and_the_health_check_says_so()
    {
        using var factory = new JixiaoWebFactory();
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        await AssertServingAsync(admin);
        var moved = factory.DataDirectory + "-away";

        Directory.Move(factory.DataDirectory, moved);
        SqliteConnection.ClearAllPools(); // the connections opened before are gone with the file
        try
        {
            await AssertUnavailableAsync(admin);
        }
        finally
        {
            Directory.Move(moved, factory.DataDirectory);
        }

        await AssertServingAsync(admin);
    }

    [Fact]
    public async Task Sign_ins_and_uploads_during_a_large_sqlite_import_finish_while_it_runs()
    {
        // writes wait at most 5 s for SQLite's write lock: a sign-in that had to wait for the whole import would fail
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?>
        {
            ["Jixiao:Imports:MaxFileBytes"] = "100000000",
            ["Jixiao:Database:BusyTimeoutSeconds"] = "5",
        });
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var queue = factory.Services.GetRequiredService<ImportQueue>();
        var clock = Stopwatch.StartNew();
        var users = new[] { "supervisor", "reviewer", "dept", "admin", "supervisor" };
        async Task<(HttpStatusCode Status, TimeSpan Took)> SignInAsync(string user)
        {
            var started = clock.Elapsed;
            var response = await JixiaoWebFactory.LoginAsync(factory.Client(), user, "jixiao-" + user);
            return (response.StatusCode, clock.Elapsed - started);
        }

        var quiet = await Task.WhenAll(users.Select(SignInAsync)); // for the log: the same sign-ins without an import

        var started = clock.Elapsed;
        // large enough to outlast the sign-ins and the upload on a quiet machine (12,000 forms no longer did once the
        // checks across forms got cheaper)
        var large = await UploadAsync(admin, "large.txt", Generated(30_000));
        await UntilAsync(() => queue.ProgressOf(large) is { Forms: > 0 });
        var signIns = await Task.WhenAll(users.Select(SignInAsync));
        var upload = await JixiaoWebFactory.UploadAsync(admin, (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        var during = (await factory.Services.GetRequiredService<ImportBatchStore>().GetAsync(large))!.Batch.Status;

        Assert.All(signIns, s => Assert.Equal(HttpStatusCode.Redirect, s.Status));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(ImportStatus.Running, during); // the import was not yet committed when they were done
        var batch = await factory.WaitForBatchAsync(large, TimeSpan.FromMinutes(5));
        Assert.Equal((ImportStatus.Succeeded, 30_000), (batch.Status, batch.FormCount));
        output.WriteLine($"import of 30,000 forms: {(clock.Elapsed - started).TotalSeconds:0.0} s; five sign-ins at once during it: {string.Join(", ", signIns.Select(s => $"{s.Took.TotalMilliseconds:0} ms"))}; without an import: {string.Join(", ", quiet.Select(s => $"{s.Took.TotalMilliseconds:0} ms"))}");
    }
}
