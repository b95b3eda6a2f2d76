using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>The form list's filters, sorting and paging, and the form detail page, over two imported corpus files.</summary>
public sealed class FormPageTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private HttpClient Admin => corpus.Admin;

    private static long Total(IHtmlDocument page) => long.Parse(page.QuerySelector("#form-count")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    private static List<long> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#forms-table tbody tr").Select(r => long.Parse(r.GetAttribute("data-form-id")!, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task Filters_in_the_query_string_select_the_forms()
    {
        Assert.Equal(71, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?year=2024")));
        Assert.Equal(0, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?year=2023")));
        Assert.Equal(37, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?dept=" + Uri.EscapeDataString(CorpusFixture.PoliceDepartment))));
        Assert.Equal(34, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?dept=" + Uri.EscapeDataString("上海市宝山区 数据局"))));
        Assert.Equal(71, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?kind=self")));
        Assert.Equal(0, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?kind=declaration")));
        Assert.Equal(34, Total(await JixiaoWebFactory.HtmlAsync(Admin, "/forms?unit=" + Uri.EscapeDataString("上海市宝山区大数据中心"))));
    }

    [Fact]
    public async Task Full_text_search_finds_the_project_by_part_of_its_name()
    {
        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?q=" + Uri.EscapeDataString("涉案财务存放"));

        Assert.Equal(1, Total(page));
        Assert.Contains("2024年涉案财务存放管理", page.QuerySelector("#forms-table tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Uri.EscapeDataString("涉案财务存放"), Uri.EscapeDataString(page.QuerySelector("input[name=q]")!.GetAttribute("value")!));
    }

    [Fact]
    public async Task The_check_filter_lists_exactly_the_forms_with_that_finding()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var code = await db.Findings.GroupBy(f => f.Code).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var expected = await db.Findings.Where(f => f.Code == code).Select(f => f.FormId).Distinct().OrderBy(x => x).ToListAsync();

        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms?check={code}&size=500");

        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected, Ids(page).Order().ToList());
    }

    [Fact]
    public async Task Score_and_execution_rate_ranges_select_the_forms_in_range()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var scores = await db.Forms.Select(f => f.TotalScore).ToListAsync();
        var rates = await db.Forms.Select(f => f.ExecutionRate).ToListAsync();

        var page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?smin=90&smax=95.5&size=500");
        Assert.Equal(scores.Count(s => s >= 90m && s <= 95.5m), Total(page));

        page = await JixiaoWebFactory.HtmlAsync(Admin, "/forms?emax=99.99&size=500");
        Assert.Equal(rates.Count(r => r <= 99.99m), Total(page));
        Assert.True(Total(page) < 71);
    }

    [Fact]
    public async Task Sorting_and_paging_keep_the_filters_in_the_links()
    {
        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms?batch={corpus.Police.Id}&sort=score&size=10&page=2");

        Assert.Equal(10, Ids(page).Count);
        var scores = page.QuerySelectorAll("#forms-table tbody tr td:nth-child(7)").Select(td => decimal.Parse(td.TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.Order().ToList(), scores);
        var next = page.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains($"batch={corpus.Police.Id}", next, StringComparison.Ordinal);
        Assert.Contains("sort=score", next, StringComparison.Ordinal);
        Assert.Contains("page=3", next, StringComparison.Ordinal);
        Assert.Contains("size=10", next, StringComparison.Ordinal);

        var descending = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms?batch={corpus.Police.Id}&sort=score&desc=1&size=50");
        var top = descending.QuerySelectorAll("#forms-table tbody tr td:nth-child(7)").Select(td => decimal.Parse(td.TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(top.OrderDescending().ToList(), top);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("1; DROP TABLE forms; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("${7*7}")]
    [InlineData("../../etc/passwd")]
    public async Task Injection_strings_in_every_filter_are_harmless(string evil)
    {
        var forms = await corpus.Factory.CountFormsAsync();
        foreach (var key in new[] { "q", "year", "dept", "unit", "kind", "grade", "rgrade", "check", "errors", "smin", "smax", "rmin", "rmax", "emin", "emax", "batch", "project", "sort", "desc", "page", "size" })
        {
            var response = await Admin.GetAsync($"/forms?{key}={Uri.EscapeDataString(evil)}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);

            // a literal text matches literally: '%' and '_' are no wildcards, so they find nothing
            if (key is "q" or "dept" or "unit" or "project")
            {
                Assert.Contains("data-total=\"0\"", html, StringComparison.Ordinal);
            }
        }

        Assert.Equal(forms, await corpus.Factory.CountFormsAsync());
        await using var db = corpus.Factory.Database.CreateContext();
        Assert.Equal(71, await db.Forms.CountAsync());
    }

    [Fact]
    public async Task The_form_page_shows_a_finding_on_the_cell_it_concerns()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var finding = await db.Findings.Where(f => f.Field.StartsWith("indicators[") && f.Field.EndsWith("].score")).OrderBy(f => f.FormId).FirstAsync();

        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{finding.FormId}");

        var cell = page.QuerySelectorAll("#official-table td").Single(td => td.GetAttribute("data-field") == finding.Field);
        Assert.Contains("flagged", cell.ClassList);
        var flag = cell.QuerySelectorAll("a.flag").First(a => a.GetAttribute("data-code") == finding.Code);
        Assert.Contains(finding.MessageZh, cell.QuerySelector(".popover")!.TextContent, StringComparison.Ordinal);
        var listed = page.QuerySelector(flag.GetAttribute("href")!)!;
        Assert.Equal(finding.Code, listed.GetAttribute("data-code"));
        Assert.Equal(finding.Field, listed.GetAttribute("data-field"));

        // the indicator's row: recomputed score beside the printed one
        var index = finding.IndicatorIndex!.Value;
        Assert.NotNull(page.QuerySelector($"#official-table tr[data-indicator='{index}'] .recomputed"));
    }

    [Fact]
    public async Task Every_finding_on_a_cell_path_is_marked_on_that_cell()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var formIds = await db.Findings.Select(f => f.FormId).Distinct().OrderBy(x => x).Take(12).ToListAsync();
        foreach (var id in formIds)
        {
            var findings = await db.Findings.Where(f => f.FormId == id).ToListAsync();
            var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{id}");
            var cells = page.QuerySelectorAll("#official-table [data-field]").ToLookup(c => c.GetAttribute("data-field")!);
            foreach (var f in findings)
            {
                var spanned = f.Field.EndsWith(".level1", StringComparison.Ordinal) || f.Field.EndsWith(".level2", StringComparison.Ordinal);
                if (cells.Contains(f.Field))
                {
                    Assert.Contains(cells[f.Field], c => c.ClassList.Contains("flagged") && c.QuerySelector($"a.flag[data-code='{f.Code}']") is not null);
                }
                else if (!spanned)
                {
                    // not a cell of the table: listed as concerning the whole form
                    var item = page.QuerySelectorAll("#findings-list li").First(li => li.GetAttribute("data-field") == f.Field);
                    Assert.Contains("整表", item.TextContent, StringComparison.Ordinal);
                }
            }

            Assert.Equal(findings.Count, page.QuerySelectorAll("#findings-list li").Length);
        }
    }

    [Fact]
    public async Task The_form_page_shows_the_source_lines_of_the_original_file()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var form = await db.Forms.Where(f => f.ImportBatchId == corpus.Police.Id && f.ProjectName == "2024年涉案财务存放管理").SingleAsync();

        var page = await JixiaoWebFactory.HtmlAsync(Admin, $"/forms/{form.Id}");

        var lines = page.QuerySelectorAll("#source-lines tr");
        Assert.Equal(form.SourceLastLine - form.SourceFirstLine + 1, lines.Length);
        Assert.Equal($"L{form.SourceFirstLine}", lines[0].Id);
        Assert.Contains("2024年涉案财务存放管理", page.QuerySelector("#source-lines")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("财政项目支出绩效自评表", page.QuerySelector("#sheet .sheet-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("94.00", page.QuerySelector("#official-table td[data-field='totalScore']")!.ChildNodes[0].TextContent.Trim()); // scores: two decimals
    }

    [Fact]
    public async Task A_department_user_sees_only_the_own_department_in_the_list()
    {
        var police = await corpus.Factory.SignedInAsync("police-user", "police-password-1");

        Assert.Equal(37, Total(await JixiaoWebFactory.HtmlAsync(police, "/forms")));
        Assert.Equal(0, Total(await JixiaoWebFactory.HtmlAsync(police, "/forms?dept=" + Uri.EscapeDataString(CorpusFixture.DataBureauDepartment))));
        Assert.Equal(0, Total(await JixiaoWebFactory.HtmlAsync(police, $"/forms?batch={corpus.DataBureau.Id}")));
        var options = (await JixiaoWebFactory.HtmlAsync(police, "/forms")).QuerySelectorAll("select[name=dept] option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal([CorpusFixture.PoliceDepartment], options);
    }

    [Fact]
    public async Task A_department_user_cannot_read_another_departments_form_through_any_page()
    {
        await using var db = corpus.Factory.Database.CreateContext();
        var other = await db.Forms.FirstAsync(f => f.ImportBatchId == corpus.DataBureau.Id);
        var own = await db.Forms.FirstAsync(f => f.ImportBatchId == corpus.Police.Id);
        var police = await corpus.Factory.SignedInAsync("police-user", "police-password-1");

        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/forms/{own.Id}")).StatusCode);
        var response = await police.GetAsync($"/forms/{other.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.ProjectName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[]
        {
            "/forms?q=" + Uri.EscapeDataString(other.ProjectName),
            "/forms?project=" + Uri.EscapeDataString(other.LineageKey),
            "/projects/" + Uri.EscapeDataString(other.LineageKey),
            "/findings",
            "/compare",
            "/",
        })
        {
            var page = await police.GetAsync(path);
            if (page.StatusCode == HttpStatusCode.OK)
            {
                // what the page shows (the search box may echo the user's own query, which is no leak)
                var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).Body!.TextContent;
                Assert.DoesNotContain(other.ProjectName, text, StringComparison.Ordinal);
                Assert.DoesNotContain(CorpusFixture.DataBureauDepartment, text, StringComparison.Ordinal);
                Assert.DoesNotContain(other.ImplementingUnit!, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            }
        }

        var status = await police.GetAsync($"/imports/{corpus.DataBureau.Id}/status");
        Assert.NotEqual(HttpStatusCode.OK, status.StatusCode);
    }
}
