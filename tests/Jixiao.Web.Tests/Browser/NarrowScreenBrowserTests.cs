using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// Every main page on a phone (390 × 844, issue 10, item 6), in Chinese and in English: the page never scrolls
/// sideways (wide tables scroll inside their own box), and the overview's charts sit one per row at full width,
/// redrawn by ECharts whenever their box changes. Screenshots go to artifacts/screenshots/issue10/narrow/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NarrowScreenBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string Shots = Path.Combine(ImportPageBrowserTests.Shots, "narrow");

    /// <summary>The narrowest a chart may be and still be read (the phone's width less the page's and the card's margins is 328 px).</summary>
    private const int ReadableChart = 300;

    [BrowserFact]
    public async Task At_390_px_no_page_scrolls_sideways_and_the_overview_charts_are_one_per_row_at_full_width()
    {
        Directory.CreateDirectory(Shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);

        // a form with findings and an overdue rectification request: the form page shows its review section, and
        // /rectifications has a row
        long form;
        await using (var db = app.Factory.Database.CreateContext())
        {
            form = await db.Findings.OrderBy(f => f.FormId).Select(f => f.FormId).FirstAsync();
        }

        await Review.ReviewFixture.RequestAsOfAsync(app.Factory.Database, form, new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 30));

        await using var context = await browser.NewContextAsync(app.BaseUrl, Phone);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);

        await page.GotoAsync("/login");
        await AssertNoSidewaysScrollAsync(page, "login");
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");
        await page.GotoAsync("/projects");
        var project = await page.Locator("#projects tbody a[href^='/projects/']").First.GetAttributeAsync("href");
        Assert.NotNull(project);

        string[] pages =
        [
            "/", "/forms", "/findings", "/projects", project, $"/forms/{form.ToString(CultureInfo.InvariantCulture)}", "/compare",
            "/imports", "/rectifications", "/monitoring", "/admin/users", "/admin/audit", "/account/password",
        ];
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await page.GotoAsync($"/culture/{language}?returnUrl=%2F");
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
                if (path == "/")
                {
                    await AssertChartsAreFullWidthAsync(page);
                }

                await AssertNoSidewaysScrollAsync(page, language + "-" + ShotName(path));
            }
        }

        // the charts follow their box, not only the window: a narrower card redraws its chart narrower
        await page.GotoAsync("/");
        await AssertChartsAreFullWidthAsync(page);
        await page.EvaluateAsync("() => { document.querySelector('#chart-years').closest('.card').style.width = '240px'; }");
        await Assertions.Expect(page.Locator("#chart-years canvas").First).ToHaveJSPropertyAsync("clientWidth", 240 - 2 - 2 * 18);
    }

    /// <summary>The four overview charts: each at least <see cref="ReadableChart"/> px wide, one per row, drawn at its box's width.</summary>
    private async Task AssertChartsAreFullWidthAsync(IPage page)
    {
        var charts = page.Locator(".chart");
        Assert.Equal(4, await charts.CountAsync());
        double? previousTop = null;
        foreach (var chart in await charts.AllAsync())
        {
            var canvas = chart.Locator("canvas").First;
            await Assertions.Expect(canvas).ToBeVisibleAsync();
            var box = (await chart.BoundingBoxAsync())!;
            Assert.True(box.Width >= ReadableChart, $"{await chart.GetAttributeAsync("id")}: {box.Width} px wide");
            // ECharts drew at the box's width (not at the width it had when it was first laid out)
            await Assertions.Expect(canvas).ToHaveJSPropertyAsync("clientWidth", (int)Math.Round(box.Width));
            Assert.True(previousTop is null || box.Y > previousTop, "two charts on one row");
            previousTop = box.Y;
        }
    }

    private async Task AssertNoSidewaysScrollAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, inner) = (widths[0], widths[1]);
        output.WriteLine($"{name}: {scroll} / {inner}");
        Assert.True(scroll <= inner, $"{page.Url} scrolls sideways: {scroll} px wide in a {inner} px window{await WidestAsync(page)}");
    }

    /// <summary>The elements that reach past the window's right edge outside any scrolling box: what to fix.</summary>
    private static async Task<string> WidestAsync(IPage page) => "; past the edge: " + string.Join(", ", await page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('body *')].filter(el => {
            if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return false;
            }
            return true;
        }).slice(0, 8).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''))
        """));

    private static string ShotName(string path) => path == "/" ? "overview" : Uri.UnescapeDataString(path.Split('?')[0]).Trim('/').Replace('/', '-');
}
