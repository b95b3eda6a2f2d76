using System.Globalization;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Public;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The filing editor in a real browser (issue 11, items 1–3): a unit user starts a declaration and types its indicator
/// with the keyboard, sees the target error on its cell and the running sum, saves with Ctrl+S, meets a second
/// user's save as a conflict, goes offline and loses nothing, submits; the department reviewer returns it with a
/// comment on a cell; the finance bureau takes a published filing off public disclosure with a reason (撤销公开) and
/// publishes it again; a self-evaluation shows the score the rules suggest as the actual is typed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FilingEditorBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Second = "police-second";
    private const string SecondPassword = "police-second-password";
    private const string Reviewer = "police-dept-reviewer";
    private const string ReviewerPassword = "police-dept-reviewer-password";

    /// <summary>The app with the police department stored (a filing belongs to a stored department).</summary>
    internal static async Task<BrowserApp> StartAsync()
    {
        var app = await BrowserApp.StartSqliteAsync();
        var result = await new FormImporter(app.Factory.Database).ImportFormsAsync([SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024)], "police.json");
        Assert.True(result.Succeeded);
        return app;
    }

    private Task<IPage> PageAsync(BrowserApp app, string user, string password) => PageAsync(browser, output, app, user, password);

    /// <summary>A new context signed in as <paramref name="user"/>; dialogs accepted; a desktop window unless <paramref name="viewport"/> says otherwise.</summary>
    internal static async Task<IPage> PageAsync(
        BrowserFixture browser, ITestOutputHelper output, BrowserApp app, string user, string password, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(app.BaseUrl, viewport);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine(user + " page error: " + e);
        page.Dialog += async (_, d) => await d.AcceptAsync();
        await ImportPageBrowserTests.SignInAsync(page, user, password);
        return page;
    }

    internal static ILocator Field(IPage page, string field) => page.Locator($"[data-field='{field}']");

    internal static ILocator Message(IPage page, string field) => page.Locator($".cell-msg[data-for='{field}']");

    /// <summary>A filing made through the API in the signed-in page's session; its id.</summary>
    internal static async Task<long> CreateAsync(IPage page, PerformanceForm form)
    {
        await page.GotoAsync("/filings");
        return await page.EvaluateAsync<long>(@"async ([kind, content]) => {
            const token = (await (await fetch('/api/v1/antiforgery')).json()).token;
            const r = await fetch('/api/v1/filings', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
                body: JSON.stringify({ kind, content: JSON.parse(content) }) });
            return (await r.json()).filing.id;
        }", new[] { form.Kind == FormKind.SelfEvaluation ? "self-evaluation" : "target-declaration", FilingContent.Write(form) });
    }

    /// <summary>A self-evaluation whose first indicator has no actual yet (its suggested score: 60 × actual / 200).</summary>
    internal static PerformanceForm SelfEvaluation() => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = 2025,
        ProjectName = "视频监控运维",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { InitialBudget = 500_000, AnnualBudget = 500_000, Executed = 450_000, Weight = 10 } },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥200(个)", Weight = 60 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件发案率下降", Target = "≥5(%)", Actual = "6(%)", Weight = 20 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Actual = "95(%)", Weight = 10 },
        ],
    };

    internal static async Task SavedAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#save-state")).ToContainTextAsync("已保存");

    [BrowserFact]
    public async Task A_declaration_is_typed_checked_saved_kept_through_a_conflict_and_an_outage_submitted_and_returned_with_a_cell_comment()
    {
        await using var app = await StartAsync();
        await app.Factory.CreateUserAsync(Second, SecondPassword, UserRole.DepartmentUser, CorpusFixture.PoliceDepartment);
        await app.Factory.CreateUserAsync(Reviewer, ReviewerPassword, UserRole.DepartmentReviewer, CorpusFixture.PoliceDepartment);
        var page = await PageAsync(app, BrowserApp.PoliceUser, BrowserApp.PolicePassword);

        await page.GotoAsync("/filings/new");
        await page.FillAsync("input[name='ProjectName']", "视频监控建设");
        await page.FillAsync("input[name='Year']", "2025");
        await page.ClickAsync("#create-filing");
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(new Uri(u).AbsolutePath, "^/filings/[0-9]+$"));
        var id = long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);

        // the indicator typed with the keyboard: the target error shows on its cell, then goes when the unit is typed
        await Assertions.Expect(page.Locator("#add-level1 option[value='产出指标']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#add-level1", "产出指标");
        await page.ClickAsync("#add-indicator");
        await Assertions.Expect(Field(page, "indicators[0].level2")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("数量指标");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("新增监控点位");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("≥200");
        await Assertions.Expect(Message(page, "indicators[0].target")).ToContainTextAsync("缺少计量单位");
        await Assertions.Expect(Field(page, "indicators[0].target")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cell-bad"));
        await page.Keyboard.TypeAsync("个");
        await Assertions.Expect(Message(page, "indicators[0].target")).ToHaveTextAsync("≥ 200 个");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("40");
        await Assertions.Expect(page.Locator("#weight-sums tr[data-sum='output'] [data-part='sum']")).ToHaveTextAsync("40");

        // Enter: the next row (a new one, under the same level); Alt+↑ moves it above
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Field(page, "indicators[1].weight")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("10");
        await Assertions.Expect(page.Locator("#weight-sums tr[data-sum='output'] [data-part='sum']")).ToHaveTextAsync("50");
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(Field(page, "indicators[0].weight")).ToHaveValueAsync("10");
        await Assertions.Expect(Field(page, "indicators[1].name")).ToHaveValueAsync("新增监控点位");

        await page.Keyboard.PressAsync("Control+s");
        await SavedAsync(page);

        // a second user saves first: the first one's save is a conflict naming who and what
        var other = await PageAsync(app, Second, SecondPassword);
        await other.GotoAsync($"/filings/{id}");
        await other.FillAsync("[data-field='goals.overall']", "全区重点道路监控全覆盖。");
        await SavedAsync(other);
        await page.FillAsync("[data-field='goals.annual']", "新增监控点位 200 个。");
        await Assertions.Expect(page.Locator("#conflict-box")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#conflict-box")).ToContainTextAsync(Second);
        await Assertions.Expect(page.Locator("#conflict-changes li[data-field='goals.overall']")).ToContainTextAsync("全区重点道路监控全覆盖。");
        await page.ClickAsync("#conflict-keep");
        await SavedAsync(page);

        // the server cannot be reached: a banner, the input kept in the page and in localStorage, saved once it is back
        await page.RouteAsync("**/api/v1/**", r => r.AbortAsync());
        await page.FillAsync("[data-field='goals.annual']", "新增监控点位 200 个，断网时输入。");
        await Assertions.Expect(page.Locator("#offline-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#offline-banner")).ToContainTextAsync("无法连接服务器");
        Assert.Contains("断网时输入", await page.EvaluateAsync<string>($"() => localStorage.getItem('jixiao-filing-{id}')"), StringComparison.Ordinal);
        await Assertions.Expect(Field(page, "goals.annual")).ToHaveValueAsync("新增监控点位 200 个，断网时输入。");
        await page.UnrouteAllAsync();
        await Assertions.Expect(page.Locator("#offline-banner")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await SavedAsync(page);
        await page.ReloadAsync();
        await Assertions.Expect(Field(page, "goals.annual")).ToHaveValueAsync("新增监控点位 200 个，断网时输入。");

        // the server refuses the submission while cells must be fixed, naming each; fixed, the form submits
        await page.ClickAsync("#submit-button");
        await Assertions.Expect(page.Locator("#workflow-result")).ToContainTextAsync(
            "无法提交：3 处需修改 — 指标 1 缺少指标名称；指标 1 缺少目标值；分值合计 60（指标 50 + 预算执行 10），应为 100。");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("草稿");
        await page.FillAsync("[data-field='indicators[0].name']", "新增存储容量");
        await page.FillAsync("[data-field='indicators[0].target']", "≥100TB");
        await page.FillAsync("[data-field='indicators[0].weight']", "50");
        await SavedAsync(page);
        await page.ClickAsync("#submit-button");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已提交");

        // the department reviewer returns it with a comment on the target cell
        var reviewer = await PageAsync(app, Reviewer, ReviewerPassword);
        await reviewer.GotoAsync($"/filings/{id}");
        await reviewer.ClickAsync("[data-field='indicators[1].target']");
        await Assertions.Expect(reviewer.Locator("#comment-field")).ToHaveAttributeAsync("data-cell-path", "indicators[1].target");
        await Assertions.Expect(reviewer.Locator("#comment-field")).ToContainTextAsync("指标 2 "); // the cell in words
        await reviewer.FillAsync("#comment-text", "目标值偏低，请按去年完成情况调整。");
        await reviewer.ClickAsync("#queue-comment");
        await reviewer.ClickAsync("#return-button");
        await Assertions.Expect(reviewer.Locator("#filing-status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(reviewer.Locator("#comments li[data-field='indicators[1].target']")).ToContainTextAsync("目标值偏低");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-cell='indicators[1].target'] .cell.has-comment")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "..", "issue11", "filing-editor-returned.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Finance_unpublishes_a_published_filing_with_a_reason_its_public_page_goes_and_publishing_again_brings_it_back()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        await ImportPageBrowserTests.WaitForDemoAsync(app);
        var scenario = await PublicScenario.CreateAsync(app.Factory, app.BaseUrl);
        var publicForm = $"/public/forms/{scenario.PublishedFormId}";
        await using var signedOut = await browser.NewContextAsync(app.BaseUrl);
        Assert.Equal(200, (await signedOut.APIRequest.GetAsync(publicForm)).Status);

        var page = await PageAsync(app, "reviewer", "jixiao-reviewer");
        await page.GotoAsync($"/filings/{scenario.PublishedFilingId}");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已公开");
        await Assertions.Expect(page.Locator("#publish-button")).ToHaveCountAsync(0);

        // without a reason nothing is sent: the message says why and the reason box takes the focus
        await page.ClickAsync("#unpublish-button");
        await Assertions.Expect(page.Locator("#workflow-result")).ToHaveTextAsync("撤销公开须写明理由。");
        await Assertions.Expect(page.Locator("#unpublish-reason")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#unpublish-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已公开");
        Assert.Equal(200, (await signedOut.APIRequest.GetAsync(publicForm)).Status);

        // with one: approved again (已审核通过), the reason a comment on the form, 公开 offered again, the public page gone
        await page.FillAsync("#unpublish-reason", "实施单位名称有误，更正后重新公开。");
        await page.ClickAsync("#unpublish-button");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已审核通过");
        await Assertions.Expect(page.Locator("#comments li").Last).ToContainTextAsync("撤销公开：实施单位名称有误，更正后重新公开。");
        await Assertions.Expect(page.Locator("#unpublish-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#publish-button")).ToBeVisibleAsync();
        Assert.Equal(404, (await signedOut.APIRequest.GetAsync(publicForm)).Status);

        // published again: the same stored form is public again
        await page.ClickAsync("#publish-button");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已公开");
        await Assertions.Expect(page.Locator("#unpublish-button")).ToBeVisibleAsync();
        Assert.Equal(200, (await signedOut.APIRequest.GetAsync(publicForm)).Status);
    }

    [BrowserFact]
    public async Task A_self_evaluation_shows_the_suggested_score_and_the_total_as_the_actual_is_typed()
    {
        await using var app = await StartAsync();
        var page = await PageAsync(app, BrowserApp.PoliceUser, BrowserApp.PolicePassword);
        var id = await CreateAsync(page, SelfEvaluation());
        await page.GotoAsync($"/filings/{id}");

        // 执行率 450,000 / 500,000 = 90%, × 10 = 9; 20 + 10 met; the first row cannot be scored without its actual
        await Assertions.Expect(page.Locator("#execution-rate")).ToHaveTextAsync("90%");
        await Assertions.Expect(page.Locator("[data-suggested='0']")).ToHaveTextAsync("暂无法评分");
        await page.ClickAsync("[data-field='indicators[0].actual']");
        await page.Keyboard.TypeAsync("180个");
        // Q2: 60 × 180 / 200 = 54; total 9 + 54 + 20 + 10 = 93 → 优; the lost points need a deviation
        await Assertions.Expect(page.Locator("[data-suggested='0']")).ToHaveTextAsync("建议得分 54");
        await Assertions.Expect(page.Locator("#live-total")).ToHaveTextAsync("93");
        await Assertions.Expect(page.Locator("#live-grade")).ToHaveTextAsync("优");
        await Assertions.Expect(Message(page, "indicators[0].deviation")).ToContainTextAsync("偏差");
        await Assertions.Expect(page.Locator("#weight-total")).ToHaveTextAsync("100");

        // an override of the suggestion asks for a reason
        await page.FillAsync("[data-field='indicators[2].score']", "8");
        await Assertions.Expect(page.Locator("[data-reason-for='indicators[2].score']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#live-total")).ToHaveTextAsync("91");
    }
}
