using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// A budget unit's whole year in Jixiao, in a real browser (issue 11, Tests): the department user declares a project
/// with the keyboard (a target typed badly first, the default weights shared out), submits; the department reviewer
/// returns it with a comment on a cell; the unit fixes the cell and submits again; the reviewer approves; a mid-year
/// checkpoint warns that spending lags the time line; the unit self-evaluates from the approved declaration and the
/// page shows the suggested scores, total and grade the rules give (each computed by hand below); finance approves and
/// publishes both forms; a reader who never signs in finds them under their region, department and year, reads the
/// approved numbers, and downloads the open data whose SHA-256 list matches the bytes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WholeYearBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Education = LibraryForms.Education; // 江海市临江区教育局: the demo accounts dept and dept-reviewer
    private const string Region = "江海市临江区";
    private const string Project = "临江区中小学智慧课堂建设";
    private const string Unit = "江海市临江区教育技术装备中心";

    private readonly List<IBrowserContext> contexts = [];

    private async Task<IPage> PageAsync(BrowserApp app, string? user, string? password)
    {
        var context = await browser.NewContextAsync(app.BaseUrl);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine((user ?? "reader") + " page error: " + e);
        page.Dialog += async (_, d) => await d.AcceptAsync();
        if (user is not null)
        {
            await ImportPageBrowserTests.SignInAsync(page, user, password!);
        }

        return page;
    }

    /// <summary>The input of a cell (the comment list names cells by the same data-field).</summary>
    private static ILocator Field(IPage page, string field) => page.Locator($":is(input, textarea, select)[data-field='{field}']");

    private static ILocator Message(IPage page, string field) => page.Locator($".cell-msg[data-for='{field}']");

    private static ILocator Sheet(IPage page, string field) => page.Locator($"#official-table [data-field='{field}']");

    /// <summary>Clicks a cell, selects what it holds and types <paramref name="text"/> over it, as a person would.</summary>
    private static async Task TypeAsync(IPage page, string field, string text)
    {
        await Field(page, field).ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task SavedAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#save-state")).ToContainTextAsync("已保存");

    private static async Task StatusAsync(IPage page, string status) =>
        await Assertions.Expect(page.Locator("#filing-status")).ToHaveTextAsync(status);

    private static long IdOf(IPage page) => long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);

    private static async Task<long> FiledAsync(IPage page)
    {
        await page.WaitForURLAsync(u => Regex.IsMatch(new Uri(u).AbsolutePath, "^/filings/[0-9]+$"));
        await Assertions.Expect(page.Locator("#weight-sums")).ToBeVisibleAsync(); // the first live evaluation is in
        return IdOf(page);
    }

    /// <summary>The rows of a downloaded CSV (UTF-8 with a BOM; none of this test's values holds a comma or a quote).</summary>
    private static List<string[]> Csv(string text) =>
        [.. text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(','))];

    [BrowserFact]
    public async Task A_unit_declares_is_returned_fixes_is_approved_monitors_self_evaluates_and_the_public_reads_exactly_what_was_approved()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        try
        {
            await RunAsync(app);
        }
        finally
        {
            foreach (var c in contexts)
            {
                await c.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(BrowserApp app)
    {
        // a filing belongs to a stored department: one imported (never published) form of the education bureau
        Assert.True((await new FormImporter(app.Factory.Database).ImportFormsAsync([SampleForms.SelfEvaluation(Education, 2024)], "education.json")).Succeeded);
        await ImportPageBrowserTests.WaitForDemoAsync(app); // publishing takes the import lock the demo holds while it loads

        // ---- 1. the department user declares ------------------------------------------------------------------------
        var dept = await PageAsync(app, "dept", "jixiao-dept");
        await dept.GotoAsync("/filings");
        await dept.ClickAsync("#new-filing-link");
        await dept.FillAsync("input[name='Year']", "2025");
        await dept.ClickAsync("input[name='ProjectName']");
        await dept.Keyboard.TypeAsync(Project);
        await dept.ClickAsync("input[name='ImplementingUnit']");
        await dept.Keyboard.TypeAsync(Unit);
        await dept.ClickAsync("#create-filing");
        var declarationId = await FiledAsync(dept);

        await TypeAsync(dept, "category", "教育");
        await Field(dept, "plannedStart").FillAsync("2025-01-01");
        await Field(dept, "plannedEnd").FillAsync("2025-12-31");
        // funds in 万元 as typed; the form keeps yuan (120 万元 = 1,200,000 元)
        foreach (var (field, wan) in new[]
        {
            ("funds.projectTotal", "200"), ("funds.projectFiscal", "200"), ("funds.projectOther", "0"),
            ("funds.annualTotal", "120"), ("funds.annualAppropriation", "120"), ("funds.annualCarryover", "0"), ("funds.annualOther", "0"),
        })
        {
            await TypeAsync(dept, field, wan);
        }

        await TypeAsync(dept, "goals.overall", "建成覆盖全区中小学的智慧课堂，提升信息化教学水平。");
        await TypeAsync(dept, "goals.annual", "2025 年新建智慧教室 40 间，完成教师信息化培训。");

        // six indicators at three levels (一级 / 二级 / 三级), typed with the keyboard
        var rows = new (string Level1, string Level2, string Name, string Target)[]
        {
            ("产出指标", "数量指标", "新建智慧教室数量", "≥40间"),
            ("产出指标", "质量指标", "设备验收合格率", "≥98%"),
            ("效益指标", "社会效益指标", "受益学生人数", "≥12000人"),
            ("效益指标", "社会效益指标", "教师信息化培训覆盖率", "≥95%"),
            ("效益指标", "可持续影响指标", "设备故障平均修复时长", "≤48小时"),
            ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"),
        };
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            await dept.SelectOptionAsync("#add-level1", r.Level1);
            await dept.ClickAsync("#add-indicator");
            await Assertions.Expect(Field(dept, $"indicators[{i}].level2")).ToBeFocusedAsync();
            await Assertions.Expect(Field(dept, $"indicators[{i}].level1")).ToHaveValueAsync(r.Level1);
            await dept.Keyboard.TypeAsync(r.Level2);
            await dept.Keyboard.PressAsync("Tab");
            await dept.Keyboard.TypeAsync(r.Name);
            await dept.Keyboard.PressAsync("Tab");
            if (i == 0)
            {
                // typed badly first: a number without its unit is named on its cell, and the unit typed clears it
                await dept.Keyboard.TypeAsync("≥40");
                await Assertions.Expect(Message(dept, "indicators[0].target")).ToContainTextAsync("缺少计量单位");
                await Assertions.Expect(Field(dept, "indicators[0].target")).ToHaveClassAsync(new Regex("cell-bad"));
                await dept.Keyboard.TypeAsync("间");
                await Assertions.Expect(Message(dept, "indicators[0].target")).ToHaveTextAsync("≥ 40 间");
                await Assertions.Expect(Field(dept, "indicators[0].target")).Not.ToHaveClassAsync(new Regex("cell-bad"));
            }
            else
            {
                await dept.Keyboard.TypeAsync(r.Target);
            }
        }

        // the default weights of national-2020 (T4), as shown before any weight is typed: 产出 50, 效益 30, 满意度 10
        // (+ 执行率 10 on the self-evaluation); the declaration's indicators share 90
        foreach (var (category, weight) in new[] { ("output", "50"), ("benefit", "30"), ("satisfaction", "10") })
        {
            await Assertions.Expect(dept.Locator($"#weight-sums tr[data-sum='{category}'] td").Nth(3)).ToHaveTextAsync(weight);
            await Assertions.Expect(dept.Locator($"#weight-sums tr[data-sum='{category}'] [data-part='sum']")).ToHaveTextAsync("0");
        }

        // shared out by the rules: 产出 50 / 2 rows = 25 + 25; 效益 30 / 3 rows = 10 + 10 + 10; 满意度 10 / 1 row = 10
        await dept.ClickAsync("#apply-default-weights");
        string[] weights = ["25", "25", "10", "10", "10", "10"];
        for (var i = 0; i < weights.Length; i++)
        {
            await Assertions.Expect(Field(dept, $"indicators[{i}].weight")).ToHaveValueAsync(weights[i]);
        }

        foreach (var (category, sum) in new[] { ("output", "50"), ("benefit", "30"), ("satisfaction", "10") })
        {
            await Assertions.Expect(dept.Locator($"#weight-sums tr[data-sum='{category}'] [data-part='sum']")).ToHaveTextAsync(sum);
        }

        // 25 + 25 + 10 + 10 + 10 + 10 = 90 of the 90 the indicators share (100 − 执行率 10): nothing remains
        await Assertions.Expect(dept.Locator("#weight-total")).ToHaveTextAsync("90");
        await Assertions.Expect(dept.Locator("#weight-remaining")).ToHaveTextAsync("0");

        await dept.Keyboard.PressAsync("Control+s");
        await SavedAsync(dept);
        await dept.ClickAsync("#submit-button");
        await StatusAsync(dept, "已提交");

        // ---- 2. the department reviewer finds it, returns it with a comment on a cell --------------------------------
        var deptReviewer = await PageAsync(app, "dept-reviewer", "jixiao-dept-reviewer");
        await deptReviewer.GotoAsync("/filings");
        await deptReviewer.Locator($"#filings tr[data-filing='{declarationId}'] a.filing-link").ClickAsync();
        await deptReviewer.WaitForURLAsync($"**/filings/{declarationId}");
        await Field(deptReviewer, "indicators[2].target").ClickAsync();
        await Assertions.Expect(deptReviewer.Locator("#comment-field")).ToHaveAttributeAsync("data-cell-path", "indicators[2].target");
        await Assertions.Expect(deptReviewer.Locator("#comment-field")).ToContainTextAsync("指标 3 "); // the cell in words
        await deptReviewer.ClickAsync("#comment-text");
        await deptReviewer.Keyboard.TypeAsync("全区中小学生约 15000 人，受益学生人数目标应不低于 15000 人。");
        await deptReviewer.ClickAsync("#queue-comment");
        await deptReviewer.ClickAsync("#return-button");
        await StatusAsync(deptReviewer, "已退回");

        // the unit sees the cell marked and the comment, fixes the value, submits again
        await dept.ReloadAsync();
        await StatusAsync(dept, "已退回");
        await Assertions.Expect(dept.Locator("[data-cell='indicators[2].target'] .cell.has-comment")).ToHaveCountAsync(1);
        await Assertions.Expect(dept.Locator("#comments li[data-field='indicators[2].target']")).ToContainTextAsync("不低于 15000 人");
        await TypeAsync(dept, "indicators[2].target", "≥15000人");
        await Assertions.Expect(Message(dept, "indicators[2].target")).ToHaveTextAsync("≥ 15000 人");
        await dept.Keyboard.PressAsync("Control+s");
        await SavedAsync(dept);
        await dept.ClickAsync("#submit-button");
        await StatusAsync(dept, "已提交");

        // the department reviewer approves (one review: a department reviewer's approval is final)
        await deptReviewer.ReloadAsync();
        await Assertions.Expect(Field(deptReviewer, "indicators[2].target")).ToHaveValueAsync("≥15000人");
        await Assertions.Expect(deptReviewer.Locator("#override-reason")).ToHaveCountAsync(0);
        await deptReviewer.ClickAsync("#approve-button");
        await StatusAsync(deptReviewer, "已审核通过");

        // ---- 3. mid-year monitoring: spending behind the time line --------------------------------------------------
        // the checkpoint is recorded on the declaration's monitoring page (绩效运行监控), opened from the editor
        // docs/rules.md §9: 30 June → M1 months = 5 whole + 30/30 = 6; M2 执行率 = 360,000 / 1,200,000 × 100 = 30%,
        // 时间进度 = 6 / 12 × 100 = 50%, 执行进度 = 30 ÷ (6 / 12) = 60 → M3 yellow (red below 60, green from 80): MON-EXEC-YELLOW.
        // Indicator 0 (≥40间, cumulative): 10间 to date → completion 10 / 40 = 25%, pace = 25 ÷ (6 / 12) = 50 → red (below
        // 60); estimate 36间 → 36 / 40 = 90% by Q2, missed → yellow; likelihood 有可能 → yellow; worst red → MON-IND-RED on
        // the pace's cell (toDate); a cause is given, so no MON-CAUSE-MISSING. Indicator 5 (≥90%, a level): 92% met, 确定能 → green.
        await dept.GotoAsync($"/filings/{declarationId}");
        await dept.ClickAsync("#monitoring-link");
        await dept.FillAsync("#field-date", "6月30日");
        await dept.FillAsync("#field-executed", "360000");
        await dept.FillAsync("#field-toDate-0", "10间");
        await dept.FillAsync("#field-expected-0", "36间");
        await dept.SelectOptionAsync("#field-likelihood-0", "possible");
        await dept.SelectOptionAsync("#field-cause-0", "facilities");
        await dept.FillAsync("#field-causeText-0", "部分学校教室改造需待暑期施工");
        await dept.FillAsync("#field-toDate-5", "92%");
        await dept.FillAsync("#field-expected-5", "92%");
        await dept.SelectOptionAsync("#field-likelihood-5", "certain");
        await dept.ClickAsync("#record-save");
        await Assertions.Expect(dept.Locator("#monitoring-saved")).ToContainTextAsync("已保存 2025-06-30 的监控情况");
        await Assertions.Expect(dept.Locator("#execution-rate")).ToHaveTextAsync("30.00%");
        await Assertions.Expect(dept.Locator("#time-share")).ToHaveTextAsync("50.00%");
        await Assertions.Expect(dept.Locator("#execution-progress")).ToHaveTextAsync("60.00%");
        await Assertions.Expect(dept.Locator("#execution-light")).ToHaveTextAsync("黄灯");
        await Assertions.Expect(dept.Locator("#report-light")).ToHaveTextAsync("红灯");
        await Assertions.Expect(dept.Locator("#indicators tr[data-index='0']")).ToHaveAttributeAsync("data-light", "red");
        await Assertions.Expect(dept.Locator("#indicators tr[data-index='5']")).ToHaveAttributeAsync("data-light", "green");
        await Assertions.Expect(dept.Locator("#warnings li[data-code='MON-IND-RED']")).ToContainTextAsync("指标「新建智慧教室数量」红色预警");
        await Assertions.Expect(dept.Locator("#warnings li[data-code='MON-EXEC-YELLOW']")).ToContainTextAsync("执行进度 60.00%");

        // the same checkpoint as the API reads it back
        var checkpoint = await dept.EvaluateAsync<string>(@"async (id) => {
            const r = await fetch('/api/v1/monitoring/' + id);
            return r.status + ' ' + await r.text();
        }", declarationId);
        output.WriteLine(checkpoint);
        Assert.StartsWith("200 ", checkpoint, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(checkpoint[4..]))
        {
            var c = report.RootElement.GetProperty("checkpoints").EnumerateArray().Single();
            Assert.Equal((1_200_000m, 360_000m, 30m, 50m, 60m), (c.GetProperty("budget").GetDecimal(), c.GetProperty("executed").GetDecimal(),
                c.GetProperty("rate").GetDecimal(), c.GetProperty("timeShare").GetDecimal(), c.GetProperty("progress").GetDecimal()));
            Assert.Equal(("yellow", "red"), (c.GetProperty("executionLight").GetString(), c.GetProperty("light").GetString()));
            var first = c.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("index").GetInt32() == 0);
            Assert.Equal(("red", 50m), (first.GetProperty("light").GetString(), first.GetProperty("pace").GetDecimal()));
            var last = c.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("index").GetInt32() == 5);
            Assert.Equal("green", last.GetProperty("light").GetString());
            var warnings = c.GetProperty("warnings").EnumerateArray()
                .Where(w => w.GetProperty("severity").GetString() != "info")
                .Select(w => (w.GetProperty("code").GetString(), w.GetProperty("field").GetString())).ToList();
            Assert.Equal([("MON-EXEC-YELLOW", "executed"), ("MON-IND-RED", "indicators[0].toDate")], warnings);
            var exec = c.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "MON-EXEC-YELLOW");
            Assert.Contains("执行进度 60.00%", exec.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // ---- 4. the self-evaluation, from the approved declaration --------------------------------------------------
        await dept.GotoAsync("/filings/new?kind=self-evaluation");
        await dept.CheckAsync("input[name='Kind'][value='self-evaluation']");
        await dept.SelectOptionAsync("#declaration-choice", declarationId.ToString(CultureInfo.InvariantCulture));
        await dept.ClickAsync("#create-filing");
        var selfId = await FiledAsync(dept);
        Assert.NotEqual(declarationId, selfId);

        // carried over: indicators, targets (the fixed one too) and planned weights
        await Assertions.Expect(Field(dept, "indicators[2].target")).ToHaveValueAsync("≥15000人");
        await Assertions.Expect(Field(dept, "indicators[0].weight")).ToHaveValueAsync("25");

        // budget and executed amount, in 万元: 120 budgeted, 110.4 executed
        foreach (var line in new[] { "total", "appropriation" })
        {
            await TypeAsync(dept, $"funds.{line}.initialBudget", "120");
            await TypeAsync(dept, $"funds.{line}.annualBudget", "120");
            await TypeAsync(dept, $"funds.{line}.executed", "110.4");
        }

        await TypeAsync(dept, "funds.total.weight", "10");
        await TypeAsync(dept, "goals.actual", "新建智慧教室 36 间，其余 4 间因暑期施工延误顺延至次年；完成教师信息化培训。");

        // the actuals, typed; each suggestion by the rules (docs/rules.md §2):
        //   0 新建智慧教室数量 ≥40间, 36间: missed ≥ → Q2 25 × 36 / 40 = 22.5 (deducted: needs a deviation)
        //   1 设备验收合格率 ≥98%, 99%: met → Q1 the full 25
        //   2 受益学生人数 ≥15000人, 15600人: met → 10
        //   3 教师信息化培训覆盖率 ≥95%, 96%: met → 10
        //   4 设备故障平均修复时长 ≤48小时, 60小时: missed reverse → Q4 (variant A) 10 × 48 / 60 = 8 (deducted)
        //   5 师生满意度 ≥90%, 93%: met → 10
        string[] actuals = ["36间", "99%", "15600人", "96%", "60小时", "93%"];
        string[] suggested = ["22.50", "25", "10", "10", "8", "10"];
        for (var i = 0; i < actuals.Length; i++)
        {
            await TypeAsync(dept, $"indicators[{i}].actual", actuals[i]);
        }

        for (var i = 0; i < actuals.Length; i++)
        {
            await Assertions.Expect(dept.Locator($"[data-suggested='{i}']")).ToHaveTextAsync("建议得分 " + suggested[i]);
        }

        // E1 执行率 = 1,104,000 / 1,200,000 × 100 = 92%; E2 score = 92 × 10 / 100 = 9.2
        await Assertions.Expect(dept.Locator("#execution-rate")).ToHaveTextAsync("92%");
        await Assertions.Expect(dept.Locator("[data-suggested='execution']")).ToHaveTextAsync("建议得分 9.20");
        // T1 total = 22.5 + 25 + 10 + 10 + 8 + 10 + 9.2 = 94.7; T2 优 (≥ 90); weights 90 + 10 = 100
        await Assertions.Expect(dept.Locator("#live-total")).ToHaveTextAsync("94.70");
        await Assertions.Expect(dept.Locator("#live-grade")).ToHaveTextAsync("优");
        await Assertions.Expect(dept.Locator("#weight-total")).ToHaveTextAsync("100");

        // the two deducted rows need their deviation explained; the others do not
        foreach (var i in new[] { 0, 4 })
        {
            await Assertions.Expect(Message(dept, $"indicators[{i}].deviation")).ToContainTextAsync("扣分须说明偏差原因");
        }

        await Assertions.Expect(Message(dept, "indicators[1].deviation")).ToBeEmptyAsync();
        await TypeAsync(dept, "indicators[0].deviation", "4 间教室因暑期施工延误顺延至 2026 年春季完成。");
        await TypeAsync(dept, "indicators[4].deviation", "备件采购周期长，已与供应商签订 24 小时到场协议。");
        foreach (var i in new[] { 0, 4 })
        {
            await Assertions.Expect(Message(dept, $"indicators[{i}].deviation")).Not.ToContainTextAsync("扣分须说明偏差原因");
        }

        await dept.Keyboard.PressAsync("Control+s");
        await SavedAsync(dept);
        await dept.ClickAsync("#submit-button");
        await StatusAsync(dept, "已提交");

        // finance approves the self-evaluation
        var finance = await PageAsync(app, "reviewer", "jixiao-reviewer");
        await finance.GotoAsync($"/filings/{selfId}");
        await StatusAsync(finance, "已提交");
        await Assertions.Expect(finance.Locator("#override-reason")).ToHaveCountAsync(0);
        await finance.ClickAsync("#approve-button");
        await StatusAsync(finance, "已审核通过");

        // ---- 5. finance publishes both ------------------------------------------------------------------------------
        var published = new Dictionary<long, long>();
        foreach (var id in new[] { declarationId, selfId })
        {
            await finance.GotoAsync($"/filings/{id}");
            await finance.ClickAsync("#publish-button");
            await StatusAsync(finance, "已公开");
        }

        await finance.GotoAsync("/filings");
        foreach (var id in new[] { declarationId, selfId })
        {
            var href = await finance.Locator($"#filings tr[data-filing='{id}'] td.title-cell a[href^='/forms/']").GetAttributeAsync("href");
            published[id] = long.Parse(href!.Split('/')[^1], CultureInfo.InvariantCulture);
        }

        // ---- 6. a reader who never signs in ------------------------------------------------------------------------
        var reader = await PageAsync(app, null, null);
        await reader.GotoAsync("/public");
        await reader.Locator("select[name=region]").SelectOptionAsync(Region);
        await reader.Locator("select[name=dept]").SelectOptionAsync(Education);
        await reader.Locator("select[name=year]").SelectOptionAsync("2025");
        await reader.Locator("#public-filters button[type=submit]").ClickAsync();
        await reader.WaitForURLAsync("**/public?*year=2025*");
        var listed = await reader.Locator("#public-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.formId)");
        Assert.Equal(new[] { published[declarationId], published[selfId] }.Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(), listed.Order());
        var selfRow = reader.Locator($"#public-table tbody tr[data-form-id='{published[selfId]}'] td");
        Assert.Equal(["2025", Region, Education, "94.70", "优"],
            [(await selfRow.Nth(0).InnerTextAsync()).Trim(), (await selfRow.Nth(2).InnerTextAsync()).Trim(), (await selfRow.Nth(3).InnerTextAsync()).Trim(),
                (await selfRow.Nth(6).InnerTextAsync()).Trim(), (await selfRow.Nth(7).InnerTextAsync()).Trim()]);

        // the open data of this selection: the checksum list matches the bytes downloaded
        var sums = new Dictionary<string, string>();
        var files = new Dictionary<string, string>();
        foreach (var (link, file) in new[] { ("#download-csv", "forms.csv"), ("#download-indicators", "indicators.csv"), ("#download-json", "forms.json") })
        {
            var download = await reader.RunAndWaitForDownloadAsync(() => reader.Locator(link).ClickAsync());
            Assert.Equal(file, download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            sums[file] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            files[file] = Encoding.UTF8.GetString(bytes);
        }

        var checksums = await (await reader.Context.APIRequest.GetAsync((await reader.Locator("#download-sha256").GetAttributeAsync("href"))!)).TextAsync();
        Assert.Contains($"{sums["forms.csv"]}  forms.csv\n", checksums, StringComparison.Ordinal);
        Assert.Contains($"{sums["forms.json"]}  forms.json\n", checksums, StringComparison.Ordinal);
        Assert.Contains($"{sums["indicators.csv"]}  indicators.csv\n", checksums, StringComparison.Ordinal);

        // forms.csv: one row per form, money in yuan, the score and grade as approved
        var csv = Csv(files["forms.csv"]);
        var header = csv[0].ToList();
        var selfCsv = csv.Single(r => r[header.IndexOf("id")] == published[selfId].ToString(CultureInfo.InvariantCulture));
        var declarationCsv = csv.Single(r => r[header.IndexOf("id")] == published[declarationId].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, csv.Count);
        Assert.Equal(("self-evaluation", Project, Region, "94.70", "优", "6"),
            (selfCsv[header.IndexOf("kind")], selfCsv[header.IndexOf("projectName")], selfCsv[header.IndexOf("region")],
                selfCsv[header.IndexOf("totalScore")], selfCsv[header.IndexOf("grade")], selfCsv[header.IndexOf("indicatorCount")]));
        Assert.Equal(1_104_000m, decimal.Parse(selfCsv[header.IndexOf("executed")], CultureInfo.InvariantCulture));
        Assert.Equal(("target-declaration", "教育"), (declarationCsv[header.IndexOf("kind")], declarationCsv[header.IndexOf("category")]));
        Assert.Equal(1_200_000m, decimal.Parse(declarationCsv[header.IndexOf("annualTotal")], CultureInfo.InvariantCulture));

        // forms.json: the forms as approved, indicator by indicator
        using (var json = JsonDocument.Parse(files["forms.json"]))
        {
            var forms = json.RootElement.GetProperty("forms").EnumerateArray().ToList();
            Assert.Equal(2, forms.Count);
            var form = forms.Single(f => f.GetProperty("id").GetInt64() == published[selfId]).GetProperty("form");
            Assert.Equal((94.7m, "优"), (form.GetProperty("totalScore").GetDecimal(), form.GetProperty("grade").GetString()));
            var indicators = form.GetProperty("indicators").EnumerateArray().ToList();
            Assert.Equal([22.5m, 25m, 10m, 10m, 8m, 10m], indicators.Select(i => i.GetProperty("score").GetDecimal()));
            Assert.Equal(actuals, indicators.Select(i => i.GetProperty("actual").GetString()));
            Assert.Equal("≥15000人", indicators[2].GetProperty("target").GetString());
            var declared = forms.Single(f => f.GetProperty("id").GetInt64() == published[declarationId]).GetProperty("form");
            Assert.Equal(rows.Select(r => r.Name), declared.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        }

        // indicators.csv: the declaration's planned weights (jixiao.form/1 prints none for a declaration) and the scores
        var indicatorRows = Csv(files["indicators.csv"]);
        var columns = indicatorRows[0].ToList();
        string[] Column(long formId, string column) =>
            [.. indicatorRows.Skip(1).Where(r => r[columns.IndexOf("formId")] == formId.ToString(CultureInfo.InvariantCulture)).Select(r => r[columns.IndexOf(column)])];
        Assert.Equal([25m, 25m, 10m, 10m, 10m, 10m], Column(published[declarationId], "weight").Select(w => decimal.Parse(w, CultureInfo.InvariantCulture)));
        Assert.Equal(["≥40间", "≥98%", "≥15000人", "≥95%", "≤48小时", "≥90%"], Column(published[declarationId], "target"));
        Assert.Equal([22.5m, 25m, 10m, 10m, 8m, 10m], Column(published[selfId], "score").Select(w => decimal.Parse(w, CultureInfo.InvariantCulture)));

        // the self-evaluation's public page: exactly the approved numbers, in the official layout
        await reader.Locator($"#public-table tbody tr[data-form-id='{published[selfId]}'] a").ClickAsync();
        await reader.WaitForURLAsync($"**/public/forms/{published[selfId]}");
        var cells = new Dictionary<string, string>
        {
            ["indicators[0].target"] = "≥40间", ["indicators[0].actual"] = "36间", ["indicators[0].weight"] = "25", ["indicators[0].score"] = "22.50",
            ["indicators[2].target"] = "≥15000人", ["indicators[4].actual"] = "60小时", ["indicators[4].score"] = "8.00",
            ["indicators[5].score"] = "10.00", ["funds.total.executionRate"] = "92.00", ["funds.total.score"] = "9.20",
            ["funds.total.annualBudget"] = "120.00", ["funds.total.executed"] = "110.40", ["totalScore"] = "94.70", ["grade"] = "评分等级：优",
        };
        foreach (var (field, value) in cells)
        {
            Assert.Equal((field, value), (field, (await Sheet(reader, field).InnerTextAsync()).Trim()));
        }

        Assert.Equal(0, await reader.Locator(".flag, .recomputed, #findings").CountAsync());

        // the declaration's public page: its targets (the official declaration layout prints no weights: they are in forms.json)
        await reader.GotoAsync($"/public/forms/{published[declarationId]}");
        foreach (var (field, value) in new Dictionary<string, string>
        {
            ["indicators[0].target"] = "≥40间", ["indicators[2].target"] = "≥15000人", ["indicators[4].target"] = "≤48小时",
            ["category"] = "教育", ["funds.projectTotal"] = "200.00", ["funds.annualTotal"] = "120.00",
        })
        {
            Assert.Equal((field, value), (field, (await Sheet(reader, field).InnerTextAsync()).Trim()));
        }
    }
}
