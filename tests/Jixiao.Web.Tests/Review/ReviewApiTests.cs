using System.Net;
using System.Text.Json;
using Jixiao.Web.Tests.Api;
using Jixiao.Web.Tests.Exports;

namespace Jixiao.Web.Tests.Review;

/// <summary>
/// The follow-up in the JSON API: the steps from warning to rectification, each refusal as a problem in Chinese with
/// the English beside (antiforgery, role, department scope, input, state, media type), and the review-state filter of
/// the form list and its exports.
/// </summary>
public sealed class ReviewApiTests(ReviewFixture app) : IClassFixture<ReviewFixture>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, bool token = true) =>
        ApiClient.PostBodyAsync(client, json, "application/json", path, token);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>A problem of <paramref name="status"/> whose title and detail are Chinese and whose detailEn is English.</summary>
    private static async Task<JsonElement> ChineseProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var problem = await ApiClient.ProblemAsync(response, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString()!);
        Assert.Matches("^[ -~]+$", problem.GetProperty("detailEn").GetString()!);
        return problem;
    }

    /// <summary>A deadline <paramref name="days"/> days after today in China (the date the request is checked against).</summary>
    private static string Deadline(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_finding_goes_from_warning_to_rectification_through_the_api()
    {
        var form = app.Forms["治安视频监控运维"];
        var confirmed = await OkAsync(await PostAsync(app.Supervisor, $"/api/v1/findings/{form}/0/review", """{"decision":"confirm","note":"确有缺项"}"""));
        Assert.Equal("pending", confirmed.GetProperty("state").GetString());
        Assert.Equal(("confirmed", "确有缺项", "supervisor"), (confirmed.GetProperty("findings")[0].GetProperty("decision").GetString(),
            confirmed.GetProperty("findings")[0].GetProperty("note").GetString(), confirmed.GetProperty("findings")[0].GetProperty("decidedBy").GetString()));
        Assert.Equal((1, 0, 3), (confirmed.GetProperty("confirmed").GetInt32(), confirmed.GetProperty("dismissed").GetInt32(), confirmed.GetProperty("undecided").GetInt32()));

        var deadline = Deadline(10);
        var requested = await OkAsync(await PostAsync(app.Reviewer, $"/api/v1/forms/{form}/rectifications", $$"""{"deadline":"{{deadline}}","text":"请补充效益和满意度指标。"}"""), HttpStatusCode.Created);
        Assert.Equal("rectification-required", requested.GetProperty("formState").GetString());
        var request = requested.GetProperty("rectification");
        var id = request.GetProperty("id").GetInt64();
        Assert.Equal((deadline, "open", ReviewFixture.Police, form), (request.GetProperty("deadline").GetString(), request.GetProperty("status").GetString(),
            request.GetProperty("department").GetString(), request.GetProperty("formId").GetInt64()));

        using (var mine = await ApiClient.GetJsonAsync(app.PoliceUser, "/api/v1/rectifications?status=open"))
        {
            Assert.Contains(ApiClient.Items(mine), i => i.GetProperty("id").GetInt64() == id);
            Assert.All(ApiClient.Items(mine), i => Assert.Equal(ReviewFixture.Police, i.GetProperty("department").GetString()));
        }

        var answered = await OkAsync(await PostAsync(app.PoliceUser, $"/api/v1/rectifications/{id}/answer", """{"text":"已补充指标并重新报送。","done":true}"""));
        Assert.Equal(("answered", true), (answered.GetProperty("rectification").GetProperty("status").GetString(), answered.GetProperty("rectification").GetProperty("done").GetBoolean()));
        var accepted = await OkAsync(await PostAsync(app.Reviewer, $"/api/v1/rectifications/{id}/accept", """{"note":"整改到位"}"""));
        Assert.Equal("rectified", accepted.GetProperty("formState").GetString());

        using var thread = await ApiClient.GetJsonAsync(app.PoliceUser, $"/api/v1/rectifications/{id}");
        Assert.Equal(["request", "answer", "accept"], thread.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("step").GetString()));
        Assert.Equal(["reviewer", "police-web", "reviewer"], thread.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("author").GetString()));
        using var review = await ApiClient.GetJsonAsync(app.PoliceUser, $"/api/v1/forms/{form}/review");
        Assert.Equal("rectified", review.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Every_refused_step_is_a_problem_in_chinese_with_the_english_beside()
    {
        var form = app.Forms["交通信号灯维护"];
        var dataForm = app.Forms["数据共享平台"];
        var review = $"/api/v1/findings/{form}/1/review";

        // antiforgery and media type, as on POST /api/v1/imports
        await ChineseProblemAsync(await PostAsync(app.Reviewer, review, """{"decision":"confirm"}""", token: false), HttpStatusCode.BadRequest, "缺少或无效的防伪令牌");
        await ChineseProblemAsync(await ApiClient.PostBodyAsync(app.Reviewer, "decision=confirm", "application/x-www-form-urlencoded", review), HttpStatusCode.UnsupportedMediaType, "请求体类型不支持");
        await ChineseProblemAsync(await PostAsync(app.Reviewer, review, "{\"decision\":"), HttpStatusCode.BadRequest, "请求体不是有效的 JSON");

        // roles: the policy refuses before anything is read
        await ChineseProblemAsync(await PostAsync(app.PoliceUser, review, """{"decision":"dismiss","note":"不是问题"}"""), HttpStatusCode.Forbidden, "无权操作");
        await ChineseProblemAsync(await PostAsync(app.Supervisor, $"/api/v1/forms/{form}/rectifications", """{"deadline":"2099-01-01","text":"x"}"""), HttpStatusCode.Forbidden, "无权操作");

        // input
        var noNote = await ChineseProblemAsync(await PostAsync(app.Reviewer, review, """{"decision":"dismiss","note":" "}"""), HttpStatusCode.BadRequest, "输入无效");
        Assert.Equal("note-required", noNote.GetProperty("problem").GetString());
        Assert.Equal("请填写说明：排除问题或退回答复都要写明理由。", noNote.GetProperty("detail").GetString());
        await ChineseProblemAsync(await PostAsync(app.Reviewer, review, """{"decision":"maybe"}"""), HttpStatusCode.BadRequest, "复核结论无效");
        await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/findings/{form}/first/review", """{"decision":"confirm"}"""), HttpStatusCode.BadRequest, "问题序号无效");
        var noFinding = await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/findings/{form}/9/review", """{"decision":"confirm"}"""), HttpStatusCode.NotFound, "未找到");
        Assert.Equal("no-such-finding", noFinding.GetProperty("problem").GetString());
        var noConfirmed = await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/forms/{form}/rectifications", $$"""{"deadline":"{{Deadline(30)}}","text":"请整改"}"""), HttpStatusCode.Conflict, "当前状态不允许");
        Assert.Equal("no-confirmed-finding", noConfirmed.GetProperty("problem").GetString());
        await OkAsync(await PostAsync(app.Reviewer, $"/api/v1/findings/{form}/0/review", """{"decision":"confirm"}"""));
        await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/forms/{form}/rectifications", """{"deadline":"31/12/2099","text":"请整改"}"""), HttpStatusCode.BadRequest, "整改期限无效");
        var passed = await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/forms/{form}/rectifications", """{"deadline":"2000-01-01","text":"请整改"}"""), HttpStatusCode.BadRequest, "输入无效");
        Assert.Equal("deadline-passed", passed.GetProperty("problem").GetString());

        // the department scope: another department's form and request are not found, as if missing
        var id = (await OkAsync(await PostAsync(app.Reviewer, $"/api/v1/forms/{form}/rectifications", $$"""{"deadline":"{{Deadline(30)}}","text":"请整改"}"""), HttpStatusCode.Created))
            .GetProperty("rectification").GetProperty("id").GetInt64();
        var hidden = await ChineseProblemAsync(await PostAsync(app.DataUser, $"/api/v1/rectifications/{id}/answer", """{"text":"我们来答复"}"""), HttpStatusCode.NotFound, "未找到");
        var missing = await ChineseProblemAsync(await PostAsync(app.DataUser, "/api/v1/rectifications/99999999/answer", """{"text":"我们来答复"}"""), HttpStatusCode.NotFound, "未找到");
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        await ChineseProblemAsync(await app.DataUser.GetAsync($"/api/v1/rectifications/{id}"), HttpStatusCode.NotFound, "未找到");
        await ChineseProblemAsync(await app.PoliceUser.GetAsync($"/api/v1/forms/{dataForm}/review"), HttpStatusCode.NotFound, "未找到");
        using (var none = await ApiClient.GetJsonAsync(app.DataUser, "/api/v1/rectifications"))
        {
            Assert.DoesNotContain(ApiClient.Items(none), i => i.GetProperty("department").GetString() == ReviewFixture.Police);
        }

        // the state: nothing to accept before an answer; no second answer before the reviewer acts; findings frozen
        var early = await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/rectifications/{id}/accept", "{}"), HttpStatusCode.Conflict, "当前状态不允许");
        Assert.Equal("wrong-request-status", early.GetProperty("problem").GetString());
        await ChineseProblemAsync(await PostAsync(app.PoliceUser, $"/api/v1/rectifications/{id}/accept", "{}"), HttpStatusCode.Forbidden, "无权操作");
        await OkAsync(await PostAsync(app.PoliceUser, $"/api/v1/rectifications/{id}/answer", """{"text":"已整改"}"""));
        await ChineseProblemAsync(await PostAsync(app.PoliceUser, $"/api/v1/rectifications/{id}/answer", """{"text":"再答一次"}"""), HttpStatusCode.Conflict, "当前状态不允许");
        await ChineseProblemAsync(await PostAsync(app.Reviewer, $"/api/v1/rectifications/{id}/return", """{"note":""}"""), HttpStatusCode.BadRequest, "输入无效");
        var frozen = await ChineseProblemAsync(await PostAsync(app.Reviewer, review, """{"decision":"dismiss","note":"不是问题"}"""), HttpStatusCode.Conflict, "当前状态不允许");
        Assert.Equal("wrong-state", frozen.GetProperty("problem").GetString());

        // the query of the list is read strictly, like the other lists
        await ApiClient.ProblemAsync(app.Reviewer, "/api/v1/rectifications?status=late", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_form_list_and_its_exports_filter_by_review_state()
    {
        var form = app.Forms["政务云租赁"];
        for (var i = 0; i < 4; i++)
        {
            await OkAsync(await PostAsync(app.Reviewer, $"/api/v1/findings/{form}/{i}/review", i % 2 == 0 ? """{"decision":"confirm"}""" : """{"decision":"dismiss","note":"不适用"}"""));
        }

        using (var reviewed = await ApiClient.GetJsonAsync(app.Admin, "/api/v1/forms?review=reviewed"))
        {
            Assert.Equal([form], ApiClient.Items(reviewed).Select(i => i.GetProperty("id").GetInt64()));
        }

        using (var mine = await ApiClient.GetJsonAsync(app.PoliceUser, "/api/v1/forms?review=reviewed"))
        {
            Assert.Equal(0, ApiClient.TotalCount(mine)); // the data bureau's form is not the police's
        }

        await ApiClient.ProblemAsync(app.Admin, "/api/v1/forms?review=done", HttpStatusCode.BadRequest);

        var page = await JixiaoWebFactory.HtmlAsync(app.Admin, "/forms?review=reviewed");
        Assert.Equal("1", page.QuerySelector("#form-count")!.GetAttribute("data-total"));
        Assert.Equal("reviewed", page.QuerySelector("select[name=review] option[selected]")!.GetAttribute("value"));
        var csvLink = page.QuerySelector(".export-links a[href*='format=csv']")!.GetAttribute("href")!;
        Assert.Contains("review=reviewed", csvLink, StringComparison.Ordinal);
        var csv = Csv.Parse(await app.Admin.GetStringAsync(csvLink));
        Assert.Equal(1, csv.FindIndex(r => r is [""]) - 1); // the header, the one reviewed form, then the totals
        Assert.Contains("政务云租赁", csv[1]);

        // the findings list filters by the conclusion and shows it on each row, in the API, the page and its exports
        var project = "project=" + Uri.EscapeDataString("政务云租赁");
        foreach (var (decision, numbers) in new[] { ("confirmed", new[] { 1, 3 }), ("dismissed", new[] { 2, 4 }), ("undecided", Array.Empty<int>()) })
        {
            using var listed = await ApiClient.GetJsonAsync(app.Admin, $"/api/v1/findings?{project}&decision={decision}");
            var items = ApiClient.Items(listed).ToList();
            Assert.Equal(numbers, items.Select(i => i.GetProperty("number").GetInt32()));
            Assert.All(items, i => Assert.Equal(decision, i.GetProperty("decision").GetString()));
        }

        await ApiClient.ProblemAsync(app.Admin, "/api/v1/findings?decision=maybe", HttpStatusCode.BadRequest);
        var findings = await JixiaoWebFactory.HtmlAsync(app.Admin, $"/findings?{project}&decision=dismissed");
        Assert.Equal("dismissed", findings.QuerySelector("select[name=decision] option[selected]")!.GetAttribute("value"));
        Assert.Equal(["已排除", "已排除"], findings.QuerySelectorAll("#findings-table .decision").Select(e => e.TextContent.Trim()));
        var findingsCsv = findings.QuerySelector(".export-links a[href*='format=csv']")!.GetAttribute("href")!;
        Assert.Contains("decision=dismissed", findingsCsv, StringComparison.Ordinal);
        var rows = Csv.Parse(await app.Admin.GetStringAsync(findingsCsv));
        var column = rows[0].IndexOf("复核结论");
        Assert.True(column >= 0, string.Join(",", rows[0]));
        Assert.Equal(["已排除", "已排除"], rows.Skip(1).Where(r => r.Length > column).Select(r => r[column]));
    }
}
