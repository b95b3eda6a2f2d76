using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests.Exports;

/// <summary>
/// The export links of the form list, followed as a user clicks them: each answers with the file of the filtered list
/// (they once answered 400 because the link lost its format).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportLinkTests(ApiFixture api)
{
    [Theory]
    [InlineData("/forms")]
    [InlineData("/forms?year=2024&sort=score&desc=1")]
    [InlineData("/forms?dept=%E4%B8%8A%E6%B5%B7%E5%B8%82%E5%85%AC%E5%AE%89%E5%B1%80%E5%AE%9D%E5%B1%B1%E5%88%86%E5%B1%80&kind=self&size=20&page=2")]
    public async Task Every_export_link_of_the_list_answers_with_its_file(string list)
    {
        var html = await api.Admin.GetStringAsync(list);
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var total = int.Parse(page.QuerySelector("#form-count")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture);
        var links = page.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);

        foreach (var link in links)
        {
            var response = await api.Admin.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            if (link.Contains("format=csv", StringComparison.Ordinal))
            {
                var bytes = await response.Content.ReadAsByteArrayAsync();
                var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
                var blank = rows.FindIndex(r => r is [""]);
                Assert.Equal(total + 1, blank); // the filtered list, every page, with its header; then its totals
                Assert.Equal(["汇总", "表单数", total.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows[blank + 1]);
            }
        }
    }
}
