using Jixiao.Core.Checks;
using Jixiao.Tests.Shared;

namespace Jixiao.Cli.Tests;

/// <summary><c>jixiao recheck</c> on a temporary SQLite file holding the corpus.</summary>
public class RecheckCommandTests : CliTestBase
{
    private string Db => PathIn("jixiao.db");

    [Fact]
    public void Recheck_rechecks_every_stored_form_and_if_needed_then_has_nothing_to_do()
    {
        var imported = Run(["import", Corpus.PathOf(Corpus.Police2024), Corpus.PathOf(Corpus.Songnan2023), "--db", Db]);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("imported 37 forms (350 indicators, 270 findings)", imported.Out, StringComparison.Ordinal);
        Assert.Contains("imported 5 forms (50 indicators, 58 findings)", imported.Out, StringComparison.Ordinal);

        var result = Run(["recheck", "--db", Db, "--user", "张三", "--progress"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("re-check 1: 42 forms re-checked (", result.Out, StringComparison.Ordinal);
        // the findings of the checks of one form: as many as the import stored (270 + 58), none changed
        Assert.Contains($"), 0 changed; findings 328 → 328; checks version {CheckVersion.Current} — SQLite ", result.Out, StringComparison.Ordinal);

        var again = Run(["recheck", "--if-needed", "--db", Db]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"the stored forms were checked by the current checks (version {CheckVersion.Current}): nothing to re-check", again.Out, StringComparison.Ordinal);

        // without --if-needed a new re-check runs all the same
        var forced = Run(["recheck", "--db", Db]);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.StartsWith("re-check 2: 42 forms re-checked", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Recheck_of_a_database_that_does_not_exist_is_one_error_line()
    {
        var result = Run(["recheck", "--db", PathIn("missing.db")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no database at", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(PathIn("missing.db")));
    }
}
