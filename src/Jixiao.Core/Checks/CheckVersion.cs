using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Checks;

/// <summary>
/// The version of what the checks of one form and the scorer compute (核查版本): a store records the version its
/// findings, recomputed scores and grades were made with, and re-checks its forms when the code's differs
/// (docs/checks.md, "Re-checking stored forms"). Two parts, written <c>{Number}.{Fingerprint}</c>, e.g. <c>1.3f9a2c1e</c>:
/// <list type="bullet">
/// <item><see cref="Number"/>, raised by hand with every change of a check or of the scorer that changes what it
/// finds, computes or says (a threshold, a formula, a message);</item>
/// <item><see cref="Fingerprint"/>, computed from the catalogue (<see cref="CheckCatalogue.All"/>: each check's code,
/// severity, category, form kinds and field) and from every rule set (<see cref="RuleSets.All"/>, all their values),
/// so that adding, removing or re-grading a check and changing a rule set change the version by themselves.</item>
/// </list>
/// The checks across forms (<see cref="Across.CrossChecks"/>) are not part of it: their findings belong to pairs of
/// forms and are kept right when forms come and go.
/// </summary>
public static class CheckVersion
{
    /// <summary>
    /// The hand-kept part. Raise it with every change of a check or of the scorer that changes findings, their
    /// messages or the recomputed values without changing a definition or a rule set.
    /// </summary>
    /// <remarks>1: the first recorded version (issue 10: re-checking stored forms).</remarks>
    public const int Number = 1;

    /// <summary>Eight hex digits of the SHA-256 of the catalogue's definitions and the rule sets.</summary>
    public static string Fingerprint { get; } = FingerprintOf(CheckCatalogue.All.Select(c => c.Definition), RuleSets.All);

    /// <summary>The version of this code: <c>{Number}.{Fingerprint}</c>.</summary>
    public static string Current { get; } = Number.ToString(CultureInfo.InvariantCulture) + "." + Fingerprint;

    /// <summary>
    /// The fingerprint of <paramref name="checks"/> and <paramref name="rules"/>: each definition's code, severity,
    /// category, form kinds and field (not its explanatory texts, which no stored finding carries), and every public
    /// value of each rule set, in order.
    /// </summary>
    public static string FingerprintOf(IEnumerable<CheckDefinition> checks, IEnumerable<RuleSet> rules)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(rules);
        var text = new StringBuilder();
        foreach (var d in checks)
        {
            text.Append("check ").Append(d.Code).Append('|').Append(d.Severity).Append('|').Append(d.Category)
                .Append('|').Append(d.AppliesTo).Append('|').Append(d.Field).Append('\n');
        }

        foreach (var r in rules)
        {
            text.Append("rules ");
            Render(text, r, 0);
            text.Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    /// <summary>A canonical text of a value: numbers invariant, collections item by item, other objects property by property (by name).</summary>
    private static void Render(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                text.Append('∅');
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case IFormattable f when value is decimal or int or long or double or Enum:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Render(text, item, depth + 1);
                    text.Append(',');
                }

                text.Append(']');
                return;
        }

        if (depth > 4)
        {
            text.Append(value);
            return;
        }

        text.Append('{');
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(p.Name).Append('=');
            Render(text, p.GetValue(value), depth + 1);
            text.Append(';');
        }

        text.Append('}');
    }
}
