using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Checks;

/// <summary>Runs the catalogue on a test form and picks findings by code.</summary>
internal static class CheckRun
{
    public static IReadOnlyList<Finding> All(PerformanceForm form, RuleSet? rules = null) => new FormChecker(rules).Check(form);

    public static List<Finding> Of(PerformanceForm form, string code, RuleSet? rules = null) =>
        [.. All(form, rules).Where(f => f.Code == code)];

    /// <summary>The one finding of <paramref name="code"/>, asserting its severity and field.</summary>
    public static Finding Single(PerformanceForm form, string code, Severity severity, string field, RuleSet? rules = null)
    {
        var found = Of(form, code, rules);
        var f = Assert.Single(found);
        Assert.Equal(severity, f.Severity);
        Assert.Equal(field, f.Field);
        return f;
    }

    /// <summary>Asserts both messages contain every value.</summary>
    public static void Mentions(Finding f, params string[] values)
    {
        foreach (var v in values)
        {
            Assert.Contains(v, f.MessageZh, StringComparison.Ordinal);
            Assert.Contains(v, f.MessageEn, StringComparison.Ordinal);
        }
    }

    public static void None(PerformanceForm form, string code, RuleSet? rules = null) => Assert.Empty(Of(form, code, rules));
}
