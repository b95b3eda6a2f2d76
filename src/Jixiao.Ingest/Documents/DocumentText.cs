using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Documents;

/// <summary>
/// The rules the Word and web page readers share for text outside the form's tables (表格外文字) and for the text of
/// a cell (单元格文字). Only text that names the form is kept outside tables — its heading (财政项目支出绩效自评表,
/// 项目支出绩效目标申报表, 部门整体支出绩效自评表 …), a year line (（2024年度）) or a unit line (单位：万元) — because the
/// assembler opens a form at its heading; everything else around the tables (navigation, breadcrumbs, footers, notes,
/// signatures) is dropped.
/// </summary>
internal static class DocumentText
{
    /// <summary>A table is a data table (数据表) when some row has at least this many columns; narrower tables are read as text.</summary>
    public const int DataTableColumns = 2;

    /// <summary>
    /// The cells of a line of text outside tables when it names the form, else null: the whole line when it is a
    /// heading, a year line or a unit line; or, when the line is printed in parts separated by wide space (two or more
    /// spaces, a TAB or a no-break space), those parts when there are at most three and each is one of these (a heading
    /// and its year, a year and the unit).
    /// </summary>
    public static string?[]? FormLine(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 200)
        {
            return null;
        }

        if (NamesForm(trimmed))
        {
            return [trimmed];
        }

        var parts = SplitWide(trimmed);
        return parts.Count is >= 2 and <= 3 && parts.TrueForAll(NamesForm) ? [.. parts] : null;
    }

    /// <summary>True when the text is a form's heading, a year line or a unit line (by the assembler's own words).</summary>
    public static bool NamesForm(string text)
    {
        var key = TextKey.Of(text);
        return key.Length > 0 && (Lexicon.HeadingKind(key) is not null || Lexicon.YearLine(key) is not null || Lexicon.UnitOf(key) is not null);
    }

    /// <summary>
    /// Appends text to a cell or line under construction as a browser shows it: runs of white space become one space,
    /// a no-break space stays a space; the result is finished by <see cref="Finish"/>.
    /// </summary>
    public static void AppendCollapsed(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (text.Length > 0 && text[^1] is not ' ' and not '\n')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c == '\u00A0' ? ' ' : c);
            }
        }
    }

    /// <summary>Ends a line inside a cell (a line break, a new paragraph): a <c>\n</c>, never two, never first.</summary>
    public static void Break(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    /// <summary>The finished text of a cell: each line trimmed, blank lines dropped, lines joined with <c>\n</c>.</summary>
    public static string Finish(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        var lines = text.ToString().Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var t = line.Trim(' ');
            if (t.Length > 0)
            {
                kept.Add(t);
            }
        }

        return string.Join('\n', kept);
    }

    private static List<string> SplitWide(string line)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var wide = line[i] is '\t' or '\u00A0' or '\u3000' || (line[i] == ' ' && i + 1 < line.Length && line[i + 1] is ' ' or '\u00A0');
            if (wide)
            {
                Add(line[start..i]);
                while (i + 1 < line.Length && line[i + 1] is ' ' or '\t' or '\u00A0' or '\u3000')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        Add(line[start..]);
        return parts;

        void Add(string part)
        {
            var t = part.Trim();
            if (t.Length > 0)
            {
                parts.Add(t);
            }
        }
    }
}
