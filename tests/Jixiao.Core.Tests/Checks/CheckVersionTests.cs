using System.Text.RegularExpressions;
using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Checks;

/// <summary>
/// The checks version (核查版本) that tells a store its findings are stale: it follows the catalogue's definitions and
/// the rule sets by itself, and only what a stored finding depends on.
/// </summary>
public sealed class CheckVersionTests
{
    private static readonly IReadOnlyList<CheckDefinition> Definitions = [.. CheckCatalogue.All.Select(c => c.Definition)];

    private static string Of(IEnumerable<CheckDefinition> checks, IEnumerable<RuleSet>? rules = null) => CheckVersion.FingerprintOf(checks, rules ?? RuleSets.All);

    [Fact]
    public void The_version_is_the_number_and_the_fingerprint_of_the_catalogue_and_the_rule_sets()
    {
        Assert.Matches(new Regex("^[0-9a-f]{8}$"), CheckVersion.Fingerprint);
        Assert.Equal($"{CheckVersion.Number}.{CheckVersion.Fingerprint}", CheckVersion.Current);
        Assert.Equal(CheckVersion.Fingerprint, Of(Definitions));
        Assert.Equal(Of(Definitions), Of([.. Definitions]));
    }

    [Fact]
    public void A_check_added_removed_or_regraded_changes_the_fingerprint()
    {
        var all = Of(Definitions);
        Assert.NotEqual(all, Of(Definitions.Where(d => d.Code != "ROUNDING")));
        Assert.NotEqual(all, Of(Definitions.Select(d => d.Code == "ROUNDING" ? d with { Severity = Severity.Warning } : d)));
        Assert.NotEqual(all, Of(Definitions.Select(d => d.Code == "FUND-RATE" ? d with { Field = "funds.total.rate" } : d)));
        Assert.NotEqual(all, Of([.. Definitions, Definitions[0] with { Code = "NEW-CHECK" }]));
    }

    [Fact]
    public void A_changed_rule_set_changes_the_fingerprint_and_an_explanation_does_not()
    {
        var all = Of(Definitions);
        Assert.NotEqual(all, Of(Definitions, RuleSets.All.Select(r => r == RuleSets.National2020 ? r with { GradeBands = GradeBands.Local80To60 } : r)));
        Assert.NotEqual(all, Of(Definitions, RuleSets.All.Select(r => r == RuleSets.ShanghaiMunicipal2025 ? r with { FromYear = 2026 } : r)));
        Assert.NotEqual(all, Of(Definitions, RuleSets.All.Select(r => r == RuleSets.National2020 ? r with { DefaultWeights = new LevelWeights(40m, 40m, 10m) } : r)));

        // what a finding means is explained in the catalogue, not stored with the findings
        Assert.Equal(all, Of(Definitions.Select(d => d with { MeaningZh = d.MeaningZh + "。", MeaningEn = "x", Rationale = "y" })));
    }
}
