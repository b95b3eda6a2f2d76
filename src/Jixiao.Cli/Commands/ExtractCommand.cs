using System.CommandLine;
using Jixiao.Cli.Infrastructure;
using Jixiao.Ingest.Json;

namespace Jixiao.Cli.Commands;

/// <summary><c>jixiao extract FILE... [--out F] [--indent]</c>: one JSON array of jixiao.form/1 objects, streamed.</summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.Files();
        var output = new Option<string?>("--out", "-o") { Description = "Write the JSON to this file instead of stdout" };
        var indent = new Option<bool>("--indent") { Description = "Indent the JSON" };
        var command = new Command("extract", "Read forms and print them as one JSON array in the interchange format jixiao.form/1 (docs/schema.md)")
        {
            files,
            output,
            indent,
        };
        command.SetAction(parse => Run(context, parse.GetValue(files) ?? [], parse.GetValue(output), parse.GetValue(indent)));
        return command;
    }

    private static int Run(CliContext context, string[] files, string? outPath, bool indent)
    {
        var stream = context.OpenOutput(outPath);
        if (stream is null)
        {
            return ExitCodes.BadInput;
        }

        using (stream)
        {
            using var writer = new FormJsonWriter(stream, indent);
            var reader = new InputReader(context, new ProgressReporter(context, "extract"));
            foreach (var input in reader.ReadAll(files))
            {
                writer.Write(input.Form);
            }

            writer.Complete();
            stream.Write("\n"u8);
            stream.Flush();
        }

        return context.FailedInputs > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }
}
