using System.CommandLine;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Formats;

using Jixiao.Core.Checks;

namespace Jixiao.Cli.Commands;

/// <summary>Arguments and options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Files()
    {
        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Input files: PDF-extracted text (.txt, TAB-separated) or jixiao.form/1 JSON, told apart by their content; a directory reads its "
                + string.Join(", ", FormatRegistry.Default.Extensions.Select(e => "*" + e)) + " files",
        };
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                // an option the command does not know lands here: say so rather than "no such file"
                if (token.Value.StartsWith('-') && token.Value.Length > 1)
                {
                    result.AddError($"Unrecognized command or argument '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value})");
                }
            }
        });
        return files;
    }

    public static Option<string> Format() =>
        new Option<string>("--format", "-f")
        {
            Description = "Output format",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json");

    /// <summary>
    /// --rules: <c>auto</c> (the default: each form by the rule set of its jurisdiction and year, as the import does),
    /// or a rule set name for every form (see <see cref="RuleSets.All"/>); <c>national</c> is national-2020.
    /// </summary>
    public static Option<string> Rules()
    {
        var names = RuleSets.All.Select(r => r.Name).Prepend("national").Prepend(Auto).ToArray();
        return new Option<string>("--rules")
        {
            Description = "Scoring rule set: auto (each form by its jurisdiction and year), or one for every form: " + string.Join(", ", names.Skip(1)),
            DefaultValueFactory = _ => Auto,
        }.AcceptOnlyFromAmong(names);
    }

    /// <summary>The rule set named by --rules for every form; null for <c>auto</c>.</summary>
    public static RuleSet? ResolveRules(string? name) => name switch
    {
        null or Auto => null,
        "national" => RuleSets.National2020,
        _ => RuleSets.Find(name) ?? RuleSets.National2020,
    };

    /// <summary>The checker --rules asks for: one rule set for every form, or each form's (<see cref="FormChecker.ByJurisdiction"/>).</summary>
    public static FormChecker Checker(RuleSet? rules) => rules is null ? FormChecker.ByJurisdiction() : new FormChecker(rules);

    /// <summary>"national-2020", or "national-2020 (75), shanghai-municipal-2025 (4)" when forms were scored by several.</summary>
    public static string RulesUsed(IReadOnlyDictionary<string, long> used) => used.Count switch
    {
        0 => RuleSets.National2020.Name,
        1 => used.Keys.First(),
        _ => string.Join(", ", used.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key} ({u.Value})")),
    };

    private const string Auto = "auto";
}
