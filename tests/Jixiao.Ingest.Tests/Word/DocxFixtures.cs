using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Jixiao.Ingest.Tests.Word;

/// <summary>
/// Word documents written in code with the Open XML SDK: the hand-written self-evaluation of
/// <see cref="Html.HtmlFixtures"/> as paragraphs and tables with <c>w:gridSpan</c>, <c>w:vMerge</c> and
/// <c>w:gridBefore</c>. A row is written as cells separated by <c>|</c>; a cell is its text (<c>\n</c> starts a new
/// paragraph) followed by <c>@n</c> for a span of n grid columns and <c>!</c> to start a vertical merge; <c>^</c> is a
/// cell continuing the merge above; a row beginning with <c>&gt;</c> has one grid column before its first cell.
/// </summary>
public static class DocxFixtures
{
    public static readonly string[] FirstTable =
    [
        "项目名称|综治中心事务@8",
        "主管部门|淞南镇主管单位@3|实施单位|上海市宝山区淞南镇\n城市运行管理中心@4",
        "项目资金 (元)!||年初预算数|全年预算数|全年执行数|分值|执行率|得分|",
        "^|年度资金总额|500,000.00|327,298.72|327,298.72|10|100.00%|10|",
        "^|其中：当年财政拨款|500000|327298.72|327298.72|—|||",
        "^|上年结转资金|0|0||—|||",
        "^|其他资金|0|0||—|||",
    ];

    /// <summary>The first table with the fund rows shifted by <c>w:gridBefore</c> instead of a merged first column.</summary>
    public static readonly string[] FirstTableWithGridBefore =
    [
        "项目名称|综治中心事务@8",
        "主管部门|淞南镇主管单位@3|实施单位|上海市宝山区淞南镇城市运行管理中心@4",
        "项目资金 (元)||年初预算数|全年预算数|全年执行数|分值|执行率|得分|",
        ">年度资金总额|500,000.00|327,298.72|327,298.72|10|100.00%|10|",
        ">其中：当年财政拨款|500000|327298.72|327298.72|—|||",
        ">上年结转资金|0|0||—|||",
        ">其他资金|0|0||—|||",
    ];

    public static readonly string[] SecondTable =
    [
        "年度总体目标!|预期目标@3|实际完成情况@5",
        "^|进一步整合基层维稳力量，\n确保一方平安。@3|基层维稳力量进一步整合，地区总体平稳。@5",
        "绩效指标!|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施",
        "^|产出指标!|数量指标|中心内设部门数|=3个|3|30|30|",
        "^|^|质量指标|社会治安综合治理能力|提升|提升|10|8|需优化管理架构",
        "^|^|时效指标|项目完成及时性|及时|及时|10|10|",
        "^|效益指标|社会效益指标|加强社区平安建设|确保地区稳定|较稳定|30|28|加强宣传工作",
        "^|满意度指标|服务对象满意度指标|平安建设满意度|较高|较高|10|8|提高巡逻效率",
        "总分@6|100|94|",
    ];

    /// <summary>A paragraph of text.</summary>
    public static Paragraph P(string text) => new(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A table of rows written as described above.</summary>
    public static Table T(params string[] rows)
    {
        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }, new InsideHorizontalBorder { Val = BorderValues.Single })));
        table.Append(new TableGrid([.. Enumerable.Range(0, 9).Select(_ => new GridColumn { Width = "900" })]));
        foreach (var spec in rows)
        {
            var row = new TableRow();
            var cells = spec;
            if (cells.StartsWith('>'))
            {
                row.Append(new TableRowProperties(new GridBefore { Val = 1 }));
                cells = cells[1..];
            }

            foreach (var token in cells.Split('|'))
            {
                row.Append(Cell(token));
            }

            table.Append(row);
        }

        return table;
    }

    private static TableCell Cell(string token)
    {
        var properties = new TableCellProperties();
        var text = token;
        if (text.StartsWith('^'))
        {
            properties.Append(new VerticalMerge());
            text = text[1..];
        }

        var span = 1;
        if (text.LastIndexOf('@') is var at and >= 0)
        {
            span = int.Parse(text[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            text = text[..at];
        }

        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        if (text.EndsWith('!'))
        {
            properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
            text = text[..^1];
        }

        var cell = new TableCell(properties);
        foreach (var line in text.Split('\n'))
        {
            cell.Append(P(line));
        }

        return cell;
    }

    /// <summary>The document of the given body elements, as bytes; a macro-enabled document (.docm) with a VBA project when <paramref name="macros"/>.</summary>
    public static byte[] Document(IEnumerable<OpenXmlElement> body, bool macros = false)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, macros ? WordprocessingDocumentType.MacroEnabledDocument : WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(body));
            if (macros)
            {
                var vba = main.AddNewPart<VbaProjectPart>();
                using var data = new MemoryStream("Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nShell \"calc.exe\"\nEnd Sub\n"u8.ToArray());
                vba.FeedData(data);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The form as a Word document: heading and year paragraphs, the first table, a note, the second table.</summary>
    public static byte[] Form(bool macros = false, string[]? firstTable = null) =>
        Document([P("财政项目支出绩效自评表"), P("（2023年度）"), T(firstTable ?? FirstTable), P("（续表）"), T(SecondTable), P("填报人：张三")], macros);
}
