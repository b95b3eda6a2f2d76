namespace Jixiao.Tests.Shared;

/// <summary>
/// Finds the shared corpus of real published forms (../shared/corpus beside the repository).
/// Tests read it from there; its text is never copied into the project.
/// Set JIXIAO_CORPUS to point elsewhere.
/// </summary>
public static class Corpus
{
    public const string Police2024 = "baoshan-police-2024-self-evaluations.txt";
    public const string Police2023Targets = "baoshan-police-2023-target-declarations.txt";
    public const string DataBureau2024 = "baoshan-data-bureau-2024-self-evaluations.txt";
    public const string Songnan2023 = "songnan-town-2023-self-evaluations.txt";

    public static readonly string[] AllFiles = [Police2024, Police2023Targets, DataBureau2024, Songnan2023];

    private static readonly Lazy<string> Dir = new(Locate);

    public static string Directory => Dir.Value;

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("JIXIAO_CORPUS");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return env;
        }

        var beside = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));
        if (File.Exists(Path.Combine(beside, Police2024)))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpus"), Path.Combine(dir.FullName, "..", "shared", "corpus") })
            {
                if (File.Exists(Path.Combine(candidate, Police2024)))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        // The tests run from any checkout; the corpus sits beside the repository in the workplace.
        const string fallback = "/work/shared/corpus";
        return System.IO.Directory.Exists(fallback)
            ? fallback
            : throw new InvalidOperationException("The shared corpus was not found: set JIXIAO_CORPUS to the folder holding the corpus .txt files.");
    }
}
