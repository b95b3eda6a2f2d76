using System.Text.Json;

namespace Jixiao.Cli.Tests;

/// <summary>The result of one in-process run of <c>jixiao</c>.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{(Out.Length > 3000 ? Out[..3000] + "…" : Out)}\n--- stderr\n{Err}";
}

/// <summary>Runs the command line in-process and gives each test its own scratch folder.</summary>
public abstract class CliTestBase : IDisposable
{
    protected CliTestBase()
    {
        Scratch = Path.Combine(Path.GetTempPath(), "jixiao-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Scratch);
    }

    protected string Scratch { get; }

    protected static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    protected string PathIn(string name) => Path.Combine(Scratch, name);

    protected string WriteFile(string name, byte[] content)
    {
        var path = PathIn(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    protected string WriteFile(string name, string content)
    {
        var path = PathIn(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
