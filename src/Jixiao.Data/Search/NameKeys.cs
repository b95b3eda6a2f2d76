using Jixiao.Core.Forms;

namespace Jixiao.Data.Search;

/// <summary>
/// The keys the store matches names by, cut to the length of their columns. The rules are Core's:
/// <see cref="TextKey"/> (NFKC, no white space) and <see cref="ProjectKey"/>; what is the store's own is the cut
/// and the search text (<see cref="Search"/>).
/// </summary>
public static class NameKeys
{
    private const int MaxLength = 500;

    /// <summary>The <see cref="TextKey"/> of a name, cut to the column: how organisation names are matched.</summary>
    public static string Plain(string? text) => Cut(TextKey.Of(text));

    /// <summary>
    /// The name an organisation is shown by: as printed, without the characters that print nothing (format characters
    /// such as U+200B or U+200E, control characters), each run of white space one space, trimmed, cut to the column.
    /// Two printings of one name that differ only in those characters get one organisation (matched by <see cref="Plain"/>)
    /// and show the same.
    /// </summary>
    public static string Display(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var sb = new System.Text.StringBuilder(name.Length);
        var space = false;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
            }
            else if (!char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                if (space)
                {
                    sb.Append(' ');
                    space = false;
                }

                sb.Append(c);
            }
        }

        return Cut(sb.ToString());
    }

    /// <summary>
    /// The search form of a text: <see cref="Plain"/> and lower case. The search column holds it, and a query is
    /// put in the same form before it is matched literally.
    /// </summary>
    public static string Search(string? text)
    {
        var key = TextKey.Of(text);
        foreach (var c in key)
        {
            // only letters with a lower case change; Chinese text has none and is kept without a copy
            if (c < 0x80 ? char.IsAsciiLetterUpper(c) : c is < '\u3000' or > '\u9FFF' && char.ToLowerInvariant(c) != c)
            {
                return Cut(key.ToLowerInvariant());
            }
        }

        return Cut(key);
    }

    /// <summary>The lineage key of a project name, which follows one project across years: its <see cref="ProjectKey"/>, cut to the column.</summary>
    public static string Lineage(string? projectName) => Cut(ProjectKey.Of(projectName));

    /// <summary>The region (地区) a department's name begins with, for the organisation tree: <see cref="Jurisdiction.RegionOf"/>.</summary>
    public static string Region(string? department) => Jurisdiction.RegionOf(department);

    private static string Cut(string s) => s.Length <= MaxLength ? s : s[..MaxLength];
}
