using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// Signing out ends the session on the server: a saved copy of the cookie replayed afterwards is refused — pages go
/// to the login page (saying the session was signed out), the API answers 401 (issue 10, item 9). User names are
/// one name whatever their case. On SQLite and on PostgreSQL.
/// </summary>
public sealed partial class SessionTests
{
    [Fact]
    public Task A_cookie_saved_before_signing_out_is_refused_afterwards_on_sqlite() => SignOutAsync([]);

    [PostgresFact]
    public async Task A_cookie_saved_before_signing_out_is_refused_afterwards_on_postgres()
    {
        await using var database = await PostgresWebDatabase.CreateAsync();
        await SignOutAsync(database.Settings);
    }

    private static async Task SignOutAsync(Dictionary<string, string?> settings)
    {
        using var factory = new JixiaoWebFactory(settings);
        var browser = new Browser(factory);

        // signed in with the user name typed in another case: the session is the account's
        var saved = await browser.SignInAsync("Supervisor", "jixiao-supervisor");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/forms", saved)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/forms", saved)).StatusCode);

        var token = await browser.TokenAsync("/", saved);
        var logout = await browser.PostAsync("/logout", saved, token);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/login", logout.Headers.Location!.OriginalString);

        // the saved cookie, replayed
        var page = await browser.GetAsync("/forms", saved);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var login = page.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/login?ReturnUrl=", login, StringComparison.Ordinal);
        Assert.Contains("reason=signed-out", login, StringComparison.Ordinal);
        Assert.Contains("此登录已退出", await (await browser.GetAsync(login, "")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/forms", saved)).StatusCode);

        // signing in again gives a cookie that works; the old one stays refused
        var fresh = await browser.SignInAsync("supervisor", "jixiao-supervisor");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/forms", fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/forms", saved)).StatusCode);
    }

    /// <summary>A client that keeps no cookies of its own: each request carries the cookie it is given, as a saved copy would be replayed.</summary>
    private sealed partial class Browser(JixiaoWebFactory factory)
    {
        private readonly HttpClient client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        private string antiforgery = "";

        /// <summary>Signs in and returns the session cookie (<c>jixiao.auth=…</c>).</summary>
        public async Task<string> SignInAsync(string userName, string password)
        {
            var token = await TokenAsync("/login", "");
            var response = await PostAsync("/login", "", token, ("UserName", userName), ("Password", password));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return Cookie(response, "jixiao.auth") ?? throw new InvalidOperationException("no session cookie");
        }

        /// <summary>The antiforgery token of the first form on <paramref name="path"/> (its cookie kept for the post).</summary>
        public async Task<string> TokenAsync(string path, string session)
        {
            var response = await GetAsync(path, session);
            antiforgery = Cookie(response, "jixiao.af") ?? antiforgery;
            var match = TokenPattern().Match(await response.Content.ReadAsStringAsync());
            Assert.True(match.Success, $"no antiforgery token on {path}");
            return match.Groups[1].Value;
        }

        public Task<HttpResponseMessage> GetAsync(string path, string session) => client.SendAsync(Request(HttpMethod.Get, path, session));

        public Task<HttpResponseMessage> PostAsync(string path, string session, string token, params (string Name, string Value)[] fields)
        {
            var request = Request(HttpMethod.Post, path, session);
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
            return client.SendAsync(request);
        }

        private HttpRequestMessage Request(HttpMethod method, string path, string session)
        {
            var request = new HttpRequestMessage(method, path);
            var cookies = string.Join("; ", new[] { session, antiforgery }.Where(c => c.Length > 0));
            if (cookies.Length > 0)
            {
                request.Headers.Add("Cookie", cookies);
            }

            return request;
        }

        private static string? Cookie(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues("Set-Cookie", out var values)
                ? values.Select(v => v.Split(';')[0]).LastOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal) && v.Length > name.Length + 1)
                : null;

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
