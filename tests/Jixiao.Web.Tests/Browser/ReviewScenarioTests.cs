using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.App.Imports;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// The issue's "works through a finding from warning to rectification as reviewer and department user", in headless
/// Chromium on SQLite and on PostgreSQL: a finance reviewer dismisses one finding and confirms another, asks the
/// police for rectification with a deadline; the police's department user finds it under 我的整改 and answers; the
/// reviewer accepts; the form shows 已整改 (and Rectified in English), the form list finds it by its review state, and
/// the administrator's audit log shows each step. Screenshots go to artifacts/screenshots/issue10-followup/{database}/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewScenarioTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Project = "治安视频监控运维";

    /// <summary>A project of the police whose request was made last year and never answered: overdue.</summary>
    private const string Late = "交通信号灯维护";

    private string shots = "";
    private int step;

    [BrowserFact]
    public async Task A_finding_is_worked_from_warning_to_rectification_by_reviewer_and_department_on_sqlite()
    {
        await using var app = await BrowserApp.StartSqliteAsync();
        await RunAsync(app);
    }

    [BrowserPostgresFact]
    public async Task A_finding_is_worked_from_warning_to_rectification_by_reviewer_and_department_on_postgres()
    {
        await using var app = await BrowserApp.StartPostgresAsync(BrowserEnvironment.Postgres!);
        await RunAsync(app);
    }

    private async Task RunAsync(BrowserApp app)
    {
        shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots", "issue10-followup", app.Label);
        if (Directory.Exists(shots))
        {
            Directory.Delete(shots, recursive: true);
        }

        Directory.CreateDirectory(shots);
        var imported = await new FormImporter(app.Factory.Database).ImportFormsAsync(
            [SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024, Project), SampleForms.SelfEvaluation(CorpusFixture.PoliceDepartment, 2024, Late)],
            "followup.json", new ImportOptions { User = "admin" });
        Assert.True(imported.Succeeded);
        long form;
        await using (var db = app.Factory.Database.CreateContext())
        {
            form = await db.Forms.Where(f => f.ProjectName == Project).Select(f => f.Id).SingleAsync();
            var late = await db.Forms.Where(f => f.ProjectName == Late).Select(f => f.Id).SingleAsync();
            await Review.ReviewFixture.RequestAsOfAsync(app.Factory.Database, late, new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 30));
        }

        await using var reviewerContext = await browser.NewContextAsync(app.BaseUrl);
        var reviewer = await SignInAsync(reviewerContext, BrowserApp.ReviewerUser, BrowserApp.ReviewerPassword);
        await using var departmentContext = await browser.NewContextAsync(app.BaseUrl);
        var department = await SignInAsync(departmentContext, BrowserApp.PoliceUser, BrowserApp.PolicePassword);

        await ReviewerConfirmsAndAsksForRectificationAsync(reviewer, form);
        await DepartmentFindsAndAnswersItAsync(department, form);
        await ReviewerAcceptsTheAnswerAsync(reviewer, form);
        await TheFormReadsRectifiedInEnglishTooAsync(reviewer, department);
        await TheAuditLogShowsEachStepAsync(app, form);
    }

    private async Task ReviewerConfirmsAndAsksForRectificationAsync(IPage page, long form)
    {
        await page.GotoAsync($"/forms/{form}");
        await Assertions.Expect(page.Locator("#review-state")).ToHaveAttributeAsync("data-state", "pending");
        await Assertions.Expect(page.Locator("#review-state")).ToHaveTextAsync("待复核");
        await Assertions.Expect(page.Locator("form.review-form")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#rectify-hint")).ToBeVisibleAsync();
        await ShotAsync(page, "reviewer-form-pending");

        // a dismissal needs its reason: the browser's own check first is not relied on, the page says it
        var second = page.Locator("form.review-form[data-position='1']");
        await second.Locator("button[data-action='dismiss']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-error")).ToHaveTextAsync("请填写说明：排除问题或退回答复都要写明理由。");
        await ShotAsync(page, "reviewer-dismiss-needs-note");

        await page.Locator("form.review-form[data-position='1'] input[name='note']").FillAsync("本项目无直接服务对象，满意度指标不适用");
        await page.Locator("form.review-form[data-position='1'] button[data-action='dismiss']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("问题 2 已排除。");
        await page.Locator("form.review-form[data-position='0'] input[name='note']").FillAsync("缺少效益指标，属实");
        await page.Locator("form.review-form[data-position='0'] button[data-action='confirm']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("问题 1 已确认。");
        await Assertions.Expect(page.Locator(".review-line").Nth(0)).ToHaveAttributeAsync("data-decision", "confirmed");
        await Assertions.Expect(page.Locator(".review-line").Nth(1)).ToHaveAttributeAsync("data-decision", "dismissed");
        await Assertions.Expect(page.Locator(".review-line").Nth(1)).ToContainTextAsync("满意度指标不适用");
        await ShotAsync(page, "reviewer-confirmed-and-dismissed");

        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#rectify-form textarea[name='text']").FillAsync("请补充效益指标，并于期限内报送修改后的自评表。");
        await page.Locator("#rectify-form input[name='deadline']").FillAsync(deadline);
        await page.Locator("#rectify-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("整改通知已下发。");
        await Assertions.Expect(page.Locator("#review-state")).ToHaveTextAsync("需整改");
        var request = page.Locator(".rectification[data-status='open']");
        await Assertions.Expect(request).ToContainTextAsync(deadline);
        await Assertions.Expect(request.Locator(".thread li[data-step='request']")).ToContainTextAsync("请补充效益指标");
        await Assertions.Expect(page.Locator("form.review-form")).ToHaveCountAsync(0); // conclusions are frozen while it runs
        await ShotAsync(page, "reviewer-rectification-requested");
    }

    private async Task DepartmentFindsAndAnswersItAsync(IPage page, long form)
    {
        await page.GotoAsync("/");
        var nav = page.Locator("#nav-rectifications");
        await Assertions.Expect(nav).ToContainTextAsync("我的整改");
        await Assertions.Expect(nav.Locator("[data-waiting]")).ToHaveAttributeAsync("data-waiting", "2");
        await Assertions.Expect(nav.Locator("[data-overdue]")).ToHaveAttributeAsync("data-overdue", "1");
        await ShotAsync(page, "department-nav-my-rectifications");

        await nav.ClickAsync();
        await page.WaitForURLAsync("**/rectifications");
        var row = page.Locator("#rectifications tbody tr").Filter(new() { HasText = Project });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "open");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-overdue", "false");
        var late = page.Locator("#rectifications tbody tr").Filter(new() { HasText = Late });
        await Assertions.Expect(late).ToHaveClassAsync("overdue");
        await Assertions.Expect(late.Locator(".overdue-mark")).ToHaveTextAsync(new Regex(@"^逾期 \d+ 天$"));
        await ShotAsync(page, "department-rectification-list");

        await page.ClickAsync("#overdue-filter");
        await page.WaitForURLAsync("**/rectifications?overdue=1");
        await Assertions.Expect(page.Locator("#rectifications tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#rectifications tbody tr.overdue")).ToContainTextAsync(Late);
        await ShotAsync(page, "department-overdue-only");
        await page.ClickAsync("#rectification-filters a:first-child");
        await page.WaitForURLAsync("**/rectifications");

        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/forms/{form}"));
        await Assertions.Expect(page.Locator("form.review-form")).ToHaveCountAsync(0);
        await page.Locator("#answer-form textarea[name='text']").FillAsync("已补充“视频调阅响应时间”效益指标，修改后的自评表已报送。");
        await page.Locator("#answer-form input[name='done']").CheckAsync();
        await ShotAsync(page, "department-answering");
        await page.Locator("#answer-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("答复已提交。");
        var request = page.Locator(".rectification[data-status='answered']");
        await Assertions.Expect(request.Locator(".thread li[data-step='answer']")).ToContainTextAsync("已完成整改");
        await Assertions.Expect(page.Locator("#answer-form")).ToHaveCountAsync(0);
        await ShotAsync(page, "department-answered");
    }

    private async Task ReviewerAcceptsTheAnswerAsync(IPage page, long form)
    {
        await page.GotoAsync("/rectifications?status=answered");
        await Assertions.Expect(page.Locator("#nav-rectifications [data-waiting]")).ToHaveAttributeAsync("data-waiting", "1");
        await ShotAsync(page, "reviewer-answers-waiting");
        await page.Locator("#rectifications tbody tr").Filter(new() { HasText = Project }).Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/forms/{form}"));
        await page.Locator("#close-form textarea[name='note']").FillAsync("整改到位，予以通过。");
        await page.Locator("#close-form button[data-action='accept']").ClickAsync();
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("已通过整改答复，该表已整改。");
        await Assertions.Expect(page.Locator("#review-state")).ToHaveAttributeAsync("data-state", "rectified");
        await Assertions.Expect(page.Locator("#review-state")).ToHaveTextAsync("已整改");
        await Assertions.Expect(page.Locator("#review-state-card")).ToHaveTextAsync("已整改");
        await Assertions.Expect(page.Locator(".rectification[data-status='accepted'] .thread li")).ToHaveCountAsync(3);
        await ShotAsync(page, "reviewer-accepted-rectified");

        await page.GotoAsync("/forms?review=rectified");
        await Assertions.Expect(page.Locator("#form-count")).ToHaveAttributeAsync("data-total", "1");
        await Assertions.Expect(page.Locator("#forms-table tbody")).ToContainTextAsync(Project);
        await ShotAsync(page, "forms-filtered-rectified");
    }

    private async Task TheFormReadsRectifiedInEnglishTooAsync(IPage reviewer, IPage department)
    {
        await reviewer.GotoAsync("/forms?review=rectified");
        await reviewer.Locator("#forms-table tbody a").Filter(new() { HasText = Project }).First.ClickAsync();
        await reviewer.ClickAsync("a.lang");
        await Assertions.Expect(reviewer.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^en"));
        await Assertions.Expect(reviewer.Locator("#review-title")).ToContainTextAsync("Review and rectification");
        await Assertions.Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("Rectified");
        await Assertions.Expect(reviewer.Locator(".thread li[data-step='accept'] .who")).ToContainTextAsync("Accepted");
        await Assertions.Expect(reviewer.Locator(".review-line").Nth(1)).ToContainTextAsync("Dismissed");
        await ShotAsync(reviewer, "reviewer-rectified-english");
        await reviewer.ClickAsync("a.lang");
        await Assertions.Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("已整改");

        await department.GotoAsync("/rectifications");
        await department.ClickAsync("a.lang");
        await Assertions.Expect(department.Locator("h1")).ToContainTextAsync("My rectifications");
        await Assertions.Expect(department.Locator("#rectifications tbody tr").Filter(new() { HasText = Project })).ToContainTextAsync("Accepted");
        await ShotAsync(department, "department-list-english");
    }

    private async Task TheAuditLogShowsEachStepAsync(BrowserApp app, long form)
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var admin = await SignInAsync(context, "admin", "jixiao-admin");
        await admin.GotoAsync("/admin/audit");
        foreach (var (action, actor) in new[]
        {
            ("finding-dismiss", BrowserApp.ReviewerUser), ("finding-confirm", BrowserApp.ReviewerUser), ("rectification-request", BrowserApp.ReviewerUser),
            ("rectification-answer", BrowserApp.PoliceUser), ("rectification-accept", BrowserApp.ReviewerUser),
        })
        {
            var row = admin.Locator($"#audit tbody tr[data-action='{action}']").Filter(new() { HasText = Project });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync(actor);
        }

        await Assertions.Expect(admin.Locator("#audit tbody tr[data-action='finding-confirm']").Filter(new() { HasText = Project })).ToContainTextAsync($"表单 {form}");
        await ShotAsync(admin, "audit-log-each-step");
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name='UserName']", user);
        await page.FillAsync("input[name='Password']", password);
        await page.ClickAsync("form button[type='submit']");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        return page;
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(shots, $"{++step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot " + Path.GetRelativePath(RepoPaths.Root, path));
    }
}
