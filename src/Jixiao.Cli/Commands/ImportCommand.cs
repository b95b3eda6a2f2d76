using System.CommandLine;
using Jixiao.Cli.Infrastructure;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.App.Imports;
using Jixiao.App;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao import FILE... [--db PATH | --postgres CONNECTIONSTRING] [--user NAME]</c>: stores each file as one
/// import batch through <see cref="FormImporter"/> (the database is migrated first). Per file, one line: the forms
/// imported, a duplicate (content imported before adds nothing), or — on stderr — why it failed (nothing of it is
/// stored). Exit 2 when some file failed.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.Files();
        var user = new Option<string>("--user")
        {
            Description = "Who imports: recorded with each import batch",
            DefaultValueFactory = _ => "cli",
            HelpName = "NAME",
        };
        var defer = new Option<bool>("--defer-cross-checks")
        {
            Description = "Store the files without comparing their forms with the stored ones (the checks across forms); the web application compares them in the background at its next start",
        };
        var database = new DatabaseOptions();
        var command = new Command("import", "Store forms in the database (SQLite ./data/jixiao.db by default): one import batch per file, scored and checked")
        {
            files,
            user,
            defer,
        };
        database.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context, database, parse, parse.GetValue(files) ?? [], parse.GetValue(user), !parse.GetValue(defer), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, DatabaseOptions options, ParseResult parse, string[] paths, string? user, bool compareAcross, CancellationToken cancellationToken)
    {
        await using var services = await options.OpenAsync(context, parse, mustExist: false, cancellationToken);
        if (services is null)
        {
            return ExitCodes.BadInput;
        }

        var importer = services.GetRequiredService<FormImporter>();
        var database = services.GetRequiredService<JixiaoStorage>();
        var progress = new ProgressReporter(context, "import");
        long bytesDone = 0, formsDone = 0;
        int files = 0, imported = 0, duplicates = 0;
        try
        {
            foreach (var path in InputFiles.Expand(context, paths))
            {
                files++;
                if (!InputFiles.Exists(context, path))
                {
                    continue;
                }

                var before = (Bytes: bytesDone, Forms: formsDone);
                var result = await importer.ImportFileAsync(path, new ImportOptions
                {
                    User = string.IsNullOrWhiteSpace(user) ? "cli" : user,
                    Progress = p => progress.Update(before.Bytes + p.BytesRead, before.Forms + p.Forms),
                    CompareAcross = compareAcross,
                }, cancellationToken);
                bytesDone += SizeOf(path);
                formsDone += result.Forms;
                Report(context, path, result);
                imported += result.Succeeded ? 1 : 0;
                duplicates += result.Status == ImportStatus.Duplicate ? 1 : 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error("import cancelled: the file being imported was not stored");
            return ExitCodes.BadInput;
        }

        progress.Finish(bytesDone, formsDone);
        var failed = files - imported - duplicates;
        context.Out.WriteLine(
            $"{files} file(s): {imported} imported ({formsDone:N0} forms), {duplicates} duplicate(s), {failed} failed — {database}");
        return context.FailedInputs > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    /// <summary>The file's line on stdout (imported, duplicate) or stderr (failed), and the reader's warnings.</summary>
    private static void Report(CliContext context, string path, ImportResult result)
    {
        foreach (var d in result.Diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Warning || (d.Severity == DiagnosticSeverity.Info && context.Verbose))
            {
                context.Err.WriteLine(d.ToString());
            }
        }

        switch (result.Status)
        {
            case ImportStatus.Succeeded:
                context.Out.WriteLine(
                    $"{path}: imported {result.Forms:N0} forms ({result.Indicators:N0} indicators, {result.Findings:N0} findings) as batch {result.BatchId}");
                break;
            case ImportStatus.Duplicate:
                context.Out.WriteLine($"{path}: duplicate of batch {result.DuplicateOfBatchId}: nothing added");
                break;
            default:
                context.FailedInputs++;
                context.Err.WriteLine($"{path}: failed, nothing stored: {result.Error}");
                break;
        }
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
