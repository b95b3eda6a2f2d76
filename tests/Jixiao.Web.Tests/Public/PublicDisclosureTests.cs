using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jixiao.Core.Workflow;
using Jixiao.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Public;

/// <summary>An application of its own: the filings of <see cref="PublicScenario"/> and an anonymous client (no cookie at all).</summary>
public sealed class PublicFixture : IAsyncLifetime
{
    public JixiaoWebFactory Factory { get; } = new();

    public PublicScenario Scenario { get; private set; } = null!;

    /// <summary>A client that never signed in and sends no cookie.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scenario = await PublicScenario.CreateAsync(Factory);
        Anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Public disclosure (公开, issue 11 item 7, decision 011): the published filing's form is shown and downloaded exactly
/// as approved, to anyone; nothing else — drafts, submitted, returned and approved filings, imported forms — is
/// reachable through any page, filter, id, download or search; the signed-in pages still refuse anonymous users.
/// </summary>
public sealed class PublicDisclosureTests(PublicFixture app) : IClassFixture<PublicFixture>
{
    private long Published => app.Scenario.PublishedFormId;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(string Text, HttpResponseMessage Response)> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.Anonymous.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}");
        return (text, response);
    }

    private async Task<List<long>> ListedAsync(string query)
    {
        var (html, _) = await GetAsync("/public" + query);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return [.. doc.QuerySelectorAll("#public-table tr[data-form-id]").Select(r => long.Parse(r.GetAttribute("data-form-id")!, CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task The_published_form_is_listed_and_shown_in_the_official_layout_exactly_as_approved_without_review_data()
    {
        Assert.Equal([Published], await ListedAsync(""));
        var (html, _) = await GetAsync("/public/forms/" + Id(Published));
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        string Cell(string field) => doc.QuerySelector($"#official-table [data-field='{field}']")!.TextContent.Trim();
        Assert.Equal("财政项目支出绩效目标申报表", doc.QuerySelector(".sheet-title")!.TextContent);
        Assert.Equal(PublicScenario.PublishedProject, Cell("projectName"));
        Assert.Equal(PublicScenario.Police, Cell("department"));
        Assert.Equal("宝山分局科技处", Cell("implementingUnit"));
        Assert.Equal("500,000.00", Cell("funds.annualTotal"));
        Assert.Equal("1,200,000.00", Cell("funds.projectTotal"));
        Assert.Equal("新增监控点位 200 个。", Cell("goals.annual"));
        Assert.Equal(["≥200(个)", "≥5(%)", "≥90(%)"], [Cell("indicators[0].target"), Cell("indicators[1].target"), Cell("indicators[2].target")]);
        Assert.Equal(["新增监控点位", "案件发案率下降", "群众满意度"], [Cell("indicators[0].name"), Cell("indicators[1].name"), Cell("indicators[2].name")]);

        // nothing of the review: no findings, markers or recomputed values, no user names
        Assert.Null(doc.QuerySelector("#findings, .flag, .recomputed, #review, #source-lines"));
        Assert.DoesNotContain("复核", doc.QuerySelector("#sheet")!.TextContent, StringComparison.Ordinal);
        foreach (var internalText in new[] { "public-filler", "public-reviewer", "jixiao-reviewer", "检查发现的问题", "imported.json" })
        {
            Assert.DoesNotContain(internalText, html, StringComparison.Ordinal);
        }

        // the same layout code as the signed-in page: the table's cells are the same
        var admin = await app.Factory.SignedInAsync("admin", "jixiao-admin");
        var signedIn = await JixiaoWebFactory.HtmlAsync(admin, "/forms/" + Id(Published));
        Assert.Equal(signedIn.QuerySelectorAll("#official-table [data-field]").Select(c => c.GetAttribute("data-field")),
            doc.QuerySelectorAll("#official-table [data-field]").Select(c => c.GetAttribute("data-field")));
    }

    [Fact]
    public async Task The_downloads_hold_the_approved_values_with_their_sha256_in_a_header_and_in_the_checksum_file()
    {
        var (csvText, csv) = await GetAsync("/public/forms/export?format=csv");
        var rows = Csv.Parse(csvText.TrimStart('\uFEFF'));
        var head = rows[0];
        var row = Assert.Single(rows.Skip(1), r => r.Length > 1);
        string Col(string key) => row[Array.IndexOf(head, key)];
        Assert.Equal((Id(Published), "target-declaration", "2025", PublicScenario.PublishedProject, PublicScenario.Police, "500000", "1200000", "3"),
            (Col("id"), Col("kind"), Col("year"), Col("projectName"), Col("department"), Col("annualTotal"), Col("projectTotal"), Col("indicatorCount")));
        Assert.Equal(("2025-01-01", "2025-12-31", "信息化建设"), (Col("plannedStart"), Col("plannedEnd"), Col("category")));

        var (indicatorText, indicators) = await GetAsync("/public/forms/export?format=csv&table=indicators");
        var indicatorRows = Csv.Parse(indicatorText.TrimStart('\uFEFF'));
        Assert.Equal(["formId", "position", "level1", "level2", "name", "target", "actual", "weight", "score", "deviation"], indicatorRows[0]);
        Assert.Equal([Id(Published), "1", "产出指标", "数量指标", "新增监控点位", "≥200(个)", "", "50", "", ""], indicatorRows[1]);
        Assert.Equal(4, indicatorRows.Count(r => r.Length > 1));

        var (jsonText, json) = await GetAsync("/public/forms/export?format=json");
        using (var doc = JsonDocument.Parse(jsonText))
        {
            Assert.Equal("jixiao.public-forms/1", doc.RootElement.GetProperty("schema").GetString());
            var form = Assert.Single(doc.RootElement.GetProperty("forms").EnumerateArray());
            Assert.Equal(Published, form.GetProperty("id").GetInt64());
            Assert.Equal("/public/forms/" + Id(Published), form.GetProperty("url").GetString());
            var content = form.GetProperty("form");
            Assert.Equal((PublicScenario.PublishedProject, "新增监控点位 200 个。"), (content.GetProperty("projectName").GetString(), content.GetProperty("goals").GetProperty("annual").GetString()));
            Assert.Equal(["≥200(个)", "≥5(%)", "≥90(%)"], content.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("target").GetString()));

            // a declaration's planned weights, as in indicators.csv
            Assert.Equal(
                indicatorRows.Skip(1).Where(r => r.Length > 1).Select(r => r[7]),
                content.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("weight") is { ValueKind: JsonValueKind.Number } w
                    ? w.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
            Assert.Equal("50", content.GetProperty("indicators")[0].GetProperty("weight").GetRawText());
        }

        // each body's SHA-256 is in its header and in the checksum file; a second download is the same bytes
        var sums = new Dictionary<string, string>();
        foreach (var (name, response) in new[] { ("forms.csv", csv), ("indicators.csv", indicators), ("forms.json", json) })
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(hex, response.Headers.GetValues("X-Checksum-SHA256").Single());
            sums[name] = hex;
        }

        var (sha, _) = await GetAsync("/public/forms/export?format=sha256");
        Assert.Equal(string.Concat(sums.Select(s => $"{s.Value}  {s.Key}\n")), sha);
        var again = await app.Anonymous.GetByteArrayAsync("/public/forms/export?format=csv");
        Assert.Equal(sums["forms.csv"], Convert.ToHexStringLower(SHA256.HashData(again)));

        // in English the same bytes (headings are keys)
        var english = await app.Anonymous.GetByteArrayAsync("/public/forms/export?format=csv&culture=en");
        Assert.Equal(sums["forms.csv"], Convert.ToHexStringLower(SHA256.HashData(english)));
    }

    [Fact]
    public async Task The_data_dictionary_names_every_column_of_every_download_with_type_and_meaning_in_both_languages()
    {
        var (text, _) = await GetAsync("/public/data/dictionary.json");
        using var doc = JsonDocument.Parse(text);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("columns"));
        foreach (var (file, query) in new[] { ("forms.csv", "format=csv"), ("indicators.csv", "format=csv&table=indicators") })
        {
            var (csv, _) = await GetAsync("/public/forms/export?" + query);
            var headings = Csv.Parse(csv.TrimStart('\uFEFF'))[0];
            Assert.Equal(headings, files[file].EnumerateArray().Select(c => c.GetProperty("key").GetString()));
            Assert.All(files[file].EnumerateArray(), c =>
            {
                Assert.Contains(c.GetProperty("type").GetString(), new[] { "integer", "decimal", "text", "date", "datetime" });
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", c.GetProperty("zh").GetString()!);
                Assert.Matches("[A-Za-z]{3}", c.GetProperty("en").GetString()!);
            });
        }

        Assert.Equal(["id", "url", "region", "publishedAt", "form"], files["forms.json"].EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal("元", files["forms.csv"].EnumerateArray().Single(c => c.GetProperty("key").GetString() == "annualTotal").GetProperty("unit").GetString());
        var (page, _) = await GetAsync("/public/data");
        Assert.Contains("annualTotal", page, StringComparison.Ordinal);
        Assert.Contains("年度资金申请总额", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_unpublished_is_reachable_through_any_page_filter_id_download_or_search()
    {
        var hiddenProjects = PublicScenario.Hidden.Values.Concat([PublicScenario.Police + "项目", PublicScenario.DataBureau + "项目"]).ToList();
        long maxId;
        List<long> formIds;
        await using (var db = app.Factory.Database.CreateContext())
        {
            formIds = await db.Forms.Select(f => f.Id).ToListAsync();
            var filingIds = await db.Filings.Select(f => f.Id).ToListAsync();
            maxId = formIds.Concat(filingIds).Max();
            Assert.Equal(4, await db.Filings.CountAsync(f => f.Status != FilingStatus.Published));
            Assert.Equal(3, formIds.Count); // the two imported forms and the published one
        }

        for (var id = 0L; id <= maxId + 3; id++)
        {
            await GetAsync("/public/forms/" + Id(id), id == Published ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        }

        var queries = new List<string> { "", "?year=2025", "?kind=self-evaluation", "?kind=target-declaration", "?region=上海市", "?page=2" };
        queries.AddRange(new[] { PublicScenario.Police, PublicScenario.DataBureau }.Select(d => "?dept=" + Uri.EscapeDataString(d)));
        queries.AddRange(hiddenProjects.Select(p => "?q=" + Uri.EscapeDataString(p)));
        foreach (var query in queries)
        {
            var listed = await ListedAsync(query);
            Assert.All(listed, id => Assert.Equal(Published, id));
            var (html, _) = await GetAsync("/public" + query);
            foreach (var project in hiddenProjects)
            {
                // a search shows what was typed in its box; nothing else may name a hidden form
                Assert.True(html.Replace("value=\"" + project + "\"", "", StringComparison.Ordinal).Contains(project, StringComparison.Ordinal) == false, $"{query} shows {project}");
            }

            var downloads = new StringBuilder();
            foreach (var format in new[] { "csv", "csv&table=indicators", "json", "sha256" })
            {
                // one at a time: the export limits refuse a second download at once from one address
                downloads.Append(await app.Anonymous.GetStringAsync("/public/forms/export" + (query.Length == 0 ? "?" : query + "&") + "format=" + format));
            }

            foreach (var project in hiddenProjects)
            {
                Assert.DoesNotContain(project, downloads.ToString(), StringComparison.Ordinal);
            }
        }

        Assert.Empty(await ListedAsync("?q=" + Uri.EscapeDataString(PublicScenario.Hidden["approved"])));
        Assert.Empty(await ListedAsync("?dept=" + Uri.EscapeDataString(PublicScenario.DataBureau)));
        Assert.Equal([Published], await ListedAsync("?q=" + Uri.EscapeDataString("道路监控")));
    }

    [Fact]
    public async Task The_finance_bureau_withdraws_a_published_form_from_disclosure_with_a_reason_and_publishes_it_again()
    {
        var filing = app.Scenario.PublishedFilingId;
        async Task<(string Html, string Downloads, string Checksums)> PublicAsync()
        {
            var (html, _) = await GetAsync("/public");
            var downloads = new StringBuilder();
            foreach (var format in new[] { "csv", "csv&table=indicators", "json" })
            {
                downloads.Append(await app.Anonymous.GetStringAsync("/public/forms/export?format=" + format));
            }

            return (html, downloads.ToString(), await app.Anonymous.GetStringAsync("/public/forms/export?format=sha256"));
        }

        async Task<(HttpStatusCode Status, JsonElement Body)> UnpublishAsync(HttpClient client, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/filings/{Id(filing)}/unpublish") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-CSRF-TOKEN", await Jixiao.Web.Tests.Api.ApiClient.TokenAsync(client));
            var response = await client.SendAsync(request);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, doc.RootElement.Clone());
        }

        var before = await PublicAsync();
        Assert.Contains(PublicScenario.PublishedProject, before.Html, StringComparison.Ordinal);
        Assert.Contains(PublicScenario.PublishedProject, before.Downloads, StringComparison.Ordinal);
        await GetAsync("/public/forms/" + Id(Published));

        // every role but the finance bureau is refused, and nothing changes
        foreach (var (user, password) in new[] { ("public-filler", "public-filler-password"), ("public-reviewer", "public-reviewer-password"), ("supervisor", "jixiao-supervisor") })
        {
            var refused = await UnpublishAsync(await app.Factory.SignedInAsync(user, password), """{"reason":"不应公开"}""");
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{user}: {(int)refused.Status}");
        }

        var finance = await app.Factory.SignedInAsync("reviewer", "jixiao-reviewer");
        var noReason = await UnpublishAsync(finance, """{"reason":" "}""");
        Assert.Equal((HttpStatusCode.BadRequest, "reason-required", "撤销公开须写明理由。"),
            (noReason.Status, noReason.Body.GetProperty("problem").GetString(), noReason.Body.GetProperty("detail").GetString()));
        await GetAsync("/public/forms/" + Id(Published));

        var withdrawn = await UnpublishAsync(finance, """{"reason":"含未脱敏的点位地址"}""");
        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        var detail = withdrawn.Body.GetProperty("filing");
        Assert.Equal(("approved", Published), (detail.GetProperty("status").GetString(), detail.GetProperty("publishedFormId").GetInt64()));
        Assert.Equal(["publish", "comment", "resolve-comment"], detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // gone from every public page and download; the form's URL is 404
        await GetAsync("/public/forms/" + Id(Published), HttpStatusCode.NotFound);
        Assert.Empty(await ListedAsync(""));
        var after = await PublicAsync();
        Assert.DoesNotContain(PublicScenario.PublishedProject, after.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicScenario.PublishedProject, after.Downloads, StringComparison.Ordinal);
        Assert.NotEqual(before.Checksums, after.Checksums);
        var (csv, _) = await GetAsync("/public/forms/export?format=csv");
        Assert.Single(Csv.Parse(csv.TrimStart('\uFEFF')), r => r.Length > 1); // the headings only

        // published again: the same form, in every download again (with its new publication time)
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/filings/{Id(filing)}/publish") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("X-CSRF-TOKEN", await Jixiao.Web.Tests.Api.ApiClient.TokenAsync(finance));
            Assert.Equal(HttpStatusCode.OK, (await finance.SendAsync(request)).StatusCode);
        }

        await GetAsync("/public/forms/" + Id(Published));
        Assert.Equal([Published], await ListedAsync(""));
        var again = await PublicAsync();
        Assert.Contains(PublicScenario.PublishedProject, again.Html, StringComparison.Ordinal);
        Assert.Contains(PublicScenario.PublishedProject, again.Downloads, StringComparison.Ordinal);
        Assert.NotEqual(after.Checksums, again.Checksums);
    }

    [Fact]
    public async Task Anonymous_users_read_the_public_pages_while_signed_in_pages_and_the_api_still_refuse_them()
    {
        foreach (var path in new[] { "/public", "/public/forms/" + Id(Published), "/public/data", "/public/data/dictionary.json", "/public/forms/export?format=csv" })
        {
            await GetAsync(path);
        }

        foreach (var path in new[] { "/", "/forms", "/forms/" + Id(Published), "/findings", "/filings", "/admin/users" })
        {
            var (_, response) = await GetAsync(path, HttpStatusCode.Redirect);
            Assert.Contains("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        await GetAsync("/api/v1/forms", HttpStatusCode.Unauthorized);
        await GetAsync("/api/v1/forms/" + Id(Published), HttpStatusCode.Unauthorized);
        await GetAsync("/api/v1/forms/export?format=csv", HttpStatusCode.Unauthorized);

        var (login, _) = await GetAsync("/login");
        Assert.Contains("href=\"/public\"", login, StringComparison.Ordinal);
        var (list, _) = await GetAsync("/public");
        Assert.Contains("id=\"nav-public\"", list, StringComparison.Ordinal);
        var (english, _) = await GetAsync("/public?culture=en");
        Assert.Contains("Published performance forms", english, StringComparison.Ordinal);
        Assert.Contains("绩效信息公开", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_that_cannot_be_read_is_named_in_the_users_language()
    {
        var (html, _) = await GetAsync("/public?year=abc", HttpStatusCode.BadRequest);
        Assert.Contains("年度“abc”不是年份", html, StringComparison.Ordinal);
        var (problem, _) = await GetAsync("/public/forms/export?format=xlsx", HttpStatusCode.BadRequest);
        Assert.Contains("format 须为 csv", problem, StringComparison.Ordinal);
        var (kind, _) = await GetAsync("/public/forms/export?format=csv&kind=x&culture=en", HttpStatusCode.BadRequest);
        Assert.Contains("is not known", kind, StringComparison.Ordinal);
    }
}
