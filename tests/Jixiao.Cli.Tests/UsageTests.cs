namespace Jixiao.Cli.Tests;

public class UsageTests : CliTestBase
{
    [Fact]
    public void Version_prints_the_version()
    {
        var result = Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "extract", "check", "score", "generate", "import", "export" })
        {
            Assert.Contains(command, result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("check")]
    [InlineData("bogus")]
    [InlineData("check", "x.txt", "--format", "xml")]
    [InlineData("extract", "x.txt", "--unknown")]
    [InlineData("import")]
    [InlineData("import", "x.txt", "--db", "a.db", "--postgres", "Host=localhost")]
    [InlineData("export", "--format", "xlsx")]
    [InlineData("export", "--year", "last")]
    public void Usage_errors_exit_2_with_a_hint(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("jixiao: error: ", result.ErrLines[0], StringComparison.Ordinal);
        Assert.Contains("--help", result.ErrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var result = Run();

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
    }
}
