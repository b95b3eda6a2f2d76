using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Documents;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;
using Break = DocumentFormat.OpenXml.Wordprocessing.Break;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Run = DocumentFormat.OpenXml.Wordprocessing.Run;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;
using TableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using TableRow = Jixiao.Ingest.Tables.TableRow;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;
using WordRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace Jixiao.Ingest.Word;

/// <summary>
/// Word documents (Word 文档, .docx, and .docm with macros, which are never run): the body in order, its tables (表格)
/// with merged cells (<c>w:gridSpan</c> across, <c>w:vMerge</c> down, 合并单元格) and <c>w:gridBefore</c>, and of the
/// paragraphs outside tables only those that name the form (its heading 财政项目支出绩效自评表, year line （2024年度）,
/// unit line 单位：万元). A cell's paragraphs and line breaks become lines of its text. Several forms and tables split
/// across pages are simply consecutive tables, read as consecutive rows. The body is read one top-level paragraph or
/// table at a time. The ZIP container is checked before it is opened: a part that would expand beyond
/// <see cref="ReadLimits.MaxUncompressedBytes"/> or above <see cref="ReadLimits.MaxCompressionRatio"/> (a ZIP bomb),
/// or a truncated archive, is refused with one clear error.
/// </summary>
/// <remarks>
/// Tables inside tables: a table some row of which has at least two columns is a data table (数据表); a table holding a
/// data table is a layout table, whose own paragraphs are read like paragraphs outside tables and whose data tables
/// are tables of their own; a one-column table is read as paragraphs, and inside a data table's cell its lines join
/// the cell's text.
/// </remarks>
/// <param name="limits">The budget of one file; <see cref="ReadLimits.Default"/> when null.</param>
public sealed class DocxFormat(ReadLimits? limits = null) : TableFormat(limits)
{
    /// <summary>Parts smaller than this are not judged by their compression ratio (small XML compresses well).</summary>
    private const long RatioFloor = 1024 * 1024;

    /// <summary>Most tables nested in one another (a table in a cell of a table …); real forms nest a few at most.</summary>
    public const int MaxTableDepth = 64;

    /// <summary><c>docx</c>.</summary>
    public override string Name => "docx";

    /// <summary><c>.docx</c>, <c>.docm</c>.</summary>
    public override IReadOnlyList<string> Extensions { get; } = [".docx", ".docm"];

    /// <summary><c>Word document</c>.</summary>
    public override string Label => "Word document";

    /// <summary>A signature when the head is a ZIP archive naming a <c>word/</c> part.</summary>
    public override Recognition Recognises(ReadOnlySpan<byte> head) =>
        UnreadFormat.IsZip(head) && head.IndexOf("word/"u8) >= 0 ? Recognition.Signature : Recognition.No;

    /// <inheritdoc />
    protected override IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        var seekable = stream.CanSeek ? stream : Copy(stream, Limits.MaxUncompressedBytes);
        if (seekable is null)
        {
            report(Error(fileName, ReaderMessages.WordTooLarge.Format(Limits.MaxUncompressedBytes)));
            yield break;
        }

        var start = seekable.Position;
        if (Guard(seekable, out var macros) is { } refusal)
        {
            report(Error(fileName, refusal));
            yield break;
        }

        seekable.Position = start;
        using var document = WordprocessingDocument.Open(seekable, false, new OpenSettings { AutoSave = false });
        if (document.MainDocumentPart is not { } main)
        {
            report(Error(fileName, ReaderMessages.WordWithoutMain.Format()));
            yield break;
        }

        if (TableDepth(main, MaxTableDepth) > MaxTableDepth)
        {
            report(Error(fileName, ReaderMessages.WordNested.Format(MaxTableDepth)));
            yield break;
        }

        if (macros)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Info, ReaderMessages.WordMacros.Format()));
        }

        var line = 0;
        var tables = 0;
        using var reader = OpenXmlReader.Create(main);
        var more = reader.Read();
        while (more)
        {
            if (reader.IsStartElement && (reader.ElementType == typeof(Paragraph) || reader.ElementType == typeof(Table) || reader.ElementType == typeof(SdtBlock)))
            {
                var element = reader.LoadCurrentElement();
                if (element is not null)
                {
                    foreach (var block in Blocks(element))
                    {
                        budget.Spend();
                        if (block.Table is { } found)
                        {
                            var table = TableOf(found, ++tables, budget);
                            foreach (var row in table.Rows(line + 1))
                            {
                                yield return row;
                            }

                            line += table.RowCount;
                        }
                        else
                        {
                            foreach (var text in block.Text!.Split('\n'))
                            {
                                if (DocumentText.FormLine(text) is { } cells)
                                {
                                    yield return new TableRow(cells, ++line);
                                }
                            }
                        }
                    }
                }

                more = !reader.EOF;
                continue;
            }

            more = reader.Read();
        }

        if (tables == 0)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Warning, ReaderMessages.WordWithoutTable.Format()));
        }
    }

    /// <summary>
    /// How deep the body's tables nest, counted with a plain XML reader before the document is loaded (the SDK's
    /// element tree grows slow with depth); stops counting past <paramref name="max"/>.
    /// </summary>
    private static int TableDepth(MainDocumentPart main, int max)
    {
        using var part = main.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true });
        var depth = 0;
        var deepest = 0;
        while (xml.Read())
        {
            if (xml.LocalName != "tbl" || xml.NamespaceURI != WordNamespace)
            {
                continue;
            }

            if (xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement)
            {
                deepest = Math.Max(deepest, ++depth);
                if (deepest > max)
                {
                    break;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                depth--;
            }
        }

        return deepest;
    }

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static Diagnostic Error(string fileName, LocalText message) => new(fileName, 0, DiagnosticSeverity.Error, message);

    /// <summary>
    /// Why the ZIP container must not be opened, or null: a truncated or damaged archive, a part expanding beyond the
    /// limit or above the ratio (a ZIP bomb). Sets <paramref name="macros"/> when it holds a VBA project.
    /// </summary>
    private LocalText? Guard(Stream stream, out bool macros)
    {
        macros = false;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return ReaderMessages.WordZipDamaged.Format(ex.Message);
        }

        using (zip)
        {
            var hasDocument = false;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > Limits.MaxUncompressedBytes)
                {
                    return ReaderMessages.WordPartTooLarge.Format(entry.FullName, entry.Length, Limits.MaxUncompressedBytes);
                }

                if (entry.Length > RatioFloor && (entry.CompressedLength == 0 || (double)entry.Length / entry.CompressedLength > Limits.MaxCompressionRatio))
                {
                    return entry.CompressedLength == 0
                        ? ReaderMessages.WordPartFromNothing.Format(entry.FullName, Limits.MaxCompressionRatio)
                        : ReaderMessages.WordPartRatio.Format(entry.FullName, (double)entry.Length / entry.CompressedLength, Limits.MaxCompressionRatio);
                }

                hasDocument |= entry.FullName.StartsWith("word/", StringComparison.OrdinalIgnoreCase) && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
                macros |= entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase);
            }

            return hasDocument ? null : ReaderMessages.WordWithoutDocument.Format();
        }
    }

    /// <summary>The stream copied into memory, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static MemoryStream? Copy(Stream stream, long max)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > max)
            {
                copy.Dispose();
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        copy.Position = 0;
        return copy;
    }

    /// <summary>A data table, or a paragraph's text outside the data tables.</summary>
    private readonly record struct Block(Table? Table, string? Text);

    /// <summary>
    /// A top-level element of the body as data tables and paragraphs in document order, walked without recursion:
    /// layout tables and one-column tables are opened and their paragraphs read as paragraphs.
    /// </summary>
    private static IEnumerable<Block> Blocks(OpenXmlElement top)
    {
        var layout = LayoutTables(top);
        var stack = new Stack<OpenXmlElement>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            switch (element)
            {
                case Paragraph paragraph:
                    var text = new StringBuilder();
                    AppendParagraph(text, paragraph, links: false);
                    var finished = DocumentText.Finish(text);
                    if (finished.Length > 0)
                    {
                        yield return new Block(null, finished);
                    }

                    continue;
                case Table table when !layout.Contains(table) && IsDataTable(table):
                    yield return new Block(table, null);
                    continue;
                case Table or WordRow or TableCell or SdtBlock or SdtContentBlock or CustomXmlBlock or SdtRow or SdtContentRow
                    or CustomXmlRow or SdtCell or SdtContentCell or CustomXmlCell:
                    for (var child = element.LastChild; child is not null; child = child.PreviousSibling())
                    {
                        stack.Push(child);
                    }

                    continue;
            }
        }
    }

    /// <summary>The tables under <paramref name="top"/> that hold a data table (layout tables).</summary>
    private static HashSet<Table> LayoutTables(OpenXmlElement top)
    {
        var layout = new HashSet<Table>();
        var stack = new Stack<OpenXmlElement>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element is Table table && IsDataTable(table))
            {
                for (var up = table.Parent; up is not null; up = up.Parent)
                {
                    if (up is Table outer && !layout.Add(outer))
                    {
                        break;
                    }
                }
            }

            if (element is Paragraph)
            {
                continue;
            }

            foreach (var child in element.ChildElements)
            {
                stack.Push(child);
            }
        }

        return layout;
    }

    /// <summary>True when some row of the table spans two grid columns or more (gridBefore and gridSpan counted).</summary>
    private static bool IsDataTable(Table table)
    {
        foreach (var row in Own<WordRow>(table))
        {
            var width = GridBefore(row);
            foreach (var cell in Own<TableCell>(row))
            {
                width += GridSpan(cell);
            }

            if (width >= DocumentText.DataTableColumns)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rows of a table or the cells of a row, looking through content controls and custom XML around them.</summary>
    private static IEnumerable<T> Own<T>(OpenXmlElement parent)
        where T : OpenXmlElement
    {
        foreach (var child in parent.ChildElements)
        {
            if (child is T found)
            {
                yield return found;
            }
            else if (child is SdtRow or SdtContentRow or CustomXmlRow or SdtCell or SdtContentCell or CustomXmlCell)
            {
                foreach (var inner in Own<T>(child))
                {
                    yield return inner;
                }
            }
        }
    }

    private static int GridBefore(WordRow row) =>
        Math.Clamp(row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0, 0, 1000);

    private static int GridSpan(TableCell cell) =>
        Math.Clamp(cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1, 1, 1000);

    /// <summary>A cell that is merged with the cell above (<c>w:vMerge</c> without <c>restart</c>).</summary>
    private static bool ContinuesAbove(TableCell cell) =>
        cell.TableCellProperties?.VerticalMerge is { } merge && (merge.Val is null || merge.Val.Value != MergedCellValues.Restart);

    /// <summary>
    /// The table as cells: each row's cells placed from its <c>gridBefore</c> by their <c>gridSpan</c>; a cell that
    /// continues a vertical merge lengthens the cell above it in the same column instead of being a cell of its own.
    /// </summary>
    private static SourceTable TableOf(Table table, int index, ReadBudget budget)
    {
        var cells = new List<Cell>();
        var open = new Dictionary<int, Cell>();
        var r = 0;
        foreach (var row in Own<WordRow>(table))
        {
            var column = GridBefore(row);
            foreach (var wordCell in Own<TableCell>(row))
            {
                var span = GridSpan(wordCell);
                budget.Spend(span);
                if (ContinuesAbove(wordCell) && open.TryGetValue(column, out var above) && above.Row + above.RowSpan == r && above.ColumnSpan == span)
                {
                    above.RowSpan++;
                }
                else
                {
                    var cell = new Cell(CellText(wordCell), r, column, span);
                    cells.Add(cell);
                    open[column] = cell;
                }

                column += span;
            }

            r++;
        }

        var result = cells.ConvertAll(c => new Tables.TableCell(c.Text, c.Row, c.Column, c.RowSpan, c.ColumnSpan));
        if (r > 0 && !cells.Exists(c => c.Row + c.RowSpan >= r))
        {
            result.Add(new Tables.TableCell("", r - 1, 0));
        }

        return new SourceTable(result, index: index, firstSourceRow: 1);
    }

    /// <summary>A cell being laid out; its row span grows as merged cells below it are met.</summary>
    private sealed class Cell(string text, int row, int column, int columnSpan)
    {
        public string Text { get; } = text;

        public int Row { get; } = row;

        public int Column { get; } = column;

        public int ColumnSpan { get; } = columnSpan;

        public int RowSpan { get; set; } = 1;
    }

    /// <summary>The text of a cell: its paragraphs (and those of one-column tables inside it) as lines.</summary>
    private static string CellText(TableCell cell)
    {
        var text = new StringBuilder();
        var stack = new Stack<OpenXmlElement>();
        for (var child = cell.LastChild; child is not null; child = child.PreviousSibling())
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element is Paragraph paragraph)
            {
                AppendParagraph(text, paragraph, links: true);
                DocumentText.Break(text);
                continue;
            }

            if (element is TableCellProperties or TableProperties or TableGrid or TableRowProperties)
            {
                continue;
            }

            for (var child = element.LastChild; child is not null; child = child.PreviousSibling())
            {
                stack.Push(child);
            }
        }

        return DocumentText.Finish(text);
    }

    /// <summary>
    /// Appends a paragraph's visible text: the text of its runs (hidden runs, deleted text, field codes, drawings and
    /// text boxes left out), a line break for each <c>w:br</c> and <c>w:cr</c>, a space for a TAB. Outside tables
    /// (<paramref name="links"/> false) the text of hyperlinks is left out too: a link named like a form is navigation
    /// to another form (a page saved as a document), as on web pages.
    /// </summary>
    private static void AppendParagraph(StringBuilder text, Paragraph paragraph, bool links)
    {
        var stack = new Stack<OpenXmlElement>();
        for (var child = paragraph.LastChild; child is not null; child = child.PreviousSibling())
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            switch (element)
            {
                case WordText t:
                    text.Append(t.Text.Replace('\u00A0', ' '));
                    continue;
                case Break or CarriageReturn:
                    DocumentText.Break(text);
                    continue;
                case TabChar or PositionalTab:
                    text.Append(' ');
                    continue;
                case NoBreakHyphen:
                    text.Append('-');
                    continue;
                case Run run when run.RunProperties?.Vanish is { } vanish && (vanish.Val is null || vanish.Val.Value):
                    continue;
                case Hyperlink when !links:
                    continue;
                case Run or Hyperlink or SimpleField or SdtRun or SdtContentRun or InsertedRun or MoveToRun
                    or CustomXmlRun or BidirectionalOverride or BidirectionalEmbedding:
                    for (var child = element.LastChild; child is not null; child = child.PreviousSibling())
                    {
                        stack.Push(child);
                    }

                    continue;
            }
        }
    }
}
