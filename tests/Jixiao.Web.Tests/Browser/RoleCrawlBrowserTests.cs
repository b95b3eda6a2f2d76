using System.Diagnostics;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// Issue 10's test of the whole application: as each role (supervisor, department user, finance reviewer,
/// administrator — in that order, so that the administrator's changes to accounts come last) a real browser opens
/// every page reachable from the navigation and clicks every link, button and export on it (<see cref="SiteCrawler"/>),
/// and no response may be a 4xx or 5xx: a link or button a role is offered must work for it. Then the refusals the
/// role implies: the pages outside it answer 403 (and it was offered no link to them, or the walk would have failed),
/// and a department user gets 404 for another department's form.
/// Done last, outside the walk: the reviewer uploads a file on the import page (its button needs a chosen file), the
/// administrator deletes that batch (the one button that asks for confirmation; the demo portfolio stays), and each
/// role signs out (退出 would end the walk).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleCrawlBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Answered = "治安视频监控运维";

    private static readonly string[] Everyone = ["/", "/forms", "/findings", "/projects", "/library", "/compare", "/rectifications", "/monitoring", "/public"];

    private static readonly string[] AdminPages = ["/admin/users", "/admin/audit"];

    [BrowserFact]
    public async Task Every_role_clicks_every_link_button_and_export_it_is_offered_and_meets_no_error_but_its_refusals()
    {
        var watch = Stopwatch.StartNew();
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);

        // the police (the department user's department): a form with a confirmed finding and a rectification request
        // to answer, and one more; a form of another department, which the department user must not see
        var imported = await new FormImporter(app.Factory.Database).ImportFormsAsync(
            [
                SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024, Answered),
                SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024, "交通信号灯维护"),
                SampleForms.SelfEvaluation(Review.ReviewFixture.DataBureau, 2024, "政务云租赁"),
            ], "crawl.json", new ImportOptions { User = "admin" });
        Assert.True(imported.Succeeded);
        long answered, undecided, otherDepartment, busiest;
        await using (var db = app.Factory.Database.CreateContext())
        {
            answered = await db.Forms.Where(f => f.ProjectName == Answered).Select(f => f.Id).SingleAsync();
            undecided = await db.Forms.Where(f => f.ProjectName == "交通信号灯维护").Select(f => f.Id).SingleAsync();
            otherDepartment = await db.Forms.Where(f => f.ProjectName == "政务云租赁").Select(f => f.Id).SingleAsync();
            // a demo form with findings on its cells (their markers are buttons)
            busiest = await db.Findings.Where(f => f.Field.StartsWith("indicators[")).GroupBy(f => f.FormId)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        }

        await Review.ReviewFixture.RequestAsOfAsync(app.Factory.Database, answered, new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 30));

        (string User, string Password, string[] Nav, string[] Refused)[] roles =
        [
            ("supervisor", "jixiao-supervisor", Everyone, ["/imports", .. AdminPages]),
            (BrowserApp.PoliceUser, BrowserApp.PolicePassword, [.. Everyone, "/filings"], ["/imports", .. AdminPages]),
            ("reviewer", "jixiao-reviewer", [.. Everyone, "/filings", "/imports"], AdminPages),
            ("admin", "jixiao-admin", [.. Everyone, "/filings", "/imports", "/admin/users"], []),
        ];
        // signed out: the sign-in page and what it links to (the language)
        var problems = new List<string>();
        await using (var anonymous = await browser.NewContextAsync(app.BaseUrl))
        {
            var crawler = new SiteCrawler(anonymous, await anonymous.NewPageAsync(), app.BaseUrl, "signed-out", "", output) { SignedIn = false };
            await crawler.WalkAsync("/login");
            output.WriteLine(crawler.Summary());
            problems.AddRange(crawler.Problems);
        }

        foreach (var (user, password, nav, refused) in roles)
        {
            await using var context = await browser.NewContextAsync(app.BaseUrl);
            var page = await context.NewPageAsync();
            await ImportPageBrowserTests.SignInAsync(page, user, password);
            var crawler = new SiteCrawler(context, page, app.BaseUrl, user, password, output);

            // the navigation offers the role's pages and no other, on one line of a 1280 px desktop in both languages
            var offered = await page.Locator("nav.nav a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            Assert.Equal(nav.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
            await page.SetViewportSizeAsync(1280, 900);
            foreach (var language in new[] { "en", "zh-CN" })
            {
                await page.GotoAsync($"/culture/{language}?returnUrl=%2F");
                var rows = await page.Locator("nav.nav a").EvaluateAllAsync<int>("as => new Set(as.map(a => Math.round(a.getBoundingClientRect().top))).size");
                Assert.True(rows == 1, $"{user}, {language}: the menu takes {rows} lines at 1280 px");
            }

            await page.SetViewportSizeAsync(1366, 900);

            // the form pages to start from (after the first, /forms/{id} is not opened again): the police's, with the
            // request to answer and with findings to confirm or dismiss, and a demo form for those who may see it
            string[] forms = user == BrowserApp.PoliceUser ? [$"/forms/{answered}", $"/forms/{undecided}"] : [$"/forms/{answered}", $"/forms/{undecided}", $"/forms/{busiest}"];
            await crawler.WalkAsync(["/", .. forms]);
            if (user == "reviewer")
            {
                await crawler.StepAsync("upload a file on the import page", UploadAsync);
            }
            else if (user == "admin")
            {
                await crawler.StepAsync("delete the uploaded batch", DeleteUploadAsync);
            }

            var refusals = refused.Select(p => (Path: p, Status: 403)).ToList();
            if (user == BrowserApp.PoliceUser)
            {
                refusals.Add(($"/forms/{otherDepartment}", 404));
            }

            foreach (var (path, status) in refusals)
            {
                var (answer, at) = await crawler.RefusedAsync(path);
                if (answer != status || at != (status == 403 ? "/denied" : path))
                {
                    problems.Add($"{user}: {path} answered {answer} at {at}, not the refusal {status}");
                }
            }

            await crawler.StepAsync("sign out", SignOutAsync);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0} s: " + crawler.Summary());
            problems.AddRange(crawler.Problems);
        }

        output.WriteLine($"{watch.Elapsed.TotalSeconds:0} s");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems));
    }

    private static async Task UploadAsync(IPage page)
    {
        await page.GotoAsync("/imports");
        await page.SetInputFilesAsync("#files", Corpus.PathOf(Corpus.Songnan2023));
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(page.Locator("#upload-list li[data-status='succeeded']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#batches tbody tr").Filter(new() { HasText = Corpus.Songnan2023 })).ToHaveAttributeAsync("data-status", "succeeded");
    }

    private static async Task DeleteUploadAsync(IPage page)
    {
        await page.GotoAsync("/imports");
        var row = page.Locator("#batches tbody tr").Filter(new() { HasText = Corpus.Songnan2023 });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button.button-danger").ClickAsync();
        await Assertions.Expect(page.Locator("#batches tbody tr").Filter(new() { HasText = Corpus.Songnan2023 })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#batches tbody tr")).Not.ToHaveCountAsync(0);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.ClickAsync("form[action='/logout'] button");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/login");
        await page.GotoAsync("/forms");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
    }
}
