using System.Globalization;
using System.Net;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// The police 2023 target declarations and 2024 self-evaluations and the data bureau 2024 self-evaluations,
/// imported through the import page: one project followed from its declaration to its self-evaluation.
/// </summary>
public sealed class LineageFixture : IAsyncLifetime
{
    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        var response = await JixiaoWebFactory.UploadAsync(Admin,
            (Corpus.Police2023Targets, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2023Targets))),
            (Corpus.Police2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Police2024))),
            (Corpus.DataBureau2024, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.DataBureau2024))));
        foreach (var id in CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(ImportStatus.Succeeded, (await Factory.WaitForBatchAsync(id)).Status);
        }

        await Factory.CreateUserAsync("police-user", "police-password-1", UserRole.DepartmentUser, CorpusFixture.PoliceDepartment);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The overview, findings, project and comparison pages.</summary>
public sealed class AnalysisPageTests(LineageFixture fixture) : IClassFixture<LineageFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task A_project_is_followed_from_its_2023_declaration_to_its_2024_self_evaluation()
    {
        var list = await JixiaoWebFactory.HtmlAsync(Admin, "/projects?q=" + Uri.EscapeDataString("特保队伍"));
        var link = list.QuerySelectorAll("#projects a").Single(a => a.TextContent == "区特保队伍经费").GetAttribute("href")!;

        var page = await JixiaoWebFactory.HtmlAsync(Admin, link);

        var forms = page.QuerySelectorAll("#lineage-forms tbody tr");
        Assert.Equal(["declaration", "self"], forms.Select(r => r.GetAttribute("data-kind")));
        Assert.Contains("区特保队伍经费", forms[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2024年区特保队伍经费", forms[1].TextContent, StringComparison.Ordinal);

        // the same targets written differently are not changes; a target that changed is marked
        var rows = page.QuerySelectorAll("#lineage-matrix tbody tr").ToDictionary(r => r.GetAttribute("data-indicator")!);
        var complaints = rows["特保人员日常工作投诉率"].QuerySelectorAll("td").Skip(1).ToList();
        Assert.Equal("< 5%", complaints[0].QuerySelector("span")!.TextContent.Trim());
        Assert.Equal("0", complaints[1].GetAttribute("data-changed"));
        var satisfaction = rows["市民满意度"].QuerySelectorAll("td").Skip(1).ToList();
        Assert.Equal("1", satisfaction[1].GetAttribute("data-changed"));
        Assert.Contains("changed", satisfaction[1].ClassList);
        // indicators of the declaration that the self-evaluation dropped, and new ones
        Assert.Equal("—", rows["特保人员经费发放数量"].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.NotNull(rows["特保人员工作完成率"].QuerySelectorAll("td")[2].QuerySelector(".badge"));

        // every change is counted: 6 of the 12 declared indicators dropped, 4 added, 1 target changed (市民满意度 had none)
        Assert.Equal("（指标值变化 1 处，分值变化 0 处，新增指标 4 项，删除指标 6 项）", page.QuerySelector("#lineage-changes")!.TextContent.Trim());

        // the checks across forms name the declaration on the self-evaluation
        var across = page.QuerySelectorAll("#lineage-findings li").Select(li => li.GetAttribute("data-code")).ToList();
        Assert.Contains("DECL-INDICATORS-CHANGED", across);
    }

    [Fact]
    public async Task A_budget_five_times_the_declared_one_is_flagged_on_the_project_page()
    {
        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/projects/" + Uri.EscapeDataString("视频监控共享平台") + "?dept=" + Uri.EscapeDataString(CorpusFixture.PoliceDepartment));

        var jump = page.QuerySelectorAll("#lineage-findings li").Single(li => li.GetAttribute("data-code") == "DECL-BUDGET-JUMP");
        Assert.Contains("5.51 倍", jump.TextContent, StringComparison.Ordinal);
        Assert.Equal("（指标值变化 0 处，分值变化 0 处，新增指标 1 项，删除指标 4 项）", page.QuerySelector("#lineage-changes")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var response = await Admin.GetAsync("/projects/" + Uri.EscapeDataString("没有这个项目"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_findings_summary_counts_each_check_and_department_and_opens_the_list_filtered_to_it()
    {
        await using var db = fixture.Factory.Database.CreateContext();
        var byCode = await db.Findings.GroupBy(f => f.Code).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);

        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/findings");

        var lines = page.QuerySelectorAll("#summary-table tbody tr[data-code]");
        Assert.Equal(byCode.Count, lines.Length);
        foreach (var line in lines)
        {
            var code = line.GetAttribute("data-code")!;
            var count = line.QuerySelectorAll("td")[1];
            Assert.Equal(byCode[code], int.Parse(count.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            Assert.Equal("/findings?check=" + code, count.QuerySelector("a")!.GetAttribute("href"));
        }

        var byDepartment = await JixiaoWebFactory.HtmlAsync(Admin, "/findings?by=department");
        var departments = byDepartment.QuerySelectorAll("#summary-table tbody tr[data-department]").Select(d => d.GetAttribute("data-department")!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { CorpusFixture.PoliceDepartment, CorpusFixture.DataBureauDepartment }.Order(StringComparer.Ordinal), departments);
    }

    [Fact]
    public async Task The_comparison_counts_full_marks_and_deductions_without_reasons_per_department()
    {
        await using var db = fixture.Factory.Database.CreateContext();
        var police = await db.Forms.Where(f => f.Department == CorpusFixture.PoliceDepartment && f.Kind == Core.Forms.FormKind.SelfEvaluation).Select(f => f.Id).ToListAsync();
        var indicators = await db.Indicators.Where(i => police.Contains(i.FormId) && i.Weight != null && i.Score != null).ToListAsync();
        var full = indicators.Count(i => i.Score >= i.Weight);
        var noReason = indicators.Count(i => i.Score < i.Weight && string.IsNullOrEmpty(i.Deviation));

        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/compare");

        var row = page.QuerySelectorAll("#compare tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == CorpusFixture.PoliceDepartment);
        var cells = row.QuerySelectorAll("td");
        Assert.Equal(police.Count.ToString(CultureInfo.InvariantCulture), cells[1].TextContent.Trim());
        Assert.Contains($"{full} / {indicators.Count}", cells[2].TextContent, StringComparison.Ordinal);
        Assert.StartsWith(noReason.ToString(CultureInfo.InvariantCulture), cells[5].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_counts_the_forms_and_drills_down_to_the_list()
    {
        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/");

        Assert.Equal("74", page.QuerySelector("#overview-cards [data-forms]")!.GetAttribute("data-forms"));
        var police = page.QuerySelectorAll("#departments a").First(a => a.TextContent == CorpusFixture.PoliceDepartment).GetAttribute("href")!;
        var list = await JixiaoWebFactory.HtmlAsync(Admin, police);
        Assert.Equal("40", list.QuerySelector("#form-count")!.GetAttribute("data-total"));
        Assert.NotNull(page.QuerySelector("script#overview-data[type='application/json']"));
    }

    [Fact]
    public async Task A_department_user_sees_only_the_own_department_on_the_analysis_pages()
    {
        var client = await fixture.Factory.SignedInAsync("police-user", "police-password-1");

        var overview = await JixiaoWebFactory.HtmlAsync(client, "/");
        Assert.Equal("40", overview.QuerySelector("#overview-cards [data-forms]")!.GetAttribute("data-forms"));
        foreach (var path in new[] { "/", "/findings", "/findings?by=department", "/compare", "/projects" })
        {
            var text = (await JixiaoWebFactory.HtmlAsync(client, path)).Body!.TextContent;
            Assert.DoesNotContain(CorpusFixture.DataBureauDepartment, text, StringComparison.Ordinal);
            Assert.DoesNotContain("大数据中心", text, StringComparison.Ordinal);
        }
    }
}
