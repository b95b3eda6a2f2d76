using System.CommandLine;
using System.Text;
using Jixiao.Cli.Infrastructure;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;
using Jixiao.App.Access;
using Jixiao.App.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao export [--db PATH | --postgres CONNECTIONSTRING] [--format json|csv] [--year N] [--department D] [--out F]</c>:
/// streams the stored forms, in import order, as one <c>jixiao.form/1</c> JSON array or as CSV for spreadsheets
/// (one row per form, UTF-8 with BOM).
/// </summary>
internal static class ExportCommand
{
    /// <summary>The CSV columns, in order (docs/cli.md).</summary>
    internal static readonly string[] CsvColumns =
    [
        "year", "kind", "department", "unit", "project", "budget_yuan", "executed_yuan", "execution_rate",
        "printed_total", "recomputed_total", "printed_grade", "recomputed_grade", "errors", "warnings",
    ];

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "json: one array of jixiao.form/1 objects; csv: one row per form for spreadsheets",
            DefaultValueFactory = _ => "json",
        }.AcceptOnlyFromAmong("json", "csv");
        var year = new Option<int?>("--year") { Description = "Only forms of this year (年度)", HelpName = "N" };
        var department = new Option<string?>("--department") { Description = "Only forms of this 主管部门 (matched by normalised name)", HelpName = "D" };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of stdout", HelpName = "F" };
        var database = new DatabaseOptions();
        var command = new Command("export", "Write the stored forms as jixiao.form/1 JSON or CSV")
        {
            format,
            year,
            department,
            output,
        };
        database.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var query = new FormQuery { Year = parse.GetValue(year), Department = parse.GetValue(department), Sort = FormSort.Imported };
            return RunAsync(context, database, parse, query, parse.GetValue(format) == "csv", parse.GetValue(output), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, DatabaseOptions options, ParseResult parse, FormQuery query, bool csv, string? outPath, CancellationToken cancellationToken)
    {
        await using var services = await options.OpenAsync(context, parse, mustExist: true, cancellationToken);
        if (services is null)
        {
            return ExitCodes.BadInput;
        }

        var stream = context.OpenOutput(outPath);
        if (stream is null)
        {
            return ExitCodes.BadInput;
        }

        var forms = services.GetRequiredService<FormCatalog>().StreamAsync(Caller.Tool("cli"), query, cancellationToken);
        long count;
        await using (stream)
        {
            count = csv ? await WriteCsvAsync(stream, forms, cancellationToken) : await WriteJsonAsync(stream, forms, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        if (outPath is not null)
        {
            context.Err.WriteLine($"exported {count:N0} forms as {(csv ? "CSV" : "JSON")} -> {outPath}");
        }

        return ExitCodes.Success;
    }

    private static async Task<long> WriteJsonAsync(Stream stream, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken)
    {
        using var writer = new FormJsonWriter(stream);
        await foreach (var detail in forms.WithCancellation(cancellationToken))
        {
            writer.Write(detail.ToPerformanceForm());
        }

        writer.Complete();
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return writer.Count;
    }

    private static async Task<long> WriteCsvAsync(Stream stream, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken)
    {
        // the BOM tells Excel the file is UTF-8 (without it, Chinese reads as mojibake in the ANSI code page)
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        text.Write('\uFEFF');
        var csv = new CsvWriter(text);
        foreach (var column in CsvColumns)
        {
            csv.Text(column);
        }

        csv.EndRow();
        long count = 0;
        await foreach (var detail in forms.WithCancellation(cancellationToken))
        {
            var f = detail.Form;
            csv.Number(f.Year);
            csv.Text(f.Kind.ToJsonLabel());
            csv.Text(f.Department);
            csv.Text(f.ImplementingUnit);
            csv.Text(f.ProjectName);
            csv.Number(f.Budget);
            csv.Number(f.Executed);
            csv.Number(f.ExecutionRate);
            csv.Number(f.TotalScore);
            csv.Number(f.RecomputedTotal);
            csv.Text(f.GradePrinted);
            csv.Text(f.RecomputedGrade?.ToChinese());
            csv.Number(f.ErrorCount);
            csv.Number(f.WarningCount);
            csv.EndRow();
            count++;
        }

        return count;
    }
}
