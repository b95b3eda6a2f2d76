using System.CommandLine;
using System.CommandLine.Invocation;
using Jixiao.Cli.Commands;
using Jixiao.Cli.Infrastructure;

namespace Jixiao.Cli;

/// <summary>
/// The <c>jixiao</c> command line: <c>extract</c>, <c>check</c>, <c>score</c>, <c>generate</c>, <c>import</c>,
/// <c>export</c>, <c>recheck</c>. Testable in-process:
/// <see cref="Run(string[], TextWriter, TextWriter)"/> writes to the given writers and returns the exit code
/// (<see cref="ExitCodes"/>). Never lets an exception out: an unexpected failure is one line on stderr.
/// </summary>
public static class CliApp
{
    /// <summary>Runs <c>jixiao</c> with <paramref name="args"/>; output and errors go to the writers given.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, rawOutput: null, errorIsTerminal: false);

    internal static int Run(string[] args, TextWriter output, TextWriter error, Stream? rawOutput, bool errorIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error, rawOutput, errorIsTerminal);
        try
        {
            var verbose = new Option<bool>("--verbose", "-v")
            {
                Description = "Also print info diagnostics, all diagnostics of a file, and stack traces of internal errors",
                Recursive = true,
            };
            var progress = new Option<bool>("--progress")
            {
                Description = "Print progress lines on stderr (shown anyway when stderr is a terminal)",
                Recursive = true,
            };
            var root = new RootCommand("jixiao (绩效): read, re-score and check Chinese public-spending performance forms (绩效自评表 / 绩效目标申报表)");
            root.Options.Add(verbose);
            root.Options.Add(progress);
            root.Subcommands.Add(ExtractCommand.Create(context));
            root.Subcommands.Add(CheckCommand.Create(context));
            root.Subcommands.Add(ScoreCommand.Create(context));
            root.Subcommands.Add(GenerateCommand.Create(context));
            root.Subcommands.Add(ImportCommand.Create(context));
            root.Subcommands.Add(ExportCommand.Create(context));
            root.Subcommands.Add(RecheckCommand.Create(context));

            var parse = root.Parse(args);
            context.Verbose = parse.GetValue(verbose);
            context.Progress = parse.GetValue(progress);
            if (parse.Action is ParseErrorAction)
            {
                foreach (var e in parse.Errors)
                {
                    context.Error(e.Message);
                }

                var command = parse.CommandResult.Command;
                var name = command is RootCommand ? "jixiao" : "jixiao " + command.Name;
                error.WriteLine($"Try '{name} --help'.");
                return ExitCodes.BadInput;
            }

            var code = parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
            output.Flush();
            return code;
        }
#pragma warning disable CA1031 // the top of the program: one line, never a stack trace (unless --verbose)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine(ex is IOException
                ? $"jixiao: error: {ex.Message}"
                : $"jixiao: internal error: {ex.GetType().Name}: {ex.Message}");
            if (context.Verbose)
            {
                error.WriteLine(ex.ToString());
            }

            return ex is IOException ? ExitCodes.BadInput : ExitCodes.InternalError;
        }
    }
}
