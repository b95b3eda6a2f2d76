using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.App.Review;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Review;

/// <summary>
/// An application of its own for the follow-up's web tests: five small self-evaluations (three of the police, two of
/// the data bureau; each with four findings: two CAT-MISSING, WEIGHT-SPLIT, IND-WEIGHT-CONCENTRATED), signed-in
/// clients of every role, and department users of both departments. Each test works on forms of its own.
/// </summary>
public sealed class ReviewFixture : IAsyncLifetime
{
    public const string Police = "上海市公安局宝山分局";
    public const string DataBureau = "上海市宝山区数据局";

    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reviewer { get; private set; } = null!;

    public HttpClient Supervisor { get; private set; } = null!;

    public HttpClient PoliceUser { get; private set; } = null!;

    public HttpClient DataUser { get; private set; } = null!;

    /// <summary>The forms' ids by project name.</summary>
    public Dictionary<string, long> Forms { get; } = [];

    public async Task InitializeAsync()
    {
        var result = await new FormImporter(Factory.Database).ImportFormsAsync(
            [
                SampleForms.SelfEvaluation(Police, 2024, "治安视频监控运维"), SampleForms.SelfEvaluation(Police, 2024, "交通信号灯维护"),
                SampleForms.SelfEvaluation(Police, 2024, "警用装备购置"), SampleForms.SelfEvaluation(DataBureau, 2024, "政务云租赁"),
                SampleForms.SelfEvaluation(DataBureau, 2024, "数据共享平台"),
            ], "review-samples.json", new ImportOptions { User = "test" });
        Assert.True(result.Succeeded);
        await using (var db = Factory.Database.CreateContext())
        {
            foreach (var f in await db.Forms.Select(f => new { f.Id, f.ProjectName }).ToListAsync())
            {
                Forms[f.ProjectName] = f.Id;
            }
        }

        await Factory.CreateUserAsync("police-web", "police-web-password", UserRole.DepartmentUser, Police);
        await Factory.CreateUserAsync("data-web", "data-web-password", UserRole.DepartmentUser, DataBureau);
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        Reviewer = await Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        Supervisor = await Factory.SignedInAsync("supervisor", "jixiao-supervisor");
        PoliceUser = await Factory.SignedInAsync("police-web", "police-web-password");
        DataUser = await Factory.SignedInAsync("data-web", "data-web-password");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Confirms the first finding of <paramref name="formId"/> and asks for rectification as if on <paramref name="day"/>
    /// (a clock of the test's: a request made in the past is overdue now); the request's id.
    /// </summary>
    public Task<long> RequestAsOfAsync(long formId, DateOnly day, DateOnly deadline) => RequestAsOfAsync(Factory.Database, formId, day, deadline);

    /// <inheritdoc cref="RequestAsOfAsync(long, DateOnly, DateOnly)"/>
    public static async Task<long> RequestAsOfAsync(JixiaoDatabase database, long formId, DateOnly day, DateOnly deadline)
    {
        var clock = new FixedClock(default);
        clock.Set(day);
        var store = new ReviewStore(database);
        var policy = new AccessPolicy(new DepartmentDirectory(database), clock);
        var reviewer = new Caller("reviewer", UserRole.FinanceReviewer);
        Assert.True((await new DecideFinding(store, policy, clock).ExecuteAsync(reviewer, formId, 0, Core.Workflow.FindingDecision.Confirmed, "确认")).Succeeded);
        var result = await new RequestRectification(store, policy, clock).ExecuteAsync(reviewer, formId, deadline, "请于期限内整改并答复。");
        Assert.True(result.Succeeded, result.ToString());
        return result.RectificationId!.Value;
    }
}
