using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Documents;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Html;

/// <summary>
/// Web pages (网页, .html) as saved from a government site: the forms' tables (表格) with their merged cells
/// (rowspan/colspan, 合并单元格) laid on an occupancy grid, a form split over several tables read as consecutive rows,
/// and of the text around the tables only what names the form (its heading 财政项目支出绩效自评表, year line
/// （2024年度）, unit line 单位：万元). Navigation, links, scripts, styles, hidden elements and footers are ignored. The
/// page is decoded by its byte order mark or its declared charset (gb2312, GBK and GB18030 are read as GB18030), else
/// as UTF-8, else as GB18030 with a warning. Nothing on the page is run.
/// </summary>
/// <remarks>
/// Tables: a table some row of which has at least two columns is a data table (数据表); a table holding a data table
/// is a layout table (布局表格), whose own text is read like text outside tables; a narrower table (one column) is read
/// as text too, and inside a data table its lines join the cell's text. So the innermost tables that hold a grid of
/// cells are the form's tables, whatever layout tables a site wraps around them.
/// </remarks>
/// <param name="limits">The budget of one file; <see cref="ReadLimits.Default"/> when null. A page larger than
/// <see cref="ReadLimits.MaxUncompressedBytes"/> is refused.</param>
public sealed partial class HtmlFormat(ReadLimits? limits = null) : TableFormat(limits)
{
    /// <summary>Most rows one table cell may span (the HTML limit).</summary>
    private const int MaxRowSpan = 65_534;

    /// <summary>Most columns one table cell may span (the HTML limit).</summary>
    private const int MaxColumnSpan = 1_000;

    static HtmlFormat() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary><c>html</c>.</summary>
    public override string Name => "html";

    /// <summary><c>.html</c>, <c>.htm</c>, <c>.xhtml</c>.</summary>
    public override IReadOnlyList<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    /// <summary><c>web page</c>.</summary>
    public override string Label => "web page";

    /// <summary>A signature when the head is markup (<see cref="UnreadFormat.IsMarkup"/>) holding <c>&lt;table</c> or <c>&lt;html</c>, in any case.</summary>
    public override Recognition Recognises(ReadOnlySpan<byte> head) =>
        UnreadFormat.IsMarkup(head) && (ContainsIgnoringCase(head, "<table"u8) || ContainsIgnoringCase(head, "<html"u8))
            ? Recognition.Signature
            : Recognition.No;

    /// <inheritdoc />
    protected override IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        var bytes = ReadAll(stream, Limits.MaxUncompressedBytes);
        if (bytes is null)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.PageTooLarge.Format(Limits.MaxUncompressedBytes)));
            yield break;
        }

        var text = Decode(bytes, out var note);
        if (note is not null)
        {
            report(new Diagnostic(fileName, 0, note.Value.Severity, note.Value.Message));
        }

        var document = new HtmlParser().ParseDocument(text);
        budget.Spend();
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            yield break;
        }

        var line = 0;
        var tables = 0;
        var layout = LayoutTables(root);
        foreach (var block in Blocks(root, layout))
        {
            budget.Spend();
            if (block.Table is { } element)
            {
                var table = TableOf(element, ++tables, budget);
                foreach (var row in table.Rows(line + 1))
                {
                    yield return row;
                }

                line += table.RowCount;
            }
            else if (DocumentText.FormLine(block.Text!) is { } cells)
            {
                yield return new TableRow(cells, ++line);
            }
        }

        if (tables == 0)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Warning, ReaderMessages.PageWithoutTable.Format()));
        }
    }

    /// <summary>A data table, or a line of text outside the data tables.</summary>
    private readonly record struct Block(IElement? Table, string? Text);

    /// <summary>
    /// The page in document order as data tables and lines of text, walked without recursion (a page of thousands of
    /// nested tables cannot overflow the stack).
    /// </summary>
    private static IEnumerable<Block> Blocks(INode root, HashSet<IElement> layout)
    {
        var line = new StringBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                DocumentText.AppendCollapsed(line, text.Data);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            if (exit)
            {
                if (IsBlock(element) && Flush(line) is { } done)
                {
                    yield return new Block(null, done);
                }

                continue;
            }

            if (IsIgnored(element) || IsOutsideLink(element))
            {
                continue;
            }

            if (IsBlock(element) || element.LocalName == "br")
            {
                if (Flush(line) is { } before)
                {
                    yield return new Block(null, before);
                }
            }

            if (element.LocalName == "table" && !layout.Contains(element) && IsDataTable(element))
            {
                // A caption (表题) is printed above the table: its lines are text outside the table.
                foreach (var caption in element.Children.Where(c => c.LocalName == "caption" && !IsIgnored(c)))
                {
                    foreach (var captionLine in CellText(caption).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        yield return new Block(null, captionLine);
                    }
                }

                yield return new Block(element, null);
                continue;
            }

            stack.Push((element, true));
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        if (Flush(line) is { } last)
        {
            yield return new Block(null, last);
        }
    }

    private static string? Flush(StringBuilder line)
    {
        var text = line.ToString().Trim();
        line.Clear();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The tables that hold a data table (layout tables), found without recursion.</summary>
    private static HashSet<IElement> LayoutTables(INode root)
    {
        var layout = new HashSet<IElement>();
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IElement element && element.LocalName == "table" && IsDataTable(element))
            {
                for (var up = element.ParentElement; up is not null; up = up.ParentElement)
                {
                    if (up.LocalName == "table" && !layout.Add(up))
                    {
                        break;
                    }
                }
            }

            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is IElement)
                {
                    stack.Push(child);
                }
            }
        }

        return layout;
    }

    /// <summary>True when some row of the table (its own rows, not those of tables inside it) spans two columns or more.</summary>
    private static bool IsDataTable(IElement table)
    {
        foreach (var row in RowsOf(table))
        {
            var width = 0;
            foreach (var cell in CellsOf(row))
            {
                width += ColumnSpanOf(cell);
                if (width >= DocumentText.DataTableColumns)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The table's own rows, hidden ones left out: those of its <c>thead</c>, then its body rows in order, then its <c>tfoot</c>.</summary>
    private static List<IElement> RowsOf(IElement table)
    {
        var head = new List<IElement>();
        var body = new List<IElement>();
        var foot = new List<IElement>();
        foreach (var child in table.Children)
        {
            switch (child.LocalName)
            {
                case "tr" when !IsIgnored(child):
                    body.Add(child);
                    break;
                case "thead" or "tbody" or "tfoot" when !IsIgnored(child):
                    var into = child.LocalName == "thead" ? head : child.LocalName == "tfoot" ? foot : body;
                    into.AddRange(child.Children.Where(r => r.LocalName == "tr" && !IsIgnored(r)));
                    break;
            }
        }

        head.AddRange(body);
        head.AddRange(foot);
        return head;
    }

    private static IEnumerable<IElement> CellsOf(IElement row) => row.Children.Where(c => c.LocalName is "td" or "th" && !IsIgnored(c));

    /// <summary>
    /// The table as cells on an occupancy grid: each cell takes the first free column of its row, and its row and
    /// column spans reserve the positions below and to its right.
    /// </summary>
    private static SourceTable TableOf(IElement element, int index, ReadBudget budget)
    {
        var rows = RowsOf(element);
        var occupied = new List<bool>[rows.Count];
        var cells = new List<TableCell>();
        for (var r = 0; r < rows.Count; r++)
        {
            occupied[r] ??= [];
            var column = 0;
            foreach (var cell in CellsOf(rows[r]))
            {
                while (column < occupied[r].Count && occupied[r][column])
                {
                    column++;
                }

                var span = RowSpanOf(cell);
                var rowSpan = span == 0 ? rows.Count - r : Math.Min(span, rows.Count - r);
                var columnSpan = ColumnSpanOf(cell);
                budget.Spend((long)rowSpan * columnSpan);
                for (var rr = r; rr < r + rowSpan; rr++)
                {
                    var marks = occupied[rr] ??= [];
                    while (marks.Count < column + columnSpan)
                    {
                        marks.Add(false);
                    }

                    for (var c = column; c < column + columnSpan; c++)
                    {
                        marks[c] = true;
                    }
                }

                cells.Add(new TableCell(CellText(cell), r, column, rowSpan, columnSpan));
                column += columnSpan;
            }
        }

        // A trailing row no cell begins in still counts: keep it as a blank row.
        if (rows.Count > 0 && !cells.Any(c => c.Row + c.RowSpan >= rows.Count))
        {
            cells.Add(new TableCell("", rows.Count - 1, 0));
        }

        return new SourceTable(cells, index: index, firstSourceRow: 1);
    }

    private static int RowSpanOf(IElement cell) =>
        int.TryParse(cell.GetAttribute("rowspan")?.Trim(), out var n) && n >= 0 ? Math.Min(n, MaxRowSpan) : 1;

    private static int ColumnSpanOf(IElement cell) =>
        int.TryParse(cell.GetAttribute("colspan")?.Trim(), out var n) && n >= 1 ? Math.Min(n, MaxColumnSpan) : 1;

    /// <summary>
    /// The text of a cell as shown: white space collapsed, a line break for each <c>&lt;br&gt;</c>, paragraph, list
    /// item and row of a table inside the cell; hidden elements, scripts and styles left out. Walked without recursion.
    /// </summary>
    private static string CellText(IElement cell)
    {
        var text = new StringBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        for (var child = cell.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push((child, false));
        }

        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText t)
            {
                DocumentText.AppendCollapsed(text, t.Data);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            if (exit)
            {
                if (IsBlock(element))
                {
                    DocumentText.Break(text);
                }

                continue;
            }

            if (IsIgnored(element))
            {
                continue;
            }

            if (IsBlock(element) || element.LocalName == "br")
            {
                DocumentText.Break(text);
            }

            stack.Push((element, true));
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        return DocumentText.Finish(text);
    }

    /// <summary>Elements whose text is never shown or never part of a form: scripts, styles, forms' controls, hidden ones.</summary>
    private static bool IsIgnored(IElement element)
    {
        switch (element.LocalName)
        {
            case "script" or "style" or "template" or "noscript" or "head" or "title" or "iframe" or "object" or "embed"
                or "svg" or "math" or "canvas" or "select" or "option" or "textarea" or "button" or "input" or "map":
                return true;
        }

        // data-annotation marks a note beside a printed value (Jixiao's own form page: the recomputed value, a finding's
        // marker): not the form's text.
        if (element.HasAttribute("hidden") || element.HasAttribute("data-annotation"))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    /// <summary>Outside the data tables, links and the page's navigation, side bars and footer are not the form's text.</summary>
    private static bool IsOutsideLink(IElement element) => element.LocalName is "a" or "nav" or "aside" or "footer";

    private static bool IsBlock(IElement element) => element.LocalName is
        "p" or "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li" or "ul" or "ol" or "dl" or "dt" or "dd"
        or "table" or "tr" or "td" or "th" or "caption" or "thead" or "tbody" or "tfoot" or "section" or "article"
        or "header" or "main" or "center" or "pre" or "blockquote" or "address" or "figure" or "figcaption" or "form"
        or "fieldset" or "hr" or "body" or "html";

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"<meta[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredCharset();

    /// <summary>The whole stream, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static byte[]? ReadAll(Stream stream, long max)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > max)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    /// <summary>
    /// The page's text: by its byte order mark; else by the charset it declares in its first 64 KiB (a
    /// <c>&lt;meta charset&gt;</c>, a <c>http-equiv</c> content type or an XML declaration), where gb2312 and GBK are
    /// read as their superset GB18030 — unless the bytes are valid UTF-8 holding non-ASCII text, as when a page was
    /// re-saved in UTF-8 keeping its old declaration; else as UTF-8 when valid, else as GB18030 with a warning.
    /// </summary>
    internal static string Decode(byte[] bytes, out (DiagnosticSeverity Severity, LocalText Message)? note)
    {
        note = null;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var strictUtf8 = new UTF8Encoding(false, true);
        string? utf8;
        try
        {
            utf8 = strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            utf8 = null;
        }

        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024));
        var match = DeclaredCharset().Match(head);
        var declared = match.Success ? (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value).Trim().ToLowerInvariant() : null;
        var gb18030 = Encoding.GetEncoding("GB18030");
        if (declared is not null)
        {
            if (declared is "utf-8" or "utf8" or "unicode-1-1-utf-8")
            {
                if (utf8 is null)
                {
                    note = (DiagnosticSeverity.Warning, ReaderMessages.PageNotUtf8.Format());
                    return Encoding.UTF8.GetString(bytes);
                }

                return utf8;
            }

            Encoding? encoding = declared is "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "csgb2312" or "chinese" or "iso-ir-58" or "gb18030"
                ? gb18030
                : TryGetEncoding(declared);
            if (encoding is not null)
            {
                if (utf8 is not null && encoding.CodePage != Encoding.UTF8.CodePage && HasNonAscii(bytes))
                {
                    note = (DiagnosticSeverity.Info, ReaderMessages.PageIsUtf8.Format(declared));
                    return utf8;
                }

                return encoding.GetString(bytes);
            }

            note = (DiagnosticSeverity.Warning, ReaderMessages.PageCharsetUnknown.Format(declared, utf8 is null ? "GB18030" : "UTF-8"));
        }

        if (utf8 is not null)
        {
            return utf8;
        }

        note ??= (DiagnosticSeverity.Warning, ReaderMessages.PageWithoutCharset.Format());
        return gb18030.GetString(bytes);
    }

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool HasNonAscii(byte[] bytes) => bytes.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;

    private static bool ContainsIgnoringCase(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerAscii)
    {
        for (var i = 0; i + lowerAscii.Length <= head.Length; i++)
        {
            var j = 0;
            while (j < lowerAscii.Length && (head[i + j] | 0x20) == lowerAscii[j])
            {
                j++;
            }

            if (j == lowerAscii.Length)
            {
                return true;
            }
        }

        return false;
    }
}
