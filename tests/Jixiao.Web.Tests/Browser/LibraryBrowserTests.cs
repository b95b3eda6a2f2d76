using System.Globalization;
using Jixiao.App.Imports;
using Jixiao.App.Library;
using Jixiao.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The indicator library in headless Chromium: an administrator opens it from the navigation, chooses filters (they
/// apply as they are chosen), sorts by a header, opens an entry with its typical targets, recommends it, and finds it
/// first among the suggestions for a project of its type; the three pages never scroll sideways at 390 px, in Chinese
/// and in English. The police's forms of <see cref="LibraryForms"/> sit beside the generated demo forms (which have no
/// police department), so the police's figures are those counted by hand. Screenshots go to artifacts/screenshots/library/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string Shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "library");

    private static async Task<(BrowserApp App, Dictionary<string, long> Entries)> StartAsync()
    {
        var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        Assert.True((await new FormImporter(app.Factory.Database).ImportFormsAsync(LibraryForms.All(), "library.json")).Succeeded);
        var library = app.Factory.Services.GetRequiredService<IndicatorLibrary>();
        await library.CatchUpAsync();
        var police = await library.ListAsync(new App.Access.Caller("test", Data.Entities.UserRole.Administrator),
            new Data.Library.LibraryQuery { Department = LibraryForms.Police });
        return (app, police.Items.ToDictionary(i => i.Name, i => i.Id));
    }

    private static async Task<string[]> NamesAsync(IPage page) => [.. await page.Locator("#library-table tbody .title-cell > a").AllTextContentsAsync()];

    [BrowserFact]
    public async Task An_administrator_filters_sorts_opens_an_entry_recommends_it_and_finds_it_suggested_first()
    {
        Directory.CreateDirectory(Shots);
        var (app, police) = await StartAsync();
        await using var _ = app;
        Assert.Equal(new[] { "监控点位数", "设备完好率", "群众满意度", "治安案件发案率" }.Order(StringComparer.Ordinal), police.Keys.Order(StringComparer.Ordinal));
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");

        await page.ClickAsync("nav.nav a[href='/library']");
        await page.WaitForURLAsync("**/library");
        await Assertions.Expect(page.Locator("#library-table tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "library.png"), FullPage = true });

        // the department: the police's four indicators, the most used first
        await page.SelectOptionAsync("#filter-dept", LibraryForms.Police);
        await page.WaitForURLAsync(u => Uri.UnescapeDataString(u).Contains("dept=" + LibraryForms.Police, StringComparison.Ordinal));
        Assert.Equal(4, (await NamesAsync(page)).Length);
        Assert.Equal("监控点位数", (await NamesAsync(page))[0]);
        Assert.Equal("3", await page.Locator("#library-table tbody tr").First.Locator("[data-forms]").GetAttributeAsync("data-forms"));

        // the project type and the first level narrow it further
        await page.SelectOptionAsync("#filter-type", "video-surveillance");
        await page.WaitForURLAsync(u => u.Contains("type=video-surveillance", StringComparison.Ordinal));
        Assert.Equal(4, (await NamesAsync(page)).Length);
        await page.SelectOptionAsync("#filter-level1", "满意度指标");
        await page.WaitForURLAsync(u => Uri.UnescapeDataString(u).Contains("level1=满意度指标", StringComparison.Ordinal));
        Assert.Equal(["群众满意度"], await NamesAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "library-filtered.png"), FullPage = true });
        await page.SelectOptionAsync("#filter-level1", "");
        await page.WaitForURLAsync(u => !Uri.UnescapeDataString(u).Contains("level1=满意度指标", StringComparison.Ordinal));

        // a sort header: by forms, fewest first
        await page.Locator("#library-table th a").Filter(new() { HasText = "表单" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("sort=forms", StringComparison.Ordinal) && u.Contains("desc=0", StringComparison.Ordinal));
        var forms = await page.Locator("#library-table tbody [data-forms]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.forms)");
        Assert.Equal(["1", "1", "2", "3"], forms);

        // an entry: its typical targets and what was achieved
        await page.ClickAsync("#library-table a:text-is('监控点位数')");
        await page.WaitForURLAsync($"**/library/{police["监控点位数"].ToString(CultureInfo.InvariantCulture)}");
        await Assertions.Expect(page.Locator("#entry-targets tbody tr").First).ToHaveAttributeAsync("data-target", "≥500个");
        await Assertions.Expect(page.Locator("#entry-targets tbody tr").First.Locator("[data-mean]")).ToHaveAttributeAsync("data-mean", "500");

        // one curation: recommended
        await page.ClickAsync("#toggle-recommend");
        await Assertions.Expect(page.Locator("#library-message")).ToHaveTextAsync("已设为推荐：填报建议中优先列出。");
        await Assertions.Expect(page.Locator("#entry-recommended")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "entry.png"), FullPage = true });

        // suggestions for a project of its type: the recommended entry first
        await page.GotoAsync("/library");
        await page.ClickAsync("#library-suggest-link");
        await page.FillAsync("#suggest-project", "2025年视频监控补点建设");
        await page.ClickAsync("#suggest-form button[type='submit']");
        await page.WaitForURLAsync(u => u.Contains("project=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#suggest-basis")).ToHaveAttributeAsync("data-type", "video-surveillance");
        await Assertions.Expect(page.Locator("#suggestions tbody tr").First).ToHaveAttributeAsync("data-entry-id", police["监控点位数"].ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#suggestions tbody tr").First.Locator(".badge")).ToHaveTextAsync("推荐");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "suggestions.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task At_390_px_the_library_pages_do_not_scroll_sideways()
    {
        Directory.CreateDirectory(Shots);
        var (app, police) = await StartAsync();
        await using var _ = app;
        await using var context = await browser.NewContextAsync(app.BaseUrl, new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");
        string[] paths = ["/library", $"/library/{police["监控点位数"].ToString(CultureInfo.InvariantCulture)}", "/library/suggestions?project=" + Uri.EscapeDataString("治安视频监控")];
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await page.GotoAsync($"/culture/{language}?returnUrl=%2F");
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
                var name = language + "-" + (path.Contains("suggestions", StringComparison.Ordinal) ? "suggestions" : path.Count(c => c == '/') > 1 ? "entry" : "library");
                await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "narrow-" + name + ".png"), FullPage = true });
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                output.WriteLine($"{name}: {widths[0]} / {widths[1]}");
                Assert.True(widths[0] <= widths[1], $"{path} ({language}) scrolls sideways: {widths[0]} px wide in a {widths[1]} px window");
            }
        }
    }
}
