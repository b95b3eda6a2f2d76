using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jixiao.App.Imports;
using Jixiao.Data.Accounts;
using Jixiao.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// An API token in headless Chromium, as a department user makes one for a script: the header link to the access
/// tokens page, the form filled and sent, the secret shown once and copied with the button, a plain HTTP client using
/// it on the API (their department's forms only; the pages do not let it in), the last use shown, then the token
/// revoked with its button and refused with 401. Screenshots go to artifacts/screenshots/tokens/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TokenBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private readonly string shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "tokens");
    private int step;

    [BrowserFact]
    public async Task A_department_user_makes_copies_uses_and_revokes_a_token()
    {
        Directory.CreateDirectory(shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        var importer = app.Factory.Services.GetRequiredService<FormImporter>();
        Assert.True((await importer.ImportFileAsync(Corpus.PathOf(Corpus.Police2024))).Succeeded);

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, BrowserApp.PoliceUser, BrowserApp.PolicePassword);

        // the header link, the form
        await page.ClickAsync("#api-tokens");
        await page.WaitForURLAsync("**/account/tokens");
        await Assertions.Expect(page.Locator("#tokens tbody")).ToContainTextAsync("还没有访问令牌");
        Assert.False(string.IsNullOrEmpty(await page.InputValueAsync("#token-form input[name='Expires']")));
        await page.FillAsync("#token-form input[name='Name']", "每晚导出脚本");
        await page.CheckAsync("#token-form input[name='Scope'][value='role']");
        await ShotAsync(page, "token-form");
        await page.ClickAsync("#token-form button[type='submit']");

        // the secret, once, and the copy button
        var secretBox = page.Locator("#token-secret");
        await Assertions.Expect(secretBox).ToBeVisibleAsync();
        var secret = (await secretBox.TextContentAsync())!.Trim();
        Assert.Matches("^jx_[A-Za-z0-9_-]{43}$", secret);
        await page.ClickAsync("#copy-token");
        await Assertions.Expect(page.Locator("#copy-token")).ToHaveTextAsync("已复制");
        Assert.Equal(secret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var row = page.Locator($"#tokens tr[data-prefix='{secret[..ApiTokenStore.PrefixLength]}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "active");
        await Assertions.Expect(row).ToContainTextAsync("同账户角色");
        await ShotAsync(page, "token-created");

        // a script's HTTP client: the department's forms only, and no way into the pages
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var forms = JsonDocument.Parse(await client.GetStringAsync("/api/v1/forms?pageSize=500")))
        {
            Assert.Equal(37, forms.RootElement.GetProperty("totalCount").GetInt64());
            Assert.All(forms.RootElement.GetProperty("items").EnumerateArray(), f => Assert.Equal(CorpusFixture.PoliceDepartment, f.GetProperty("department").GetString()));
        }

        var overview = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/login", new Uri(new Uri(app.BaseUrl), overview.Headers.Location!).AbsolutePath);

        // the page again: the use is shown, the secret is not
        await page.GotoAsync("/account/tokens");
        Assert.DoesNotContain(secret[ApiTokenStore.PrefixLength..], await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"));

        // revoked with its button (the page asks first)
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#tokens-message")).ToContainTextAsync("令牌已撤销");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "revoked");
        await Assertions.Expect(row.Locator("button")).ToHaveCountAsync(0);
        await ShotAsync(page, "token-revoked");

        // on a phone (390 px) the page does not scroll sideways
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/account/tokens");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the tokens page scrolls sideways at 390 px");
        await ShotAsync(page, "tokens-390px");

        var refused = await client.GetAsync("/api/v1/forms");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(("访问令牌已撤销", "token-revoked"), (problem.RootElement.GetProperty("title").GetString(), problem.RootElement.GetProperty("problem").GetString()));
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(shots, $"{++step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot " + Path.GetRelativePath(RepoPaths.Root, path));
    }
}
