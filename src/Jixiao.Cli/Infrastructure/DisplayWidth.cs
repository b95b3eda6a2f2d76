using System.Text;

namespace Jixiao.Cli.Infrastructure;

/// <summary>Column padding for terminals: CJK and full-width characters take two columns.</summary>
internal static class DisplayWidth
{
    public static int Of(char c) =>
        c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
            || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1;

    public static int Of(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += Of(c);
        }

        return width;
    }

    /// <summary>The text cut to <paramref name="width"/> columns (with … when cut) and padded with spaces to exactly that width.</summary>
    public static string Fit(string text, int width)
    {
        var sb = new StringBuilder(width + 2);
        var used = 0;
        var full = Of(text);
        var limit = full > width ? width - 1 : width;
        foreach (var c in text)
        {
            var w = Of(c);
            if (used + w > limit)
            {
                break;
            }

            sb.Append(c);
            used += w;
        }

        if (full > width)
        {
            sb.Append('…');
            used++;
        }

        sb.Append(' ', Math.Max(0, width - used));
        return sb.ToString();
    }
}
