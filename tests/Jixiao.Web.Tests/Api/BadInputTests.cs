using System.Net;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>Bad query values are 400 problems that name the parameter; HTML and SQL in any filter are harmless.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "year=abc", "year", "'abc' is not a year" },
        { "year=1800", "year", "from 1900 to 2200" },
        { "year=2024.5", "year", "not a year" },
        { "page=0", "page", "not a page number" },
        { "pageSize=1000", "pageSize", "from 1 to 500" },
        { "size=-5", "pageSize", "page size" },
        { "scoreMin=high", "scoreMin", "'high' is not a number" },
        { "rateMax=1,5", "rateMax", "not a number" },
        { "scoreMin=95&scoreMax=90", "scoreMin", "greater than scoreMax" },
        { "kind=report", "kind", "expected self-evaluation or target-declaration" },
        { "grade=A%2B", "grade", "not a grade" },
        { "check=NO-SUCH-CHECK", "check", "not a check code" },
        { "errors=maybe", "errors", "true or false" },
        { "sort=price", "sort", "not a sort order" },
        { "batch=-3", "batch", "not an id" },
        { "year=2023&year=2024", "year", "Give year once" },
        { "department=a&dept=b", "department", "not both" },
        { "colour=red", "colour", "Unknown query parameter 'colour'" },
        { "q=%00abc", "q", "control character" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_filter_value_is_a_400_naming_the_parameter_and_what_was_expected(string query, string parameter, string message)
    {
        foreach (var path in new[] { "/api/v1/forms", "/api/v1/forms/export?format=csv&", "/api/v1/statistics", "/api/v1/findings", "/api/v1/findings/groups", "/api/v1/findings/export?format=csv&" })
        {
            if (parameter is "page" or "pageSize" && path is not ("/api/v1/forms" or "/api/v1/findings"))
            {
                continue; // not paged: statistics and finding groups do not know page, exports ignore it
            }

            var url = path.EndsWith('&') ? path + query : path + "?" + query;
            var problem = await ApiClient.ProblemAsync(api.Admin, url, HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors").GetProperty(parameter);
            Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));
            Assert.Contains(parameter, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_endpoint_without_parameters_says_so()
    {
        var problem = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms/1?year=2024", HttpStatusCode.BadRequest);
        Assert.Contains("takes no query parameters", problem.GetProperty("errors").GetProperty("year")[0].GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_bad_values_are_reported_together()
    {
        var problem = await ApiClient.ProblemAsync(api.Admin, "/api/v1/forms?year=x&page=y&kind=z", HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["kind", "page", "year"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_pages_short_parameter_names_and_the_ui_language_are_accepted()
    {
        using var doc = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms?dept=" + Uri.EscapeDataString(ApiFixture.Police) + "&smin=0&smax=100&emin=0&emax=200&rgrade=优&size=5&culture=en&desc=1&sort=year");
        Assert.Equal(5, ApiClient.Items(doc).Count());
    }

    public static readonly string[] Attacks =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' OR '1'='1",
        "1; DROP TABLE forms; --",
        "%' OR 1=1 --",
        "2024 UNION SELECT password_hash FROM users",
        "\\'; DELETE FROM import_batches; --",
        "_%_%",
    ];

    [Fact]
    public async Task Html_and_sql_in_every_filter_are_a_400_or_match_nothing_and_change_nothing()
    {
        var forms = await api.Factory.CountFormsAsync();
        var batches = await api.Factory.CountBatchesAsync();
        var names = ApiQueryNames();
        foreach (var attack in Attacks)
        {
            foreach (var name in names)
            {
                foreach (var path in new[] { "/api/v1/forms", "/api/v1/findings", "/api/v1/findings/groups", "/api/v1/statistics", "/api/v1/forms/export?format=json", "/api/v1/findings/export?format=json" })
                {
                    var url = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + Uri.EscapeDataString(attack);
                    var response = await api.Admin.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");

                    // HTML never comes back unescaped; JSON stays JSON
                    Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
                    Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
                    using var doc = JsonDocument.Parse(body);
                    if (response.StatusCode == HttpStatusCode.OK && path is "/api/v1/forms" or "/api/v1/findings")
                    {
                        Assert.True(ApiClient.TotalCount(doc) == 0 || name is "sort" or "desc", $"{url} matched {ApiClient.TotalCount(doc)} rows");
                    }
                    else if (response.StatusCode == HttpStatusCode.OK && path.Contains("export", StringComparison.Ordinal))
                    {
                        Assert.Equal(0, doc.RootElement.GetArrayLength());
                    }
                }
            }
        }

        // nothing was changed or stored, and the database still answers
        Assert.Equal(forms, await api.Factory.CountFormsAsync());
        Assert.Equal(batches, await api.Factory.CountBatchesAsync());
        using var all = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/forms");
        Assert.Equal(ApiFixture.AllForms, ApiClient.TotalCount(all));
    }

    [Fact]
    public async Task A_problem_echoing_html_escapes_it()
    {
        var response = await api.Admin.GetAsync("/api/v1/forms?year=" + Uri.EscapeDataString("<b>2024</b>"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        Assert.Contains("<b>2024</b>", doc.RootElement.GetProperty("errors").GetProperty("year")[0].GetString()!, StringComparison.Ordinal);
    }

    private static IEnumerable<string> ApiQueryNames() =>
        ["q", "year", "department", "dept", "unit", "kind", "grade", "recomputedGrade", "check", "errors", "scoreMin", "scoreMax",
         "recomputedMin", "recomputedMax", "rateMin", "rateMax", "batch", "project", "sort", "desc"];
}
