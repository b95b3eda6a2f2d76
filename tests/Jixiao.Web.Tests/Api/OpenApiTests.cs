using System.Net;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>The OpenAPI document describes the API's endpoints, their parameters and their problem answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture api)
{
    [Fact]
    public async Task A_browser_showing_the_document_finds_the_site_icon_at_favicon_ico()
    {
        // a JSON page names no icon, so the browser asks for /favicon.ico (the role crawl saw its 404 in the console)
        using var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/favicon.svg", response.Headers.Location?.OriginalString);
        var icon = await api.Factory.Client().GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_its_parameters()
    {
        var response = await api.Factory.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains("绩效", root.GetProperty("info").GetProperty("title").GetString()!, StringComparison.Ordinal);

        var paths = root.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/forms"] = ["get"],
            ["/api/v1/forms/{id}"] = ["get"],
            ["/api/v1/forms/export"] = ["get"],
            ["/api/v1/forms/{id}/export"] = ["get"],
            ["/api/v1/findings"] = ["get"],
            ["/api/v1/findings/groups"] = ["get"],
            ["/api/v1/findings/export"] = ["get"],
            ["/api/v1/statistics"] = ["get"],
            ["/api/v1/checks"] = ["get"],
            ["/api/v1/imports"] = ["get", "post"],
            ["/api/v1/imports/{id}"] = ["get", "delete"],
            ["/api/v1/rechecks"] = ["get", "post"],
            ["/api/v1/rechecks/{id}"] = ["get"],
            ["/api/v1/rechecks/{id}/cancel"] = ["post"],
            ["/api/v1/antiforgery"] = ["get"],
            ["/api/v1/health"] = ["get"],
        };
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            foreach (var method in methods)
            {
                Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing");
            }
        }

        // only the API: no pages, no page helpers
        Assert.All(paths.EnumerateObject(), p => Assert.StartsWith("/api/v1/", p.Name, StringComparison.Ordinal));

        var list = paths.GetProperty("/api/v1/forms").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        foreach (var name in new[] { "q", "year", "department", "unit", "kind", "grade", "check", "scoreMin", "scoreMax", "rateMin", "rateMax", "sort", "page", "pageSize" })
        {
            Assert.True(parameters.ContainsKey(name), $"parameter {name} missing");
            Assert.Equal("query", parameters[name].GetProperty("in").GetString());
        }

        Assert.Equal("integer", parameters["year"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains(parameters["kind"].GetProperty("schema").GetProperty("enum").EnumerateArray(), v => v.GetString() == "target-declaration");
        Assert.True(list.GetProperty("responses").TryGetProperty("400", out _));

        var post = paths.GetProperty("/api/v1/imports").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        foreach (var status in new[] { "202", "403", "413", "415" })
        {
            Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), $"POST /imports: {status} missing");
        }
    }
}
