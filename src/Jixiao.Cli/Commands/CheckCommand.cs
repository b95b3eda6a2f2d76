using System.CommandLine;
using System.Text.Json;
using Jixiao.Cli.Infrastructure;
using Jixiao.Core.Checks;
using Jixiao.Ingest.Json;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao check FILE... [--format text|json] [--rules NAME]</c>: re-scores every form and prints the findings of the
/// check catalogue (docs/checks.md). Exit 1 when any finding is an error, 2 when an input could not be read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.Files();
        var format = CommonOptions.Format();
        var rules = CommonOptions.Rules();
        var minSeverity = new Option<string?>("--min-severity")
        {
            Description = "Least severity printed: info, warning or error (default: warning for text, info for json; the summary counts all)",
        }.AcceptOnlyFromAmong("info", "warning", "error");
        var command = new Command("check", "Check forms and print the findings (exit code 1 when any finding is an error)")
        {
            files,
            format,
            rules,
            minSeverity,
        };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format) == "json";
            var least = parse.GetValue(minSeverity) switch
            {
                "info" => Severity.Info,
                "warning" => Severity.Warning,
                "error" => Severity.Error,
                _ => json ? Severity.Info : Severity.Warning,
            };
            return Run(context, parse.GetValue(files) ?? [], json, CommonOptions.ResolveRules(parse.GetValue(rules)), least);
        });
        return command;
    }

    private static int Run(CliContext context, string[] files, bool json, Core.Scoring.RuleSet? rules, Severity least)
    {
        var checker = CommonOptions.Checker(rules);
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new InputReader(context, new ProgressReporter(context, "check"));
        long forms = 0, formsWithErrors = 0, errors = 0, warnings = 0, infos = 0;
        using var stream = json ? context.OpenOutStream() : null;
        using var writer = stream is null ? null : new Utf8JsonWriter(stream, FormJsonWriter.CreateOptions(indented: true));
        writer?.WriteStartArray();
        foreach (var input in reader.ReadAll(files))
        {
            forms++;
            var result = checker.CheckAndScore(input.Form);
            var findings = result.Findings;
            used[result.Rules.Name] = used.GetValueOrDefault(result.Rules.Name) + 1;
            var formErrors = 0;
            foreach (var f in findings)
            {
                switch (f.Severity)
                {
                    case Severity.Error:
                        formErrors++;
                        break;
                    case Severity.Warning:
                        warnings++;
                        break;
                    default:
                        infos++;
                        break;
                }
            }

            errors += formErrors;
            if (formErrors > 0)
            {
                formsWithErrors++;
            }

            var shown = findings.Where(f => f.Severity >= least).ToList();
            if (writer is not null)
            {
                WriteJson(writer, input, shown);
                if (writer.BytesPending > 32 * 1024)
                {
                    writer.Flush();
                }
            }
            else if (shown.Count > 0 || context.Verbose)
            {
                WriteText(context.Out, input, shown);
            }
        }

        if (writer is not null)
        {
            writer.WriteEndArray();
            writer.Flush();
            stream!.Write("\n"u8);
        }
        else
        {
            context.Out.WriteLine(
                $"{forms} form(s) checked with {CommonOptions.RulesUsed(used)}: {errors} error(s), {warnings} warning(s), {infos} info(s); {formsWithErrors} form(s) with errors");
        }

        return context.FailedInputs > 0 ? ExitCodes.BadInput
            : errors > 0 ? ExitCodes.Findings
            : ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter writer, InputForm input, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("file", input.File);
            writer.WriteNumber("form", input.Ordinal);
            // lines count in the file read; a form imported from JSON points into its original source instead
            var source = input.Form.Provenance?.File;
            var sameFile = source is null || source == input.File;
            if (f.SourceLine > 0 && sameFile)
            {
                writer.WriteNumber("line", f.SourceLine);
            }
            else
            {
                writer.WriteNull("line");
            }

            if (!sameFile && f.SourceLine > 0)
            {
                writer.WriteString("source", $"{source}:{f.SourceLine}");
            }

            writer.WriteString("projectName", input.Form.ProjectName);
            writer.WriteString("code", f.Code);
            writer.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            writer.WriteString("category", Camel(f.Category.ToString()));
            writer.WriteString("field", f.Field);
            writer.WriteString("message", f.MessageZh);
            writer.WriteString("messageEn", f.MessageEn);
            writer.WriteEndObject();
        }
    }

    private static void WriteText(TextWriter output, InputForm input, IReadOnlyList<Finding> findings)
    {
        var form = input.Form;
        var sameFile = form.Provenance is null || form.Provenance.File == input.File;
        var where = sameFile && form.Provenance is { FirstLine: > 0 } p ? $"{input.File}:{p.FirstLine}" : input.File;
        output.WriteLine($"{where}: form {input.Ordinal} 《{form.ProjectName}》{(form.Year is { } y ? $" {y}" : "")}");
        if (findings.Count == 0)
        {
            output.WriteLine("  ok");
        }

        foreach (var f in findings)
        {
            var line = f.SourceLine <= 0 ? "" : sameFile ? $" (line {f.SourceLine})" : $" ({form.Provenance!.File}:{f.SourceLine})";
            output.WriteLine($"  {f.Severity.ToString().ToLowerInvariant(),-7} {f.Code} {f.Field}{line}: {f.MessageZh}");
            output.WriteLine($"          {f.MessageEn}");
        }
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
