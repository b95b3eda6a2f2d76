using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Monitoring;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Filing;

/// <summary>docs/rules.md describes live evaluation and monitoring as they are: every code with its severity, every deferral.</summary>
public sealed class LiveDocumentationTests
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "rules.md")));

    private static string? RowOf(string code) => Lines.Value.FirstOrDefault(l => l.StartsWith($"| `{code}` |", StringComparison.Ordinal));

    [Fact]
    public void Every_monitoring_warning_is_documented_with_its_severity()
    {
        foreach (var d in MonitoringWarnings.All)
        {
            var row = RowOf(d.Code);
            Assert.True(row is not null, $"docs/rules.md §9.3 lacks {d.Code}");
            Assert.StartsWith($"| `{d.Code}` | {d.Severity.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_deferral_is_documented()
    {
        Assert.All(LiveChecks.Deferrals, d => Assert.True(RowOf(d.Code) is not null, $"docs/rules.md §8.2 lacks {d.Code}"));
        Assert.Contains(Lines.Value, l => l.Contains($"**`{LiveChecks.OverrideReason.Code}`** ({LiveChecks.OverrideReason.Severity.ToString().ToLowerInvariant()})", StringComparison.Ordinal));
        Assert.Equal(Severity.Error, LiveChecks.OverrideReason.Severity);
    }
}
