using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Jixiao.App.Imports;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Imports;
using Jixiao.Data.Schema;
using Jixiao.Web.Imports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// The real application (Program) on a test server with its own SQLite file in a temporary folder, the demo
/// accounts (admin / reviewer / supervisor / dept), no demo forms, and a 1 MB upload limit.
/// </summary>
public sealed partial class JixiaoWebFactory : WebApplicationFactory<Program>
{
    public const int MaxFileBytes = 1_000_000;

    private readonly Dictionary<string, string?> settings;

    public JixiaoWebFactory()
        : this(null)
    {
    }

    /// <summary>The application with some settings changed (e.g. <c>Jixiao:Demo:Forms</c>).</summary>
    internal JixiaoWebFactory(IDictionary<string, string?>? overrides)
    {
        settings = new Dictionary<string, string?>
        {
            ["Jixiao:DataDirectory"] = DataDirectory,
            ["Jixiao:Demo:Forms"] = "0",
            ["Jixiao:Demo:Accounts"] = "true",
            ["Jixiao:Imports:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:Jixiao"] = "",
            ["Jixiao:Database:Provider"] = "Sqlite",
            ["Jixiao:Accounts:LoginsPerMinute"] = "100000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "jixiao-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public JixiaoDatabase Database => Services.GetRequiredService<JixiaoDatabase>();

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = Client();
        var response = await LoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password)
    {
        var token = await TokenAsync(client, "/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="path"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return match.Groups[1].Value;
    }

    public static async Task<IHtmlDocument> HtmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Uploads files through the import page's handler, as the page's script does (JSON answer).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        var token = await TokenAsync(client, "/imports");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports?handler=Upload") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Waits until the background import of <paramref name="batchId"/> is done and returns its batch. The default of
    /// 30 s suits small files; a test importing tens of thousands of forms passes a longer limit, since CI runs the test
    /// assemblies side by side on two cores.
    /// </summary>
    public async Task<ImportBatch> WaitForBatchAsync(long batchId, TimeSpan? limit = null)
    {
        var store = Services.GetRequiredService<ImportBatchStore>();
        var deadline = Stopwatch.StartNew();
        var wait = limit ?? TimeSpan.FromSeconds(30);
        while (deadline.Elapsed < wait)
        {
            var batch = (await store.GetAsync(batchId))?.Batch;
            if (batch is { Status: ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Duplicate })
            {
                return batch;
            }

            await Task.Delay(50);
        }

        var progress = Services.GetRequiredService<ImportQueue>().ProgressOf(batchId);
        throw new TimeoutException($"batch {batchId} did not finish in {wait.TotalSeconds:0} s (progress: {progress})");
    }

    public async Task<long> CountFormsAsync()
    {
        await using var db = Database.CreateContext();
        return db.Forms.LongCount();
    }

    public async Task<long> CountBatchesAsync()
    {
        await using var db = Database.CreateContext();
        return db.ImportBatches.LongCount();
    }

    public Task CreateUserAsync(string userName, string password, UserRole role, string? department) =>
        Services.GetRequiredService<AccountStore>().CreateAsync(userName, password, role, department, "test");

    public UploadStore Uploads => Services.GetRequiredService<UploadStore>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
