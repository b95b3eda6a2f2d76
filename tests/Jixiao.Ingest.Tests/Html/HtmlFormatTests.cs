using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Html;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Tests.Html;

/// <summary>
/// The web page reader on hand-written pages: merged cells by rowspan/colspan, a form split over two tables with its
/// heading in an <c>&lt;h1&gt;</c>, the surrounding page (navigation, scripts, styles, hidden blocks, a layout table,
/// a footer) ignored, and pages in GB2312/GBK.
/// </summary>
public class HtmlFormatTests
{
    static HtmlFormatTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static List<PerformanceForm> Expected() => [.. TextFormReader.Read(new StringReader(HtmlFixtures.Text), "form.txt")];

    private static List<PerformanceForm> Read(byte[] bytes, List<Diagnostic>? reported = null, string name = "form.html")
    {
        using var stream = new MemoryStream(bytes);
        return [.. new HtmlFormat().Read(stream, name, d => reported?.Add(d))];
    }

    private static List<PerformanceForm> Read(string html, List<Diagnostic>? reported = null) => Read(Encoding.UTF8.GetBytes(html), reported);

    [Fact]
    public void Merged_cells_and_a_form_split_over_two_tables_read_as_the_text_gives_them()
    {
        var reported = new List<Diagnostic>();
        var forms = Read(HtmlFixtures.Page(), reported);

        FormFields.AssertSame(Expected(), forms, "hand-written page");
        var form = Assert.Single(forms);
        Assert.Equal((FormKind.SelfEvaluation, 2023, MoneyUnit.Yuan), (form.Kind, form.Year!.Value, form.MoneyUnit));
        Assert.Equal("综治中心事务", form.ProjectName);
        Assert.Equal("上海市宝山区淞南镇城市运行管理中心", form.ImplementingUnit);
        Assert.Equal((500_000m, 327_298.72m, 327_298.72m), (form.SelfEvaluationFunds!.Total!.InitialBudget!.Value, form.SelfEvaluationFunds.Total.AnnualBudget!.Value, form.SelfEvaluationFunds.Total.Executed!.Value));
        Assert.Equal("进一步整合基层维稳力量，确保一方平安。", form.Goals.Expected);
        Assert.Equal(5, form.Indicators.Count);
        // 产出指标 spans three rows: the rows below it belong to it.
        Assert.Equal(["产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"], form.Indicators.Select(i => i.Level1));
        Assert.Equal(("质量指标", "社会治安综合治理能力", 10m, 8m), (form.Indicators[1].Level2, form.Indicators[1].Name, form.Indicators[1].Weight!.Value, form.Indicators[1].Score!.Value));
        Assert.Equal(94m, form.TotalScore);
        Assert.DoesNotContain(reported, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Rows_are_numbered_over_the_page_and_name_their_table()
    {
        var forms = Read(HtmlFixtures.Page());

        // Heading 1, year 2, table 1 rows 3–9, table 2 rows 10–18 (（续表） names no form and is dropped).
        Assert.Equal((1, 18), (forms[0].Provenance!.FirstLine, forms[0].Provenance!.LastLine));
    }

    [Fact]
    public void Navigation_scripts_styles_hidden_blocks_layout_tables_and_footers_are_ignored()
    {
        var reported = new List<Diagnostic>();
        var forms = Read(HtmlFixtures.SitePage(), reported);

        FormFields.AssertSame(Expected(), forms, "site page");
        Assert.Equal("综治中心事务", Assert.Single(forms).ProjectName);
        Assert.DoesNotContain(reported, d => d.Severity != DiagnosticSeverity.Info);
        Assert.DoesNotContain(forms[0].Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Hidden_rows_and_cells_are_left_out()
    {
        var html = HtmlFixtures.Page()
            .Replace("<tr><td>项目名称</td><td colspan=\"8\">综治中心事务</td></tr>",
                "<tr style=\"display:none\"><td>项目名称</td><td colspan=\"8\">旧项目</td></tr>" +
                "<tr><td>项目名称</td><td hidden>（草稿）</td><td colspan=\"8\">综治中心事务</td></tr>");

        var forms = Read(html);

        Assert.Contains("旧项目", html);
        FormFields.AssertSame(Expected(), forms, "hidden rows and cells");
    }

    [Fact]
    public void A_heading_in_the_table_caption_opens_the_form()
    {
        var html = HtmlFixtures.Page()
            .Replace("<h1>财政项目支出绩效自评表</h1>", "")
            .Replace("<p>（2023年度）</p>", "")
            .Replace("<table border=\"1\">\n<tr><td>项目名称", "<table border=\"1\"><caption>财政项目支出绩效自评表<br>（2023年度）</caption>\n<tr><td>项目名称");

        var forms = Read(html);

        Assert.Contains("<caption>", html);
        FormFields.AssertSame(Expected(), forms, "heading in a caption");
    }

    [Theory]
    [InlineData("gb2312")]
    [InlineData("GBK")]
    [InlineData("gb18030")]
    public void A_page_declaring_a_chinese_charset_is_decoded_by_it(string charset)
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(HtmlFixtures.Page(charset));
        var reported = new List<Diagnostic>();

        var forms = Read(bytes, reported);

        FormFields.AssertSame(Expected(), forms, charset + " page");
        Assert.Empty(reported);
    }

    [Fact]
    public void A_page_in_gbk_declaring_nothing_is_read_as_gb18030_with_a_warning()
    {
        var html = HtmlFixtures.Page().Replace("<meta charset=\"utf-8\">", "");
        var reported = new List<Diagnostic>();

        var forms = Read(Encoding.GetEncoding("GB18030").GetBytes(html), reported);

        FormFields.AssertSame(Expected(), forms, "undeclared GBK page");
        var warning = Assert.Single(reported);
        Assert.Equal((DiagnosticSeverity.Warning, "form.html"), (warning.Severity, warning.File));
        Assert.Contains("GB18030", warning.Message);
    }

    [Fact]
    public void A_page_resaved_in_utf8_keeping_its_gb2312_declaration_is_read_as_utf8()
    {
        var reported = new List<Diagnostic>();

        var forms = Read(Encoding.UTF8.GetBytes(HtmlFixtures.Page("gb2312")), reported);

        FormFields.AssertSame(Expected(), forms, "UTF-8 page declaring gb2312");
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(reported).Severity);
    }

    [Fact]
    public void Rowspan_beyond_the_table_colspan_zero_and_rowspan_zero_are_laid_out_as_browsers_do()
    {
        // rowspan="0" runs to the table's end; colspan="0" counts as 1; a rowspan past the last row stops there.
        const string html =
            """
            <html><body><h1>项目支出绩效目标申报表</h1><table>
            <tr><td>项目名称</td><td colspan="0">甲项目</td><td rowspan="99"></td></tr>
            <tr><td rowspan="0">主管部门</td><td>乙部门</td></tr>
            <tr><td>实施单位</td><td>丙单位</td></tr>
            </table></body></html>
            """;

        var form = Assert.Single(Read(html));

        Assert.Equal(FormKind.TargetDeclaration, form.Kind);
        Assert.Equal(("甲项目", "乙部门"), (form.ProjectName, form.Department));
        // 实施单位 falls in column 1 (column 0 is taken by 主管部门 spanning down), 丙单位 in column 3 (column 2 by the rowspan 99).
        Assert.Equal("丙单位", form.ImplementingUnit);
    }

    /// <summary>
    /// The assembler (TableFormReader) reads a fund row one column late when its label is merged over two columns and
    /// the header leaves those two columns blank, as the project's own form page prints it: the covered, empty second
    /// column of the label is taken as 年初预算数. The web page reader gives the rows as printed (e.g.
    /// <c>["", "年度资金总额", "", "500,000.00", "327,298.72", "327,298.72", "10", "100.00%", "10"]</c> under
    /// <c>["项目资金 (元)", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]</c>).
    /// </summary>
    public const string FundLabelOverTwoColumns =
        "assembler: a fund row whose label spans two columns (colspan=2, columns 1-2) under a header whose columns 1-2 are blank is read one column late " +
        "(initialBudget empty, annualBudget = 年初预算数, executed = 全年预算数, weight = 全年执行数, executionRate = 分值, score = 执行率); the rows given are right";

    [Fact]
    public void A_fund_label_merged_over_two_columns_reads_the_values_under_their_headers()
    {
        var first = HtmlFixtures.FirstTable
            .Replace("<td rowspan=\"5\">项目资金&nbsp;(元)</td><td></td>", "<td rowspan=\"5\">项目资金&nbsp;(元)</td><th colspan=\"2\"></th>")
            .Replace("<th>得分</th><td></td>", "<th>得分</th>");
        foreach (var label in new[] { "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金" })
        {
            first = first.Replace($"<tr><td>{label}</td>", $"<tr><td colspan=\"2\">{label}</td>");
        }

        var forms = Read(HtmlFixtures.Page().Replace(HtmlFixtures.FirstTable, first));

        FormFields.AssertSame(Expected(), forms, "fund labels over two columns");
    }

    [Fact]
    public void Recognised_by_markup_holding_a_table_or_html_element()
    {
        var format = new HtmlFormat();

        Assert.Equal(Recognition.Signature, format.Recognises("<!DOCTYPE html><HTML><body>"u8));
        Assert.Equal(Recognition.Signature, format.Recognises("\uFEFF<TABLE><tr><td>a</td></tr></TABLE>"u8));
        Assert.Equal(Recognition.No, format.Recognises("<?xml version=\"1.0\"?><forms/>"u8));
        Assert.Equal(Recognition.No, format.Recognises("项目名称\t<table>"u8));
        Assert.Equal(("html", "web page"), (format.Name, format.Label));
        Assert.Equal([".html", ".htm", ".xhtml"], format.Extensions);
    }
}
