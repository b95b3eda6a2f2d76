using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Finds the real-world documents beside the repository (../shared/real-world), as <see cref="Corpus"/> finds the
/// corpus; they are read from there and never copied into the project. Set JIXIAO_REAL_WORLD to point elsewhere.
/// </summary>
public static class RealWorld
{
    /// <summary>The folder of the 13 Shenzhen workbooks (二级项目支出绩效目标申报表, 松岗街道 2023).</summary>
    public const string Shenzhen = "songgang-2023-declarations";

    private static readonly Lazy<string> Dir = new(Locate);

    /// <summary>The real-world folder.</summary>
    public static string Directory => Dir.Value;

    /// <summary>The Shenzhen workbooks in their published order (1), (2) … (14) — there is no (7).</summary>
    public static IReadOnlyList<string> ShenzhenWorkbooks =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, Shenzhen), "*.xlsx").OrderBy(Number)];

    /// <summary>The number in a workbook's name: 5 for 二级项目支出绩效目标申报表 (5).xlsx.</summary>
    public static int Number(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var open = name.LastIndexOf('(');
        return open >= 0 && int.TryParse(name[(open + 1)..].TrimEnd(')'), out var n) ? n : 0;
    }

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("JIXIAO_REAL_WORLD");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return env;
        }

        var beside = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "real-world"));
        if (System.IO.Directory.Exists(Path.Combine(beside, Shenzhen)))
        {
            return beside;
        }

        const string fallback = "/work/shared/real-world";
        return System.IO.Directory.Exists(Path.Combine(fallback, Shenzhen))
            ? fallback
            : throw new InvalidOperationException("The real-world documents were not found: set JIXIAO_REAL_WORLD to the folder holding songgang-2023-declarations.");
    }
}
