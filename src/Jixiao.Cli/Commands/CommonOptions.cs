using System.CommandLine;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Formats;

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

    /// <summary>--rules: a rule set name (see <see cref="RuleSets.All"/>); "national" is national-2020.</summary>
    public static Option<string> Rules()
    {
        var names = RuleSets.All.Select(r => r.Name).Prepend("national").ToArray();
        return new Option<string>("--rules")
        {
            Description = "Scoring rule set: " + string.Join(", ", names),
            DefaultValueFactory = _ => "national",
        }.AcceptOnlyFromAmong(names);
    }

    public static RuleSet ResolveRules(string? name) =>
        name is null or "national" ? RuleSets.National2020 : RuleSets.Find(name) ?? RuleSets.National2020;
}
