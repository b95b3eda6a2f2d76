using Jixiao.Core.Forms;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Jixiao.Web.Tests.Browser.FilingEditorBrowserTests;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The filing editor's structure and reach (issue 11, items 1–2): second-level groups (二级指标) moved whole and
/// indicators moved between them with the keyboard, a button and a select, the first levels kept in the rule set's
/// order, the order saved exactly; a submission the server blocks marked on the cells it names, the first focused, and
/// submitted once they are fixed;
/// the editor on a phone (390 × 844); labelled and described cells and announced banners.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FilingEditorStructureBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A declaration: 产出 in three second-level groups (数量 ×2, 质量, 时效 — its target lacks a unit), then 效益 and 满意度.</summary>
    private static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = "视频监控建设",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥200(个)", Weight = 20 },
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "维修监控点位", Target = "≥50(个)", Weight = 10 },
            new Indicator { Level1 = "产出指标", Level2 = "质量指标", Name = "设备完好率", Target = "≥95(%)", Weight = 10 },
            new Indicator { Level1 = "产出指标", Level2 = "时效指标", Name = "按期完成率", Target = "≥100", Weight = 10 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件发案率下降", Target = "≥5(%)", Weight = 30 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    /// <summary>Waits (up to 10 s) until the rows shown, "二级指标/三级指标" top to bottom, are <paramref name="expected"/>.</summary>
    private static async Task ShownAsync(IPage page, string expected)
    {
        var shown = "";
        for (var i = 0; i < 100 && shown != expected; i++)
        {
            if (i > 0)
            {
                await Task.Delay(100);
            }

            shown = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('#indicators tbody tr')].map(tr => tr.querySelector(\"[data-col='level2']\").value + '/' + tr.querySelector(\"[data-col='name']\").value).join('|')");
        }

        Assert.Equal(expected, shown);
    }

    /// <summary>The police user's page on a new <see cref="Declaration"/> in the editor, its live sums shown.</summary>
    private async Task<(IPage Page, long Id)> OpenAsync(BrowserApp app)
    {
        var page = await PageAsync(browser, output, app, BrowserApp.PoliceUser, BrowserApp.PolicePassword);
        var id = await CreateAsync(page, Declaration());
        await page.GotoAsync($"/filings/{id}");
        await Assertions.Expect(page.Locator("#weight-sums")).ToBeVisibleAsync();
        return (page, id);
    }

    [BrowserFact]
    public async Task Second_level_groups_and_indicators_move_with_the_keyboard_a_button_and_a_select_and_the_order_is_saved_exactly()
    {
        await using var app = await StartAsync();
        var (page, id) = await OpenAsync(app);
        await Assertions.Expect(Message(page, "indicators[3].target")).ToContainTextAsync("缺少计量单位");
        await Assertions.Expect(page.Locator("#editor-keys")).ToContainTextAsync("Alt+Shift+↑/↓");
        await Assertions.Expect(page.Locator("#editor-keys")).ToContainTextAsync("产出指标、效益指标、满意度指标");

        // Alt+Shift+↑ on a 二级指标 cell: the group 质量指标 before 数量指标; the focus stays on it
        await Field(page, "indicators[2].level2").FocusAsync();
        await page.Keyboard.PressAsync("Alt+Shift+ArrowUp");
        await ShownAsync(page, "质量指标/设备完好率|数量指标/新增监控点位|数量指标/维修监控点位|时效指标/按期完成率|社会效益指标/案件发案率下降|服务对象满意度指标/群众满意度");
        await Assertions.Expect(Field(page, "indicators[0].level2")).ToBeFocusedAsync();

        // the first group of its first level goes no further up; an indicator does not leave its first level
        await page.Keyboard.PressAsync("Alt+Shift+ArrowUp");
        await ShownAsync(page, "质量指标/设备完好率|数量指标/新增监控点位|数量指标/维修监控点位|时效指标/按期完成率|社会效益指标/案件发案率下降|服务对象满意度指标/群众满意度");
        await Assertions.Expect(Field(page, "indicators[0].level2")).ToBeFocusedAsync();
        await Field(page, "indicators[4].name").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(Field(page, "indicators[4].name")).ToHaveValueAsync("案件发案率下降");
        await Assertions.Expect(Field(page, "indicators[4].name")).ToBeFocusedAsync();

        // the group button: 数量指标 after 时效指标; the focus stays on the moved group's button; the finding moves with its row
        await page.Locator("tr[data-row='1'] [data-act='group-down']").ClickAsync();
        await ShownAsync(page, "质量指标/设备完好率|时效指标/按期完成率|数量指标/新增监控点位|数量指标/维修监控点位|社会效益指标/案件发案率下降|服务对象满意度指标/群众满意度");
        await Assertions.Expect(page.Locator("tr[data-row='2'] [data-act='group-down']")).ToBeFocusedAsync();
        await Assertions.Expect(Message(page, "indicators[1].target")).ToContainTextAsync("缺少计量单位");
        await Assertions.Expect(Message(page, "indicators[3].target")).Not.ToContainTextAsync("缺少计量单位");

        // Alt+Shift+↑ on an indicator's own cell: 维修监控点位 into the group above (时效指标), as its last row
        await Field(page, "indicators[3].name").FocusAsync();
        await page.Keyboard.PressAsync("Alt+Shift+ArrowUp");
        await ShownAsync(page, "质量指标/设备完好率|时效指标/按期完成率|时效指标/维修监控点位|数量指标/新增监控点位|社会效益指标/案件发案率下降|服务对象满意度指标/群众满意度");
        await Assertions.Expect(Field(page, "indicators[2].name")).ToBeFocusedAsync();

        // the select: 设备完好率 into 数量指标, after its last row; the focus stays on the row's select
        await page.Locator("tr[data-row='0'] [data-act='regroup']").SelectOptionAsync("数量指标");
        await ShownAsync(page, "时效指标/按期完成率|时效指标/维修监控点位|数量指标/新增监控点位|数量指标/设备完好率|社会效益指标/案件发案率下降|服务对象满意度指标/群众满意度");
        await Assertions.Expect(page.Locator("tr[data-row='3'] [data-act='regroup']")).ToBeFocusedAsync();

        // the running sums follow the rows (产出 20 + 10 + 10 + 10) and the order saved is exactly the one shown
        await Assertions.Expect(page.Locator("#weight-sums tr[data-sum='output'] [data-part='sum']")).ToHaveTextAsync("50");
        await SavedAsync(page);
        var saved = await page.EvaluateAsync<string>($@"async () => {{
            const f = await (await fetch('/api/v1/filings/{id}')).json();
            return f.content.indicators.map(i => i.level1 + '/' + i.level2 + '/' + i.name).join('|');
        }}");
        Assert.Equal(
            "产出指标/时效指标/按期完成率|产出指标/时效指标/维修监控点位|产出指标/数量指标/新增监控点位|产出指标/数量指标/设备完好率|效益指标/社会效益指标/案件发案率下降|满意度指标/服务对象满意度指标/群众满意度",
            saved);
    }

    [BrowserFact]
    public async Task A_submission_the_server_blocks_marks_its_cells_focuses_the_first_and_submits_once_they_are_fixed()
    {
        await using var app = await StartAsync();
        var (page, id) = await OpenAsync(app);
        var dialogs = 0;
        page.Dialog += (_, _) => dialogs++;

        // the annual goal left empty, the second target emptied, 案件发案率下降 30 → 25: 85 + 10 (execution) is not 100
        await page.FillAsync("[data-field='indicators[1].target']", "");
        await page.FillAsync("[data-field='indicators[4].weight']", "25");
        await Assertions.Expect(page.Locator("#weight-total")).ToHaveTextAsync("85");
        await SavedAsync(page);
        await page.ClickAsync("#submit-button");

        // no "submit anyway?": the server refuses (400 submission-blocked) and names the three cells in the order of the form
        await Assertions.Expect(page.Locator("#workflow-result")).ToContainTextAsync(
            "无法提交：3 处需修改 — 缺少年度目标；指标 2 缺少目标值；分值合计 95（指标 85 + 预算执行 10），应为 100。");
        var banner = page.Locator("#refusal-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("无法提交：3 处需修改，已在对应单元格上标出");
        Assert.Equal(["goals.annual", "indicators[1].target", "totalWeight"],
            await page.Locator("#refusal-findings li").EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.finding)"));
        Assert.Equal(0, dialogs);

        // each on its cell (the sum beside the running sums), the first focused
        await Assertions.Expect(Field(page, "goals.annual")).ToBeFocusedAsync();
        await Assertions.Expect(Field(page, "goals.annual")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cell-bad"));
        await Assertions.Expect(Message(page, "goals.annual")).ToContainTextAsync("未通过：缺少年度目标");
        await Assertions.Expect(Field(page, "indicators[1].target")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cell-bad"));
        await Assertions.Expect(Message(page, "indicators[1].target")).ToContainTextAsync("未通过：指标 2 缺少目标值");
        await Assertions.Expect(page.Locator("#refused-totalWeight")).ToHaveTextAsync("未通过：分值合计 95（指标 85 + 预算执行 10），应为 100");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("草稿");

        // the banner's links go to the cell and to the running sums
        await page.Locator("#refusal-findings li[data-finding='indicators[1].target'] a").ClickAsync();
        await Assertions.Expect(Field(page, "indicators[1].target")).ToBeFocusedAsync();
        await page.Locator("#refusal-findings li[data-finding='totalWeight'] a").ClickAsync();
        await Assertions.Expect(page.Locator("#weight-sums")).ToBeFocusedAsync();

        // fixed one by one: each mark goes with its change, the banner with the last; then the form submits
        await page.FillAsync("[data-field='indicators[1].target']", "≥50(个)");
        await Assertions.Expect(Message(page, "indicators[1].target")).Not.ToContainTextAsync("未通过");
        await Assertions.Expect(Message(page, "goals.annual")).ToContainTextAsync("未通过：缺少年度目标");
        await page.FillAsync("[data-field='indicators[4].weight']", "30");
        await Assertions.Expect(page.Locator("#refused-totalWeight")).ToBeEmptyAsync();
        await page.FillAsync("[data-field='goals.annual']", "新增监控点位 200 个，维修 50 个。");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await SavedAsync(page);
        await page.ClickAsync("#submit-button");
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync("已提交");
        Assert.Equal(0, dialogs);
    }

    [BrowserFact]
    public async Task At_390_px_the_editor_does_not_scroll_sideways_its_table_scrolls_in_its_box_and_the_sums_stay_in_sight()
    {
        await using var app = await StartAsync();
        var page = await PageAsync(browser, output, app, BrowserApp.PoliceUser, BrowserApp.PolicePassword, Phone);
        var declaration = await CreateAsync(page, Declaration());
        var evaluation = await CreateAsync(page, SelfEvaluation());

        foreach (var id in new[] { declaration, evaluation })
        {
            await page.GotoAsync($"/filings/{id}");
            await Assertions.Expect(page.Locator("#weight-sums")).ToHaveCountAsync(1);
            var wide = await page.EvaluateAsync<int[]>(@"() => {
                const box = document.getElementById('indicators-scroll');
                return [document.documentElement.scrollWidth, window.innerWidth, box.scrollWidth, box.clientWidth, Math.ceil(box.getBoundingClientRect().right),
                    ['auto', 'scroll'].includes(getComputedStyle(box).overflowX) ? 1 : 0];
            }");
            output.WriteLine($"filing {id}: page {wide[0]} / {wide[1]}, table box {wide[2]} / {wide[3]}, right edge {wide[4]}");
            Assert.True(wide[0] <= wide[1], $"the page scrolls sideways: {wide[0]} > {wide[1]}");
            Assert.True(wide[2] > wide[3], "the indicator table fits without its own scrolling");
            Assert.True(wide[4] <= wide[1] && wide[5] == 1, "the indicator table's box does not scroll inside the screen");
        }

        // the self-evaluation: the actual typed far down the page, the total and grade in sight at the bottom
        await page.Locator("[data-field='indicators[0].actual']").ScrollIntoViewIfNeededAsync();
        await page.FillAsync("[data-field='indicators[0].actual']", "180个");
        await Assertions.Expect(page.Locator("#brief-total")).ToHaveTextAsync("93");
        await Assertions.Expect(page.Locator("#brief-grade")).ToHaveTextAsync("优");
        await Assertions.Expect(page.Locator("#live-brief")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#brief-weights")).ToHaveTextAsync("100 / 100");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // the declaration: a target typed shows its message on the cell; the running sums are reachable below
        await page.GotoAsync($"/filings/{declaration}");
        await page.Locator("[data-field='indicators[0].target']").ScrollIntoViewIfNeededAsync();
        await page.FillAsync("[data-field='indicators[0].target']", "≥300");
        await Assertions.Expect(Message(page, "indicators[0].target")).ToContainTextAsync("缺少计量单位");
        await Assertions.Expect(Message(page, "indicators[0].target")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#live-brief")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#brief-weights")).ToHaveTextAsync("90 / 90");
        await page.Locator("#weight-sums").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator("#weight-sums tr[data-sum='output'] [data-part='sum']")).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImportPageBrowserTests.Shots, "..", "issue11", "filing-editor-390.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Every_editor_control_is_labelled_its_cells_are_described_by_their_messages_and_the_banners_are_announced()
    {
        await using var app = await StartAsync();
        var (page, id) = await OpenAsync(app);

        var report = await page.EvaluateAsync<string[]>(@"() => {
            const root = document.getElementById('filing-editor');
            const controls = [...root.querySelectorAll('input, select, textarea')].filter(e => e.type !== 'hidden');
            const named = e => (e.getAttribute('aria-label') || '').trim() || e.closest('label') || (e.id && document.querySelector(`label[for='${e.id}']`));
            const unnamed = controls.filter(e => !named(e)).map(e => e.outerHTML.slice(0, 100));
            const undescribed = controls.filter(e => e.dataset.field).filter(e => {
                const m = document.getElementById(e.getAttribute('aria-describedby') || '');
                return !m || m.dataset.for !== e.dataset.field;
            }).map(e => e.dataset.field);
            return [String(controls.length), unnamed.join(' '), undescribed.join(' ')];
        }");
        Assert.True(int.Parse(report[0], System.Globalization.CultureInfo.InvariantCulture) > 40, "controls: " + report[0]);
        Assert.Empty(report[1]);
        Assert.Empty(report[2]);

        await Assertions.Expect(Field(page, "indicators[2].target")).ToHaveAttributeAsync("aria-label", "指标 3 指标值");
        await Assertions.Expect(Field(page, "indicators[2].name")).ToHaveAttributeAsync("aria-label", "指标 3 三级指标");
        await Assertions.Expect(page.Locator("tr[data-row='2'] [data-act='up']")).ToHaveAttributeAsync("aria-label", "指标 3 上移 (Alt+↑)");
        await page.FillAsync("[data-field='indicators[2].target']", "≥95");
        var describedBy = await Field(page, "indicators[2].target").GetAttributeAsync("aria-describedby");
        await Assertions.Expect(page.Locator("#" + describedBy)).ToContainTextAsync("缺少计量单位");

        await Assertions.Expect(page.Locator("#offline-banner")).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(page.Locator("#conflict-box")).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(page.Locator("#refusal-banner")).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(page.Locator("#save-state")).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(page.Locator("#workflow-result")).ToHaveAttributeAsync("role", "status");
    }
}
