using System.Text.RegularExpressions;
using System.Xml.Linq;
using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Architecture;

/// <summary>Layering is checked, not hoped for: dependencies point one way, toward Core.</summary>
public sealed class LayeringTests
{
    private static string RepoRoot() => RepoPaths.Root;

    private static XDocument Project(string name) =>
        XDocument.Load(Path.Combine(RepoRoot(), "src", name, name + ".csproj"));

    private static List<string> References(string project, string element) =>
        Project(project).Descendants(element).Select(e => (string?)e.Attribute("Include") ?? "").ToList();

    [Fact]
    public void Core_references_no_project_and_no_package()
    {
        Assert.Empty(References("Jixiao.Core", "ProjectReference"));
        Assert.Empty(References("Jixiao.Core", "PackageReference"));
    }

    [Fact]
    public void Core_assembly_depends_only_on_the_framework()
    {
        var names = typeof(PerformanceForm).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n == "mscorlib", n));
    }

    [Theory]
    [InlineData("Jixiao.Ingest")]
    [InlineData("Jixiao.Data")]
    public void Readers_and_storage_never_reference_web_or_cli(string project)
    {
        var refs = References(project, "ProjectReference");
        Assert.DoesNotContain(refs, r => r.Contains("Jixiao.Web", StringComparison.Ordinal) || r.Contains("Jixiao.Cli", StringComparison.Ordinal));
    }

    /// <summary>The projects each source project references: dependencies point one way, toward Core.</summary>
    [Theory]
    [InlineData("Jixiao.Ingest", new[] { "Jixiao.Core" })]
    [InlineData("Jixiao.Data", new[] { "Jixiao.Core" })]
    [InlineData("Jixiao.App", new[] { "Jixiao.Core", "Jixiao.Ingest", "Jixiao.Data" })]
    [InlineData("Jixiao.Web", new[] { "Jixiao.Core", "Jixiao.Ingest", "Jixiao.App" })]
    [InlineData("Jixiao.Cli", new[] { "Jixiao.Core", "Jixiao.Ingest", "Jixiao.App" })]
    public void Each_project_references_only_the_layers_below_it(string project, string[] allowed)
    {
        var refs = References(project, "ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Replace('\\', '/'))).Order().ToList();
        Assert.Equal(allowed.Order().ToList(), refs);
    }

    [Fact]
    public void The_use_case_layer_uses_no_asp_net()
    {
        Assert.DoesNotContain(References("Jixiao.App", "PackageReference"), r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Equal("Microsoft.NET.Sdk", (string?)Project("Jixiao.App").Root!.Attribute("Sdk"));
        Assert.Empty(SourceMentions("Jixiao.App", AspNet));
    }

    [Fact]
    public void Storage_reads_no_file_format()
    {
        Assert.Empty(SourceMentions("Jixiao.Data", new Regex(@"\bJixiao\.Ingest\b", RegexOptions.CultureInvariant)));
    }

    /// <summary>The surfaces call the use-case layer: no EF Core, no database handle, no connection and no SQL text.</summary>
    [Theory]
    [InlineData("Jixiao.Web")]
    [InlineData("Jixiao.Cli")]
    public void Web_and_cli_hold_no_ef_core_and_no_sql(string project)
    {
        Assert.Empty(SourceMentions(project, Persistence));
        Assert.Empty(SourceMentions(project, SqlText));
    }

    private static readonly Regex AspNet = new(@"\bMicrosoft\.AspNetCore\b", RegexOptions.CultureInvariant);

    private static readonly Regex Persistence = new(
        @"\bMicrosoft\.EntityFrameworkCore\b|\bDbContext\b|\bDbConnection\b|\bDbCommand\b|\bJixiaoDatabase\b|\bNpgsql\b|\bMicrosoft\.Data\.Sqlite\b|\bFromSql|\bExecuteSql",
        RegexOptions.CultureInvariant);

    private static readonly Regex SqlText = new(
        @"\bSELECT\b[^;\n]*\bFROM\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b|\bCREATE\s+(TABLE|INDEX)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Lines of the project's C# and Razor sources that match <paramref name="pattern"/>, as <c>file:line: text</c>.</summary>
    private static List<string> SourceMentions(string project, Regex pattern)
    {
        var dir = Path.Combine(RepoRoot(), "src", project);
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(dir, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)
                || !(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    hits.Add($"{project}/{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        return hits;
    }

    [Fact]
    public void Every_source_project_has_a_test_project_of_the_same_name()
    {
        var root = RepoRoot();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "src")))
        {
            var name = Path.GetFileName(dir);
            Assert.True(Directory.Exists(Path.Combine(root, "tests", name + ".Tests")), $"tests/{name}.Tests is missing");
        }
    }
}
