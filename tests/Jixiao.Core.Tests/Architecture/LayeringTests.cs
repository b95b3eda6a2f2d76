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
