using System.Text.Json;
using Jixiao.Core.Checks;
using Jixiao.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Overview;

/// <summary>
/// The overview's chart of findings by check (issue 10, item 8f): each bar named by the check's short Chinese name
/// beside its code, most findings first, and on a log scale when one check has many times the findings of another.
/// </summary>
public sealed class CheckChartTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void Every_check_of_the_catalogue_has_a_short_distinct_chinese_name()
    {
        var names = CheckCatalogue.Definitions.Select(d => CheckLabels.Of(d.Code)).ToList();
        Assert.All(names, n => Assert.InRange(n.Length, 2, 10));
        Assert.DoesNotContain(names, n => n.EndsWith('…')); // none cut from its meaning: each has a name of its own
        Assert.All(names, n => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", n));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("达标却扣分", CheckLabels.Of("IND-MET-DEDUCTED"));
    }

    [Fact]
    public async Task The_chart_names_each_check_most_findings_first_on_a_log_scale_when_one_dwarfs_another()
    {
        var page = await JixiaoWebFactory.HtmlAsync(corpus.Admin, "/");
        using var json = JsonDocument.Parse(page.QuerySelector("script#overview-data")!.TextContent);
        var checks = json.RootElement.GetProperty("checks");
        var codes = checks.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();
        var labels = checks.GetProperty("labels").EnumerateArray().Select(c => c.GetString()!).ToList();
        var counts = checks.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToList();

        await using var db = corpus.Factory.Database.CreateContext();
        var expected = (await db.Findings.GroupBy(f => f.Code).Select(g => new { Code = g.Key, Count = (long)g.Count() }).ToListAsync())
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal).Take(15).ToList();
        Assert.Equal(expected.Select(e => e.Code), codes);
        Assert.Equal(expected.Select(e => e.Count), counts);
        Assert.Equal(codes.Select(CheckLabels.Of), labels);
        Assert.Equal(counts[0] >= 20 * counts[^1] ? "log" : "linear", checks.GetProperty("scale").GetString());
        Assert.Equal("log", checks.GetProperty("scale").GetString()); // the corpus: hundreds of one check, a few of another

        // the table shown without scripts names them the same way
        var first = page.QuerySelector(".chart-fallback a[href*='check=']")!;
        Assert.Contains(labels[0], first.TextContent, StringComparison.Ordinal);
        Assert.Contains(codes[0], first.TextContent, StringComparison.Ordinal);
    }
}
