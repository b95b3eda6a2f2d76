using System.Text;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Monitoring;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// Mid-year monitoring in a real browser (issue 11, item 6): on a phone-wide window (390 px, no sideways scroll) the
/// police's department user records the 30 June checkpoint of an approved declaration — a mistyped amount is marked on
/// its field and kept — and sees the warnings; the finance bureau then finds the project red at the top of
/// <c>/monitoring</c> and downloads its CSV.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string Shots = Path.Combine(ImportPageBrowserTests.Shots, "monitoring");

    [BrowserFact]
    public async Task A_department_user_records_a_checkpoint_with_a_warning_and_the_finance_bureau_sees_it_in_the_table_and_its_csv()
    {
        Directory.CreateDirectory(Shots);
        await using var app = await BrowserApp.StartSqliteAsync();
        var imported = await new FormImporter(app.Factory.Database).ImportFormsAsync([SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024)], "police.json");
        Assert.True(imported.Succeeded);
        var id = await MonitoringScenario.ApprovedAsync(app.Factory.Services, MonitoringScenario.Declaration("卡口建设", 2025, 100, CorpusFixture.PoliceDepartment));

        await using (var context = await browser.NewContextAsync(app.BaseUrl, Phone))
        {
            var page = await context.NewPageAsync();
            page.PageError += (_, e) => output.WriteLine("page error: " + e);
            await ImportPageBrowserTests.SignInAsync(page, BrowserApp.PoliceUser, BrowserApp.PolicePassword);
            await page.GotoAsync($"/filings/{id}");
            await page.ClickAsync("#monitoring-link");
            Assert.EndsWith($"/monitoring/{id}", page.Url, StringComparison.Ordinal);
            await NoSidewaysScrollAsync(page, "01-empty");

            // a mistyped amount: marked on its field, what was typed kept
            await page.FillAsync("#field-date", "6月30日");
            await page.FillAsync("#field-executed", "3O");
            await page.FillAsync("#field-toDate-0", "40个");
            await page.ClickAsync("#record-save");
            await Assertions.Expect(page.Locator("#error-executed")).ToContainTextAsync("执行数应为以元为单位的数字");
            await Assertions.Expect(page.Locator("#field-toDate-0")).ToHaveValueAsync("40个");
            await Assertions.Expect(page.Locator("#field-date")).ToHaveValueAsync("6月30日");
            await NoSidewaysScrollAsync(page, "02-bad-input");

            // 30 of 100 yuan by 30 June: 30% against 50% of the year, progress 60 — yellow; 40 of 200 卡口: pace 40 — red
            await page.FillAsync("#field-executed", "30");
            await page.ClickAsync("#record-save");
            await Assertions.Expect(page.Locator("#monitoring-saved")).ToContainTextAsync("已保存 2025-06-30 的监控情况");
            await Assertions.Expect(page.Locator("#execution-progress")).ToHaveTextAsync("60.00%");
            await Assertions.Expect(page.Locator("#execution-light")).ToHaveTextAsync("黄灯");
            await Assertions.Expect(page.Locator("#report-light")).ToHaveTextAsync("红灯");
            await Assertions.Expect(page.Locator("#warnings li[data-code='MON-IND-RED']")).ToContainTextAsync("指标「新建卡口数」红色预警");
            await Assertions.Expect(page.Locator("#warnings li[data-code='MON-EXEC-YELLOW']")).ToHaveCountAsync(1);
            await NoSidewaysScrollAsync(page, "03-saved");
        }

        await using (var context = await browser.NewContextAsync(app.BaseUrl))
        {
            var page = await context.NewPageAsync();
            await ImportPageBrowserTests.SignInAsync(page, BrowserApp.ReviewerUser, BrowserApp.ReviewerPassword);
            await page.ClickAsync("nav.nav a[href='/monitoring']");
            var first = page.Locator("#monitoring tbody tr").First;
            await Assertions.Expect(first).ToHaveAttributeAsync("data-filing", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(first).ToHaveAttributeAsync("data-light", "red");
            await Assertions.Expect(first.Locator("td").Nth(16)).ToHaveTextAsync("3");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "04-table.png"), FullPage = true });
            Assert.Equal(0, await page.Locator("#record-form").CountAsync());

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#monitoring-export"));
            Assert.Null(await download.FailureAsync());
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var saved = Path.Combine(Shots, "monitoring.csv");
            await download.SaveAsAsync(saved);
            var lines = (await File.ReadAllTextAsync(saved, Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"{id},{CorpusFixture.PoliceDepartment},2025,卡口建设,已审核通过,2025-06-30,100,30,30.00,50.00,60.00,黄灯,红灯,1,0,0,3", lines[1]);

            // the finance bureau reads the checkpoint page: the report, no form
            await first.Locator("a.monitoring-link").ClickAsync();
            await Assertions.Expect(page.Locator("#report-date")).ToHaveTextAsync("2025-06-30");
            Assert.Equal(0, await page.Locator("#record-form").CountAsync());
        }
    }

    private async Task NoSidewaysScrollAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        output.WriteLine($"{name}: {widths[0]} / {widths[1]}");
        Assert.True(widths[0] <= widths[1], $"{page.Url} scrolls sideways: {widths[0]} px in a {widths[1]} px window");
    }
}
