using System.Net;
using System.Text.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Library;

/// <summary>
/// The indicator library on the web: the list, one entry and the suggestions in the API and on the pages with the
/// figures counted by hand (<see cref="LibraryForms"/>), their filters, sorting and paging, bad input as problems, and a
/// department user's view — their own department by name, the others anonymised.
/// </summary>
public sealed class LibraryWebTests(LibraryFixture app) : IClassFixture<LibraryFixture>
{
    private static JsonElement Item(JsonDocument doc, string name) => Assert.Single(ApiClient.Items(doc), i => i.GetProperty("name").GetString() == name);

    private static (long Forms, long SelfEvaluations, long Met, long NotMet) Usage(JsonElement e)
    {
        var u = e.GetProperty("usage");
        return (u.GetProperty("forms").GetInt64(), u.GetProperty("selfEvaluations").GetInt64(), u.GetProperty("met").GetInt64(), u.GetProperty("notMet").GetInt64());
    }

    [Fact]
    public async Task The_api_lists_the_entries_with_their_use_as_counted_by_hand()
    {
        using var doc = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library");
        Assert.Equal((8, 5), (doc.RootElement.GetProperty("totalCount").GetInt32(), doc.RootElement.GetProperty("forms").GetInt32()));
        Assert.True(doc.RootElement.GetProperty("status").GetProperty("current").GetBoolean());
        var points = Item(doc, "监控点位数");
        Assert.Equal((3L, 2L, 1L, 1L), Usage(points));
        Assert.Equal((1, 2), (points.GetProperty("departments").GetInt32(), points.GetProperty("years").GetInt32()));
        Assert.Equal(0.5, points.GetProperty("usage").GetProperty("metRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, points.GetProperty("ownForms").ValueKind);
        Assert.Equal("/api/v1/library/" + app.Entries["监控点位数"], points.GetProperty("url").GetString());

        // sorting and paging: by name ascending, two a page
        using var sorted = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library?sort=name&pageSize=2&page=2");
        Assert.Equal(4, sorted.RootElement.GetProperty("pageCount").GetInt32());
        Assert.Equal(["产出指标/数量指标/监控点位数量", "产出指标/质量指标/培训考核合格率"],
            ApiClient.Items(sorted).Select(i => i.GetProperty("level1").GetString() + "/" + i.GetProperty("level2").GetString() + "/" + i.GetProperty("name").GetString()));
        Assert.Contains("page=3", sorted.RootElement.GetProperty("next").GetString(), StringComparison.Ordinal);

        // filters: level, project type, department, text
        using var filtered = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library?level1=" + Uri.EscapeDataString("满意度") + "&type=video-surveillance&department=" + Uri.EscapeDataString(LibraryForms.Police));
        Assert.Equal("群众满意度", Assert.Single(ApiClient.Items(filtered)).GetProperty("name").GetString());
        using var text = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library?q=" + Uri.EscapeDataString("完好"));
        Assert.Equal((3L, 3L, 3L, 0L), Usage(Assert.Single(ApiClient.Items(text))));
    }

    [Fact]
    public async Task One_entry_gives_its_typical_targets_and_the_values_reached()
    {
        using var doc = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/library/" + app.Entries["监控点位数"]);
        var targets = doc.RootElement.GetProperty("targets");
        Assert.Equal(("≥500个", 2L, 500m, 480m, 520m), (targets[0].GetProperty("target").GetString(), targets[0].GetProperty("indicators").GetInt64(),
            targets[0].GetProperty("actualMean").GetDecimal(), targets[0].GetProperty("actualMin").GetDecimal(), targets[0].GetProperty("actualMax").GetDecimal()));
        Assert.Equal("≥600个", targets[1].GetProperty("target").GetString());
        var department = Assert.Single(doc.RootElement.GetProperty("byDepartment").EnumerateArray());
        Assert.Equal(LibraryForms.Police, department.GetProperty("department").GetString());
        Assert.Equal("video-surveillance", Assert.Single(doc.RootElement.GetProperty("byType").EnumerateArray()).GetProperty("type").GetProperty("code").GetString());
        Assert.Contains(doc.RootElement.GetProperty("similar").EnumerateArray(), s => s.GetProperty("name").GetString() == "监控点位数量");

        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, "/library/" + app.Entries["监控点位数"]);
        Assert.Equal("监控点位数", page.QuerySelector("#entry-name")!.FirstChild!.TextContent.Trim());
        Assert.Equal(["≥500个", "≥600个"], page.QuerySelectorAll("#entry-targets tbody tr").Select(r => r.GetAttribute("data-target")));
        Assert.Equal("500", page.QuerySelector("#entry-targets tbody tr [data-mean]")!.GetAttribute("data-mean"));
        Assert.NotNull(page.QuerySelector("#entry-curation"));

        await ApiClient.ProblemAsync(app.Admin, "/api/v1/library/999999", HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(app.Admin, "/api/v1/library/abc", HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/library/999999")).StatusCode);
    }

    [Fact]
    public async Task Suggestions_name_what_projects_of_the_same_type_measured_on_the_api_and_the_page()
    {
        using var doc = await ApiClient.GetJsonAsync(app.Reviewer, "/api/v1/library/suggestions?project=" + Uri.EscapeDataString("2025年新建视频监控点位") + "&take=2");
        var root = doc.RootElement;
        Assert.Equal(("video-surveillance", "视频监控", true, 4L), (root.GetProperty("type").GetProperty("code").GetString(), root.GetProperty("keyword").GetString(),
            root.GetProperty("byType").GetBoolean(), root.GetProperty("forms").GetInt64()));
        var names = root.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["监控点位数", "设备完好率"], names);
        var intact = root.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "设备完好率");
        Assert.Equal(0.75, intact.GetProperty("share").GetDouble());
        var target = Assert.Single(intact.GetProperty("targets").EnumerateArray());
        Assert.Equal(("≥95%", 1.0), (target.GetProperty("target").GetString(), target.GetProperty("metRate").GetDouble()));

        var page = await JixiaoWebFactory.HtmlAsync(app.Reviewer, "/library/suggestions?project=" + Uri.EscapeDataString("2025年新建视频监控点位"));
        Assert.Equal("video-surveillance", page.QuerySelector("#suggest-basis")!.GetAttribute("data-type"));
        Assert.Contains("视频监控", page.QuerySelector("#suggest-basis")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, page.QuerySelectorAll("#suggestions tbody tr").Length);

        // the project is required; a bad number is named
        var missing = await ApiClient.ProblemAsync(app.Reviewer, "/api/v1/library/suggestions", HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("project", out _));
        var bad = await ApiClient.ProblemAsync(app.Reviewer, "/api/v1/library/suggestions?project=x&take=0", HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("take", out _));
        await ApiClient.ProblemAsync(app.Reviewer, "/api/v1/library?type=no-such-type", HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(app.Reviewer, "/api/v1/library?colour=red", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_page_lists_filters_sorts_and_pages_like_the_form_list()
    {
        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, "/library");
        Assert.Equal("8", page.QuerySelector("#library-count")!.GetAttribute("data-total"));
        var rows = page.QuerySelectorAll("#library-table tbody tr");
        Assert.Equal(8, rows.Length);
        Assert.Equal(["3", "3"], rows.Take(2).Select(r => r.QuerySelector("[data-forms]")!.GetAttribute("data-forms")));
        Assert.NotNull(page.QuerySelector("nav a[href='/library']"));

        var byType = await JixiaoWebFactory.HtmlAsync(app.Admin, "/library?type=education&sort=name&desc=0");
        Assert.Equal(["参训教师人次", "培训考核合格率"], byType.QuerySelectorAll("#library-table tbody tr .title-cell a").Select(a => a.TextContent));
        var paged = await JixiaoWebFactory.HtmlAsync(app.Admin, "/library?size=3&page=2&sort=name&desc=0");
        Assert.Equal(3, paged.QuerySelectorAll("#library-table tbody tr").Length);
        Assert.NotNull(paged.QuerySelector(".pager a[href*='page=3']"));

        // a page past the end goes to the last one
        var response = await app.Admin.GetAsync("/library?size=3&page=99");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/library?page=3&size=3", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_department_user_sees_their_own_figures_and_no_other_department_s_name()
    {
        using var list = await ApiClient.GetJsonAsync(app.EducationUser, "/api/v1/library");
        Assert.Equal(8, list.RootElement.GetProperty("totalCount").GetInt32()); // the whole library
        Assert.Equal(1, Item(list, "设备完好率").GetProperty("ownForms").GetInt64());
        Assert.Equal(0, Item(list, "监控点位数").GetProperty("ownForms").GetInt64());

        var json = await app.EducationUser.GetStringAsync("/api/v1/library/" + app.Entries["设备完好率"]);
        Assert.DoesNotContain(LibraryForms.Police, json, StringComparison.Ordinal);
        using var entry = JsonDocument.Parse(json);
        var departments = entry.RootElement.GetProperty("byDepartment").EnumerateArray().ToList();
        Assert.Equal(2, departments.Count);
        Assert.Equal((LibraryForms.Education, true), (departments[0].GetProperty("department").GetString(), departments[0].GetProperty("own").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 2L), (departments[1].GetProperty("department").ValueKind, departments[1].GetProperty("departmentId").ValueKind,
            departments[1].GetProperty("usage").GetProperty("forms").GetInt64()));
        Assert.Equal(1, Assert.Single(entry.RootElement.GetProperty("ownTargets").EnumerateArray()).GetProperty("indicators").GetInt64());

        var html = await app.EducationUser.GetStringAsync("/library/" + app.Entries["设备完好率"]);
        Assert.DoesNotContain(LibraryForms.Police, html, StringComparison.Ordinal);
        Assert.Contains("其他部门（匿名汇总）", html, StringComparison.Ordinal);
        var page = await JixiaoWebFactory.HtmlAsync(app.EducationUser, "/library");
        Assert.DoesNotContain(LibraryForms.Police, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector($"#library-table tr[data-entry-id='{app.Entries["设备完好率"]}'] [data-own]")!.GetAttribute("data-own"));
        Assert.Null(page.QuerySelector("#entry-curation"));

        // another department as a filter selects nothing; no curation for anyone but administrators
        using var other = await ApiClient.GetJsonAsync(app.EducationUser, "/api/v1/library?department=" + Uri.EscapeDataString(LibraryForms.Police));
        Assert.Equal(0, other.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Null((await JixiaoWebFactory.HtmlAsync(app.EducationUser, "/library/" + app.Entries["设备完好率"])).QuerySelector("#entry-curation"));
        var refused = await ApiClient.PostBodyAsync(app.EducationUser, "{}", "application/json", "/api/v1/library/" + app.Entries["设备完好率"] + "/retire");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
