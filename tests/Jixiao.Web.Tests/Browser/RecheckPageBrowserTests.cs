using Jixiao.App.Rechecks;
using Jixiao.Data.Entities;
using Jixiao.Data.Rechecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The re-check page in a real browser (issue 10, speed): an administrator starts a re-check of all forms with the
/// button, the progress of the running job — percent, forms per second, time left — follows the job without a reload,
/// and its end shows on the page. Screenshots go to artifacts/screenshots/issue10/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecheckPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task The_progress_of_a_recheck_follows_the_job_without_a_reload()
    {
        Directory.CreateDirectory(ImportPageBrowserTests.Shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        var store = app.Factory.Services.GetRequiredService<RecheckStore>();
        RecheckLease? lease = null;
        for (var i = 0; i < 200 && lease is null; i++)
        {
            lease = await store.TryLeaseAsync(); // the worker waits until the test lets it go
            await Task.Delay(lease is null ? 50 : 0);
        }

        Assert.NotNull(lease);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await ImportPageBrowserTests.SignInAsync(page, "admin", "jixiao-admin");

        await page.GotoAsync("/admin/rechecks");
        await Assertions.Expect(page.Locator("#version-state")).ToHaveTextAsync("一致");
        await page.ClickAsync("#start-recheck");
        await Assertions.Expect(page.Locator("#recheck-progress [data-field='state']")).ToHaveTextAsync("排队中");
        await page.EvaluateAsync("() => { window.stillThisPage = true; }");
        long id;
        int total;
        await using (var db = app.Factory.Database.CreateContext())
        {
            var job = await db.RecheckJobs.SingleAsync();
            (id, total) = (job.Id, job.Total);
            Assert.Equal(BrowserApp.DemoForms, total);

            // a worker's step: 50 forms in 10 seconds
            var fiftieth = await db.Forms.OrderBy(f => f.Id).Skip(49).Select(f => f.Id).FirstAsync();
            var now = DateTime.UtcNow;
            await db.RecheckJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, RecheckState.Running).SetProperty(j => j.Done, 50).SetProperty(j => j.LastFormId, fiftieth)
                .SetProperty(j => j.StartedAt, now.AddSeconds(-10)).SetProperty(j => j.RunStartedAt, now.AddSeconds(-10)).SetProperty(j => j.UpdatedAt, now));
        }

        var box = page.Locator("#recheck-progress");
        await Assertions.Expect(box.Locator("[data-field='percent']")).ToHaveTextAsync("25.0");
        await Assertions.Expect(box.Locator("[data-field='state']")).ToHaveTextAsync("进行中");
        await Assertions.Expect(box.Locator("[data-field='done']")).ToHaveTextAsync("50");
        await Assertions.Expect(box.Locator("[data-field='rate']")).ToHaveTextAsync("5");
        await Assertions.Expect(box.Locator("[data-field='eta']")).ToHaveTextAsync("约 30 秒");
        Assert.Equal("25", await box.Locator("progress").EvaluateAsync<string>("p => String(p.value)"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "recheck-1-running.png"), FullPage = true });

        // the worker goes on and ends it: the page says so, without a reload
        await lease!.DisposeAsync();
        app.Factory.Services.GetRequiredService<RecheckRunner>().Wake();
        await Assertions.Expect(box.Locator("[data-field='state']")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
        await Assertions.Expect(box.Locator("[data-field='percent']")).ToHaveTextAsync("100.0");
        await Assertions.Expect(box.Locator("[data-field='done']")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(box.Locator("[data-field='ended']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cancel-recheck")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisPage === true"), "the page was reloaded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "recheck-2-finished.png"), FullPage = true });
    }
}
