using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Exports;
using Jixiao.Web.Tests.Review;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Personal access tokens through the web application (访问令牌): made on the account page and shown once, used as
/// <c>Authorization: Bearer</c> on the API with the owner's role and department, read-only tokens refused every change,
/// no antiforgery header needed with a token while sessions still need it, 401 with the reason for a token that does
/// not work, no sign-in on the pages, a role change applied at once, the rate limit per token, and the audit log of
/// creation, revocation, use and exports. Five small self-evaluations: three of the police, two of the data bureau.
/// </summary>
public sealed class TokenTests(ReviewFixture app) : IClassFixture<ReviewFixture>
{
    [Fact]
    public async Task A_token_made_on_the_account_page_is_shown_once_and_reads_the_api_as_its_department_user()
    {
        var (secret, id, response) = await TokenClient.MakeOnPageAsync(app.PoliceUser, "police script", "read");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // shown once: the list shows its prefix, never the secret
        var page = await app.PoliceUser.GetStringAsync("/account/tokens");
        Assert.DoesNotContain(secret[ApiTokenStore.PrefixLength..], page, StringComparison.Ordinal);
        Assert.Contains($"data-prefix=\"{secret[..ApiTokenStore.PrefixLength]}\"", page, StringComparison.Ordinal);

        // only its hash is stored: not in the database file (nor its write-ahead log), the row holds the SHA-256
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.Factory.DataDirectory, "jixiao.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[ApiTokenStore.PrefixLength..])) < 0, $"the secret is in {Path.GetFileName(file)}");
        }

        await using (var db = app.Factory.Database.CreateContext())
        {
            var row = await db.ApiTokens.SingleAsync(t => t.Id == id);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
            Assert.True(row.ReadOnly);
        }

        // the API as the police department user: their three forms, another department's form is not found
        using var client = TokenClient.Bearer(app.Factory, secret);
        using (var forms = await ApiClient.GetJsonAsync(client, "/api/v1/forms?pageSize=500"))
        {
            Assert.Equal(3, ApiClient.TotalCount(forms));
            Assert.All(ApiClient.Items(forms), f => Assert.Equal(ReviewFixture.Police, f.GetProperty("department").GetString()));
        }

        await ApiClient.ProblemAsync(client, $"/api/v1/forms/{app.Forms["数据共享平台"]}", HttpStatusCode.NotFound);
        var csv = Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/v1/forms/export?format=csv")).TrimStart('\uFEFF'));
        Assert.Equal(4, csv.Count);
        Assert.All(csv.Skip(1), r => Assert.Contains(ReviewFixture.Police, r));
        using var findings = await ApiClient.GetJsonAsync(client, "/api/v1/findings?pageSize=500");
        Assert.Equal(await CountFindingsAsync(ReviewFixture.Police), ApiClient.TotalCount(findings));
    }

    [Fact]
    public async Task A_read_only_token_is_refused_every_change_and_a_full_token_needs_no_antiforgery_header()
    {
        var batches = await app.Factory.CountBatchesAsync();
        var (readOnly, _, _) = await TokenClient.MakeOnPageAsync(app.Admin, "admin read-only", "read");
        using (var client = TokenClient.Bearer(app.Factory, readOnly))
        {
            await TokenClient.ProblemAsync(await PostJsonAsync(client, "/api/v1/imports", SampleJson()), HttpStatusCode.Forbidden, "token-read-only");
            await TokenClient.ProblemAsync(await PostJsonAsync(client, $"/api/v1/findings/{app.Forms["警用装备购置"]}/0/review", """{"decision":"confirm"}"""), HttpStatusCode.Forbidden, "token-read-only");
            await TokenClient.ProblemAsync(await client.DeleteAsync("/api/v1/imports/1"), HttpStatusCode.Forbidden, "token-read-only");
            using var stats = await ApiClient.GetJsonAsync(client, "/api/v1/statistics");
            Assert.Equal(await app.Factory.CountFormsAsync(), stats.RootElement.GetProperty("forms").GetInt64());
        }

        Assert.Equal(batches, await app.Factory.CountBatchesAsync());

        // a token of the reviewer's role posts without the antiforgery header: no cookie was read
        var (full, _, _) = await TokenClient.MakeOnPageAsync(app.Reviewer, "reviewer script", "role");
        using (var client = TokenClient.Bearer(app.Factory, full))
        {
            var decided = await PostJsonAsync(client, $"/api/v1/findings/{app.Forms["警用装备购置"]}/0/review", """{"decision":"confirm","note":"脚本确认"}""");
            var body = await decided.Content.ReadAsStringAsync();
            Assert.True(decided.StatusCode == HttpStatusCode.OK, body);
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(("confirmed", "reviewer"), (doc.RootElement.GetProperty("findings")[0].GetProperty("decision").GetString(),
                doc.RootElement.GetProperty("findings")[0].GetProperty("decidedBy").GetString()));
        }

        // a session still needs it (CSRF protection of cookies unchanged) …
        var session = await ApiClient.PostBodyAsync(app.Reviewer, """{"decision":"confirm"}""", "application/json", $"/api/v1/findings/{app.Forms["警用装备购置"]}/1/review", token: false);
        Assert.Equal(HttpStatusCode.BadRequest, session.StatusCode);

        // … and a session's cookie does not stand in for a token that does not work
        using var mixed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/forms");
        mixed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "jx_" + new string('A', 43));
        await TokenClient.ProblemAsync(await app.Reviewer.SendAsync(mixed), HttpStatusCode.Unauthorized, "token-unknown");
    }

    [Fact]
    public async Task Revoked_expired_unknown_malformed_and_disabled_account_tokens_answer_401_with_the_reason()
    {
        var (secret, id, _) = await TokenClient.MakeOnPageAsync(app.Supervisor, "to revoke", "read");
        using var client = TokenClient.Bearer(app.Factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/forms")).StatusCode);

        var revoked = await TokenClient.RevokeOnPageAsync(app.Supervisor, "/account/tokens", id);
        Assert.Contains("令牌已撤销", revoked, StringComparison.Ordinal);
        Assert.Contains($"data-token=\"{id}\" data-prefix=\"{secret[..ApiTokenStore.PrefixLength]}\" data-state=\"revoked\"", revoked, StringComparison.Ordinal);
        var response = await client.GetAsync("/api/v1/forms");
        var problem = await TokenClient.ProblemAsync(response, HttpStatusCode.Unauthorized, "token-revoked");
        Assert.Equal("访问令牌已撤销", problem.GetProperty("title").GetString());
        Assert.StartsWith("Bearer ", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // expired: its last moment is past
        var (expiring, expiringId, _) = await TokenClient.MakeOnPageAsync(app.Supervisor, "to expire", "read",
            DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var expired = TokenClient.Bearer(app.Factory, expiring);
        Assert.Equal(HttpStatusCode.OK, (await expired.GetAsync("/api/v1/forms")).StatusCode);
        await using (var db = app.Factory.Database.CreateContext())
        {
            await db.ApiTokens.Where(t => t.Id == expiringId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal("访问令牌已过期", (await TokenClient.ProblemAsync(await expired.GetAsync("/api/v1/forms"), HttpStatusCode.Unauthorized, "token-expired")).GetProperty("title").GetString());

        // unknown, malformed
        using var unknown = TokenClient.Bearer(app.Factory, "jx_" + new string('Q', 43));
        await TokenClient.ProblemAsync(await unknown.GetAsync("/api/v1/forms"), HttpStatusCode.Unauthorized, "token-unknown");
        using var malformed = TokenClient.Bearer(app.Factory, "secret");
        await TokenClient.ProblemAsync(await malformed.GetAsync("/api/v1/forms"), HttpStatusCode.Unauthorized, "token-malformed");

        // the owner's account disabled by an administrator
        await app.Factory.CreateUserAsync("token-off", "token-off-password", UserRole.Supervisor, null);
        var owner = await app.Factory.SignedInAsync("token-off", "token-off-password");
        var (disabledSecret, _, _) = await TokenClient.MakeOnPageAsync(owner, "soon disabled", "read");
        using var disabled = TokenClient.Bearer(app.Factory, disabledSecret);
        Assert.Equal(HttpStatusCode.OK, (await disabled.GetAsync("/api/v1/forms")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TokenClient.PostPageAsync(app.Admin, "/admin/users", "Disable", new() { ["userName"] = "token-off" })).StatusCode);
        await TokenClient.ProblemAsync(await disabled.GetAsync("/api/v1/forms"), HttpStatusCode.Unauthorized, "account-disabled");
    }

    [Fact]
    public async Task A_token_does_not_sign_in_to_the_pages()
    {
        var (secret, _, _) = await TokenClient.MakeOnPageAsync(app.Admin, "pages", "role");
        using var client = TokenClient.Bearer(app.Factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/forms")).StatusCode);

        foreach (var path in new[] { "/", "/forms", "/findings", "/admin/users", "/account/tokens", "/imports/1/status" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("/login", LoginPath(response));
        }

        // nor does it make tokens on the page (no session, no antiforgery cookie)
        var before = await CountTokensAsync();
        var made = await client.PostAsync("/account/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "by token", ["Scope"] = "role" }));
        Assert.NotEqual(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(before, await CountTokensAsync());
    }

    [Fact]
    public async Task A_role_change_applies_to_the_token_at_once()
    {
        await app.Factory.CreateUserAsync("token-role", "token-role-password", UserRole.Supervisor, null);
        var owner = await app.Factory.SignedInAsync("token-role", "token-role-password");
        var (secret, _, _) = await TokenClient.MakeOnPageAsync(owner, "role follows", "role");
        using var client = TokenClient.Bearer(app.Factory, secret);
        var json = SampleJson("角色变更测试项目");

        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(client, "/api/v1/imports", json)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await TokenClient.PostPageAsync(app.Admin, "/admin/users", "Role",
            new() { ["userName"] = "token-role", ["role"] = nameof(UserRole.FinanceReviewer), ["department"] = "" })).StatusCode);
        var accepted = await PostJsonAsync(client, "/api/v1/imports?fileName=role.json", json);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        using (var doc = await ApiClient.JsonAsync(accepted))
        {
            var batch = await app.Factory.WaitForBatchAsync(doc.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64());
            Assert.Equal(("token-role", ImportStatus.Succeeded), (batch.CreatedBy, batch.Status));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await TokenClient.PostPageAsync(app.Admin, "/admin/users", "Role",
            new() { ["userName"] = "token-role", ["role"] = nameof(UserRole.DepartmentUser), ["department"] = ReviewFixture.DataBureau })).StatusCode);
        using var forms = await ApiClient.GetJsonAsync(client, "/api/v1/forms?pageSize=500");
        Assert.Equal(3, ApiClient.TotalCount(forms));
        Assert.All(ApiClient.Items(forms), f => Assert.Equal(ReviewFixture.DataBureau, f.GetProperty("department").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(client, "/api/v1/imports", SampleJson("又一个项目"))).StatusCode);
    }

    [Fact]
    public async Task Creation_use_revocation_and_every_export_are_in_the_audit_log()
    {
        await app.Factory.CreateUserAsync("token-audit", "token-audit-password", UserRole.Supervisor, null);
        var owner = await app.Factory.SignedInAsync("token-audit", "token-audit-password");
        var (secret, id, _) = await TokenClient.MakeOnPageAsync(owner, "audited", "read");
        var label = $"{secret[..ApiTokenStore.PrefixLength]} #{id}";
        var form = app.Forms["治安视频监控运维"];
        using (var client = TokenClient.Bearer(app.Factory, secret))
        {
            using var list = await ApiClient.GetJsonAsync(client, "/api/v1/forms?year=2024");
            var dept = Uri.EscapeDataString(ReviewFixture.Police);
            Assert.Equal(4, Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/v1/forms/export?format=csv&year=2024&dept={dept}")).TrimStart('\uFEFF')).Count);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/forms/{form}/export?format=json")).StatusCode);
        }

        // an export of a session: the findings of the data bureau as xlsx
        var dataFindings = await CountFindingsAsync(ReviewFixture.DataBureau);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/findings/export?format=xlsx&department=" + Uri.EscapeDataString(ReviewFixture.DataBureau))).StatusCode);
        await TokenClient.RevokeOnPageAsync(app.Admin, "/admin/tokens", id);

        var entries = (await app.Factory.Services.GetRequiredService<AuditLog>().ListAsync(1, 500)).Items
            .Where(a => (a.Actor == "token-audit" && a.Action != "login") || (a.Action == "token-revoke" && a.TargetId == id.ToString(CultureInfo.InvariantCulture)))
            .Reverse().ToList();
        Assert.Equal(
            [
                ("token-audit", "token-create", "token", id.ToString(CultureInfo.InvariantCulture)),
                ("token-audit", "token-use", "token", id.ToString(CultureInfo.InvariantCulture)),
                ("token-audit", "export", "forms", "csv"),
                ("token-audit", "export", "form", form.ToString(CultureInfo.InvariantCulture)),
                ("token-audit", "export", "findings", "xlsx"),
                ("admin", "token-revoke", "token", id.ToString(CultureInfo.InvariantCulture)),
            ],
            entries.Select(a => (a.Actor, a.Action, a.TargetType!, a.TargetId!)));
        var byAction = entries;
        Assert.Contains($"name=audited; prefix={secret[..ApiTokenStore.PrefixLength]}; owner=token-audit; scope=read", byAction[0].Details, StringComparison.Ordinal);
        Assert.EndsWith("first use: GET /api/v1/forms", byAction[1].Details, StringComparison.Ordinal);
        Assert.Equal($"format=csv; rows=3; filter=year=2024&dept={ReviewFixture.Police}; via=token {label}", byAction[2].Details);
        Assert.Equal($"format=json; rows=1; filter=(none); via=token {label}", byAction[3].Details);
        Assert.Equal($"format=xlsx; rows={dataFindings}; filter=department={ReviewFixture.DataBureau}; via=session", byAction[4].Details);
        Assert.DoesNotContain(entries, a => (a.Details ?? "").Contains(secret[ApiTokenStore.PrefixLength..], StringComparison.Ordinal));

        // the administrators' list: owner, name, prefix, last use, state
        var html = await JixiaoWebFactory.HtmlAsync(app.Admin, "/admin/tokens");
        var row = html.QuerySelector($"#tokens tr[data-token='{id}']")!;
        Assert.Equal("revoked", row.GetAttribute("data-state"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("token-audit", "audited", secret[..ApiTokenStore.PrefixLength] + "…", "只读"), (cells[0], cells[1], cells[2], cells[3]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", cells[5]);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme()
    {
        using var doc = JsonDocument.Parse(await app.Factory.Client().GetStringAsync("/openapi/v1.json"));
        var bearer = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.Contains(doc.RootElement.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("bearer", out _));
        var health = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/health").GetProperty("get");
        Assert.Equal(0, health.GetProperty("security").GetArrayLength());
    }

    /// <summary>The path a redirect goes to (the Location header may be absolute).</summary>
    private static string LoginPath(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string SampleJson(string project = "令牌导入测试项目") =>
        FormJsonWriter.ToJson(SampleForms.SelfEvaluation(ReviewFixture.DataBureau, 2024, project));

    private async Task<int> CountTokensAsync()
    {
        await using var db = app.Factory.Database.CreateContext();
        return await db.ApiTokens.CountAsync();
    }

    private async Task<int> CountFindingsAsync(string department)
    {
        await using var db = app.Factory.Database.CreateContext();
        return await (from x in db.Findings join f in db.Forms on x.FormId equals f.Id where f.Department == department select x).CountAsync();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory);
        return memory.ToArray();
    }
}

/// <summary>The rate limit per token, on an application whose tokens may make three requests a minute.</summary>
public sealed class TokenRateLimitTests
{
    [Fact]
    public async Task Each_token_is_limited_on_its_own_and_sessions_are_not()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Tokens:RequestsPerMinute"] = "3" });
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var (first, _, _) = await TokenClient.MakeOnPageAsync(admin, "busy", "read");
        var (second, _, _) = await TokenClient.MakeOnPageAsync(admin, "quiet", "read");

        using var busy = TokenClient.Bearer(factory, first);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/checks")).StatusCode);
        }

        // within a minute a window holds three: of the next four, one at least is refused (one window may end meanwhile)
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4 && refused is null; i++)
        {
            var response = await busy.GetAsync("/api/v1/checks");
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        var problem = await TokenClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "token-rate-limit");
        Assert.Equal("请求过于频繁", problem.GetProperty("title").GetString());
        Assert.Contains("每分钟最多 3 次", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        using var quiet = TokenClient.Bearer(factory, second);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/checks")).StatusCode);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/checks")).StatusCode);
        }
    }
}

/// <summary>Tokens on PostgreSQL: made, used, stored as their hash, revoked, audited.</summary>
public sealed class PostgresTokenTests
{
    [PostgresFact]
    public async Task Tokens_work_on_postgres_with_only_their_hash_stored()
    {
        await using var database = await PostgresDatabase.CreateAsync("jixiao_tokens_");
        using var factory = new JixiaoWebFactory(database.Settings);
        var imported = await new App.Imports.FormImporter(factory.Database).ImportFormsAsync(
            [SampleForms.SelfEvaluation(ReviewFixture.Police, 2024, "甲"), SampleForms.SelfEvaluation(ReviewFixture.DataBureau, 2024, "乙")], "two.json");
        Assert.True(imported.Succeeded);
        await factory.CreateUserAsync("police-pg", "police-pg-password", UserRole.DepartmentUser, ReviewFixture.Police);
        var police = await factory.SignedInAsync("police-pg", "police-pg-password");

        var (secret, id, _) = await TokenClient.MakeOnPageAsync(police, "pg script", "read");
        using var client = TokenClient.Bearer(factory, secret);
        using (var forms = await ApiClient.GetJsonAsync(client, "/api/v1/forms"))
        {
            Assert.Equal(ReviewFixture.Police, Assert.Single(ApiClient.Items(forms)).GetProperty("department").GetString());
        }

        await TokenClient.ProblemAsync(await client.PostAsync("/api/v1/imports", new StringContent("[]", Encoding.UTF8, "application/json")), HttpStatusCode.Forbidden, "token-read-only");
        Assert.Equal(2, Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/v1/forms/export?format=csv")).TrimStart('\uFEFF')).Count);

        await using (var db = factory.Database.CreateContext())
        {
            var row = await db.ApiTokens.SingleAsync();
            Assert.Equal((id, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))), (row.Id, row.SecretHash));
            Assert.NotNull(row.LastUsedAt);
            var stored = await db.ApiTokens.CountAsync(t => t.Name.Contains(secret) || t.Prefix.Contains(secret) || t.SecretHash.Contains(secret));
            Assert.Equal(0, stored + await db.AuditLog.CountAsync(a => a.Details != null && a.Details.Contains(secret.Substring(ApiTokenStore.PrefixLength))));
        }

        await TokenClient.RevokeOnPageAsync(police, "/account/tokens", id);
        await TokenClient.ProblemAsync(await client.GetAsync("/api/v1/forms"), HttpStatusCode.Unauthorized, "token-revoked");
        var actions = (await factory.Services.GetRequiredService<AuditLog>().ListAsync()).Items.Select(a => a.Action).ToList();
        Assert.Equal(["token-revoke", "export", "token-use", "token-create"], actions.Where(a => a is "token-create" or "token-use" or "token-revoke" or "export"));
    }
}

/// <summary>Tokens as a user makes and uses them: the account page, a client with the bearer header, the revoke button.</summary>
public static class TokenClient
{
    /// <summary>Makes a token on <c>/account/tokens</c>; its secret as the page shows it, its id, and the page's answer.</summary>
    public static async Task<(string Secret, long Id, HttpResponseMessage Response)> MakeOnPageAsync(HttpClient client, string name, string scope, string expires = "")
    {
        var response = await PostPageAsync(client, "/account/tokens", "Create", new() { ["Name"] = name, ["Scope"] = scope, ["Expires"] = expires });
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var doc = await new HtmlParser().ParseDocumentAsync(html);
        var secret = doc.QuerySelector("#token-secret")!.TextContent.Trim();
        var prefix = doc.QuerySelector("#token-created")!.GetAttribute("data-prefix")!;
        Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
        var id = long.Parse(doc.QuerySelector($"#tokens tr[data-prefix='{prefix}']")!.GetAttribute("data-token")!, CultureInfo.InvariantCulture);
        return (secret, id, response);
    }

    /// <summary>Revokes token <paramref name="id"/> with the button of <paramref name="page"/>; the page after the redirect.</summary>
    public static async Task<string> RevokeOnPageAsync(HttpClient client, string page, long id)
    {
        var response = await PostPageAsync(client, page, "Revoke", new() { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(page);
    }

    /// <summary>Posts a page handler's form with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(client, page);
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A client without cookies that sends <c>Authorization: Bearer <paramref name="secret"/></c>.</summary>
    public static HttpClient Bearer(JixiaoWebFactory factory, string secret)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A problem of <paramref name="status"/> with its code, a Chinese detail and the English beside.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await ApiClient.ProblemAsync(response, status);
        Assert.Equal(code, problem.GetProperty("problem").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString()!);
        Assert.Matches("^[ -~]+$", problem.GetProperty("detailEn").GetString()!);
        return problem;
    }
}
