using System.CommandLine;
using System.Text.Json;
using Jixiao.Cli.Infrastructure;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Json;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao score FILE... [--format text|json] [--rules NAME]</c>: printed vs recomputed total, grade and execution
/// rate of every self-evaluation (declarations are listed, not scored).
/// </summary>
internal static class ScoreCommand
{
    private const int ProjectWidth = 30;

    public static Command Create(CliContext context)
    {
        var files = CommonOptions.Files();
        var format = CommonOptions.Format();
        var rules = CommonOptions.Rules();
        var command = new Command("score", "Print printed vs recomputed scores per form (total, grade, execution rate)")
        {
            files,
            format,
            rules,
        };
        command.SetAction(parse => Run(context, parse.GetValue(files) ?? [], parse.GetValue(format) == "json", CommonOptions.ResolveRules(parse.GetValue(rules))));
        return command;
    }

    private static int Run(CliContext context, string[] files, bool json, RuleSet? rules)
    {
        var scorers = new Dictionary<string, Scorer>(StringComparer.Ordinal);
        var reader = new InputReader(context, new ProgressReporter(context, "score"));
        using var stream = json ? context.OpenOutStream() : null;
        using var writer = stream is null ? null : new Utf8JsonWriter(stream, FormJsonWriter.CreateOptions(indented: true));
        writer?.WriteStartArray();
        string? currentFile = null;
        foreach (var input in reader.ReadAll(files))
        {
            var chosen = rules ?? RuleSets.For(input.Form);
            if (!scorers.TryGetValue(chosen.Name, out var scorer))
            {
                scorers[chosen.Name] = scorer = new Scorer(chosen);
            }

            var score = scorer.Score(input.Form);
            if (writer is not null)
            {
                WriteJson(writer, input, score);
                if (writer.BytesPending > 32 * 1024)
                {
                    writer.Flush();
                }

                continue;
            }

            if (input.File != currentFile)
            {
                currentFile = input.File;
                context.Out.WriteLine(currentFile);
                context.Out.WriteLine(
                    $"  {"#",4}  {DisplayWidth.Fit("project 项目名称", ProjectWidth)}  {"printed",-12}  {"recomputed",-26}  execution rate 执行率 printed / recomputed");
            }

            context.Out.WriteLine(Row(input, score));
        }

        if (writer is not null)
        {
            writer.WriteEndArray();
            writer.Flush();
            stream!.Write("\n"u8);
        }

        return context.FailedInputs > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static string Row(InputForm input, FormScore score)
    {
        var form = input.Form;
        var project = DisplayWidth.Fit(form.ProjectName, ProjectWidth);
        if (form.Kind == FormKind.TargetDeclaration)
        {
            return $"  {input.Ordinal,4}  {project}  target declaration (申报表), not scored";
        }

        var printed = $"{ScoreText.N(score.PrintedTotal)} {form.Grade ?? score.PrintedTotalGrade?.ToChinese() ?? "—"}";
        var recomputedTotal = score.RecomputedMin == score.RecomputedMax
            ? ScoreText.N(score.Recomputed)
            : $"{ScoreText.N(score.Recomputed)} [{ScoreText.N(score.RecomputedMin)}–{ScoreText.N(score.RecomputedMax)}]";
        var recomputed = $"{recomputedTotal} {score.RecomputedGrade?.ToChinese() ?? "—"}";
        var execution = score.Execution;
        var rate = $"{Percent(execution.PrintedRate)} / {(execution.CanAssess && execution.Rate is { } r ? ScoreText.F2(r) + "%" : "—")}";
        var note = score.CannotAssessCount > 0 ? $"  ({score.CannotAssessCount} part(s) not assessable)" : "";
        return $"  {input.Ordinal,4}  {project}  {DisplayWidth.Fit(printed, 12)}  {DisplayWidth.Fit(recomputed, 26)}  {rate}{note}";
    }

    private static string Percent(decimal? value) => value is { } v ? ScoreText.N(v) + "%" : "—";

    private static void WriteJson(Utf8JsonWriter writer, InputForm input, FormScore score)
    {
        var form = input.Form;
        writer.WriteStartObject();
        writer.WriteString("file", input.File);
        writer.WriteNumber("form", input.Ordinal);
        writer.WriteString("projectName", form.ProjectName);
        writer.WriteString("kind", form.Kind.ToJsonLabel());
        var self = form.Kind != FormKind.TargetDeclaration;

        writer.WriteStartObject("printed");
        Number(writer, "total", form.TotalScore);
        Text(writer, "grade", form.Grade);
        Number(writer, "executionRate", score.Execution.PrintedRate);
        Number(writer, "executionScore", score.Execution.PrintedScore);
        writer.WriteEndObject();

        writer.WriteStartObject("recomputed");
        Number(writer, "total", self ? score.Recomputed : null);
        Number(writer, "min", self ? score.RecomputedMin : null);
        Number(writer, "max", self ? score.RecomputedMax : null);
        Text(writer, "grade", score.RecomputedGrade?.ToChinese());
        Number(writer, "executionRate", self && score.Execution.CanAssess ? score.Execution.RateRounded : null);
        Number(writer, "executionScore", self ? score.Execution.Expected : null);
        writer.WriteNumber("notAssessable", score.CannotAssessCount);
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, FormJsonWriter.Shortest(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
