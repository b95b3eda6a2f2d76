using System.Text;
using Jixiao.Data.Entities;
using Jixiao.Ingest.Synthetic;
using Jixiao.Tests.Shared;
using Jixiao.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The import page in a real browser (issue 10, item 4): choosing a large file only selects it, 上传并导入 uploads it
/// once — one batch, however often the button is pressed — and the batch table shows the new batch, its progress and
/// its end without a reload. Screenshots go to artifacts/screenshots/issue10/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    internal static readonly string Shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "issue10");

    [BrowserFact]
    public async Task Choosing_a_file_and_clicking_the_button_makes_exactly_one_batch_that_the_table_shows()
    {
        Directory.CreateDirectory(Shots);
        // a large file (6 MB, a few thousand forms; the test server takes 10 MB)
        var file = Path.Combine(Path.GetTempPath(), "jixiao-browser-" + Guid.NewGuid().ToString("N")[..8], "大文件.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        GenerationSummary generated;
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            generated = new FormGenerator(77).WriteText(writer, 100_000, 6 * 1024 * 1024);
        }

        output.WriteLine($"{generated.Forms} forms, {new FileInfo(file).Length:N0} bytes");

        await using var app = await BrowserApp.StartSqliteAsync();
        await WaitForDemoAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await SignInAsync(page, "admin", "jixiao-admin");

        await page.GotoAsync("/imports");
        var rows = page.Locator("#batches tbody tr");
        var before = await rows.CountAsync();
        Assert.Equal(await CountBatchesAsync(app), before);
        Assert.True(await page.Locator("#upload-button").IsDisabledAsync(), "nothing chosen, nothing to upload");
        await page.EvaluateAsync("() => { window.stillThisPage = true; }");

        // choosing selects: the file is listed, nothing is sent
        await page.SetInputFilesAsync("#files", file);
        await Assertions.Expect(page.Locator("#selected-files li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#selected-files li")).ToContainTextAsync("大文件.txt");
        await Assertions.Expect(page.Locator("#selection")).ToContainTextAsync("已选择 1 个文件");
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(before, await CountBatchesAsync(app));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "import-1-chosen.png"), FullPage = true });

        // the button uploads it, once; the selection is taken, so the button has nothing more to send
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(page.Locator("#upload-list li[data-batch]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#selected-files li")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#upload-button")).ToBeDisabledAsync();

        // the table shows the new batch without a reload, and follows it to its end
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        var row = rows.Filter(new() { HasText = "大文件.txt" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "import-2-uploading.png"), FullPage = true });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        await Assertions.Expect(row.Locator("td.num").First).ToHaveTextAsync(generated.Forms.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisPage === true"), "the page was reloaded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "import-3-done.png"), FullPage = true });

        // exactly one new batch for the one file
        await using var db = app.Factory.Database.CreateContext();
        Assert.Equal(before + 1, await db.ImportBatches.CountAsync());
        var batch = await db.ImportBatches.SingleAsync(b => b.FileName == "大文件.txt");
        Assert.Equal((ImportStatus.Succeeded, generated.Forms), (batch.Status, (long)batch.FormCount));
        Assert.Equal(batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await row.GetAttributeAsync("data-batch"));
    }

    private static async Task<int> CountBatchesAsync(BrowserApp app)
    {
        await using var db = app.Factory.Database.CreateContext();
        return await db.ImportBatches.CountAsync();
    }

    /// <summary>Waits until the demo portfolio is stored (its batch would otherwise change the table under the test).</summary>
    internal static async Task WaitForDemoAsync(BrowserApp app)
    {
        var demo = app.Factory.Services.GetRequiredService<DemoState>();
        for (var i = 0; i < 1200 && demo.Status is not DemoStatus.Ready; i++)
        {
            Assert.NotEqual(DemoStatus.Failed, demo.Status);
            await Task.Delay(50);
        }

        Assert.Equal(DemoStatus.Ready, demo.Status);
    }

    internal static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("input[name='UserName']", user);
        await page.FillAsync("input[name='Password']", password);
        await page.ClickAsync("form button[type='submit']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
    }
}
