using System.Net;
using System.Text.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// Exports are limited per user and in all (issue 10, item 9: six at once stalled the server): one more than allowed
/// is refused at once with 429, Retry-After and a Chinese message, and allowed again when a running export ends.
/// </summary>
public sealed class ExportLimitTests : IAsyncLifetime, IDisposable
{
    private readonly JixiaoWebFactory factory = new(new Dictionary<string, string?>
    {
        ["Jixiao:Exports:PerUser"] = "1",
        ["Jixiao:Exports:Total"] = "2",
    });

    public async Task InitializeAsync()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var response = await JixiaoWebFactory.UploadAsync(admin,
            (Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))),
            (Corpus.DataBureau2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))));
        foreach (var id in CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()))
        {
            await factory.WaitForBatchAsync(id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => factory.Dispose();

    /// <summary>Starts an export and leaves its body unread, so that it stays running (its writes wait for the reader).</summary>
    private static async Task<HttpResponseMessage> StartAsync(HttpClient client)
    {
        // JSON with every indicator: far more than the test server's response buffer
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/forms/export?format=json"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("导出过于频繁", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("导出过于频繁：请等正在进行的导出完成后再试。", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_export_of_one_user_and_a_third_in_all_are_refused_until_one_ends()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var supervisor = await factory.SignedInAsync("supervisor", "jixiao-supervisor");
        var reviewer = await factory.SignedInAsync("reviewer", "jixiao-reviewer");

        var first = await StartAsync(admin);
        await AssertRefusedAsync(await admin.GetAsync("/api/v1/forms/export?format=csv")); // the same user: one at a time
        await AssertRefusedAsync(await admin.GetAsync("/api/v1/forms/1/export?format=xlsx")); // a single form's export counts too
        var second = await StartAsync(supervisor); // another user: allowed, two in all
        await AssertRefusedAsync(await reviewer.GetAsync("/api/v1/forms/export?format=xlsx")); // a third user: the total is reached

        // other requests are not limited meanwhile
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/api/v1/forms?pageSize=5")).StatusCode);

        // the first export ends (read to its end): its user may export again
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(71, JsonDocument.Parse(body).RootElement.GetArrayLength());
        first.Dispose();
        HttpResponseMessage again;
        var attempts = 0;
        while ((again = await admin.GetAsync("/api/v1/forms/export?format=csv")).StatusCode == HttpStatusCode.TooManyRequests && ++attempts < 100)
        {
            await Task.Delay(50); // the server releases the export's place as its response completes
        }

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("text/csv", again.Content.Headers.ContentType?.MediaType);
        second.Dispose();
    }
}
