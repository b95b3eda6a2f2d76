namespace Jixiao.App.Imports;

/// <summary>The one way a file name from outside (an upload, a path on the command line) becomes a batch's name.</summary>
public static class FileNames
{
    /// <summary>The longest name kept; a longer one loses the end of its stem, never its extension.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The file's name without folders (either slash), trimmed, without control characters, at most
    /// <see cref="MaxLength"/> characters; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Clean(string? fileName, string fallback = "upload")
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Any(char.IsControl))
        {
            name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        }

        if (name.Length == 0)
        {
            return fallback;
        }

        if (name.Length <= MaxLength)
        {
            return name;
        }

        var ext = Path.GetExtension(name);
        return ext.Length is > 0 and <= 16
            ? name[..(MaxLength - ext.Length)] + ext
            : name[..MaxLength];
    }
}
