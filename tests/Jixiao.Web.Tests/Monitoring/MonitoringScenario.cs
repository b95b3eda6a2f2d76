using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Web.Tests.Filings;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>Approved declarations to monitor, made through the use cases (created by a department user, submitted, approved by the department's reviewer).</summary>
internal static class MonitoringScenario
{
    /// <summary>A declaration of <paramref name="department"/> for <paramref name="year"/>: <paramref name="budget"/> yuan, a count of 200 卡口 and two percentages.</summary>
    public static PerformanceForm Declaration(string project, int year, decimal budget, string department = FilingFixture.Police) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = year,
        ProjectName = project,
        Department = department,
        PlannedStart = new DateOnly(year, 1, 1),
        PlannedEnd = new DateOnly(year, 12, 31),
        DeclarationFunds = new DeclarationFunds { AnnualTotal = budget, AnnualAppropriation = budget },
        Goals = new Goals { Overall = "建成治安卡口。", Annual = "新建卡口 200 个。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新建卡口数", Target = "≥200(个)", Weight = 60 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "卡口预警处置率", Target = "≥95(%)", Weight = 20 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    /// <summary>Stores <paramref name="form"/> as a filing of its department and approves it; its id.</summary>
    public static async Task<long> ApprovedAsync(IServiceProvider services, PerformanceForm form)
    {
        var department = form.Department!;
        var user = new Caller("filler", UserRole.DepartmentUser, department);
        var created = await services.GetRequiredService<CreateFiling>().ExecuteAsync(user, new FilingDraft(FormKind.TargetDeclaration) { Content = FilingContent.Write(form) });
        Assert.True(created.Filing is not null, created.Message?.En);
        var id = created.Filing!.Filing.Id;
        var steps = services.GetRequiredService<FilingSteps>();
        Assert.Equal(FilingOutcome.Done, (await steps.SubmitAsync(user, id)).Outcome);
        Assert.Equal(FilingOutcome.Done, (await steps.ApproveAsync(new Caller("reviewer-of-" + department, UserRole.DepartmentReviewer, department), id, null)).Outcome);
        return id;
    }
}
