using System.Globalization;
using System.Net;
using Jixiao.Data.Entities;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The real application (Program, through <see cref="JixiaoWebFactory"/>) served by Kestrel on a free loopback
/// port, so that a browser can reach it: a fresh SQLite file in a temporary folder, or a new PostgreSQL database
/// (dropped afterwards); the demo accounts and a small generated demo portfolio.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    /// <summary>Demo forms generated into the empty database (small, so the suite stays fast).</summary>
    public const int DemoForms = 200;

    public const string PoliceUser = "police-user";
    public const string PolicePassword = "police-password-1";

    public const string ReviewerUser = "review-user";
    public const string ReviewerPassword = "review-password-1";

    private readonly string? postgresAdmin;
    private readonly string? postgresDatabase;

    private BrowserApp(JixiaoWebFactory factory, string baseUrl, string label, string? postgresAdmin, string? postgresDatabase)
    {
        Factory = factory;
        BaseUrl = baseUrl;
        Label = label;
        this.postgresAdmin = postgresAdmin;
        this.postgresDatabase = postgresDatabase;
    }

    public JixiaoWebFactory Factory { get; }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string BaseUrl { get; }

    /// <summary>"sqlite" or "postgres": names the screenshot folder.</summary>
    public string Label { get; }

    public static Task<BrowserApp> StartSqliteAsync() => StartAsync("sqlite", new Dictionary<string, string?>(), null, null);

    public static async Task<BrowserApp> StartPostgresAsync(string adminConnectionString)
    {
        var name = "jixiao_browser_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
        return await StartAsync("postgres", new Dictionary<string, string?>
        {
            ["ConnectionStrings:Jixiao"] = cs,
            ["Jixiao:Database:Provider"] = "Postgres",
        }, adminConnectionString, name);
    }

    private static async Task<BrowserApp> StartAsync(string label, Dictionary<string, string?> overrides, string? postgresAdmin, string? postgresDatabase)
    {
        overrides["Jixiao:Demo:Forms"] = DemoForms.ToString(CultureInfo.InvariantCulture);
        overrides["Jixiao:Imports:MaxFileBytes"] = (10 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        var factory = new JixiaoWebFactory(overrides);
        try
        {
            // a real server on 127.0.0.1 and a port the system picks (the browser cannot reach a TestServer)
            factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var baseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
            await factory.CreateUserAsync(PoliceUser, PolicePassword, UserRole.DepartmentUser, CorpusFixture.PoliceDepartment);
            await factory.CreateUserAsync(ReviewerUser, ReviewerPassword, UserRole.FinanceReviewer, null);
            return new BrowserApp(factory, baseUrl, label, postgresAdmin, postgresDatabase);
        }
        catch
        {
            factory.Dispose();
            await DropAsync(postgresAdmin, postgresDatabase);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        await DropAsync(postgresAdmin, postgresDatabase);
    }

    private static async Task DropAsync(string? admin, string? database)
    {
        if (admin is null || database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
