using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Tests.Shared;
using Jixiao.Web.Forms;
using Jixiao.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The issue's “done when”, step by step in a real browser: sign in (a wrong password first), the demo
/// portfolio, the four corpus files uploaded through the import page, the flagged forms found by filters, a
/// finding on its cell, one project followed from its 2023 declaration to its 2024 self-evaluation, the filtered
/// list exported as CSV, English and back, a department user kept out of another department's form, and a batch
/// deleted from the import page by an administrator (a finance reviewer is offered no delete button).
/// A screenshot of every step goes to artifacts/screenshots/{database}/.
/// </summary>
public sealed partial class PortfolioScenario(BrowserFixture browser, BrowserApp app, ITestOutputHelper output)
{
    private static readonly (string File, int Forms)[] Files =
    [
        (Corpus.Police2024, 37), (Corpus.Police2023Targets, 3), (Corpus.DataBureau2024, 34), (Corpus.Songnan2023, 5),
    ];

    private readonly string shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", app.Label);
    private int step;

    public async Task RunAsync()
    {
        if (Directory.Exists(shots))
        {
            Directory.Delete(shots, recursive: true);
        }

        Directory.CreateDirectory(shots);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => output.WriteLine("page error: " + e);

        await SignInAsync(page);
        await SeeTheDemoPortfolioAsync(page);
        await UploadTheCorpusAsync(page);
        var (code, police) = await FindTheFlaggedFormsAsync(page);
        await SeeAFindingOnItsCellAsync(page, code, police);
        await FollowAProjectAcrossYearsAsync(page);
        await ExportTheFilteredListAsync(page, code, police);
        await SwitchLanguageAsync(page);
        await DepartmentUserIsKeptToItsDepartmentAsync();
        await OnlyAnAdministratorDeletesABatchAsync(page);
    }

    private async Task SignInAsync(IPage page)
    {
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Matches("/login", page.Url);
        await ShotAsync(page, "login");

        await page.FillAsync("input[name='UserName']", "admin");
        await page.FillAsync("input[name='Password']", "not-the-password");
        await page.ClickAsync("form button[type='submit']");
        var error = page.Locator(".notice-error[role='alert']");
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.Matches("/login", page.Url);
        // signed out, the navigation offers only what anyone may read: the public disclosure, and signing in
        var offered = await page.Locator("nav.nav a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.All(offered, href => Assert.Contains(href, new[] { "/public", "/login" }));
        await ShotAsync(page, "login-wrong-password");

        await page.FillAsync("input[name='UserName']", "admin");
        await page.FillAsync("input[name='Password']", "jixiao-admin");
        await page.ClickAsync("form button[type='submit']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await Assertions.Expect(page.Locator(".whoami")).ToContainTextAsync("admin");
    }

    private async Task SeeTheDemoPortfolioAsync(IPage page)
    {
        // the demo portfolio loads in the background; the page says so and refreshes itself when it is done
        var forms = page.Locator("#overview-cards [data-forms]");
        for (var i = 0; ; i++)
        {
            if (await page.Locator("#demo-notice").CountAsync() == 0 && await forms.CountAsync() == 1
                && await forms.GetAttributeAsync("data-forms") == BrowserApp.DemoForms.ToString(CultureInfo.InvariantCulture))
            {
                break;
            }

            Assert.True(i < 120, "the demo portfolio did not load within a minute");
            await page.WaitForTimeoutAsync(500);
            if (await page.Locator("#demo-notice").CountAsync() == 0)
            {
                await page.ReloadAsync();
            }
        }

        // ECharts drew the charts (the fallback tables are hidden), and the cards link to the lists behind them
        await Assertions.Expect(page.Locator("#chart-years canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chart-grades canvas").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("#overview-cards a.stat").CountAsync() >= 2);
        await ShotAsync(page, "overview-demo");
    }

    private async Task UploadTheCorpusAsync(IPage page)
    {
        // the overview may still reload itself once after the demo load (its status poll): a click that lands on the
        // page being replaced is lost, so the click is repeated until the import page is there
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync("nav.nav a[href='/imports']");
            try
            {
                await page.WaitForURLAsync("**/imports", new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await ShotAsync(page, "imports-empty");

        // choosing files selects them; the button uploads them once; each file becomes a batch followed to its end
        await page.SetInputFilesAsync("#files", Files.Select(f => Corpus.PathOf(f.File)));
        await Assertions.Expect(page.Locator("#selected-files li")).ToHaveCountAsync(Files.Length);
        await page.ClickAsync("#upload-button");
        var items = page.Locator("#upload-list li[data-batch]");
        await Assertions.Expect(items).ToHaveCountAsync(Files.Length);
        await Assertions.Expect(page.Locator("#upload-list li[data-status='succeeded']")).ToHaveCountAsync(Files.Length, new() { Timeout = 60_000 });
        foreach (var (file, count) in Files)
        {
            var item = page.Locator("#upload-list li").Filter(new() { HasText = file });
            await Assertions.Expect(item.Locator(".badge")).ToContainTextAsync($"{count} ");
            await Assertions.Expect(item.Locator("a[href^='/forms?batch=']")).ToBeVisibleAsync();
        }

        await ShotAsync(page, "imports-uploaded");

        // the batch list, refreshed in place: four succeeded batches with their form counts, besides the demo batch
        foreach (var (file, count) in Files)
        {
            var row = page.Locator("#batches tbody tr").Filter(new() { HasText = file });
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "succeeded");
            await Assertions.Expect(row.Locator("td.num").First).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
        }

        await ShotAsync(page, "imports-batches");
    }

    /// <summary>Filters the list to the police forms flagged by one check, then by a grade; returns the check and the police form ids.</summary>
    private async Task<(string Code, List<long> Flagged)> FindTheFlaggedFormsAsync(IPage page)
    {
        const string dept = CorpusFixture.PoliceDepartment;
        await using var db = app.Factory.Database.CreateContext();
        var policeForms = await db.Forms.Where(f => f.Department == dept).Select(f => new { f.Id, f.Grade }).ToListAsync();
        Assert.Equal(40, policeForms.Count);
        var policeIds = policeForms.Select(f => f.Id).ToList();
        var findings = await db.Findings.Where(x => policeIds.Contains(x.FormId)).Select(x => new { x.FormId, x.Code, x.Field, x.Severity }).ToListAsync();
        // a check that singles out some of the police forms (not all, not one) on an indicator cell: errors first
        var code = findings.Where(x => x.Field.StartsWith("indicators[", StringComparison.Ordinal))
            .GroupBy(x => x.Code)
            .Select(g => (Code: g.Key, Forms: g.Select(x => x.FormId).Distinct().Count(), Worst: g.Max(x => x.Severity)))
            .OrderByDescending(c => c.Forms > 1 && c.Forms < policeIds.Count).ThenByDescending(c => c.Worst).ThenByDescending(c => c.Forms)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .First().Code;
        var flagged = findings.Where(x => x.Code == code).Select(x => x.FormId).Distinct().Order().ToList();
        output.WriteLine($"{app.Label}: check {code} flags {flagged.Count} of the police forms");

        await page.ClickAsync("nav.nav a[href='/forms']");
        await page.WaitForURLAsync("**/forms");
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total",
            (BrowserApp.DemoForms + Files.Sum(f => f.Forms)).ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("select[name='dept']", dept);
        await page.SelectOptionAsync("select[name='check']", code);
        await page.ClickAsync("form.filters button[type='submit']");
        await page.WaitForURLAsync(u => u.Contains("check=" + code, StringComparison.Ordinal));
        Assert.Contains("dept=" + Uri.EscapeDataString(dept), page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", flagged.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(flagged, await RowIdsAsync(page));
        await ShotAsync(page, "forms-by-check");

        // the link is the view: opened afresh it shows the same rows
        var shared = page.Url;
        await page.GotoAsync(shared);
        Assert.Equal(flagged, await RowIdsAsync(page));

        // a grade on top: 优 as claimed
        var excellent = policeForms.Where(f => f.Grade == Grade.Excellent && flagged.Contains(f.Id)).Select(f => f.Id).Order().ToList();
        await page.SelectOptionAsync("select[name='grade']", FormFilter.GradeName(Grade.Excellent));
        await page.ClickAsync("form.filters button[type='submit']");
        await page.WaitForURLAsync(u => u.Contains("grade=excellent", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", excellent.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(excellent, await RowIdsAsync(page));
        await ShotAsync(page, "forms-by-check-and-grade");

        await page.GotoAsync(shared);
        return (code, flagged);
    }

    private async Task SeeAFindingOnItsCellAsync(IPage page, string code, List<long> flagged)
    {
        await using var db = app.Factory.Database.CreateContext();
        var finding = await db.Findings.Where(x => flagged.Contains(x.FormId) && x.Code == code && x.Field.StartsWith("indicators["))
            .OrderBy(x => x.FormId).ThenBy(x => x.Position).FirstAsync();

        await page.ClickAsync($"#forms-table tr[data-form-id='{finding.FormId}'] td.title-cell a");
        await page.WaitForURLAsync($"**/forms/{finding.FormId}");
        var cell = page.Locator("#official-table td.flagged").Filter(new() { Has = page.Locator($"a.flag[data-code='{code}']") }).First;
        await Assertions.Expect(cell).ToBeVisibleAsync();
        var field = await cell.GetAttributeAsync("data-field");
        Assert.StartsWith("indicators[", field, StringComparison.Ordinal);
        if (!Regex.IsMatch(finding.Field, @"\.level[12]$"))
        {
            // a finding on one member of one indicator is marked on exactly that cell
            await Assertions.Expect(page.Locator($"#official-table [data-field='{finding.Field}']")).ToHaveClassAsync(new Regex(@"\bflagged\b"));
        }

        // a click on the marker opens the explanation
        var popover = cell.Locator(".popover");
        await Assertions.Expect(popover).Not.ToBeVisibleAsync();
        await cell.Locator($"a.flag[data-code='{code}']").First.ClickAsync();
        await Assertions.Expect(cell).ToHaveClassAsync(new Regex(@"\bopen\b"));
        await Assertions.Expect(popover).ToBeVisibleAsync();
        await Assertions.Expect(popover).ToContainTextAsync(code);
        await Assertions.Expect(popover).ToContainTextAsync(finding.MessageZh[..Math.Min(8, finding.MessageZh.Length)]);
        await ShotAsync(page, "form-finding-on-cell");
    }

    private async Task FollowAProjectAcrossYearsAsync(IPage page)
    {
        // the 2023 declaration, found by name
        await page.GotoAsync("/forms?year=2023&kind=declaration&q=" + Uri.EscapeDataString("区特保队伍经费"));
        var rows = page.Locator("#forms-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.Locator("td.title-cell a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("区特保队伍经费");
        await Assertions.Expect(page.Locator(".sheet-title")).ToHaveTextAsync("财政项目支出绩效目标申报表");
        await ShotAsync(page, "declaration-2023");

        // its lineage: the declaration beside the self-evaluation, changed targets marked
        await page.ClickAsync("a[href^='/projects/']");
        await page.WaitForURLAsync("**/projects/**");
        var forms = page.Locator("#lineage-forms tbody tr");
        await Assertions.Expect(forms).ToHaveCountAsync(2);
        Assert.Equal(["declaration", "self"], await forms.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)"));
        await Assertions.Expect(forms.Nth(0).Locator("td").First).ToHaveTextAsync("2023");
        await Assertions.Expect(forms.Nth(1).Locator("td").First).ToHaveTextAsync("2024");
        await Assertions.Expect(forms.Nth(1)).ToContainTextAsync("2024年区特保队伍经费");
        var satisfaction = page.Locator("#lineage-matrix tr[data-indicator='市民满意度'] td");
        await Assertions.Expect(satisfaction.Nth(2)).ToHaveAttributeAsync("data-changed", "1");
        Assert.True(await page.Locator("#lineage-matrix td.changed").CountAsync() > 0);
        await ShotAsync(page, "project-lineage");

        // on to the 2024 self-evaluation
        await forms.Nth(1).Locator("a[href^='/forms/']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2024年区特保队伍经费");
        await Assertions.Expect(page.Locator(".sheet-title")).ToHaveTextAsync("财政项目支出绩效自评表");
        await Assertions.Expect(page.Locator(".sheet-year")).ToContainTextAsync("2024");
        await ShotAsync(page, "self-evaluation-2024");
    }

    private async Task ExportTheFilteredListAsync(IPage page, string code, List<long> flagged)
    {
        var list = "/forms?dept=" + Uri.EscapeDataString(CorpusFixture.PoliceDepartment) + "&check=" + code;
        await page.GotoAsync(list);
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", flagged.Count.ToString(CultureInfo.InvariantCulture));

        // the page's own CSV link when it has one; otherwise the export URL with the list's filters
        var link = page.Locator("a[href*='/forms/export'][href*='format=csv']");
        IDownload download;
        if (await link.CountAsync() > 0)
        {
            download = await page.RunAndWaitForDownloadAsync(() => link.First.ClickAsync());
        }
        else
        {
            output.WriteLine("the form list has no CSV export link: downloading /api/v1/forms/export with the list's filters");
            var url = "/api/v1/forms/export?format=csv&department=" + Uri.EscapeDataString(CorpusFixture.PoliceDepartment) + "&check=" + code;
            download = await page.RunAndWaitForDownloadAsync(() => page.EvaluateAsync(
                "url => { const a = document.createElement('a'); a.href = url; a.download = ''; document.body.appendChild(a); a.click(); a.remove(); }", url));
        }

        Assert.Null(await download.FailureAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(shots, $"{++step:00}-export.csv");
        await download.SaveAsAsync(saved);
        var text = await File.ReadAllTextAsync(saved, Encoding.UTF8);
        var records = Csv.Parse(text.TrimStart('\uFEFF'));
        var header = records[0];
        var id = Array.IndexOf(header, "编号");
        var department = Array.IndexOf(header, "主管部门");
        Assert.True(id >= 0 && department >= 0, "CSV header: " + string.Join(",", header));
        var rows = records.Skip(1).TakeWhile(r => r.Length > 1).ToList(); // the forms; an empty line, then the totals (汇总)
        Assert.Contains(["汇总", "表单数", flagged.Count.ToString(CultureInfo.InvariantCulture)], records.Skip(rows.Count + 2));
        Assert.Equal(flagged, rows.Select(r => long.Parse(r[id], CultureInfo.InvariantCulture)).Order().ToList());
        Assert.All(rows, r => Assert.Equal(CorpusFixture.PoliceDepartment, r[department]));
        await ShotAsync(page, "exported-list");
    }

    private async Task SwitchLanguageAsync(IPage page)
    {
        var here = page.Url;
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^zh"));
        await page.ClickAsync("a.lang");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^en"));
        Assert.Equal(here, page.Url);
        await Assertions.Expect(page.Locator("nav.nav a[href='/forms']")).ToHaveTextAsync("Forms");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Forms");
        await ShotAsync(page, "english");

        await page.ClickAsync("a.lang");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^zh"));
        Assert.Equal(here, page.Url);
        await Assertions.Expect(page.Locator("nav.nav a[href='/forms']")).ToHaveTextAsync("表单");
        await ShotAsync(page, "chinese-again");
    }

    private async Task DepartmentUserIsKeptToItsDepartmentAsync()
    {
        await using var db = app.Factory.Database.CreateContext();
        var other = await db.Forms.Where(f => f.Department == CorpusFixture.DataBureauDepartment).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var own = await db.Forms.Where(f => f.Department == CorpusFixture.PoliceDepartment && f.Kind == FormKind.SelfEvaluation).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name='UserName']", BrowserApp.PoliceUser);
        await page.FillAsync("input[name='Password']", BrowserApp.PolicePassword);
        await page.ClickAsync("form button[type='submit']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("#overview-cards [data-forms]")).ToHaveAttributeAsync("data-forms", "40");
        Assert.Equal(0, await page.Locator("nav.nav a[href='/imports']").CountAsync());

        var response = await page.GotoAsync("/forms");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", "40");
        await ShotAsync(page, "department-user-forms");

        response = await page.GotoAsync($"/forms/{own}");
        Assert.Equal(200, response!.Status);

        response = await page.GotoAsync($"/forms/{other}");
        Assert.Equal(404, response!.Status);
        Assert.Equal(0, await page.Locator("#official-table").CountAsync());
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(CorpusFixture.DataBureauDepartment);
        await ShotAsync(page, "department-user-other-form-not-found");

        response = await page.GotoAsync($"/api/v1/forms/{other}");
        Assert.Equal(404, response!.Status);

        // nor through the list's filter
        await page.GotoAsync("/forms?dept=" + Uri.EscapeDataString(CorpusFixture.DataBureauDepartment));
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", "0");
        await page.GotoAsync("/imports");
        Assert.Equal(0, await page.Locator("#upload-form").CountAsync());
    }

    private async Task OnlyAnAdministratorDeletesABatchAsync(IPage page)
    {
        long batch;
        int formsBefore;
        await using (var db = app.Factory.Database.CreateContext())
        {
            batch = await db.ImportBatches.Where(b => b.FileName == Corpus.Songnan2023).Select(b => b.Id).SingleAsync();
            formsBefore = await db.Forms.CountAsync();
        }

        var row = $"#batches tr[data-batch='{batch}']";

        // a finance reviewer imports, but is offered no delete button (the API refuses it too)
        await using (var context = await browser.NewContextAsync(app.BaseUrl))
        {
            var reviewer = await context.NewPageAsync();
            await reviewer.GotoAsync("/login");
            await reviewer.FillAsync("input[name='UserName']", BrowserApp.ReviewerUser);
            await reviewer.FillAsync("input[name='Password']", BrowserApp.ReviewerPassword);
            await reviewer.ClickAsync("form button[type='submit']");
            await reviewer.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
            await reviewer.GotoAsync("/imports");
            await Assertions.Expect(reviewer.Locator("#upload-form")).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.Locator(row)).ToBeVisibleAsync();
            Assert.Equal(0, await reviewer.Locator("#batches button.button-danger").CountAsync());
            await ShotAsync(reviewer, "reviewer-imports-no-delete");
        }

        // the administrator deletes it: the page asks first, then says what went
        await page.GotoAsync("/imports");
        page.Dialog += async (_, dialog) =>
        {
            Assert.Contains($"#{batch}", dialog.Message, StringComparison.Ordinal);
            await dialog.AcceptAsync();
        };
        await page.Locator(row + " button.button-danger").ClickAsync();
        await Assertions.Expect(page.Locator(".notice-info[role='status']")).ToContainTextAsync($"#{batch}");
        await Assertions.Expect(page.Locator(".notice-info[role='status']")).ToContainTextAsync("5");
        Assert.Equal(0, await page.Locator(row).CountAsync());
        await ShotAsync(page, "administrator-deleted-batch");

        await using (var db = app.Factory.Database.CreateContext())
        {
            Assert.Equal(formsBefore - 5, await db.Forms.CountAsync());
            Assert.False(await db.ImportBatches.AnyAsync(b => b.Id == batch));
        }

        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.Locator("#audit tbody tr[data-action='delete']").First).ToContainTextAsync(Corpus.Songnan2023);
    }

    private static async Task<List<long>> RowIdsAsync(IPage page)
    {
        var ids = await page.Locator("#forms-table tbody tr[data-form-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.formId)");
        return [.. ids.Select(i => long.Parse(i, CultureInfo.InvariantCulture)).Order()];
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(shots, $"{++step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot " + Path.GetRelativePath(RepoPaths.Root, path));
    }
}
