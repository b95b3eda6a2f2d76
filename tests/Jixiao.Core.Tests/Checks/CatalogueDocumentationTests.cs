using System.Text.RegularExpressions;
using Jixiao.Core.Checks;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Checks;

/// <summary>docs/checks.md describes the catalogue as it is: every code, with its severity and category, and no other code.</summary>
public partial class CatalogueDocumentationTests
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "checks.md")));

    /// <summary>A table row naming a check: <c>| `CODE` | severity | …</c>.</summary>
    [GeneratedRegex(@"^\|\s*`(?<code>[A-Z]+(?:-[A-Z]+)*)`\s*\|\s*(?<severity>[a-z]+)\s*\|(?<rest>.*)$")]
    private static partial Regex CodeRow();

    /// <summary>Any code-like token in backticks anywhere in the text.</summary>
    [GeneratedRegex("`(?<code>[A-Z]+(?:-[A-Z]+)*)`")]
    private static partial Regex CodeToken();

    private static Dictionary<string, CheckDefinition> Catalogue =>
        CheckCatalogue.Definitions.ToDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>The check rows of the table under <paramref name="heading"/> (up to the next heading of that level).</summary>
    private static List<Match> RowsUnder(string heading)
    {
        var start = Array.FindIndex(Lines.Value, l => l.Trim() == heading);
        Assert.True(start >= 0, $"docs/checks.md has no heading '{heading}'");
        var rows = new List<Match>();
        for (var i = start + 1; i < Lines.Value.Length && !Lines.Value[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (CodeRow().Match(Lines.Value[i]) is { Success: true } m)
            {
                rows.Add(m);
            }
        }

        return rows;
    }

    private static string SeverityText(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string CategoryText(CheckCategory category) => category switch
    {
        CheckCategory.TargetQuality => "target quality",
        _ => category.ToString().ToLowerInvariant(),
    };

    [Theory]
    [InlineData("## The checks")]
    [InlineData("## Counts on the corpus")]
    public void Each_table_lists_every_code_once_with_its_severity(string heading)
    {
        var rows = RowsUnder(heading);

        Assert.Equal(
            CheckCatalogue.Definitions.Select(d => d.Code).Order(StringComparer.Ordinal),
            rows.Select(r => r.Groups["code"].Value).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.True(
            SeverityText(Catalogue[r.Groups["code"].Value].Severity) == r.Groups["severity"].Value,
            $"{heading}: {r.Groups["code"].Value} is documented as {r.Groups["severity"].Value}, the catalogue says {SeverityText(Catalogue[r.Groups["code"].Value].Severity)}"));
    }

    [Fact]
    public void The_checks_table_gives_each_codes_category_and_field()
    {
        foreach (var row in RowsUnder("## The checks"))
        {
            var definition = Catalogue[row.Groups["code"].Value];
            var cells = row.Groups["rest"].Value.Split('|');
            Assert.True(cells.Length > 3, $"{definition.Code}: too few cells");
            Assert.Equal(CategoryText(definition.Category), cells[0].Trim());
            Assert.Equal("`" + definition.Field + "`", cells[2].Trim());
        }
    }

    [Fact]
    public void Every_code_the_document_names_exists()
    {
        var unknown = Lines.Value
            .SelectMany((line, i) => CodeToken().Matches(line).Select(m => (Code: m.Groups["code"].Value, Line: i + 1)))
            .Where(t => !Catalogue.ContainsKey(t.Code))
            .Select(t => $"line {t.Line}: {t.Code}")
            .ToList();

        Assert.Empty(unknown);
    }
}
