using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Jixiao.Web.Tests.Review;

/// <summary>
/// The follow-up on the pages: the form page offers each role exactly its buttons, a step posted through the page is
/// taken or refused in the user's language, and the rectification list shows a department its own requests with the
/// overdue ones marked (and the navigation counts them).
/// </summary>
public sealed class ReviewPageTests(ReviewFixture app) : IClassFixture<ReviewFixture>
{
    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a form of the page at <paramref name="path"/> (the first form matching <paramref name="selector"/>) with its token.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string selector, Dictionary<string, string> values, string? action = null)
    {
        var page = await JixiaoWebFactory.HtmlAsync(client, path);
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector} on {path}");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in values)
        {
            fields[k] = v;
        }

        return await client.PostAsync(action ?? form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_form_page_offers_each_role_exactly_its_buttons()
    {
        var form = app.Forms["警用装备购置"];
        var path = $"/forms/{form}";

        var reviewerPage = await JixiaoWebFactory.HtmlAsync(app.Reviewer, path);
        Assert.Equal("pending", reviewerPage.QuerySelector("#review-state")!.GetAttribute("data-state"));
        Assert.Equal(4, reviewerPage.QuerySelectorAll("form.review-form").Length);
        Assert.Null(reviewerPage.QuerySelector("#rectify-form")); // nothing confirmed yet
        Assert.NotNull(reviewerPage.QuerySelector("#rectify-hint"));

        var supervisorPage = await JixiaoWebFactory.HtmlAsync(app.Supervisor, path);
        Assert.Equal(4, supervisorPage.QuerySelectorAll("form.review-form").Length);
        Assert.Null(supervisorPage.QuerySelector("#rectify-hint"));

        var departmentPage = await JixiaoWebFactory.HtmlAsync(app.PoliceUser, path);
        Assert.Equal("pending", departmentPage.QuerySelector("#review-state")!.GetAttribute("data-state"));
        Assert.Empty(departmentPage.QuerySelectorAll("form.review-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.DataUser.GetAsync(path)).StatusCode);

        // a dismissal without a note is refused on the page, in the user's language, and nothing is written
        var refused = await SubmitAsync(app.Reviewer, path, "form.review-form[data-position='1']", new() { ["decision"] = "dismiss", ["note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("请填写说明：排除问题或退回答复都要写明理由。", (await ParseAsync(refused)).QuerySelector("#review-error")!.TextContent.Trim());
        var english = await app.Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        await english.GetAsync("/culture/en?returnUrl=%2F");
        var refusedEn = await SubmitAsync(english, path, "form.review-form[data-position='1']", new() { ["decision"] = "dismiss", ["note"] = "" });
        Assert.Equal("Please give a note: dismissing a finding or sending an answer back needs a reason.", (await ParseAsync(refusedEn)).QuerySelector("#review-error")!.TextContent.Trim());

        // a department user posting a reviewer's step is refused
        var forbidden = await app.PoliceUser.PostAsync($"{path}?handler=Review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["position"] = "0", ["decision"] = "confirm", ["__RequestVerificationToken"] = await JixiaoWebFactory.TokenAsync(app.PoliceUser, "/forms"),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // confirmed through the page: the reviewer gets the request form, the supervisor still does not
        var done = await SubmitAsync(app.Reviewer, path, "form.review-form[data-position='0']", new() { ["decision"] = "confirm", ["note"] = "确认" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await JixiaoWebFactory.HtmlAsync(app.Reviewer, done.Headers.Location!.OriginalString);
        Assert.Equal("问题 1 已确认。", after.QuerySelector("#review-message")!.TextContent.Trim());
        Assert.Equal("confirmed", after.QuerySelector(".review-line[data-decision]")!.GetAttribute("data-decision"));
        Assert.NotNull(after.QuerySelector("#rectify-form"));
        Assert.Null((await JixiaoWebFactory.HtmlAsync(app.Supervisor, path)).QuerySelector("#rectify-form"));

        // asked for through the page: the department gets the answer form, the reviewer none
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sent = await SubmitAsync(app.Reviewer, path, "#rectify-form", new() { ["deadline"] = deadline, ["text"] = "请说明装备采购进度。" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var departmentAfter = await JixiaoWebFactory.HtmlAsync(app.PoliceUser, path);
        Assert.Equal("rectification-required", departmentAfter.QuerySelector("#review-state")!.GetAttribute("data-state"));
        Assert.NotNull(departmentAfter.QuerySelector("#answer-form"));
        Assert.Null(departmentAfter.QuerySelector("#close-form"));
        Assert.Empty(departmentAfter.QuerySelectorAll("form.review-form"));
        Assert.Null((await JixiaoWebFactory.HtmlAsync(app.Reviewer, path)).QuerySelector("#answer-form"));
    }

    [Fact]
    public async Task An_overdue_request_is_listed_and_marked_for_its_department_and_the_reviewers_only()
    {
        var form = app.Forms["数据共享平台"];
        var id = await app.RequestAsOfAsync(form, new DateOnly(2024, 1, 10), new DateOnly(2024, 1, 20));

        var list = await JixiaoWebFactory.HtmlAsync(app.DataUser, "/rectifications?overdue=1");
        var row = list.QuerySelector($"#rectifications tr[data-rectification='{id}']")!;
        Assert.Equal(("true", "overdue"), (row.GetAttribute("data-overdue"), row.ClassName));
        Assert.Matches(@"^逾期 \d+ 天$", row.QuerySelector(".overdue-mark")!.TextContent.Trim());
        Assert.Equal($"/forms/{form}#rectification-{id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("我的整改", list.QuerySelector("#nav-rectifications")!.ChildNodes[0].TextContent.Trim());
        Assert.Equal("1", list.QuerySelector("#nav-rectifications [data-overdue]")!.GetAttribute("data-overdue"));
        Assert.Equal("1", list.QuerySelector("#nav-rectifications [data-waiting]")!.GetAttribute("data-waiting"));

        var formPage = await JixiaoWebFactory.HtmlAsync(app.DataUser, $"/forms/{form}");
        Assert.Contains("overdue", formPage.QuerySelector($"#rectification-{id}")!.ClassName, StringComparison.Ordinal);

        // the reviewers see it among all overdue requests; the police, not at all
        var reviewers = await JixiaoWebFactory.HtmlAsync(app.Reviewer, "/rectifications?overdue=1");
        Assert.NotNull(reviewers.QuerySelector($"#rectifications tr[data-rectification='{id}'].overdue"));
        var police = await JixiaoWebFactory.HtmlAsync(app.PoliceUser, "/rectifications");
        Assert.Null(police.QuerySelector($"#rectifications tr[data-rectification='{id}']"));

        // answered, even late, it waits for the reviewer and is no longer overdue
        var answered = await SubmitAsync(app.DataUser, $"/forms/{form}", "#answer-form", new() { ["text"] = "已补报。", ["done"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Null((await JixiaoWebFactory.HtmlAsync(app.DataUser, "/rectifications?overdue=1")).QuerySelector($"#rectifications tr[data-rectification='{id}']"));
        var waiting = await JixiaoWebFactory.HtmlAsync(app.Reviewer, "/rectifications?status=answered");
        Assert.NotNull(waiting.QuerySelector($"#rectifications tr[data-rectification='{id}'][data-overdue='false']"));
    }
}
