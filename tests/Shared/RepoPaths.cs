using System.Reflection;

namespace Jixiao.Tests.Shared;

/// <summary>The repository root, recorded at build time (Directory.Build.targets), or found above the test binaries.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    private static string Locate()
    {
        var recorded = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, "Jixiao.slnx")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jixiao.slnx was not found: run the tests from the repository.");
    }
}
