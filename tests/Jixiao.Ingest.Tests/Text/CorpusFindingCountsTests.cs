using System.Text.RegularExpressions;
using Jixiao.Core.Checks;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>
/// The table "Counts on the corpus" of docs/checks.md holds what the checks of one form find: every cell of their rows
/// is recounted here by running <see cref="FormChecker"/> (national-2020) on every form of each corpus file. (Rows of
/// checks across forms, if the table has any, are counted on an import, not here.)
/// </summary>
public partial class CorpusFindingCountsTests
{
    /// <summary>The corpus files, in the order of the table's columns.</summary>
    private static readonly string[] Columns = [Corpus.Police2024, Corpus.Police2023Targets, Corpus.DataBureau2024, Corpus.Songnan2023];

    [GeneratedRegex(@"^\|\s*`(?<code>[A-Z]+(?:-[A-Z]+)*)`\s*\|\s*[a-z]+\s*\|(?<counts>(?:\s*\d+\s*\|){5})\s*$")]
    private static partial Regex CountRow();

    [GeneratedRegex(@"^\|\s*\*\*all\*\*.*error (?<error>\d+), warning (?<warning>\d+)(?: \+ \d+ across forms)?, info (?<info>\d+)(?: \+ \d+ across forms)?\s*\|\s*$")]
    private static partial Regex AllRow();

    private static string[] Table()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "checks.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "## Counts on the corpus");
        Assert.True(start >= 0, "docs/checks.md has no heading '## Counts on the corpus'");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return lines[start..(end < 0 ? lines.Length : end)];
    }

    private static Dictionary<(string Code, string File), int> Counted()
    {
        var checker = new FormChecker();
        var counts = new Dictionary<(string, string), int>();
        foreach (var file in Columns)
        {
            foreach (var form in CorpusForms.Of(file).Forms)
            {
                foreach (var f in checker.Check(form))
                {
                    counts[(f.Code, file)] = counts.GetValueOrDefault((f.Code, file)) + 1;
                }
            }
        }

        return counts;
    }

    [Fact]
    public void Every_count_in_the_table_is_what_the_checks_find()
    {
        var counted = Counted();
        var oneForm = CheckCatalogue.All.Select(c => c.Definition.Code).ToHashSet(StringComparer.Ordinal);
        var rows = Table().Select(l => CountRow().Match(l)).Where(m => m.Success && oneForm.Contains(m.Groups["code"].Value)).ToList();
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var code = row.Groups["code"].Value;
            var cells = row.Groups["counts"].Value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            var actual = Columns.Select(f => counted.GetValueOrDefault((code, f))).Append(Columns.Sum(f => counted.GetValueOrDefault((code, f)))).ToArray();
            if (!cells.SequenceEqual(actual))
            {
                wrong.Add($"{code}: documented {string.Join(" / ", cells)}, found {string.Join(" / ", actual)}");
            }
        }

        Assert.Equal(oneForm.Order(StringComparer.Ordinal), rows.Select(r => r.Groups["code"].Value).Order(StringComparer.Ordinal));
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_all_row_counts_the_findings_of_one_form_by_severity()
    {
        var checker = new FormChecker();
        var bySeverity = Columns.SelectMany(f => CorpusForms.Of(f).Forms).SelectMany(checker.Check)
            .GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count());
        var all = Table().Select(l => AllRow().Match(l)).Single(m => m.Success);

        Assert.Equal(
            (bySeverity.GetValueOrDefault(Severity.Error), bySeverity.GetValueOrDefault(Severity.Warning), bySeverity.GetValueOrDefault(Severity.Info)),
            (int.Parse(all.Groups["error"].Value), int.Parse(all.Groups["warning"].Value), int.Parse(all.Groups["info"].Value)));
    }
}
