using Jixiao.Core.Forms;
using Jixiao.Ingest.Pdf;
using Jixiao.Ingest.Tables;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;
using UglyToad.PdfPig;

namespace Jixiao.Ingest.Tests.Pdf;

/// <summary>
/// How a page becomes rows: text outside the table as one-cell rows in reading order, merged cells with their spans
/// and boxes, wrapped Chinese and Latin text joined, a table continued on the next page.
/// </summary>
public class PdfTableTests
{
    private const string Long = "对案件相关涉案财物进行存放管理，保障财物存放的规范性，保证办案工作顺利，进一步保障相关群体的合法财产权益。";
    private const string Latin = "The quick brown fox jumps over the lazy dog and keeps running along the river bank";

    private static readonly Lazy<string> MergedPdf = new(() => Print("merged", true,
        "<h2>财政项目支出绩效自评表</h2><p>（2024年度）</p><p>单位：万元</p><table>" +
        "<tr><td>项目名称</td><td colspan=\"3\">示例项目</td></tr>" +
        "<tr><td rowspan=\"2\">项目资金</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td></tr>" +
        "<tr><td>10.00</td><td>12.00</td><td>11.50</td></tr>" +
        $"<tr><td>说明</td><td style=\"width:80px\">{Long}</td><td style=\"width:90px\">{Latin}</td><td></td></tr></table>"));

    private static readonly Lazy<string> ContinuedPdf = new(() => Print("continued", true,
        "<table>" + string.Concat(Enumerable.Range(1, 120).Select(i => $"<tr><td>指标{i}</td><td>{i}.00</td></tr>")) + "</table>"));

    private static readonly Lazy<string> StackedPdf = new(() => Print("stacked", true,
        "<table><tr><td style=\"width:50px\">一级指标</td><td style=\"width:100px\">二级指标</td><td style=\"width:150px\">三级指标</td></tr>" +
        "<tr><td>产出指标</td><td>数量指标</td><td>完成率</td></tr></table>" +
        "<table><tr><td style=\"width:120px\">总分</td><td style=\"width:180px\">100.00</td></tr></table>"));

    private static string Print(string name, bool borders, string body)
    {
        var path = Path.Combine(PdfRenderings.ScratchFolder, name + ".html");
        File.WriteAllText(path,
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>body{font-family:'WenQuanYi Zen Hei',sans-serif;font-size:9pt}" +
            $"table{{border-collapse:collapse}}td{{padding:2px 4px;vertical-align:top;{(borders ? "border:1px solid #000" : "border:none")}}}</style></head><body>{body}</body></html>");
        return CorpusRendering.ChromiumPdf(path);
    }

    private static List<TableRow> Rows(string path)
    {
        using var stream = File.OpenRead(path);
        var reported = new List<Diagnostic>();
        var rows = new PdfFormat().RowsOf(stream, Path.GetFileName(path), reported.Add).ToList();
        Assert.Empty(reported);
        return rows;
    }

    private static List<string> Texts(TableRow row) => [.. row.Cells.Select(c => c ?? "")];

    [ChromiumFact]
    public void Text_outside_the_table_comes_first_as_one_cell_rows_then_the_table_with_merged_cells()
    {
        var rows = Rows(MergedPdf.Value);

        Assert.Equal(["财政项目支出绩效自评表"], Texts(rows[0]));
        Assert.Equal(["（2024年度）"], Texts(rows[1]));
        Assert.Equal(["单位：万元"], Texts(rows[2]));
        Assert.Equal(["项目名称", "示例项目", "", ""], Texts(rows[3]));
        Assert.Equal(["项目资金", "年初预算数", "全年预算数", "全年执行数"], Texts(rows[4]));
        Assert.Equal(["", "10.00", "12.00", "11.50"], Texts(rows[5]));
        Assert.Equal(["说明", Long, Latin, ""], Texts(rows[6]));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Equal(1, r.Page));
    }

    [ChromiumFact]
    public void Merged_cells_have_their_spans_and_every_cell_its_box_on_the_page()
    {
        using var document = PdfDocument.Open(MergedPdf.Value);
        var page = document.GetPage(1);

        var blocks = PdfPageReader.Read(page, 1, new BorderlessTable(), out var content, out _);

        Assert.Equal(PageContent.Tables, content);
        var table = blocks.Single(b => b.Table.ColumnCount == 4).Table;
        Assert.Equal(1, table.Page);
        Assert.Equal(4, table.RowCount);
        var name = table.Cells.Single(c => c.Text == "示例项目");
        Assert.Equal((0, 1, 1, 3), (name.Row, name.Column, name.RowSpan, name.ColumnSpan));
        var funds = table.Cells.Single(c => c.Text == "项目资金");
        Assert.Equal((1, 0, 2, 1), (funds.Row, funds.Column, funds.RowSpan, funds.ColumnSpan));
        Assert.All(table.Cells, c => Assert.NotNull(c.Box));
        var box = funds.Box!.Value;
        Assert.True(box.Left < box.Right && box.Bottom < box.Top && box.Top <= page.Height && box.Left >= 0, $"box {box}");
        var budget = table.Cells.Single(c => c.Text == "年初预算数").Box!.Value;
        Assert.Equal(box.Top, budget.Top, 1);
        Assert.True(box.Bottom < budget.Bottom, "the merged cell reaches below the row of 年初预算数");
    }

    [ChromiumFact]
    public void A_table_continued_on_the_next_page_keeps_its_rows_in_order_with_their_pages()
    {
        var rows = Rows(ContinuedPdf.Value);

        Assert.Equal(120, rows.Count);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"指标{i}"), rows.Select(r => r.Cells[0]));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"{i}.00"), rows.Select(r => r.Cells[1]));
        Assert.Equal(1, rows[0].Page);
        Assert.True(rows[^1].Page > 1, "the table runs onto a second page");
        Assert.Equal(Enumerable.Range(1, 120), rows.Select(r => r.Line));
    }

    [ChromiumFact]
    public void Tables_printed_one_under_the_other_keep_their_own_columns()
    {
        var rows = Rows(StackedPdf.Value);

        Assert.Equal(["一级指标", "二级指标", "三级指标"], Texts(rows[0]));
        Assert.Equal(["产出指标", "数量指标", "完成率"], Texts(rows[1]));
        Assert.Equal(["总分", "100.00"], Texts(rows[2]));
        Assert.Equal(3, rows.Count);
    }

    /// <summary>
    /// The corpus file printed as a bureau prints it: the heading and the year as paragraphs above each form's table,
    /// not inside it. The text outside the tables is given as one-cell rows in reading order, so the assembler opens
    /// each form at its heading and the forms are the text reader's, field for field.
    /// </summary>
    [ChromiumTheory]
    [InlineData(Corpus.Police2023Targets)]
    [InlineData(Corpus.Songnan2023)]
    public void Headings_printed_above_the_tables_open_the_same_forms(string file)
    {
        var html = new System.Text.StringBuilder();
        var open = false;
        foreach (var line in File.ReadLines(Corpus.PathOf(file)))
        {
            if (line.Trim().Length == 0 || !line.Contains('\t', StringComparison.Ordinal))
            {
                html.Append(open ? "</table>" : "").Append("<p>").Append(System.Net.WebUtility.HtmlEncode(line)).Append("</p>\n");
                open = false;
                continue;
            }

            html.Append(open ? "" : "<table>").Append("<tr>");
            foreach (var cell in line.Split('\t'))
            {
                html.Append("<td>").Append(System.Net.WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
            open = true;
        }

        var pdf = Print("headings-" + Path.GetFileNameWithoutExtension(file), true, html.Append(open ? "</table>" : "").ToString());
        var expected = Jixiao.Ingest.Formats.FormatRegistry.Default.ReadFile(Corpus.PathOf(file)).ToList();
        using var stream = File.OpenRead(pdf);

        var actual = new PdfFormat().Read(stream, Path.GetFileName(pdf), null).ToList();

        FormFields.AssertSame(expected, actual, $"{file} with its headings above the tables");
    }
}
