using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jixiao.App.Filings;
using Jixiao.App.Imports;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Public;

/// <summary>
/// Filings in every status of one department, made through the filing API (decision 009), and imported forms: one
/// declaration published (its values known), one a draft, one submitted, one returned with a comment, one approved but
/// not published, and two self-evaluations imported from a file (published by others, not in Jixiao).
/// </summary>
public sealed class PublicScenario
{
    public const string Police = "上海市公安局宝山分局";
    public const string DataBureau = "上海市宝山区数据局";
    public const string PublishedProject = "道路监控建设";

    /// <summary>The project of each filing that must never be public, by its status.</summary>
    public static readonly IReadOnlyDictionary<string, string> Hidden = new Dictionary<string, string>
    {
        ["draft"] = "草稿项目监控运维",
        ["submitted"] = "已提交项目卡口改造",
        ["returned"] = "已退回项目执法记录仪",
        ["approved"] = "已审核项目电子警察",
    };

    public long PublishedFilingId { get; private set; }

    public long PublishedFormId { get; private set; }

    /// <summary>The filing ids of <see cref="Hidden"/>, by status.</summary>
    public Dictionary<string, long> HiddenFilings { get; } = [];

    /// <summary>The declaration as approved and published.</summary>
    public static PerformanceForm Declaration(string project) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2025,
        ProjectName = project,
        Department = Police,
        ImplementingUnit = "宝山分局科技处",
        Category = "信息化建设",
        MoneyUnit = MoneyUnit.Yuan,
        PlannedStart = new DateOnly(2025, 1, 1),
        PlannedEnd = new DateOnly(2025, 12, 31),
        DeclarationFunds = new DeclarationFunds { ProjectTotal = 1_200_000, ProjectFiscal = 1_200_000, AnnualTotal = 500_000, AnnualAppropriation = 500_000 },
        Goals = new Goals { Overall = "道路监控全覆盖。", Annual = "新增监控点位 200 个。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "新增监控点位", Target = "≥200(个)", Weight = 50 },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "案件发案率下降", Target = "≥5(%)", Weight = 30 },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Target = "≥90(%)", Weight = 10 },
        ],
    };

    /// <summary>
    /// Makes the users, imports two forms and takes the filings to their statuses, through the test server or, for a
    /// browser test's real server, through <paramref name="baseAddress"/>.
    /// </summary>
    public static async Task<PublicScenario> CreateAsync(JixiaoWebFactory factory, string? baseAddress = null)
    {
        async Task<HttpClient> SignedInAsync(string userName, string password)
        {
            if (baseAddress is null)
            {
                return await factory.SignedInAsync(userName, password);
            }

            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseAddress) };
            var response = await JixiaoWebFactory.LoginAsync(client, userName, password);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 3000)]}");
            return client;
        }

        var imported = await new FormImporter(factory.Database).ImportFormsAsync(
            [SampleForms.SelfEvaluation(Police, 2025), SampleForms.SelfEvaluation(DataBureau, 2025)], "imported.json");
        Assert.True(imported.Succeeded);
        await factory.CreateUserAsync("public-filler", "public-filler-password", UserRole.DepartmentUser, Police);
        await factory.CreateUserAsync("public-reviewer", "public-reviewer-password", UserRole.DepartmentReviewer, Police);
        var filler = await SignedInAsync("public-filler", "public-filler-password");
        var reviewer = await SignedInAsync("public-reviewer", "public-reviewer-password");
        var finance = await SignedInAsync("reviewer", "jixiao-reviewer");

        var scenario = new PublicScenario();
        scenario.PublishedFilingId = await DraftAsync(filler, PublishedProject);
        await StepAsync(filler, scenario.PublishedFilingId, "submit", "{}");
        await StepAsync(reviewer, scenario.PublishedFilingId, "approve", "{}");
        var published = await StepAsync(finance, scenario.PublishedFilingId, "publish", "{}");
        scenario.PublishedFormId = published.GetProperty("filing").GetProperty("publishedFormId").GetInt64();

        foreach (var (status, project) in Hidden)
        {
            var id = await DraftAsync(filler, project);
            scenario.HiddenFilings[status] = id;
            if (status == "draft")
            {
                continue;
            }

            await StepAsync(filler, id, "submit", "{}");
            if (status == "returned")
            {
                await StepAsync(reviewer, id, "return", """{"comments":[{"field":"indicators[0].target","text":"目标值偏低"}]}""");
            }
            else if (status == "approved")
            {
                await StepAsync(reviewer, id, "approve", "{}");
            }
        }

        return scenario;
    }

    private static async Task<long> DraftAsync(HttpClient client, string project)
    {
        var created = await PostAsync(client, "/api/v1/filings", $$"""{"kind":"target-declaration","content":{{FilingContent.Write(Declaration(project))}}}""", HttpStatusCode.Created);
        return created.GetProperty("filing").GetProperty("id").GetInt64();
    }

    private static Task<JsonElement> StepAsync(HttpClient client, long id, string step, string body) =>
        PostAsync(client, $"/api/v1/filings/{id}/{step}", body, HttpStatusCode.OK);

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-CSRF-TOKEN", await ApiClient.TokenAsync(client));
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }
}
