using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Forms;

/// <summary>
/// The corpus fixture and one more form made to show the number and grade rules: no printed grade (its 优 is derived
/// from the printed total 96.8), a fund row whose 执行率 is not printed (—) though its amounts give 94.30%.
/// </summary>
public sealed class FormListFixture : IAsyncLifetime
{
    public const string ProjectName = "格式测试项目";

    public CorpusFixture Corpus { get; } = new();

    public long FormId { get; private set; }

    public async Task InitializeAsync()
    {
        await Corpus.InitializeAsync();
        var form = new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = 2024,
            ProjectName = ProjectName,
            Department = "测试区格式局",
            ImplementingUnit = "测试区格式中心",
            SelfEvaluationFunds = new SelfEvaluationFunds
            {
                Total = new FundLine { InitialBudget = 1_000_000, AnnualBudget = 1_000_000, Executed = 943_000, Weight = 10, ExecutionRate = null, Score = 9.43m },
            },
            Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "完成数量", Target = "≥10(个)", Actual = "10(个)", Weight = 90, Score = 87.37m }],
            TotalWeight = 100,
            TotalScore = 96.8m,
            Grade = null,
        };
        var response = await JixiaoWebFactory.UploadAsync(Corpus.Admin, ("format.json", Encoding.UTF8.GetBytes(FormJsonWriter.ToJson(form))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await Corpus.Factory.WaitForBatchAsync(CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync()).Single());
        await using var db = Corpus.Factory.Database.CreateContext();
        FormId = await db.Forms.Where(f => f.ImportBatchId == batch.Id).Select(f => f.Id).SingleAsync();
    }

    public Task DisposeAsync() => Corpus.DisposeAsync();
}

/// <summary>
/// The form list and the form page as a supervisor meets them (issue 10): a search of several words, the unit filter by a
/// part of the name with suggestions, a page past the end, the page size, one number format per kind of number, a
/// derived grade told apart from a printed one, a missing printed rate that is no mismatch, and source-line links.
/// </summary>
public sealed class FormListTests(FormListFixture fixture) : IClassFixture<FormListFixture>
{
    private HttpClient Admin => fixture.Corpus.Admin;

    private static long Total(IHtmlDocument page) => long.Parse(page.QuerySelector("#form-count")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    private static List<string> Projects(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#forms-table tbody tr .title-cell a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Words_separated_by_spaces_must_all_occur_and_the_page_says_so()
    {
        foreach (var q in new[] { "视频 共享", "视频\u3000共享" })
        {
            var page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString(q));
            Assert.Contains("2024年视频监控共享平台", Projects(page));
            Assert.Equal(["视频", "共享"], page.QuerySelectorAll("#search-terms [data-term=include]").Select(c => c.TextContent));
            Assert.Contains("全部出现", page.QuerySelector("#search-hint")!.TextContent, StringComparison.Ordinal);
        }

        // a phrase must occur as written; an excluded word must not occur
        Assert.DoesNotContain("2024年视频监控共享平台", Projects(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString("\"视频 共享\""))));
        var excluded = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString("视频 共享 -监控"));
        Assert.DoesNotContain("2024年视频监控共享平台", Projects(excluded));
        Assert.Equal(["监控"], excluded.QuerySelectorAll("#search-terms [data-term=exclude]").Select(c => c.TextContent));
        Assert.Equal(["2024年区特保队伍经费"], Projects(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString("“特保 队伍” 经费"))));

        // the API reads q the same way
        using var api = await Api.ApiClient.GetJsonAsync(Admin, "/api/v1/forms?q=" + Uri.EscapeDataString("特保 经费"));
        Assert.Equal(["2024年区特保队伍经费"], Api.ApiClient.Items(api).Select(i => i.GetProperty("projectName").GetString()));
    }

    [Fact]
    public async Task The_unit_filter_takes_a_part_of_the_name_and_suggests_the_units_in_scope()
    {
        Assert.Equal(34, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?unit=" + Uri.EscapeDataString("大数据中心"))));
        Assert.Equal(34, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?unit=" + Uri.EscapeDataString("上海市宝山区大数据中心"))));
        Assert.Equal(0, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?unit=" + Uri.EscapeDataString("不存在的单位"))));
        using var api = await Api.ApiClient.GetJsonAsync(Admin, "/api/v1/forms?unit=" + Uri.EscapeDataString("大数据中心"));
        Assert.Equal(34, Api.ApiClient.TotalCount(api));

        await using var db = fixture.Corpus.Factory.Database.CreateContext();
        var all = await db.Forms.Select(f => f.ImplementingUnit).Distinct().ToListAsync();
        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms");
        var offered = page.QuerySelectorAll("#unit-options option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), offered);
        Assert.Equal("unit-options", page.QuerySelector("input[name=unit]")!.GetAttribute("list"));

        // a department user is offered the units of their own department only
        var police = await fixture.Corpus.Factory.SignedInAsync("police-user", "police-password-1");
        var policeUnits = (await JixiaoWebFactory.HtmlAsync(police, "/forms")).QuerySelectorAll("#unit-options option").Select(o => o.GetAttribute("value")).ToList();
        var expected = await db.Forms.Where(f => f.Department == CorpusFixture.PoliceDepartment).Select(f => f.ImplementingUnit).Distinct().ToListAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), policeUnits);
        Assert.DoesNotContain("上海市宝山区大数据中心", policeUnits);
    }

    [Fact]
    public async Task A_page_past_the_end_goes_to_the_last_page_with_its_true_range()
    {
        var dept = Uri.EscapeDataString(CorpusFixture.PoliceDepartment);
        var response = await Admin.GetAsync($"/forms?dept={dept}&size=20&page=9999");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/forms?dept={dept}&page=2&size=20", location);

        var page = await JixiaoWebFactory.HtmlAsync(Admin, location);
        Assert.Equal("第 21–37 张，共 37 张", page.QuerySelector(".pager .muted")!.TextContent);
        Assert.Equal(17, page.QuerySelectorAll("#forms-table tbody tr").Length);
        Assert.Equal("2", page.QuerySelector(".pager .current")!.TextContent);

        // nothing matches: the first page, which says so
        var none = await Admin.GetAsync("/forms?q=" + Uri.EscapeDataString("不存在的词语") + "&page=3");
        Assert.Equal("/forms?q=" + Uri.EscapeDataString("不存在的词语"), none.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_and_the_api_take_each_others_parameter_names()
    {
        var dept = Uri.EscapeDataString(CorpusFixture.PoliceDepartment);
        var web = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms?dept={dept}&smin=90&emax=100&rgrade=excellent&size=20&sort=score&desc=1");
        var apiNames = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms?department={dept}&scoreMin=90&rateMax=100&recomputedGrade=excellent&pageSize=20&sort=-score");
        var ids = Ids(web);
        Assert.True(Total(web) is > 0 and < 37, $"{Total(web)} forms");
        Assert.Equal(Total(web), Total(apiNames));
        Assert.Equal(ids, Ids(apiNames));
        Assert.Equal("20", apiNames.QuerySelector("select#page-size option[selected]")!.GetAttribute("value"));

        using var api = await Api.ApiClient.GetJsonAsync(Admin, $"/api/v1/forms?dept={dept}&smin=90&emax=100&rgrade=excellent&size=20&sort=score&desc=1");
        Assert.Equal(Total(web), Api.ApiClient.TotalCount(api));
        Assert.Equal(ids, Api.ApiClient.Items(api).Select(i => i.GetProperty("id").GetInt64()));
    }

    private static List<long> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#forms-table tbody tr").Select(r => long.Parse(r.GetAttribute("data-form-id")!, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task The_page_size_is_chosen_from_20_50_100_and_200()
    {
        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?size=20");
        var select = page.QuerySelector("select#page-size")!;
        Assert.Equal("size", select.GetAttribute("name"));
        Assert.Equal(["20", "50", "100", "200"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("20", select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal(20, page.QuerySelectorAll("#forms-table tbody tr").Length);
        Assert.Equal(72, Total(page));
        Assert.Equal(72, (await JixiaoWebFactory.HtmlAsync(Admin, "/forms?size=100")).QuerySelectorAll("#forms-table tbody tr").Length);
    }

    [Fact]
    public async Task Scores_have_two_decimals_and_rates_two_decimals_and_a_percent_sign_in_the_list_the_page_and_the_exports()
    {
        var list = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString(FormListFixture.ProjectName));
        var cells = list.QuerySelectorAll("#forms-table tbody tr td.num").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["100.00", "94.30%", "96.80"], cells.Take(3));

        // every score and rate of the whole list follows the rule
        var all = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?size=200");
        foreach (var row in all.QuerySelectorAll("#forms-table tbody tr"))
        {
            var nums = row.QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()).ToList();
            Assert.Matches(@"^(—|\d+\.\d\d%)$", nums[1]);
            Assert.Matches(@"^(—|\d+\.\d\d)$", nums[2]);
            Assert.Matches(@"^(—|\d+\.\d\d)$", nums[3]);
        }

        var form = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{fixture.FormId}");
        Assert.StartsWith("96.80", form.QuerySelector(".cards .stat .value")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("94.30%", form.QuerySelector(".cards")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("87.37", form.QuerySelector("[data-field='indicators[0].score']")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("96.80", form.QuerySelector("[data-field='totalScore']")!.TextContent.Trim(), StringComparison.Ordinal);

        var csv = Csv.Parse((await Admin.GetStringAsync("/api/v1/forms/export?format=csv&q=" + Uri.EscapeDataString(FormListFixture.ProjectName))).TrimStart('\uFEFF'));
        var header = csv[0];
        Assert.Equal("96.80", csv[1][Array.IndexOf(header, "自评得分")]);
        Assert.Equal("94.30", csv[1][Array.IndexOf(header, "执行率（%）")]);
    }

    [Fact]
    public async Task A_grade_derived_from_the_total_is_marked_apart_from_a_printed_one()
    {
        var list = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString(FormListFixture.ProjectName));
        var grade = list.QuerySelector("#forms-table tbody tr td.center .grade")!;
        Assert.Equal("优", grade.TextContent);
        Assert.Contains("derived", grade.ClassList);
        Assert.Contains("按自评总分推得", grade.GetAttribute("title"), StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("#derived-grade-note"));

        var form = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{fixture.FormId}");
        Assert.Contains("derived", form.QuerySelector("#claimed-grade")!.ClassList);
        Assert.Contains("优（按总分推得）", form.QuerySelector("#derived-grade-note")!.TextContent, StringComparison.Ordinal);

        // a printed grade is not marked
        await using var db = fixture.Corpus.Factory.Database.CreateContext();
        var printed = await db.Forms.Where(f => f.GradePrinted != null).Select(f => f.Id).FirstAsync();
        var printedPage = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{printed}");
        Assert.DoesNotContain("derived", printedPage.QuerySelector("#claimed-grade")!.ClassList);
        Assert.Null(printedPage.QuerySelector("#derived-grade-note"));
    }

    [Fact]
    public async Task A_rate_the_form_does_not_print_is_no_mismatch()
    {
        var form = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{fixture.FormId}");
        var rate = form.QuerySelector("[data-field='funds.total.executionRate']")!;
        Assert.StartsWith("—", rate.TextContent.Trim(), StringComparison.Ordinal);
        var recomputed = rate.QuerySelector(".recomputed")!;
        Assert.Contains("94.30", recomputed.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("differs", recomputed.ClassList);

        // a printed value that differs is still marked
        await using var db = fixture.Corpus.Factory.Database.CreateContext();
        var differing = await db.Forms.Where(f => f.TotalScore != null && f.RecomputedTotal != null && f.TotalScore - f.RecomputedTotal >= 1).Select(f => f.Id).FirstAsync();
        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{differing}");
        Assert.Contains("differs", page.QuerySelector("[data-field='totalScore'] .recomputed")!.ClassList);
    }

    [Fact]
    public async Task Source_line_references_link_to_the_line_in_the_source_panel()
    {
        await using var db = fixture.Corpus.Factory.Database.CreateContext();
        var finding = await db.Findings.Where(f => f.SourceLine > 0).OrderBy(f => f.FormId).FirstAsync();
        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{finding.FormId}");

        var link = page.QuerySelectorAll("#findings-list a.line-ref").First(a => a.GetAttribute("href") == $"#L{finding.SourceLine}");
        Assert.Equal($"源文件第 {finding.SourceLine} 行", link.TextContent);
        Assert.NotNull(page.QuerySelector($"#source-lines tr#L{finding.SourceLine}"));

        var form = await db.Forms.SingleAsync(f => f.Id == finding.FormId);
        var lines = page.QuerySelectorAll(".meta a.line-ref").Single();
        Assert.Equal($"#L{form.SourceFirstLine}", lines.GetAttribute("href"));
        Assert.Equal($"{form.SourceFirstLine}–{form.SourceLastLine}", lines.TextContent);
    }
}
