namespace Jixiao.Cli.Infrastructure;

/// <summary>The files the FILE arguments name: a file as given, a directory's *.txt and *.json files.</summary>
internal static class InputFiles
{
    /// <summary>
    /// The files of <paramref name="paths"/> in order: a path that is not a directory as given (missing files too: the
    /// caller reports them), a directory as its *.txt and *.json files, recursively, in name order. A directory without
    /// any gives one error line and counts as a failed input.
    /// </summary>
    public static IEnumerable<string> Expand(CliContext context, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }

            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                context.InputFailed(path, 0, "a directory without .txt or .json files; expected performance forms (PDF-extracted text) or jixiao.form/1 JSON");
            }

            foreach (var file in files)
            {
                yield return file;
            }
        }
    }

    /// <summary>True when <paramref name="path"/> is an existing file; else one error line, and the input counts as failed.</summary>
    public static bool Exists(CliContext context, string path)
    {
        if (File.Exists(path))
        {
            return true;
        }

        context.InputFailed(path, 0, Directory.Exists(path) ? "is a directory" : "no such file");
        return false;
    }
}
