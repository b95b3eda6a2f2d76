using System.Net;
using Jixiao.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

public sealed class AccountTests(JixiaoWebFactory factory) : IClassFixture<JixiaoWebFactory>
{
    [Fact]
    public async Task Login_with_the_right_password_signs_in_and_shows_the_user()
    {
        var client = factory.Client();
        var response = await JixiaoWebFactory.LoginAsync(client, "admin", "jixiao-admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await JixiaoWebFactory.HtmlAsync(client, "/");
        Assert.Contains("admin", home.QuerySelector(".whoami")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("管理员", home.QuerySelector(".whoami")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("admin", "")]
    [InlineData("nobody", "jixiao-admin")]
    [InlineData("admin' OR '1'='1", "x' OR '1'='1")]
    public async Task Login_with_a_wrong_password_or_user_fails(string userName, string password)
    {
        var client = factory.Client();
        var response = await JixiaoWebFactory.LoginAsync(client, userName, password);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("用户名", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await client.GetAsync("/forms");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_login_is_written_to_the_audit_log()
    {
        await JixiaoWebFactory.LoginAsync(factory.Client(), "supervisor", "not-the-password");

        var log = await factory.Services.GetRequiredService<AuditLog>().ListAsync();
        Assert.Contains(log.Items, e => e.Action == "login-failed" && e.Actor == "supervisor");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/forms")]
    [InlineData("/forms/1")]
    [InlineData("/forms?year=2024")]
    [InlineData("/imports")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    public async Task Anonymous_users_are_redirected_to_the_login_page(string path)
    {
        var response = await factory.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_posts_are_refused()
    {
        var response = await factory.Client().PostAsync("/imports?handler=Upload", new StringContent("x"));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Equal(0, await factory.CountBatchesAsync());
    }

    [Fact]
    public async Task The_health_endpoint_needs_no_login()
    {
        var response = await factory.Client().GetAsync("/api/v1/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"sqlite\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor", "jixiao-supervisor", "/imports")]
    [InlineData("supervisor", "jixiao-supervisor", "/admin/users")]
    [InlineData("dept", "jixiao-dept", "/imports")]
    [InlineData("dept", "jixiao-dept", "/admin/audit")]
    [InlineData("reviewer", "jixiao-reviewer", "/admin/users")]
    public async Task Roles_without_the_right_are_denied(string user, string password, string path)
    {
        var client = await factory.SignedInAsync(user, password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_cannot_upload()
    {
        var client = await factory.SignedInAsync("supervisor", "jixiao-supervisor");
        var token = await JixiaoWebFactory.TokenAsync(client, "/");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("x"u8.ToArray()), "files", "a.txt" },
        };

        var response = await client.PostAsync("/imports?handler=Upload", content);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await factory.CountBatchesAsync());
    }

    [Fact]
    public async Task An_administrator_adds_a_user_and_changes_the_role_and_both_are_audited()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var token = await JixiaoWebFactory.TokenAsync(admin, "/admin/users");
        var created = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = "auditor1",
            ["NewPassword"] = "auditor-password-1",
            ["NewRole"] = "Supervisor",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        token = await JixiaoWebFactory.TokenAsync(admin, "/admin/users");
        var changed = await admin.PostAsync("/admin/users?handler=Role", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "auditor1",
            ["role"] = "FinanceReviewer",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var audit = await JixiaoWebFactory.HtmlAsync(admin, "/admin/audit");
        var actions = audit.QuerySelectorAll("#audit tbody tr").Select(r => (r.GetAttribute("data-action"), r.TextContent)).ToList();
        Assert.Contains(actions, a => a.Item1 == "user-create" && a.TextContent.Contains("auditor1", StringComparison.Ordinal) && a.TextContent.Contains("admin", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Item1 == "role-change" && a.TextContent.Contains("Supervisor", StringComparison.Ordinal) && a.TextContent.Contains("FinanceReviewer", StringComparison.Ordinal));

        // the new role works at once: the new reviewer may open the import page
        var reviewer = await factory.SignedInAsync("auditor1", "auditor-password-1");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/imports")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_takes_effect_for_a_user_already_signed_in()
    {
        await factory.CreateUserAsync("mover", "mover-password-1", Data.Entities.UserRole.FinanceReviewer, null);
        var client = await factory.SignedInAsync("mover", "mover-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/imports")).StatusCode);

        await factory.Services.GetRequiredService<AccountStore>().SetRoleAsync("mover", Data.Entities.UserRole.Supervisor, null, "test");
        factory.Services.GetRequiredService<Accounts.UserValidator>().Forget("mover");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/imports")).StatusCode);
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_rejected()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = "csrf-victim",
            ["NewPassword"] = "csrf-password-1",
            ["NewRole"] = "Administrator",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.Services.GetRequiredService<AccountStore>().FindAsync("csrf-victim"));
    }

    [Fact]
    public async Task Pages_send_security_headers_and_a_strict_content_security_policy()
    {
        var response = await factory.Client().GetAsync("/login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script>[^<]", html);
    }

    [Fact]
    public async Task The_language_switch_sets_the_culture_cookie_and_pages_turn_english()
    {
        var client = factory.Client();
        Assert.Contains("登录", await client.GetStringAsync("/login"), StringComparison.Ordinal);

        var switched = await client.GetAsync("/culture/en?returnUrl=%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/login", switched.Headers.Location!.OriginalString);

        var english = await client.GetStringAsync("/login");
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var response = await factory.Client().GetAsync("/culture/en?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Errors_show_a_friendly_page_without_details()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await admin.GetAsync("/forms/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("未找到", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
}

internal static class UriExtensions
{
    /// <summary>The path and query of a relative or absolute location.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
