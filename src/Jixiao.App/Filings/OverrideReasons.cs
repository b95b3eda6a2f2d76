using Jixiao.Data.Entities;

namespace Jixiao.App.Filings;

/// <summary>
/// Where the reasons for overridden scores (改分理由) of a filing are kept: as the filler's comments on the score cells,
/// starting with <see cref="Prefix"/> (the editor writes them so, and the reviewer reads them on the cell). The latest
/// unresolved one per cell counts; a resolved one no longer does.
/// </summary>
public static class OverrideReasons
{
    /// <summary>What an override reason's comment starts with.</summary>
    public const string Prefix = "改分理由：";

    /// <summary>The reasons by score cell (<c>indicators[3].score</c>, <c>funds.total.score</c>) in <paramref name="comments"/> (oldest first).</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<FilingCommentRecord> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in comments)
        {
            if (c.Field is { } field && !c.ByReviewer && !c.Resolved && c.Text.StartsWith(Prefix, StringComparison.Ordinal)
                && c.Text[Prefix.Length..].Trim() is { Length: > 0 } reason)
            {
                reasons[field] = reason;
            }
        }

        return reasons;
    }
}
