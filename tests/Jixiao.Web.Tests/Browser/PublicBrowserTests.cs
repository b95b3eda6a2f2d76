using System.Security.Cryptography;
using Jixiao.Web.Tests.Public;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The public pages in a browser that never signs in (issue 11, item 7): /public lists only the published filing's form
/// (the demo's imported forms and the other filings stay out), a filter narrows it, the form opens in the official
/// layout with the approved values, the CSV and JSON download and their SHA-256 matches the header and the checksum
/// file; at 390 px the page does not scroll sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Without_signing_in_a_reader_filters_opens_the_published_form_and_downloads_csv_and_json_with_their_checksums()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        var scenario = await PublicScenario.CreateAsync(app.Factory, app.BaseUrl);

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await page.GotoAsync("/login");
        await page.Locator("#public-link a").ClickAsync();
        await page.WaitForURLAsync("**/public");
        Assert.Empty(await context.CookiesAsync([app.BaseUrl]).ContinueWith(t => t.Result.Where(c => c.Name == "jixiao.auth").ToList()));
        Assert.Equal([scenario.PublishedFormId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await page.Locator("#public-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.formId)"));

        await page.Locator("select[name=year]").SelectOptionAsync("2025");
        await page.Locator("select[name=dept]").SelectOptionAsync(PublicScenario.Police);
        await page.Locator("#public-filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/public?*year=2025*");
        Assert.Equal(1, await page.Locator("#public-table tbody tr").CountAsync());

        // the downloads of the filtered selection, and their checksums
        var sums = new Dictionary<string, string>();
        foreach (var (link, file) in new[] { ("#download-csv", "forms.csv"), ("#download-json", "forms.json") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(link).ClickAsync());
            Assert.Equal(file, download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var href = await page.Locator(link).GetAttributeAsync("href");
            var response = await context.APIRequest.GetAsync(href!);
            Assert.Equal(hex, response.Headers["x-checksum-sha256"]);
            sums[file] = hex;
            Assert.Contains(PublicScenario.PublishedProject, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            foreach (var hidden in PublicScenario.Hidden.Values)
            {
                Assert.DoesNotContain(hidden, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            }
        }

        var checksums = await (await context.APIRequest.GetAsync((await page.Locator("#download-sha256").GetAttributeAsync("href"))!)).TextAsync();
        Assert.Contains($"{sums["forms.csv"]}  forms.csv\n", checksums, StringComparison.Ordinal);
        Assert.Contains($"{sums["forms.json"]}  forms.json\n", checksums, StringComparison.Ordinal);

        // the form in the official layout, with the approved values
        await page.Locator("#public-table tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/public/forms/*");
        Assert.Equal("500,000.00", (await page.Locator("#official-table [data-field='funds.annualTotal']").InnerTextAsync()).Trim());
        Assert.Equal("≥200(个)", (await page.Locator("#official-table [data-field='indicators[0].target']").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator(".flag, .recomputed, #findings").CountAsync());

        // a phone: the page does not scroll sideways (the table scrolls in its own box), and English is one click away
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/public");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "/public scrolls sideways at 390 px");
        await page.GotoAsync($"/public/forms/{scenario.PublishedFormId}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the public form scrolls sideways at 390 px");
        Assert.True(await page.Locator("#nav-public").IsVisibleAsync());
        await page.Locator("a.lang").ClickAsync();
        await page.WaitForURLAsync("**/public/forms/*");
        Assert.Equal("Published forms", await page.Locator(".page-head p a").First.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "public-form-390.png"), FullPage = true });
    }
}
