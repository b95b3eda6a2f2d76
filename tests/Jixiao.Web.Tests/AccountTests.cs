using System.Net;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
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
    [InlineData("/account/password")]
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

    [Theory]
    [InlineData(null)]
    [InlineData("Boss")]
    [InlineData("")]
    public async Task A_role_change_without_a_known_role_changes_nothing(string? role)
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var name = "role-test-" + (role ?? "none").ToLowerInvariant() + "x";
        var token = await JixiaoWebFactory.TokenAsync(admin, "/admin/users");
        var created = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = name,
            ["NewPassword"] = "role-test-password-1",
            ["NewRole"] = "Supervisor",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        token = await JixiaoWebFactory.TokenAsync(admin, "/admin/users");
        var fields = new Dictionary<string, string> { ["userName"] = name, ["__RequestVerificationToken"] = token };
        if (role is not null)
        {
            fields["role"] = role;
        }

        var changed = await admin.PostAsync("/admin/users?handler=Role", new FormUrlEncodedContent(fields));

        Assert.Contains("角色无效", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var user = await factory.Services.GetRequiredService<Jixiao.Data.Accounts.AccountStore>().FindAsync(name);
        Assert.Equal(Jixiao.Data.Entities.UserRole.Supervisor, user!.Role);
    }

    [Fact]
    public async Task An_account_with_an_unknown_role_is_not_created()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        var token = await JixiaoWebFactory.TokenAsync(admin, "/admin/users");
        var created = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = "unknown-role-user",
            ["NewPassword"] = "role-test-password-1",
            ["NewRole"] = "Boss",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Contains("角色无效", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await factory.Services.GetRequiredService<Jixiao.Data.Accounts.AccountStore>().FindAsync("unknown-role-user"));
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
        Assert.Contains(actions, a => a.Item1 == "role-change" && a.TextContent.Contains("监督 → 财政评审", StringComparison.Ordinal)); // worded in the UI's language (issue 10, fix item 5)

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

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_sees_why_and_both_changes_are_audited()
    {
        await factory.CreateUserAsync("leaver", "leaver-password-1", UserRole.Supervisor, null);
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var disabled = await PostFormAsync(admin, "/admin/users", "Disable", new() { ["userName"] = "leaver" });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.True((await Store.FindAsync("leaver"))!.Disabled);
        var row = (await JixiaoWebFactory.HtmlAsync(admin, "/admin/users")).QuerySelector("tr[data-user='leaver']")!;
        Assert.Equal("true", row.GetAttribute("data-disabled"));
        Assert.Contains("已停用", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("form[action*='handler=Enable']"));
        Assert.NotNull(row.QuerySelector("form[action*='handler=Reset'] input[name='resetRepeat']"));

        var refused = await JixiaoWebFactory.LoginAsync(factory.Client(), "leaver", "leaver-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("此账户已被停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // a wrong password on a disabled account says only "wrong", never whether the account exists or is disabled
        var wrong = await JixiaoWebFactory.LoginAsync(factory.Client(), "leaver", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("停用", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enabled = await PostFormAsync(admin, "/admin/users", "Enable", new() { ["userName"] = "leaver" });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JixiaoWebFactory.LoginAsync(factory.Client(), "leaver", "leaver-password-1")).StatusCode);

        var log = await AuditAsync();
        Assert.Contains(log, e => e.Action == "user-disable" && e.Actor == "admin" && e.TargetId == "leaver");
        Assert.Contains(log, e => e.Action == "user-enable" && e.Actor == "admin" && e.TargetId == "leaver");
        Assert.Contains(log, e => e.Action == "login-disabled" && e.TargetId == "leaver");
    }

    [Fact]
    public async Task A_disabled_users_session_ends_on_its_next_page_or_api_request()
    {
        await factory.CreateUserAsync("sitter", "sitter-password-1", UserRole.FinanceReviewer, null);
        var browser = await factory.SignedInAsync("sitter", "sitter-password-1");
        var script = await factory.SignedInAsync("sitter", "sitter-password-1");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/forms")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/checks")).StatusCode);

        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, "/admin/users", "Disable", new() { ["userName"] = "sitter" })).StatusCode);

        var page = await browser.GetAsync("/forms");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var login = page.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/login?ReturnUrl=", login, StringComparison.Ordinal);
        Assert.Contains("reason=disabled", login, StringComparison.Ordinal);
        var notice = (await JixiaoWebFactory.HtmlAsync(browser, login)).QuerySelector("#session-ended");
        Assert.Contains("已被停用", notice!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/checks")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_or_take_their_own_role()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await PostFormAsync(admin, "/admin/users", "Disable", new() { ["userName"] = "admin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("不能停用或启用自己的账户", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.False((await Store.FindAsync("admin"))!.Disabled);
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == "user-disable" && e.TargetId == "admin");

        var demoted = await PostFormAsync(admin, "/admin/users", "Role", new() { ["userName"] = "admin", ["role"] = "Supervisor" });
        Assert.Equal(HttpStatusCode.BadRequest, demoted.StatusCode);
        Assert.Equal(UserRole.Administrator, (await Store.FindAsync("admin"))!.Role);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);

        // the page offers no disable button on the administrator's own row
        var own = (await JixiaoWebFactory.HtmlAsync(admin, "/admin/users")).QuerySelector("tr[data-user='admin']")!;
        Assert.Null(own.QuerySelector("form[action*='handler=Disable']"));
        Assert.NotNull(own.QuerySelector("a[href='/account/password']"));
    }

    [Fact]
    public async Task The_last_enabled_administrator_cannot_be_disabled_or_demoted()
    {
        using var other = new JixiaoWebFactory();
        await other.CreateUserAsync("deputy", "deputy-password-1", UserRole.Administrator, null);
        var deputy = await other.SignedInAsync("deputy", "deputy-password-1");
        var store = other.Services.GetRequiredService<AccountStore>();

        // deputy disables admin: allowed, deputy stays as an enabled administrator
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(deputy, "/admin/users", "Disable", new() { ["userName"] = "admin" })).StatusCode);
        Assert.True((await store.FindAsync("admin"))!.Disabled);

        // now deputy is the last one: neither its own page actions nor any other actor can remove it
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(deputy, "/admin/users", "Disable", new() { ["userName"] = "deputy" })).StatusCode);
        Assert.Equal(AccountResult.LastAdministrator, await store.SetDisabledAsync("deputy", true, "configuration"));
        Assert.Equal(AccountResult.LastAdministrator, await store.ChangeRoleAsync("deputy", UserRole.Supervisor, null, "configuration"));
        Assert.False((await store.FindAsync("deputy"))!.Disabled);
        Assert.Equal(HttpStatusCode.OK, (await deputy.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_resets_a_password_the_old_one_stops_working_and_old_sessions_end()
    {
        await factory.CreateUserAsync("forgetful", "forgetful-old-1", UserRole.Supervisor, null);
        var oldSession = await factory.SignedInAsync("forgetful", "forgetful-old-1");
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var differ = await PostFormAsync(admin, "/admin/users", "Reset", new() { ["userName"] = "forgetful", ["resetPassword"] = "forgetful-new-1", ["resetRepeat"] = "forgetful-new-2" });
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        Assert.Contains("两次输入的新密码不一致", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooShort = await PostFormAsync(admin, "/admin/users", "Reset", new() { ["userName"] = "forgetful", ["resetPassword"] = "short", ["resetRepeat"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.NotNull(await Store.VerifyAsync("forgetful", "forgetful-old-1"));

        var reset = await PostFormAsync(admin, "/admin/users", "Reset", new() { ["userName"] = "forgetful", ["resetPassword"] = "forgetful-new-1", ["resetRepeat"] = "forgetful-new-1" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await JixiaoWebFactory.LoginAsync(factory.Client(), "forgetful", "forgetful-old-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JixiaoWebFactory.LoginAsync(factory.Client(), "forgetful", "forgetful-new-1")).StatusCode);
        var ended = await oldSession.GetAsync("/forms");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("reason=password", ended.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        var log = await AuditAsync();
        Assert.Contains(log, e => e.Action == "password-reset" && e.Actor == "admin" && e.TargetId == "forgetful");
        Assert.DoesNotContain(log, e => Mentions(e, "forgetful-new-1") || Mentions(e, "forgetful-old-1"));
    }

    [Fact]
    public async Task An_administrator_cannot_reset_their_own_password_on_the_users_page()
    {
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");

        var response = await PostFormAsync(admin, "/admin/users", "Reset", new() { ["userName"] = "admin", ["resetPassword"] = "admin-new-pass-1", ["resetRepeat"] = "admin-new-pass-1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await Store.VerifyAsync("admin", "jixiao-admin"));
    }

    [Fact]
    public async Task Changing_ones_own_password_needs_the_right_current_one_and_keeps_this_session()
    {
        await factory.CreateUserAsync("changer", "changer-old-pw1", UserRole.DepartmentUser, "江海市临江区教育局");
        var client = await factory.SignedInAsync("changer", "changer-old-pw1");
        var elsewhere = await factory.SignedInAsync("changer", "changer-old-pw1");
        var home = await JixiaoWebFactory.HtmlAsync(client, "/");
        Assert.Equal("/account/password", home.QuerySelector("#change-password")!.GetAttribute("href"));
        Assert.NotNull((await JixiaoWebFactory.HtmlAsync(client, "/account/password")).QuerySelector("input[name='CurrentPassword'][type='password']"));

        var wrong = await PostFormAsync(client, "/account/password", null, new() { ["CurrentPassword"] = "not-my-password", ["NewPassword"] = "changer-new-pw1", ["Repeat"] = "changer-new-pw1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("当前密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var differ = await PostFormAsync(client, "/account/password", null, new() { ["CurrentPassword"] = "changer-old-pw1", ["NewPassword"] = "changer-new-pw1", ["Repeat"] = "changer-new-pw2" });
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        var tooShort = await PostFormAsync(client, "/account/password", null, new() { ["CurrentPassword"] = "changer-old-pw1", ["NewPassword"] = "short", ["Repeat"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.NotNull(await Store.VerifyAsync("changer", "changer-old-pw1"));

        var changed = await PostFormAsync(client, "/account/password", null, new() { ["CurrentPassword"] = "changer-old-pw1", ["NewPassword"] = "changer-new-pw1", ["Repeat"] = "changer-new-pw1" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var done = await JixiaoWebFactory.HtmlAsync(client, "/account/password");
        Assert.Contains("密码已修改", done.QuerySelector("#password-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/forms")).StatusCode); // this session goes on
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/forms")).StatusCode); // the other one ends

        Assert.Null(await Store.VerifyAsync("changer", "changer-old-pw1"));
        Assert.NotNull(await Store.VerifyAsync("changer", "changer-new-pw1"));
        var log = await AuditAsync();
        Assert.Contains(log, e => e.Action == "password-change-failed" && e.Actor == "changer");
        Assert.Contains(log, e => e.Action == "password-change" && e.Actor == "changer" && e.TargetId == "changer");
        Assert.DoesNotContain(log, e => Mentions(e, "changer-new-pw1") || Mentions(e, "changer-old-pw1") || Mentions(e, "not-my-password"));
    }

    [Fact]
    public async Task Changing_ones_own_password_without_the_antiforgery_token_is_rejected()
    {
        await factory.CreateUserAsync("csrfpw", "csrfpw-old-pw1", UserRole.Supervisor, null);
        var client = await factory.SignedInAsync("csrfpw", "csrfpw-old-pw1");

        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = "csrfpw-old-pw1",
            ["NewPassword"] = "csrfpw-new-pw1",
            ["Repeat"] = "csrfpw-new-pw1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await Store.VerifyAsync("csrfpw", "csrfpw-old-pw1"));
    }

    [Theory]
    [InlineData("supervisor", "jixiao-supervisor", "Disable")]
    [InlineData("supervisor", "jixiao-supervisor", "Reset")]
    [InlineData("dept", "jixiao-dept", "Disable")]
    [InlineData("dept", "jixiao-dept", "Reset")]
    [InlineData("reviewer", "jixiao-reviewer", "Enable")]
    public async Task Roles_without_the_right_cannot_disable_or_reset(string user, string password, string handler)
    {
        var target = "target-" + user + "-" + handler.ToLowerInvariant();
        await factory.CreateUserAsync(target, "target-password-1", UserRole.Supervisor, null);
        if (handler == "Enable")
        {
            await Store.SetDisabledAsync(target, true, "test");
        }

        var client = await factory.SignedInAsync(user, password);
        var token = await JixiaoWebFactory.TokenAsync(client, "/"); // the sign-out form's token: a valid one
        var response = await client.PostAsync("/admin/users?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = target,
            ["resetPassword"] = "taken-over-pw-1",
            ["resetRepeat"] = "taken-over-pw-1",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
        Assert.Equal(handler == "Enable", (await Store.FindAsync(target))!.Disabled);
        var attempt = await Store.SignInAsync(target, "target-password-1");
        Assert.Equal(handler == "Enable" ? LoginOutcome.Disabled : LoginOutcome.Success, attempt.Outcome);
        Assert.DoesNotContain(await AuditAsync(), e => e.TargetId == target && e.Actor == user);
    }

    private AccountStore Store => factory.Services.GetRequiredService<AccountStore>();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        (await factory.Services.GetRequiredService<AuditLog>().ListAsync(1, 1000)).Items;

    private static bool Mentions(AuditEntry e, string text) =>
        new[] { e.Actor, e.Action, e.TargetType, e.TargetId, e.Details }.Any(f => f?.Contains(text, StringComparison.Ordinal) == true);

    /// <summary>Posts a form of <paramref name="path"/> (to its <paramref name="handler"/>) with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(client, path);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(handler is null ? path : path + "?handler=" + handler, content);
    }
}

internal static class UriExtensions
{
    /// <summary>The path and query of a relative or absolute location.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
