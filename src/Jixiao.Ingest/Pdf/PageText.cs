using System.Text;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Pdf;

/// <summary>
/// One printed character (字符) of a page, in PDF points from the page's bottom-left corner: where its advance
/// begins and ends on the baseline, and its size. Spaces are kept: many producers print them and they tell where a
/// wrapped line broke.
/// </summary>
internal readonly record struct Glyph(string Text, double Left, double Right, double Baseline, double Size)
{
    /// <summary>The top of the glyph's em box.</summary>
    public double Top => Baseline + (0.8 * Size);

    /// <summary>The bottom of the glyph's em box.</summary>
    public double Bottom => Baseline - (0.2 * Size);

    /// <summary>The middle of the glyph, the point tested against cells.</summary>
    public double CenterX => (Left + Right) / 2;

    /// <summary>The middle of the glyph's height.</summary>
    public double CenterY => Baseline + (0.3 * Size);

    /// <summary>True for a blank character (space, ideographic space).</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>One printed line (文本行): glyphs sharing a baseline, left to right.</summary>
internal sealed class TextLine(List<Glyph> glyphs)
{
    public List<Glyph> Glyphs { get; } = glyphs;

    public double Baseline => Glyphs[0].Baseline;

    public double Size => Glyphs.Max(g => g.Size);

    /// <summary>Left edge of the first character that is not blank.</summary>
    public double Left => Glyphs.FirstOrDefault(g => !g.IsBlank, Glyphs[0]).Left;

    /// <summary>Right edge of the last character that is not blank.</summary>
    public double Right => Glyphs.LastOrDefault(g => !g.IsBlank, Glyphs[^1]).Right;

    public double Top => Glyphs.Max(g => g.Top);

    public double Bottom => Glyphs.Min(g => g.Bottom);

    /// <summary>The line's text: the glyphs in order, a space put where a gap wider than a quarter of the type size has no printed space.</summary>
    public string Text()
    {
        var text = new StringBuilder(Glyphs.Count + 4);
        for (var i = 0; i < Glyphs.Count; i++)
        {
            var g = Glyphs[i];
            if (i > 0 && !g.IsBlank && !Glyphs[i - 1].IsBlank && g.Left - Glyphs[i - 1].Right > 0.25 * Math.Max(g.Size, Glyphs[i - 1].Size))
            {
                text.Append(' ');
            }

            text.Append(g.IsBlank ? " " : g.Text);
        }

        return text.ToString();
    }
}

/// <summary>
/// Groups glyphs into lines and lines into the text of a cell: lines top to bottom, a wrapped line joined to the
/// next in reading order — Chinese without a space, Latin words and digits with one where the wrap broke between
/// words.
/// </summary>
internal static class PageText
{
    /// <summary>The glyphs as lines, top to bottom; glyphs on one baseline (within a quarter of their size) form a line.</summary>
    public static List<TextLine> Lines(IEnumerable<Glyph> glyphs)
    {
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.Left).ToList();
        var lines = new List<TextLine>();
        var current = new List<Glyph>();
        var baseline = double.NaN;
        foreach (var g in sorted)
        {
            if (current.Count > 0 && Math.Abs(g.Baseline - baseline) > 0.25 * Math.Max(g.Size, 1))
            {
                lines.Add(Line(current));
                current = [];
            }

            if (current.Count == 0)
            {
                baseline = g.Baseline;
            }

            current.Add(g);
        }

        if (current.Count > 0)
        {
            lines.Add(Line(current));
        }

        return lines;
    }

    /// <summary>Splits a line into runs of glyphs separated by gaps wider than <paramref name="gap"/> times the type size (the cells of a borderless row).</summary>
    public static List<TextLine> Fragments(TextLine line, double gap)
    {
        var parts = new List<TextLine>();
        var current = new List<Glyph>();
        double lastRight = double.NaN;
        foreach (var g in line.Glyphs)
        {
            if (g.IsBlank)
            {
                current.Add(g);
                continue;
            }

            if (!double.IsNaN(lastRight) && g.Left - lastRight > gap * g.Size)
            {
                parts.Add(new TextLine(current));
                current = [];
            }

            current.Add(g);
            lastRight = g.Right;
        }

        if (current.Count > 0 && !double.IsNaN(lastRight))
        {
            parts.Add(new TextLine(current));
        }

        return parts;
    }

    /// <summary>The text of a cell's glyphs: its lines top to bottom, each wrap joined as <see cref="Join"/> says.</summary>
    public static string CellText(IEnumerable<Glyph> glyphs)
    {
        string? text = null;
        foreach (var line in Lines(glyphs))
        {
            text = text is null ? line.Text() : Join(text, line.Text());
        }

        return text?.Trim() ?? "";
    }

    /// <summary>The text of lines already grouped (a borderless cell), joined as <see cref="Join"/> says.</summary>
    public static string CellText(IEnumerable<TextLine> lines)
    {
        string? text = null;
        foreach (var line in lines)
        {
            text = text is null ? line.Text() : Join(text, line.Text());
        }

        return text?.Trim() ?? "";
    }

    /// <summary>
    /// Joins a line to the line it wrapped onto. A space printed at the end of the first or the start of the second
    /// says the wrap fell on a space: one space. Otherwise Chinese (or full-width punctuation) on either side joins
    /// without a space (Chinese wraps between any two characters), and two Latin letters or digits join with a space:
    /// a producer that prints no trailing space still breaks Latin text only between words; a line ending in a hyphen
    /// or a slash joins without one.
    /// </summary>
    public static string Join(string head, string tail)
    {
        if (head.Length == 0)
        {
            return tail;
        }

        if (tail.Length == 0)
        {
            return head;
        }

        if (char.IsWhiteSpace(head[^1]) || char.IsWhiteSpace(tail[0]))
        {
            return head.TrimEnd() + " " + tail.TrimStart();
        }

        var a = head[^1];
        var b = tail[0];
        return a < 128 && b < 128 && char.IsLetterOrDigit(a) && char.IsLetterOrDigit(b) ? head + " " + tail : head + tail;
    }

    /// <summary>The smallest box holding the glyphs.</summary>
    public static CellBox Box(IEnumerable<Glyph> glyphs)
    {
        double l = double.MaxValue, b = double.MaxValue, r = double.MinValue, t = double.MinValue;
        foreach (var g in glyphs)
        {
            l = Math.Min(l, g.Left);
            r = Math.Max(r, g.Right);
            b = Math.Min(b, g.Bottom);
            t = Math.Max(t, g.Top);
        }

        return l == double.MaxValue ? default : new CellBox(Round(l), Round(b), Round(r), Round(t));
    }

    /// <summary>A coordinate rounded to a hundredth of a point, as boxes are given.</summary>
    public static double Round(double v) => Math.Round(v, 2);

    private static TextLine Line(List<Glyph> glyphs)
    {
        glyphs.Sort((x, y) => x.Left.CompareTo(y.Left));
        return new TextLine(glyphs);
    }
}
