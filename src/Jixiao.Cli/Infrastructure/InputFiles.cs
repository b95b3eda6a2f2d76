using Jixiao.Ingest.Formats;

namespace Jixiao.Cli.Infrastructure;

/// <summary>The files the FILE arguments name: a file as given, a directory's files of the extensions a format reads.</summary>
internal static class InputFiles
{
    /// <summary>
    /// The files of <paramref name="paths"/> in order: a path that is not a directory as given (missing files too: the
    /// caller reports them; the content decides how it is read), a directory as its files whose extension a
    /// registered format reads (<see cref="FormatRegistry.Extensions"/>: *.txt, *.json, *.jsonl), recursively, in
    /// name order. A directory without any gives one error line and counts as a failed input.
    /// </summary>
    public static IEnumerable<string> Expand(CliContext context, IEnumerable<string> paths)
    {
        var formats = FormatRegistry.Default;
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }

            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(formats.Accepts)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                context.InputFailed(path, 0, $"a directory without {UsualExtensions(formats)} files; expected files of forms: {string.Join(", ", formats.Extensions)}");
            }

            foreach (var file in files)
            {
                yield return file;
            }
        }
    }

    /// <summary>The most usual extension of each format (<c>.txt or .json</c>): what a user is told to look for.</summary>
    private static string UsualExtensions(FormatRegistry formats)
    {
        var usual = formats.Formats.Where(f => f.Extensions.Count > 0).Select(f => f.Extensions[0]).ToList();
        return usual.Count == 1 ? usual[0] : string.Join(", ", usual[..^1]) + " or " + usual[^1];
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
