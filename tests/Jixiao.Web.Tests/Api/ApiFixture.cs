using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// One application with the four corpus files imported through <c>POST /api/v1/imports</c> as an administrator
/// (police 2024: 37 self-evaluations, police 2023: 3 declarations, data bureau 2024: 34, 淞南镇 2023: 5), signed-in
/// clients for every role, and two department users: one for the police, one for the data bureau. Read-only tests
/// share it; tests that change data make their own application (<see cref="ApiFactory"/>).
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Police = "上海市公安局宝山分局";
    public const string DataBureau = "上海市宝山区数据局";
    public const string Songnan = "淞南镇主管单位";
    public const int AllForms = 37 + 3 + 34 + 5;

    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reviewer { get; private set; } = null!;

    public HttpClient Supervisor { get; private set; } = null!;

    /// <summary>A department user of 上海市公安局宝山分局.</summary>
    public HttpClient PoliceUser { get; private set; } = null!;

    /// <summary>A department user of 上海市宝山区数据局.</summary>
    public HttpClient DataUser { get; private set; } = null!;

    /// <summary>The import batch of each corpus file.</summary>
    public Dictionary<string, ImportBatch> Batches { get; } = [];

    public async Task InitializeAsync()
    {
        await Factory.CreateUserAsync("police-api", "police-api-password", UserRole.DepartmentUser, Police);
        await Factory.CreateUserAsync("data-api", "data-api-password", UserRole.DepartmentUser, DataBureau);
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        Reviewer = await Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        Supervisor = await Factory.SignedInAsync("supervisor", "jixiao-supervisor");
        PoliceUser = await Factory.SignedInAsync("police-api", "police-api-password");
        DataUser = await Factory.SignedInAsync("data-api", "data-api-password");

        foreach (var file in Corpus.AllFiles)
        {
            var response = await ApiClient.UploadAsync(Admin, (file, await File.ReadAllBytesAsync(Corpus.PathOf(file))));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            using var doc = await ApiClient.JsonAsync(response);
            var id = doc.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64();
            Batches[file] = await Factory.WaitForBatchAsync(id);
        }
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The ids of all forms a signed-in administrator sees, with their departments.</summary>
    public async Task<List<(long Id, string Department, string Kind)>> AllFormsAsync()
    {
        using var doc = await ApiClient.GetJsonAsync(Admin, "/api/v1/forms?pageSize=500&sort=imported");
        return [.. doc.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("department").GetString()!, i.GetProperty("kind").GetString()!))];
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>An application of its own for tests that import and delete (signed-in administrator, reviewer, supervisor).</summary>
public sealed class ApiFactory : IAsyncLifetime
{
    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reviewer { get; private set; } = null!;

    public HttpClient Supervisor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        Reviewer = await Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        Supervisor = await Factory.SignedInAsync("supervisor", "jixiao-supervisor");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Calls to the API as a client would make them.</summary>
public static class ApiClient
{
    /// <summary>The antiforgery token for POST /api/v1/imports.</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        using var doc = await GetJsonAsync(client, "/api/v1/antiforgery");
        Assert.Equal("X-CSRF-TOKEN", doc.RootElement.GetProperty("headerName").GetString());
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>POST /api/v1/imports with the files as multipart parts named <c>files</c>, with the antiforgery header.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files) =>
        UploadAsync(client, "/api/v1/imports", files);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, params (string Name, byte[] Content)[] files)
    {
        var token = await TokenAsync(client);
        using var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.SendAsync(request);
    }

    /// <summary>POST /api/v1/imports with a body of <paramref name="contentType"/>.</summary>
    public static async Task<HttpResponseMessage> PostBodyAsync(HttpClient client, string body, string contentType, string path = "/api/v1/imports", bool token = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token)
        {
            request.Headers.Add("X-CSRF-TOKEN", await TokenAsync(client));
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Asserts an RFC 7807 answer of <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        return root;
    }

    public static async Task<JsonElement> ProblemAsync(HttpClient client, string url, HttpStatusCode status) =>
        await ProblemAsync(await client.GetAsync(url), status);

    public static long TotalCount(JsonDocument doc) => doc.RootElement.GetProperty("totalCount").GetInt64();

    public static IEnumerable<JsonElement> Items(JsonDocument doc) => doc.RootElement.GetProperty("items").EnumerateArray();
}
