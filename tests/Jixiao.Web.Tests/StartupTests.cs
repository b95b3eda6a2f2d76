using System.Net;
using Jixiao.Data.Entities;
using Jixiao.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>What the application does on its first start: the first administrator, the demo data set.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Without_any_user_the_first_run_page_creates_the_administrator_and_then_closes()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Demo:Accounts"] = "false" });
        var client = factory.Client();

        var login = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/setup", login.Headers.Location!.PathAndQuery());

        var token = await JixiaoWebFactory.TokenAsync(client, "/setup");
        var tooShort = await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "chief", ["Password"] = "short", ["Repeat"] = "short", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("至少需要 10 个字符", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "chief", ["Password"] = "chief-password-1", ["Repeat"] = "chief-password-1", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // closed now: another visitor cannot make a second administrator
        var other = factory.Client();
        var again = await other.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/login", again.Headers.Location!.PathAndQuery());
        var user = await factory.Services.GetRequiredService<Data.Accounts.AccountStore>().FindAsync("chief");
        Assert.Equal(UserRole.Administrator, user!.Role);
        Assert.StartsWith("pbkdf2-sha256$", user.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_administrator_can_come_from_configuration()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?>
        {
            ["Jixiao:Demo:Accounts"] = "false",
            ["Jixiao:Admin:UserName"] = "root",
            ["Jixiao:Admin:Password"] = "configured-secret-1",
        });

        var client = await factory.SignedInAsync("root", "configured-secret-1");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().GetAsync("/setup")).StatusCode);
    }

    [Fact]
    public async Task An_empty_database_gets_the_generated_demo_data_in_the_background()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Demo:Forms"] = "120" });
        var client = await factory.SignedInAsync("supervisor", "jixiao-supervisor");
        var demo = factory.Services.GetRequiredService<DemoState>();
        for (var i = 0; i < 600 && demo.Status != DemoStatus.Ready; i++)
        {
            Assert.NotEqual(DemoStatus.Failed, demo.Status);
            await Task.Delay(50);
        }

        Assert.Equal(DemoStatus.Ready, demo.Status);
        Assert.Equal(120, await factory.CountFormsAsync());
        await using var db = factory.Database.CreateContext();
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal(DemoData.DemoUser, batch.CreatedBy);
        Assert.Equal(ImportStatus.Succeeded, batch.Status);
        Assert.True(await db.Findings.AnyAsync(), "the demo forms are checked on the way in");
        Assert.True(await db.Forms.Select(f => f.DepartmentId).Distinct().CountAsync() > 10);
        Assert.True(await db.Forms.Select(f => f.Year).Distinct().CountAsync() > 2);

        var page = await JixiaoWebFactory.HtmlAsync(client, "/forms");
        Assert.Equal("120", page.QuerySelector("#form-count")!.GetAttribute("data-total"));

        // the demo form shows its source lines from the generated file
        var id = await db.Forms.Select(f => f.Id).FirstAsync();
        var detail = await JixiaoWebFactory.HtmlAsync(client, $"/forms/{id}");
        Assert.NotEmpty(detail.QuerySelectorAll("#source-lines tr"));

        // the demo forms name the demo file as their source (not the kept copy's name, 1.txt), in the store and the exports
        Assert.Equal(DemoData.FileName, batch.FileName);
        Assert.Equal([DemoData.FileName], await db.Forms.Select(f => f.SourceFile).Distinct().ToListAsync());
        var csv = await client.GetStringAsync("/api/v1/forms/export?format=csv&sort=imported");
        Assert.Contains(DemoData.FileName, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",1.txt,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_guessing_is_slowed_down_per_client()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Accounts:LoginsPerMinute"] = "3" });
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await JixiaoWebFactory.LoginAsync(client, "admin", "guess-" + i)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await JixiaoWebFactory.LoginAsync(client, "admin", "jixiao-admin");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("尝试次数过多", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_demo_forms_configured_nothing_is_generated()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Demo:Forms"] = "0" });
        _ = factory.Client();

        Assert.Equal(DemoStatus.Off, factory.Services.GetRequiredService<DemoState>().Status);
        Assert.Equal(0, await factory.CountFormsAsync());
    }
}
