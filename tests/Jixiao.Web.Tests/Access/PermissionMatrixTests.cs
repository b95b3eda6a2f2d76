using System.Collections.Concurrent;
using System.Net;
using Jixiao.Data.Entities;
using Jixiao.Web.Accounts;
using Jixiao.Web.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Access;

/// <summary>
/// One application for the permissions matrix: the <see cref="PermissionScenario"/>, and a client of every demo
/// account (one per role) and an anonymous one, each with its antiforgery token.
/// </summary>
public sealed class PermissionMatrixFixture : IAsyncLifetime
{
    /// <summary>The columns of the matrix: signed out, then each demo account.</summary>
    public static readonly string[] Principals = ["anonymous", .. AccountSetup.DemoAccounts.Select(a => a.UserName)];

    public JixiaoWebFactory Factory { get; } = new();

    public PermissionScenario Scenario { get; private set; } = null!;

    /// <summary>Each principal's client and antiforgery token.</summary>
    public Dictionary<string, (HttpClient Client, string Token)> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var (user, password, _, _) in AccountSetup.DemoAccounts)
        {
            var client = await Factory.SignedInAsync(user, password);
            Clients[user] = (client, await ApiClient.TokenAsync(client));
        }

        var anonymous = Factory.Client();
        Clients["anonymous"] = (anonymous, await JixiaoWebFactory.TokenAsync(anonymous, "/login"));
        Scenario = await PermissionScenario.CreateAsync(Factory, Clients["admin"].Client);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The permissions matrix of the web application (issue 11, Tests): every endpoint the running application has —
/// Razor pages with each handler, minimal APIs with their methods, as ASP.NET Core's <see cref="EndpointDataSource"/>
/// lists them — answers each principal (signed out, and every role's demo account) as the literal table
/// <see cref="Rows"/> says: O allowed (any answer but 401, 403, 404, a redirect to sign in or to the refusal page, or
/// a server error — for a change with an empty body, a validation answer is allowed), L sign in first (401 / redirect
/// to /login), X refused (403 / redirect to /denied), N not found (another department's object, or a draft its
/// reviewers do not see). An endpoint without a row, or a row without an endpoint, fails the test.
/// </summary>
public sealed class PermissionMatrixTests(PermissionMatrixFixture app, ITestOutputHelper output) : IClassFixture<PermissionMatrixFixture>
{
    /// <summary>The column heads of <see cref="Rows"/>.</summary>
    private const string Columns = "anonymous admin reviewer supervisor dept dept-reviewer";

    /// <summary>
    /// Endpoint (method, route pattern, page handler) → the request made (its route values named as in
    /// <see cref="PermissionScenario"/>) → the answer of each principal in <see cref="Columns"/>' order. An endpoint
    /// with objects of a department has a row for the own department's object and one for another's.
    /// </summary>
    private static readonly (string Endpoint, string Url, string Expected)[] Rows =
    [
        // pages                                                                                               anon admin rev sup dept dRev
        ("GET /", "/", "L O O O O O"),
        ("GET /projects", "/projects", "L O O O O O"),
        ("GET /projects/{**key}", "/projects/{own-project}", "L O O O O O"),
        ("GET /projects/{**key}", "/projects/{other-project}", "L O O O N N"),
        ("GET /findings", "/findings", "L O O O O O"),
        ("GET /compare", "/compare", "L O O O O O"),
        ("GET /forms", "/forms", "L O O O O O"),
        ("GET /forms/{id:long}", "/forms/{own-form}", "L O O O O O"),
        ("GET /forms/{id:long}", "/forms/{other-form}", "L O O O N N"),
        ("POST /forms/{id:long}?handler=Review", "/forms/{own-form}?handler=Review&position=0&decision=confirm", "L O O O X X"),
        ("POST /forms/{id:long}?handler=Review", "/forms/{other-form}?handler=Review&position=0&decision=confirm", "L O O O N N"),
        ("POST /forms/{id:long}?handler=Rectify", "/forms/{own-form}?handler=Rectify&deadline=2099-12-31&text=x", "L O O X X X"),
        ("POST /forms/{id:long}?handler=Rectify", "/forms/{other-form}?handler=Rectify&deadline=2099-12-31&text=x", "L O O X N N"),
        ("POST /forms/{id:long}?handler=Answer", "/forms/{own-form}?handler=Answer&request={own-rectification}&text=x", "L X X X O X"),
        ("POST /forms/{id:long}?handler=Answer", "/forms/{other-form}?handler=Answer&request={other-rectification}&text=x", "L X X X N N"),
        ("POST /forms/{id:long}?handler=Accept", "/forms/{own-form}?handler=Accept&request={own-rectification}", "L O O X X X"),
        ("POST /forms/{id:long}?handler=Return", "/forms/{own-form}?handler=Return&request={own-rectification}&note=x", "L O O X X X"),
        ("GET /rectifications", "/rectifications", "L O O O O O"),
        ("GET /library", "/library", "L O O O O O"),
        ("GET /library/suggestions", "/library/suggestions", "L O O O O O"),
        ("GET /library/{id:long}", "/library/{library-entry}", "L O O O O O"),
        ("POST /library/{id:long}", "/library/{library-entry}?curation=recommend", "L O X X X X"),
        ("GET /imports", "/imports", "L O O X X X"),
        ("GET /imports?handler=Batches", "/imports?handler=Batches", "L O O X X X"),
        ("POST /imports?handler=Upload", "/imports?handler=Upload", "L O O X X X"),
        ("POST /imports?handler=Delete", "/imports?handler=Delete&id={batch-delete-page}", "L O X X X X"),
        ("GET /admin/users", "/admin/users", "L O X X X X"),
        ("POST /admin/users?handler=Create", "/admin/users?handler=Create", "L O X X X X"),
        ("POST /admin/users?handler=Role", "/admin/users?handler=Role&userName={user-target}", "L O X X X X"),
        ("POST /admin/users?handler=Disable", "/admin/users?handler=Disable&userName={user-target}", "L O X X X X"),
        ("POST /admin/users?handler=Enable", "/admin/users?handler=Enable&userName={user-target}", "L O X X X X"),
        ("POST /admin/users?handler=Reset", "/admin/users?handler=Reset&userName={user-target}", "L O X X X X"),
        ("GET /admin/audit", "/admin/audit", "L O X X X X"),
        ("GET /admin/tokens", "/admin/tokens", "L O X X X X"),
        ("POST /admin/tokens?handler=Revoke", "/admin/tokens?handler=Revoke", "L O X X X X"),
        ("GET /admin/rechecks", "/admin/rechecks", "L O X X X X"),
        ("POST /admin/rechecks?handler=Start", "/admin/rechecks?handler=Start", "L O X X X X"),
        ("POST /admin/rechecks?handler=Cancel", "/admin/rechecks?handler=Cancel", "L O X X X X"),
        ("GET /account/tokens", "/account/tokens", "L O O O O O"),
        ("POST /account/tokens?handler=Create", "/account/tokens?handler=Create", "L O O O O O"),
        ("POST /account/tokens?handler=Revoke", "/account/tokens?handler=Revoke", "L O O O O O"),
        ("GET /account/password", "/account/password", "L O O O O O"),
        ("POST /account/password", "/account/password", "L O O O O O"),
        ("GET /login", "/login", "O O O O O O"),
        ("POST /login", "/login", "O O O O O O"),
        // the first-run page: once accounts exist it sends everyone to the sign-in page
        ("GET /setup", "/setup", "L L L L L L"),
        ("POST /setup", "/setup?UserName=intruder&Password=intruder-password&Repeat=intruder-password", "L L L L L L"),
        // the refusal page answers 403 itself; the error page answers the code it shows (400 here)
        ("GET /denied", "/denied", "X X X X X X"),
        ("GET /error/{code:int?}", "/error/400", "O O O O O O"),
        ("POST /error/{code:int?}", "/error/400", "O O O O O O"),
        ("GET /logout", "/logout", "L O O O O O"),
        ("POST /logout", "/logout", "L L L L L L"), // signed out: on to the sign-in page
        ("GET /filings", "/filings", "L O O O O O"),
        ("GET /filings/new", "/filings/new", "L X X X O X"),
        ("POST /filings/new", "/filings/new", "L X X X O X"),
        ("GET /filings/{id:long}", "/filings/{own-draft}", "L O O N O N"),
        ("GET /filings/{id:long}", "/filings/{own-submitted}", "L O O O O O"),
        ("GET /filings/{id:long}", "/filings/{own-published}", "L O O O O O"),
        ("GET /filings/{id:long}", "/filings/{other-submitted}", "L O O O N N"),
        ("GET /monitoring", "/monitoring", "L O O O O O"),
        ("GET /monitoring/{id:long}", "/monitoring/{own-approved}", "L O O O O O"),
        ("GET /monitoring/{id:long}", "/monitoring/{other-approved}", "L O O O N N"),
        ("POST /monitoring/{id:long}", "/monitoring/{own-approved#checkpoint}", "L X X X O X"),
        ("POST /monitoring/{id:long}", "/monitoring/{other-approved#checkpoint}", "L X X X N N"),
        ("GET /public", "/public", "O O O O O O"),
        ("GET /public/data", "/public/data", "O O O O O O"),
        ("GET /public/forms/{id:long}", "/public/forms/{own-published-form}", "O O O O O O"),
        ("GET /public/forms/{id:long}", "/public/forms/{own-form}", "N N N N N N"),

        // endpoints outside the API
        ("GET /favicon.ico", "/favicon.ico", "O O O O O O"),
        ("GET /culture/{name}", "/culture/en", "O O O O O O"),
        ("GET /demo/status", "/demo/status", "O O O O O O"),
        ("GET /imports/{id:long}/status", "/imports/{batch}/status", "L O O X X X"),
        ("GET /public/forms/export", "/public/forms/export?format=csv", "O O O O O O"),
        ("GET /public/data/dictionary.json", "/public/data/dictionary.json", "O O O O O O"),
        ("GET /openapi/{documentName}.json", "/openapi/v1.json", "O O O O O O"),

        // the API                                                                                              anon admin rev sup dept dRev
        ("GET /api/v1/health", "/api/v1/health", "O O O O O O"),
        ("GET /api/v1/antiforgery", "/api/v1/antiforgery", "L O O O O O"),
        ("GET /api/v1/checks", "/api/v1/checks", "L O O O O O"),
        ("GET /api/v1/statistics", "/api/v1/statistics", "L O O O O O"),
        ("GET /api/v1/forms", "/api/v1/forms", "L O O O O O"),
        ("GET /api/v1/forms/totals", "/api/v1/forms/totals", "L O O O O O"),
        ("GET /api/v1/forms/export", "/api/v1/forms/export?format=csv", "L O O O O O"),
        ("GET /api/v1/forms/{id}", "/api/v1/forms/{own-form}", "L O O O O O"),
        ("GET /api/v1/forms/{id}", "/api/v1/forms/{other-form}", "L O O O N N"),
        ("GET /api/v1/forms/{id}/export", "/api/v1/forms/{own-form}/export?format=json", "L O O O O O"),
        ("GET /api/v1/forms/{id}/export", "/api/v1/forms/{other-form}/export?format=json", "L O O O N N"),
        ("GET /api/v1/forms/{id}/review", "/api/v1/forms/{own-form}/review", "L O O O O O"),
        ("GET /api/v1/forms/{id}/review", "/api/v1/forms/{other-form}/review", "L O O O N N"),
        ("GET /api/v1/findings", "/api/v1/findings", "L O O O O O"),
        ("GET /api/v1/findings/export", "/api/v1/findings/export?format=csv", "L O O O O O"),
        ("GET /api/v1/findings/groups", "/api/v1/findings/groups", "L O O O O O"),
        ("POST /api/v1/findings/{formId}/{position}/review", "/api/v1/findings/{own-form}/0/review", "L O O O X X"),
        ("POST /api/v1/findings/{formId}/{position}/review", "/api/v1/findings/{other-form}/0/review", "L O O O X X"),
        ("POST /api/v1/forms/{id}/rectifications", "/api/v1/forms/{own-form}/rectifications", "L O O X X X"),
        ("GET /api/v1/rectifications", "/api/v1/rectifications", "L O O O O O"),
        ("GET /api/v1/rectifications/{id}", "/api/v1/rectifications/{own-rectification}", "L O O O O O"),
        ("GET /api/v1/rectifications/{id}", "/api/v1/rectifications/{other-rectification}", "L O O O N N"),
        ("POST /api/v1/rectifications/{id}/answer", "/api/v1/rectifications/{own-rectification}/answer", "L X X X O X"),
        ("POST /api/v1/rectifications/{id}/answer", "/api/v1/rectifications/{other-rectification}/answer", "L X X X N X"),
        ("POST /api/v1/rectifications/{id}/accept", "/api/v1/rectifications/{own-rectification}/accept", "L O O X X X"),
        ("POST /api/v1/rectifications/{id}/return", "/api/v1/rectifications/{own-rectification}/return", "L O O X X X"),
        ("GET /api/v1/imports", "/api/v1/imports", "L O O O O O"),
        ("GET /api/v1/imports/{id}", "/api/v1/imports/{batch}", "L O O O O O"),
        ("POST /api/v1/imports", "/api/v1/imports", "L O O X X X"),
        ("DELETE /api/v1/imports/{id}", "/api/v1/imports/{batch-delete-api}", "L O X X X X"),
        ("GET /api/v1/rechecks", "/api/v1/rechecks", "L O X X X X"),
        ("GET /api/v1/rechecks/{id}", "/api/v1/rechecks/{recheck}", "L O X X X X"),
        ("POST /api/v1/rechecks", "/api/v1/rechecks", "L O X X X X"),
        ("POST /api/v1/rechecks/{id}/cancel", "/api/v1/rechecks/{recheck}/cancel", "L O X X X X"),
        ("GET /api/v1/library", "/api/v1/library", "L O O O O O"),
        ("GET /api/v1/library/suggestions", "/api/v1/library/suggestions?name=监控", "L O O O O O"),
        ("GET /api/v1/library/{id}", "/api/v1/library/{library-entry}", "L O O O O O"),
        ("POST /api/v1/library/{id}/{action}", "/api/v1/library/{library-entry}/recommend", "L O X X X X"),
        ("GET /api/v1/monitoring", "/api/v1/monitoring", "L O O O O O"),
        ("GET /api/v1/monitoring/export", "/api/v1/monitoring/export?format=csv", "L O O O O O"),
        ("GET /api/v1/monitoring/{id}", "/api/v1/monitoring/{own-approved}", "L O O O O O"),
        ("GET /api/v1/monitoring/{id}", "/api/v1/monitoring/{other-approved}", "L O O O N N"),
        ("PUT /api/v1/monitoring/{id}/checkpoints/{date}", "/api/v1/monitoring/{own-approved#monitor}/checkpoints/2025-06-30", "L X X X O X"),
        ("PUT /api/v1/monitoring/{id}/checkpoints/{date}", "/api/v1/monitoring/{other-approved#monitor}/checkpoints/2025-06-30", "L X X X N X"),
        ("GET /api/v1/filings", "/api/v1/filings", "L O O O O O"),
        ("POST /api/v1/filings", "/api/v1/filings", "L X X X O X"),
        ("POST /api/v1/filings/live", "/api/v1/filings/live", "L O O O O O"),
        ("GET /api/v1/filings/{id}", "/api/v1/filings/{own-draft}", "L O O N O N"),
        ("GET /api/v1/filings/{id}", "/api/v1/filings/{own-returned}", "L O O O O O"),
        ("GET /api/v1/filings/{id}", "/api/v1/filings/{other-draft}", "L O O N N N"),
        ("GET /api/v1/filings/{id}", "/api/v1/filings/{other-approved}", "L O O O N N"),
        ("GET /api/v1/filings/{id}/revisions", "/api/v1/filings/{own-draft}/revisions", "L O O N O N"),
        ("GET /api/v1/filings/{id}/revisions", "/api/v1/filings/{other-submitted}/revisions", "L O O O N N"),
        ("GET /api/v1/filings/{id}/workbook", "/api/v1/filings/{own-draft}/workbook", "L O O N O N"),
        ("GET /api/v1/filings/{id}/workbook", "/api/v1/filings/{other-submitted}/workbook", "L O O O N N"),
        ("POST /api/v1/filings/{id}/workbook", "/api/v1/filings/{own-draft#workbook}/workbook", "L X X X O X"),
        ("POST /api/v1/filings/{id}/workbook", "/api/v1/filings/{other-draft#workbook}/workbook", "L X X X N X"),
        ("PUT /api/v1/filings/{id}", "/api/v1/filings/{own-draft#save}", "L X X X O X"),
        ("PUT /api/v1/filings/{id}", "/api/v1/filings/{other-draft#save}", "L X X X N X"),
        ("POST /api/v1/filings/{id}/submit", "/api/v1/filings/{own-draft#submit}/submit", "L X X X O X"),
        ("POST /api/v1/filings/{id}/submit", "/api/v1/filings/{other-draft#submit}/submit", "L X X X N X"),
        ("POST /api/v1/filings/{id}/withdraw", "/api/v1/filings/{own-submitted#withdraw}/withdraw", "L X X X O X"),
        ("POST /api/v1/filings/{id}/withdraw", "/api/v1/filings/{other-submitted#withdraw}/withdraw", "L X X X N X"),
        ("POST /api/v1/filings/{id}/return", "/api/v1/filings/{own-submitted#return}/return", "L O O X X O"),
        ("POST /api/v1/filings/{id}/return", "/api/v1/filings/{other-submitted#return}/return", "L O O X X N"),
        ("POST /api/v1/filings/{id}/approve", "/api/v1/filings/{own-submitted#approve}/approve", "L O O X X O"),
        ("POST /api/v1/filings/{id}/approve", "/api/v1/filings/{other-submitted#approve}/approve", "L O O X X N"),
        ("POST /api/v1/filings/{id}/publish", "/api/v1/filings/{own-approved#publish}/publish", "L O O X X X"),
        ("POST /api/v1/filings/{id}/publish", "/api/v1/filings/{other-approved#publish}/publish", "L O O X X X"),
        ("POST /api/v1/filings/{id}/unpublish", "/api/v1/filings/{own-published#unpublish}/unpublish", "L O O X X X"),
        ("POST /api/v1/filings/{id}/unpublish", "/api/v1/filings/{other-published#unpublish}/unpublish", "L O O X X X"),
        ("POST /api/v1/filings/{id}/comments", "/api/v1/filings/{own-submitted#comment}/comments", "L O O X O O"),
        ("POST /api/v1/filings/{id}/comments", "/api/v1/filings/{other-submitted#comment}/comments", "L O O X N N"),
        ("POST /api/v1/filings/{id}/comments/{commentId}/resolve", "/api/v1/filings/{own-submitted#resolve}/comments/{comment:own-submitted#resolve}/resolve", "L O O X O O"),
        ("POST /api/v1/filings/{id}/comments/{commentId}/resolve", "/api/v1/filings/{other-submitted#resolve}/comments/{comment:other-submitted#resolve}/resolve", "L O O X N N"),
    ];

    /// <summary>The endpoints the table must name: signing out ends the client's session, so it is asked last.</summary>
    private static readonly string[] Last = ["POST /logout", "GET /logout"];

    [Fact]
    public void Every_endpoint_of_the_application_has_a_row_and_every_row_an_endpoint()
    {
        var endpoints = Endpoints().Keys.ToHashSet(StringComparer.Ordinal);
        var named = Rows.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var missing = endpoints.Except(named).Order(StringComparer.Ordinal).ToList();
        var gone = named.Except(endpoints).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "endpoints without a row in the permissions matrix (write what each role gets into Rows):\n" + string.Join('\n', missing));
        Assert.True(gone.Count == 0, "rows of the permissions matrix naming no endpoint of the application:\n" + string.Join('\n', gone));
        Assert.Equal(Columns, string.Join(' ', PermissionMatrixFixture.Principals));
        Assert.Equal(Enum.GetValues<UserRole>().Order(), AccountSetup.DemoAccounts.Select(a => a.Role).Distinct().Order());
        Assert.All(Rows, r => Assert.Equal(PermissionMatrixFixture.Principals.Length, Cells(r.Expected).Length));
    }

    [Fact]
    public async Task Every_principal_gets_the_answer_of_the_table_on_every_endpoint()
    {
        var bodies = Endpoints();
        var urls = new List<string>();
        foreach (var row in Rows)
        {
            urls.Add(await app.Scenario.FillAsync(row.Url));
        }

        var problems = new ConcurrentBag<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var order = Enumerable.Range(0, Rows.Length).OrderBy(i => Last.Contains(Rows[i].Endpoint) ? 1 : 0).ToList();
        await Task.WhenAll(PermissionMatrixFixture.Principals.Select((principal, column) => Task.Run(async () =>
        {
            var (client, token) = app.Clients[principal];
            foreach (var i in order)
            {
                var (endpoint, _, expected) = Rows[i];
                var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
                using var response = await PermissionScenario.SendAsync(client, method, urls[i], token, bodies.GetValueOrDefault(endpoint));
                var got = Answer(response);
                if (got != Cells(expected)[column])
                {
                    problems.Add($"{endpoint} {urls[i]} as {principal}: {got} ({(int)response.StatusCode} {response.Headers.Location}), expected {Cells(expected)[column]}");
                }
            }
        })));
        output.WriteLine($"{Rows.Length} rows × {PermissionMatrixFixture.Principals.Length} principals in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(problems.IsEmpty, $"{problems.Count} answers differ from the permissions matrix:\n" + string.Join('\n', problems.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Everything_under_public_answers_anonymous_and_never_shows_a_form_that_is_not_published()
    {
        foreach (var row in Rows)
        {
            await app.Scenario.FillAsync(row.Url); // every filing of the scenario made, in every status
        }

        Assert.Contains(app.Scenario.Unpublished, p => p.Contains("approved", StringComparison.Ordinal));
        Assert.Contains(app.Scenario.Unpublished, p => p.Contains("draft", StringComparison.Ordinal));
        var publicEndpoints = Endpoints().Keys.Where(k => k.StartsWith("GET /public", StringComparison.Ordinal)).ToList();
        var urls = new List<string>();
        foreach (var row in Rows.Where(r => publicEndpoints.Contains(r.Endpoint) && Cells(r.Expected)[0] == 'O'))
        {
            urls.Add(await app.Scenario.FillAsync(row.Url));
        }

        // every page and download under /public has a row the anonymous may open
        Assert.All(publicEndpoints, e => Assert.Contains(Rows, r => r.Endpoint == e && Cells(r.Expected)[0] == 'O'));
        urls.AddRange(["/public/forms/export?format=csv&table=indicators", "/public/forms/export?format=json", "/public/forms/export?format=sha256", "/public?year=2025", "/public?dept=" + Uri.EscapeDataString(PermissionScenario.Own)]);
        using var anonymous = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var texts = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            using var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} as anonymous: {(int)response.StatusCode}");
            texts[url] = await response.Content.ReadAsStringAsync();
            foreach (var hidden in app.Scenario.Unpublished)
            {
                Assert.False(texts[url].Contains(hidden, StringComparison.Ordinal), $"GET {url} shows the unpublished {hidden}");
            }
        }

        // and what is published is there: the list, the CSV and the JSON name both departments' published filings
        foreach (var url in new[] { "/public", "/public/forms/export?format=csv", "/public/forms/export?format=json" })
        {
            Assert.All(app.Scenario.Published, p => Assert.Contains(p, texts[url], StringComparison.Ordinal));
        }
    }

    /// <summary>The class of an answer: L, X, N, O, or ! for a server error.</summary>
    private static char Answer(HttpResponseMessage response)
    {
        var location = response.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString) : "";
        var redirect = (int)response.StatusCode is >= 300 and < 400;
        return (int)response.StatusCode switch
        {
            >= 500 => '!',
            StatusCodes.Status401Unauthorized => 'L',
            StatusCodes.Status403Forbidden => 'X',
            StatusCodes.Status404NotFound => 'N',
            _ when redirect && location.StartsWith("/login", StringComparison.Ordinal) => 'L',
            _ when redirect && location.StartsWith("/denied", StringComparison.Ordinal) => 'X',
            _ => 'O',
        };
    }

    /// <summary>
    /// Every endpoint of the running application as "METHOD /pattern" (a page handler as <c>?handler=Name</c>), with
    /// the kind of body a change to it is sent with (a form for a page).
    /// </summary>
    private Dictionary<string, RequestBody> Endpoints()
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var found = new Dictionary<string, RequestBody>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/').TrimEnd('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = loader.LoadAsync(page, endpoint.Metadata).GetAwaiter().GetResult();
                if (compiled.HandlerMethods.Count == 0)
                {
                    found["GET " + pattern] = RequestBody.Form;
                }

                foreach (var handler in compiled.HandlerMethods)
                {
                    found[$"{handler.HttpMethod.ToUpperInvariant()} {pattern}" + (string.IsNullOrEmpty(handler.Name) ? "" : "?handler=" + handler.Name)] = RequestBody.Form;
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            // what the endpoint accepts is matched before authorization (415 otherwise): an empty body of that type
            var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true ? RequestBody.Multipart : RequestBody.Json;
            foreach (var method in methods)
            {
                found[method + " " + pattern] = body;
            }
        }

        return found;
    }

    private static char[] Cells(string row) => [.. row.Where(c => c != ' ')];
}
