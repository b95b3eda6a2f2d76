using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tests.Html;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Ingest.Text;
using Jixiao.Ingest.Word;
using static Jixiao.Ingest.Tests.Word.DocxFixtures;

namespace Jixiao.Ingest.Tests.Word;

/// <summary>
/// The Word reader on documents written with the Open XML SDK: merged cells by gridSpan and vMerge, gridBefore, the
/// heading and year as paragraphs outside the tables, a form split over two tables, several forms in one document,
/// tables inside tables, hidden text, and a .docm whose macros are never run.
/// </summary>
public class DocxFormatTests
{
    private static List<PerformanceForm> Expected() => [.. TextFormReader.Read(new StringReader(HtmlFixtures.Text), "form.txt")];

    private static List<PerformanceForm> Read(byte[] bytes, List<Diagnostic>? reported = null, string name = "form.docx", ReadLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes);
        return [.. new DocxFormat(limits).Read(stream, name, d => reported?.Add(d))];
    }

    [Fact]
    public void Merged_cells_and_a_form_split_over_two_tables_read_as_the_text_gives_them()
    {
        var reported = new List<Diagnostic>();
        var forms = Read(Form(), reported);

        FormFields.AssertSame(Expected(), forms, "hand-written document");
        var form = Assert.Single(forms);
        Assert.Equal((FormKind.SelfEvaluation, 2023, "综治中心事务"), (form.Kind, form.Year!.Value, form.ProjectName));
        Assert.Equal("上海市宝山区淞南镇城市运行管理中心", form.ImplementingUnit);
        Assert.Equal("进一步整合基层维稳力量，确保一方平安。", form.Goals.Expected);
        // 产出指标 is merged down over three rows (vMerge): the rows below it belong to it.
        Assert.Equal(["产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"], form.Indicators.Select(i => i.Level1));
        Assert.Equal((327_298.72m, 94m), (form.SelfEvaluationFunds!.Total!.Executed!.Value, form.TotalScore!.Value));
        // Heading 1, year 2, table 1 rows 3–9, table 2 rows 10–18; （续表） and 填报人 name no form and are dropped.
        Assert.Equal((1, 18), (form.Provenance!.FirstLine, form.Provenance.LastLine));
        Assert.Empty(reported);
    }

    [Fact]
    public void Grid_before_shifts_a_row_right()
    {
        var forms = Read(Form(firstTable: FirstTableWithGridBefore));

        FormFields.AssertSame(Expected(), forms, "document with gridBefore");
    }

    [Fact]
    public void Several_forms_in_one_document_are_read_in_order()
    {
        var second = T([.. FirstTable.Select(r => r.Replace("综治中心事务", "网格化事务"))]);
        var bytes = Document([P("财政项目支出绩效自评表"), P("（2023年度）"), T(FirstTable), T(SecondTable),
            new Paragraph(new Run(new Break { Type = BreakValues.Page })), P("财政项目支出绩效自评表（2023年度）"), second, T(SecondTable)]);

        var forms = Read(bytes);

        Assert.Equal(["综治中心事务", "网格化事务"], forms.Select(f => f.ProjectName));
        Assert.All(forms, f => Assert.Equal((2023, 5, 94m), (f.Year!.Value, f.Indicators.Count, f.TotalScore!.Value)));
    }

    [Fact]
    public void A_layout_table_around_the_form_is_opened_and_a_one_column_table_in_a_cell_joins_its_text()
    {
        // The goals' actual text is a one-column table of two rows inside the cell: its lines join the cell's text.
        var secondRows = SecondTable.ToArray();
        var second = T(secondRows);
        var goalCell = second.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(2);
        goalCell.RemoveAllChildren<Paragraph>();
        goalCell.Append(T("基层维稳力量进一步整合，", "地区总体平稳。"), P(""));
        var layout = new Table(new TableRow(
            new TableCell(P("目录"), P("部门预算")),
            new TableCell(P("财政项目支出绩效自评表"), P("（2023年度）"), T(FirstTable), second, P(""))));

        var forms = Read(Document([P("首页 > 信息公开 > 财政项目支出"), layout]));

        FormFields.AssertSame(Expected(), forms, "form inside a layout table");
        Assert.Equal("基层维稳力量进一步整合，地区总体平稳。", forms[0].Goals.Actual);
    }

    [Fact]
    public void Hidden_runs_are_left_out()
    {
        var first = T(FirstTable);
        var nameCell = first.Elements<TableRow>().First().Elements<TableCell>().ElementAt(1);
        nameCell.GetFirstChild<Paragraph>()!.Append(new Run(new RunProperties(new Vanish()), new DocumentFormat.OpenXml.Wordprocessing.Text("（隐藏）")));

        var forms = Read(Document([P("财政项目支出绩效自评表"), P("（2023年度）"), first, T(SecondTable)]));

        Assert.Equal("综治中心事务", Assert.Single(forms).ProjectName);
    }

    [Fact]
    public void A_docm_with_macros_is_read_and_its_macros_are_not_run()
    {
        var reported = new List<Diagnostic>();

        var forms = Read(Form(macros: true), reported, "form.docm");

        FormFields.AssertSame(Expected(), forms, "macro-enabled document");
        var note = Assert.Single(reported);
        Assert.Equal((DiagnosticSeverity.Info, "form.docm"), (note.Severity, note.File));
        Assert.Contains("vbaProject.bin", note.Message);
        Assert.Contains("not run", note.Message);
    }

    [Fact]
    public void Recognised_by_a_zip_holding_word_parts()
    {
        var format = new DocxFormat();

        Assert.Equal(Recognition.Signature, format.Recognises(Form()));
        Assert.Equal(Recognition.No, format.Recognises("PK\u0003\u0004xl/workbook.xml"u8));
        Assert.Equal(Recognition.No, format.Recognises("<html>word/</html>"u8));
        Assert.Equal(("docx", "Word document"), (format.Name, format.Label));
        Assert.Equal([".docx", ".docm"], format.Extensions);
    }
}
