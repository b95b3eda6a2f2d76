using System.Diagnostics;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>The “done when” scenario in headless Chromium, on SQLite and on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserScenarioTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task A_new_user_finds_follows_and_exports_the_flagged_forms_on_sqlite()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        await RunAsync(app);
    }

    [BrowserPostgresFact]
    public async Task A_new_user_finds_follows_and_exports_the_flagged_forms_on_postgres()
    {
        await using var app = await BrowserApp.StartPostgresAsync(BrowserEnvironment.Postgres!);
        await RunAsync(app);
    }

    private async Task RunAsync(BrowserApp app)
    {
        var watch = Stopwatch.StartNew();
        output.WriteLine($"{app.Label}: serving on {app.BaseUrl}");
        await new PortfolioScenario(browser, app, output).RunAsync();
        output.WriteLine($"{app.Label}: scenario took {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
