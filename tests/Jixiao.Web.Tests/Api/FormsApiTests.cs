using System.Net;
using System.Text;
using System.Text.Json;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>The read endpoints over the four imported corpus files: forms, one form, findings, statistics, checks.</summary>
[Collection(ApiCollection.Name)]
public sealed class FormsApiTests(ApiFixture api)
{
    [Fact]
    public void The_corpus_imported_through_the_API_holds_37_3_34_and_5_forms()
    {
        Assert.All(api.Batches.Values, b => Assert.Equal(ImportStatus.Succeeded, b.Status));
        Assert.Equal(37, api.Batches[Corpus.Police2024].FormCount);
        Assert.Equal(3, api.Batches[Corpus.Police2023Targets].FormCount);
        Assert.Equal(34, api.Batches[Corpus.DataBureau2024].FormCount);
        Assert.Equal(5, api.Batches[Corpus.Songnan2023].FormCount);
    }

    [Fact]
    public async Task Lists_every_form_a_page_at_a_time_with_links_to_the_next_and_previous_page()
    {
        using var first = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=20&sort=imported");
        Assert.Equal(ApiFixture.AllForms, ApiClient.TotalCount(first));
        Assert.Equal(4, first.RootElement.GetProperty("pageCount").GetInt32());
        Assert.Equal(20, ApiClient.Items(first).Count());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("previous").ValueKind);
        var next = first.RootElement.GetProperty("next").GetString()!;
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("pageSize=20", next, StringComparison.Ordinal);

        using var last = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=20&sort=imported&page=4");
        Assert.Equal(ApiFixture.AllForms - 60, ApiClient.Items(last).Count());
        Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("next").ValueKind);
        Assert.Contains("page=3", last.RootElement.GetProperty("previous").GetString()!, StringComparison.Ordinal);

        // pages do not overlap and cover every form once, in import order
        var ids = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            using var doc = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?pageSize=20&sort=imported&page={page}");
            ids.AddRange(ApiClient.Items(doc).Select(i => i.GetProperty("id").GetInt64()));
        }

        Assert.Equal(ApiFixture.AllForms, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task A_list_item_carries_printed_and_recomputed_values_and_finding_counts()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?batch={api.Batches[Corpus.Police2024].Id}&pageSize=500&sort=imported");
        var items = ApiClient.Items(doc).ToList();
        Assert.Equal(37, items.Count);
        var first = items[0];
        Assert.Equal("self-evaluation", first.GetProperty("kind").GetString());
        Assert.Equal(2024, first.GetProperty("year").GetInt32());
        Assert.Equal(ApiFixture.Police, first.GetProperty("department").GetString());
        Assert.Equal(ApiFixture.Police, first.GetProperty("implementingUnit").GetString());
        Assert.Equal($"/api/v1/forms/{first.GetProperty("id").GetInt64()}", first.GetProperty("url").GetString());
        Assert.All(items, i =>
        {
            Assert.Equal(JsonValueKind.Number, i.GetProperty("totalScore").ValueKind);
            Assert.Equal(JsonValueKind.Number, i.GetProperty("recomputedTotal").ValueKind);
            Assert.True(i.GetProperty("indicators").GetInt32() > 0);
            var f = i.GetProperty("findings");
            Assert.True(f.GetProperty("errors").GetInt32() >= 0 && f.GetProperty("warnings").GetInt32() >= 0);
        });
    }

    [Theory]
    [InlineData("year=2023", 8)]
    [InlineData("year=2024", 71)]
    [InlineData("kind=target-declaration", 3)]
    [InlineData("kind=declaration&year=2023", 3)]
    [InlineData("kind=self-evaluation", 76)]
    [InlineData("department=上海市宝山区数据局", 34)]
    [InlineData("dept=上海市宝山区数据局", 34)]
    [InlineData("department=%20上海市公安局宝山分局%20", 40)]
    [InlineData("unit=上海市宝山区大数据中心", 34)]
    [InlineData("department=淞南镇主管单位&year=2023", 5)]
    [InlineData("department=不存在的部门", 0)]
    [InlineData("year=2023&department=上海市宝山区数据局", 0)]
    public async Task Filters_select_the_forms_they_name(string filter, int expected)
    {
        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&" + filter);
        Assert.Equal(expected, ApiClient.TotalCount(doc));
        Assert.Equal(expected, ApiClient.Items(doc).Count());
    }

    [Fact]
    public async Task Score_and_rate_ranges_and_sorting_agree_with_the_values_listed()
    {
        using var all = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&kind=self-evaluation");
        var scores = ApiClient.Items(all).Select(i => i.GetProperty("totalScore")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDecimal()).ToList();
        var rates = ApiClient.Items(all).Select(i => i.GetProperty("executionRate")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDecimal()).ToList();

        using var high = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&scoreMin=95&scoreMax=100");
        Assert.Equal(scores.Count(s => s is >= 95 and <= 100), ApiClient.TotalCount(high));
        Assert.All(ApiClient.Items(high), i => Assert.InRange(i.GetProperty("totalScore").GetDecimal(), 95m, 100m));

        using var low = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&smax=90");
        Assert.Equal(scores.Count(s => s <= 90), ApiClient.TotalCount(low));

        using var underSpent = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&rateMax=95");
        Assert.Equal(rates.Count(r => r <= 95), ApiClient.TotalCount(underSpent));
        Assert.True(rates.Count(r => r <= 95) < rates.Count, "some forms spent more than 95%");

        using var sorted = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&kind=self&sort=-score");
        var listed = ApiClient.Items(sorted).Select(i => i.GetProperty("totalScore")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDecimal()).ToList();
        Assert.Equal(listed.OrderDescending(), listed);
        using var ascending = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&kind=self&sort=score&desc=false");
        var up = ApiClient.Items(ascending).Select(i => i.GetProperty("totalScore")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDecimal()).ToList();
        Assert.Equal(up.Order(), up);
    }

    [Fact]
    public async Task Full_text_search_and_the_check_filter_find_the_forms_that_match()
    {
        using var police = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=1&sort=imported&department=" + Uri.EscapeDataString(ApiFixture.Police));
        var name = ApiClient.Items(police).First().GetProperty("projectName").GetString()!;
        using var found = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?pageSize=500&q=" + Uri.EscapeDataString(name));
        Assert.Contains(ApiClient.Items(found), i => i.GetProperty("projectName").GetString() == name);

        using var checks = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings/groups");
        var top = checks.RootElement.GetProperty("checks")[0];
        var code = top.GetProperty("code").GetString()!;
        using var flagged = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?pageSize=500&check={code.ToLowerInvariant()}");
        Assert.Equal(top.GetProperty("forms").GetInt32(), ApiClient.TotalCount(flagged));
        var one = ApiClient.Items(flagged).First().GetProperty("id").GetInt64();
        using var form = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms/{one}");
        Assert.Contains(form.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task One_form_is_its_interchange_object_with_id_recomputed_and_findings_and_reads_back()
    {
        using var list = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms?batch={api.Batches[Corpus.Police2024].Id}&sort=imported&pageSize=1");
        var item = ApiClient.Items(list).First();
        var id = item.GetProperty("id").GetInt64();

        var response = await api.Admin.GetAsync($"/api/v1/forms/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("id", names[0]);
        Assert.Equal("schema", names[1]);
        Assert.Equal(["provenance", "recomputed", "findings", "importBatchId"], names[^4..]);
        Assert.Equal(id, root.GetProperty("id").GetInt64());
        Assert.Equal("jixiao.form/1", root.GetProperty("schema").GetString());
        Assert.Equal(item.GetProperty("projectName").GetString(), root.GetProperty("projectName").GetString());
        Assert.Equal(item.GetProperty("totalScore").GetDecimal(), root.GetProperty("totalScore").GetDecimal());
        // the file name is the kept upload's (ImportWorker imports {DataDirectory}/uploads/{batch}.txt), see the report
        Assert.EndsWith(".txt", root.GetProperty("provenance").GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, root.GetProperty("provenance").GetProperty("firstLine").GetInt32());

        var recomputed = root.GetProperty("recomputed");
        Assert.Equal(item.GetProperty("recomputedTotal").GetDecimal(), recomputed.GetProperty("total").GetDecimal());
        Assert.Equal(root.GetProperty("indicators").GetArrayLength(), recomputed.GetProperty("indicators").GetArrayLength());
        Assert.All(recomputed.GetProperty("indicators").EnumerateArray(), i =>
            Assert.Contains(i.GetProperty("outcome").GetString(), new[] { "met", "notMet", "qualitative", "cannotAssess" }));
        var f = item.GetProperty("findings");
        Assert.Equal(f.GetProperty("errors").GetInt32() + f.GetProperty("warnings").GetInt32() + f.GetProperty("infos").GetInt32(),
            root.GetProperty("findings").GetArrayLength());
        Assert.All(root.GetProperty("findings").EnumerateArray(), x =>
        {
            Assert.Matches("^[A-Z0-9-]+$", x.GetProperty("code").GetString()!);
            Assert.Contains(x.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
            Assert.False(string.IsNullOrEmpty(x.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(x.GetProperty("messageEn").GetString()));
        });

        // the interchange reader takes it as it is (extra members ignored)
        var diagnostics = new List<Diagnostic>();
        var forms = FormJsonReader.ReadString(json, "api.json", diagnostics.Add).ToList();
        Assert.Empty(diagnostics);
        var form = Assert.Single(forms);
        Assert.Empty(form.Diagnostics);
        Assert.Equal(FormKind.SelfEvaluation, form.Kind);
        Assert.Equal(item.GetProperty("projectName").GetString(), form.ProjectName);
        Assert.Equal(root.GetProperty("indicators").GetArrayLength(), form.Indicators.Count);
        Assert.Equal(item.GetProperty("budget").GetDecimal(), form.SelfEvaluationFunds!.Total!.AnnualBudget);
    }

    [Fact]
    public async Task Many_forms_read_at_once_each_come_back_whole_and_in_scope()
    {
        var all = await api.AllFormsAsync();
        var requests = Enumerable.Range(0, 240).Select(async n =>
        {
            var (id, department, _) = all[n % all.Count];
            var client = n % 2 == 0 ? api.Admin : api.PoliceUser;
            var response = await client.GetAsync($"/api/v1/forms/{id}");
            if (client == api.PoliceUser && department != ApiFixture.Police)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(id, doc.RootElement.GetProperty("id").GetInt64());
            Assert.Equal(department, doc.RootElement.GetProperty("department").GetString());
            Assert.Equal(doc.RootElement.GetProperty("indicators").GetArrayLength(), doc.RootElement.GetProperty("recomputed").GetProperty("indicators").GetArrayLength());
        });
        await Task.WhenAll(requests);
    }

    [Fact]
    public async Task The_one_form_reader_reads_every_form_as_the_form_store_does_in_every_scope()
    {
        var ids = (await api.AllFormsAsync()).Select(f => f.Id).ToList();
        Assert.Equal(ApiFixture.AllForms, await AssertReaderAgreesWithStoreAsync(api.Factory, [.. ids, ids.Max() + 1]));
    }

    [Fact]
    public async Task A_form_without_goals_indicators_or_findings_reads_whole_and_only_in_scope()
    {
        using var factory = new JixiaoWebFactory();
        var admin = await factory.SignedInAsync("admin", "jixiao-admin");
        await AssertBareFormReadsWholeAsync(factory, admin);
    }

    /// <summary>
    /// For every id, <see cref="FormReader"/> (the endpoint's reader) gives what <see cref="FormQueries.GetAsync"/> gives —
    /// every column of the form, its goals, indicators and findings, and the same JSON — with no scope and with each
    /// department's (by its printed name, by a spelling that normalises to it, and one that matches nothing); a scope of
    /// white space only matches nothing. Returns how many ids were found.
    /// </summary>
    internal static async Task<int> AssertReaderAgreesWithStoreAsync(JixiaoWebFactory factory, IReadOnlyList<long> ids)
    {
        var reader = factory.Services.GetRequiredService<FormReader>();
        var store = factory.Services.GetRequiredService<FormQueries>();
        var directory = factory.Services.GetRequiredService<DepartmentDirectory>();
        string?[] names = [null, ApiFixture.Police, ApiFixture.DataBureau, ApiFixture.Songnan, " 上海市公安局  宝山分局 ", "不存在的部门"];
        var scopes = new List<DepartmentScope?>();
        foreach (var name in names)
        {
            scopes.Add(name is null ? null : DepartmentScope.Only(await directory.IdsOfAsync(name)));
        }

        var found = 0;
        foreach (var id in ids)
        {
            foreach (var scope in scopes)
            {
                var expected = await store.GetAsync(id, scope);
                var actual = await reader.GetAsync(id, scope, CancellationToken.None);
                Assert.Equal(expected is null, actual is null);
                if (expected is null || actual is null)
                {
                    continue;
                }

                found += scope is null ? 1 : 0;
                AssertSameColumns(expected.Form, actual.Form);
                Assert.Equal(expected.Goals is null, actual.Goals is null);
                AssertSameColumns(expected.Goals, actual.Goals);
                Assert.Same(actual.Goals, actual.Form.Goals);
                Assert.Equal(expected.Indicators.Count, actual.Indicators.Count);
                for (var i = 0; i < expected.Indicators.Count; i++)
                {
                    AssertSameColumns(expected.Indicators[i], actual.Indicators[i]);
                }

                Assert.Equal(expected.Findings.Count, actual.Findings.Count);
                for (var i = 0; i < expected.Findings.Count; i++)
                {
                    AssertSameColumns(expected.Findings[i], actual.Findings[i]);
                }

                Assert.Equal(FormDocument.Serialize(expected), FormDocument.Serialize(actual));
            }

            Assert.Null(await reader.GetAsync(id, DepartmentScope.Only(await directory.IdsOfAsync(" \t ")), CancellationToken.None));
        }

        return found;
    }

    /// <summary>
    /// A form stored with no goals row, no indicators and no findings (the importer always writes goals, but the
    /// schema allows none) and no department: the API gives the store's JSON with empty arrays to an administrator and
    /// 404 to a department user.
    /// </summary>
    internal static async Task AssertBareFormReadsWholeAsync(JixiaoWebFactory factory, HttpClient admin)
    {
        long id;
        await using (var db = factory.Database.CreateContext())
        {
            var batch = new ImportBatch { FileName = "bare.json", ContentHash = new string('0', 64), Status = ImportStatus.Succeeded, FormCount = 1, CreatedBy = "test", CreatedAt = DateTime.UtcNow };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            var form = new FormRecord { ImportBatchId = batch.Id, Kind = FormKind.TargetDeclaration, ProjectName = "空表", LineageKey = "空表", ContentHash = new string('1', 64), ImportedAt = DateTime.UtcNow };
            db.Forms.Add(form);
            await db.SaveChangesAsync();
            id = form.Id;
        }

        var expected = await factory.Services.GetRequiredService<FormQueries>().GetAsync(id);
        Assert.NotNull(expected);
        Assert.Null(expected.Goals);
        Assert.Empty(expected.Indicators);
        Assert.Empty(expected.Findings);
        Assert.Equal(1, await AssertReaderAgreesWithStoreAsync(factory, [id]));

        var response = await admin.GetAsync($"/api/v1/forms/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(FormDocument.Serialize(expected), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("空表", doc.RootElement.GetProperty("projectName").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("indicators").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("recomputed").GetProperty("indicators").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Single(FormJsonReader.ReadString(Encoding.UTF8.GetString(json), "bare.json", null));

        await factory.CreateUserAsync("bare-dept", "bare-dept-password", UserRole.DepartmentUser, ApiFixture.Police);
        var dept = await factory.SignedInAsync("bare-dept", "bare-dept-password");
        await ApiClient.ProblemAsync(dept, $"/api/v1/forms/{id}", HttpStatusCode.NotFound);
    }

    /// <summary>Every column (every property of a simple type) of two records is equal.</summary>
    private static void AssertSameColumns<T>(T? expected, T? actual)
        where T : class
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null || actual is null)
        {
            return;
        }

        foreach (var property in typeof(T).GetProperties())
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateOnly))
            {
                Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)), $"{typeof(T).Name}.{property.Name}: {property.GetValue(expected)} ≠ {property.GetValue(actual)}");
                if (property.GetValue(expected) is DateTime e)
                {
                    Assert.Equal(e.Kind, ((DateTime)property.GetValue(actual)!).Kind);
                }
            }
        }
    }

    [Fact]
    public async Task A_declaration_has_null_scores_and_its_declaration_funds()
    {
        using var list = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?kind=target-declaration&sort=imported");
        var id = ApiClient.Items(list).First().GetProperty("id").GetInt64();
        using var doc = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms/{id}");
        var root = doc.RootElement;
        Assert.Equal("target-declaration", root.GetProperty("kind").GetString());
        Assert.Equal(2023, root.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("totalScore").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("funds").GetProperty("projectTotal").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("recomputed").GetProperty("total").ValueKind);
    }

    [Fact]
    public async Task Unknown_and_malformed_form_ids_are_problems()
    {
        var missing = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/99999999", HttpStatusCode.NotFound);
        Assert.Contains("99999999", missing.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var bad = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/abc", HttpStatusCode.BadRequest);
        Assert.Contains("not a form id", bad.GetProperty("errors").GetProperty("id")[0].GetString()!, StringComparison.Ordinal);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/-1", HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Findings_are_grouped_by_check_and_department_and_add_up()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings/groups");
        var root = doc.RootElement;
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.NotEmpty(checks);
        Assert.Equal(checks.Sum(c => c.GetProperty("findings").GetInt32()), root.GetProperty("findings").GetInt32());
        foreach (var c in checks)
        {
            var departments = c.GetProperty("departments").EnumerateArray().ToList();
            Assert.Equal(c.GetProperty("findings").GetInt32(), departments.Sum(d => d.GetProperty("findings").GetInt32()));
            Assert.Equal(c.GetProperty("forms").GetInt32(), departments.Sum(d => d.GetProperty("forms").GetInt32()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("meaningZh").GetString()));
            Assert.All(departments, d => Assert.StartsWith("/api/v1/forms?check=", d.GetProperty("formsUrl").GetString(), StringComparison.Ordinal));
        }

        // the total equals the findings of all forms, counted one form at a time
        var total = 0;
        foreach (var (id, _, _) in await api.AllFormsAsync())
        {
            using var form = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/forms/{id}");
            total += form.RootElement.GetProperty("findings").GetArrayLength();
        }

        Assert.Equal(total, root.GetProperty("findings").GetInt32());

        // one check in one department, and one severity
        var code = checks[0].GetProperty("code").GetString()!;
        using var one = await ApiClient.GetJsonAsync(api.Admin, $"/api/v1/findings/groups?check={code}&department={Uri.EscapeDataString(ApiFixture.Police)}");
        var only = Assert.Single(one.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal(code, only.GetProperty("code").GetString());
        Assert.All(only.GetProperty("departments").EnumerateArray(), d => Assert.Equal(ApiFixture.Police, d.GetProperty("department").GetString()));

        using var errors = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings/groups?severity=error");
        Assert.All(errors.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.Equal("error", c.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task Statistics_count_the_forms_of_each_year_and_department()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/statistics");
        var root = doc.RootElement;
        Assert.Equal(ApiFixture.AllForms, root.GetProperty("forms").GetInt32());
        var rows = root.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("year").GetInt32(), r.GetProperty("department").GetString()), r => r);
        Assert.Equal(4, rows.Count);
        Assert.Equal(37, rows[(2024, ApiFixture.Police)].GetProperty("forms").GetInt32());
        Assert.Equal(3, rows[(2023, ApiFixture.Police)].GetProperty("declarations").GetInt32());
        Assert.Equal(34, rows[(2024, ApiFixture.DataBureau)].GetProperty("selfEvaluations").GetInt32());
        Assert.Equal(5, rows[(2023, ApiFixture.Songnan)].GetProperty("forms").GetInt32());
        foreach (var r in rows.Values)
        {
            var g = r.GetProperty("grades");
            Assert.Equal(r.GetProperty("forms").GetInt32(),
                g.GetProperty("excellent").GetInt32() + g.GetProperty("good").GetInt32() + g.GetProperty("fair").GetInt32() + g.GetProperty("poor").GetInt32() + g.GetProperty("none").GetInt32());
            Assert.Equal(7, r.GetProperty("scoreBuckets").GetArrayLength());
        }

        Assert.Equal(rows.Values.Sum(r => r.GetProperty("budget").GetDecimal()), root.GetProperty("budget").GetDecimal());
        Assert.Equal(7, root.GetProperty("scoreBucketBounds").GetArrayLength());

        // findings by check agree with the findings endpoint
        using var findings = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/findings/groups");
        Assert.Equal(
            findings.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("findings").GetInt32()),
            root.GetProperty("findingsByCheck").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("findings").GetInt32()));

        using var year = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/statistics?year=2023");
        Assert.Equal(8, year.RootElement.GetProperty("forms").GetInt32());
    }

    [Fact]
    public async Task The_check_catalogue_lists_every_check()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Supervisor, "/api/v1/checks");
        var checks = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(Core.Checks.CheckCatalogue.Definitions.Count, checks.Count);
        Assert.Contains(checks, c => c.GetProperty("code").GetString() == "FUND-RATE");
    }

    [Fact]
    public async Task Without_signing_in_every_endpoint_but_health_answers_401()
    {
        var anonymous = api.Factory.Client();
        foreach (var url in new[] { "/api/v1/forms", "/api/v1/forms/1", "/api/v1/findings", "/api/v1/findings/groups", "/api/v1/findings/export?format=csv", "/api/v1/statistics", "/api/v1/imports", "/api/v1/imports/1", "/api/v1/forms/export?format=csv", "/api/v1/forms/1/export", "/api/v1/checks" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var delete = await anonymous.DeleteAsync("/api/v1/imports/1");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);

        using var health = await ApiClient.GetJsonAsync(anonymous, "/api/v1/health");
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Imports_are_listed_newest_first_with_their_status_and_counts()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Supervisor, "/api/v1/imports?pageSize=2");
        Assert.Equal(4, ApiClient.TotalCount(doc));
        var items = ApiClient.Items(doc).ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("id").GetInt64() > items[1].GetProperty("id").GetInt64());
        Assert.NotNull(doc.RootElement.GetProperty("next").GetString());

        var songnan = api.Batches[Corpus.Songnan2023];
        using var one = await ApiClient.GetJsonAsync(api.Supervisor, $"/api/v1/imports/{songnan.Id}");
        var b = one.RootElement;
        Assert.Equal("succeeded", b.GetProperty("status").GetString());
        Assert.True(b.GetProperty("done").GetBoolean());
        Assert.Equal(5, b.GetProperty("forms").GetInt32());
        Assert.Equal(Corpus.Songnan2023, b.GetProperty("fileName").GetString());
        Assert.Equal("admin", b.GetProperty("createdBy").GetString());
        Assert.Equal(new FileInfo(Corpus.PathOf(Corpus.Songnan2023)).Length, b.GetProperty("sizeBytes").GetInt64());
        using var forms = await ApiClient.GetJsonAsync(api.Supervisor, b.GetProperty("formsUrl").GetString()!);
        Assert.Equal(5, ApiClient.TotalCount(forms));

        await ApiClient.ProblemAsync(api.Admin, "/api/v1/imports/99999", HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(api.Admin, "/api/v1/imports/x1", HttpStatusCode.BadRequest);
    }
}
