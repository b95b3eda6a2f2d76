using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>
/// Layouts beyond the corpus, on small invented forms: markdown, space-aligned text, other label splits,
/// other placements of the grade and the year. Rows are written with ⇥ for TAB.
/// </summary>
public class LayoutVariantTests
{
    private static readonly string[] SelfEvaluation =
    [
        "财政项目支出绩效自评表",
        "(2025年度)",
        "项目名称⇥⇥社区图书室运营经费⇥⇥⇥",
        "主管部门⇥⇥某区文化旅游局⇥⇥实施单位⇥某区图书馆⇥",
        "项目资金 (万元)⇥⇥年初预算数⇥全年预算数⇥全年执行数⇥分值⇥执行率⇥得分",
        "⇥年度资金总额⇥50.00⇥48.00⇥45.60⇥10⇥95.00%⇥9.5",
        "⇥其中：当年财政拨款⇥50.00⇥48.00⇥45.60⇥—⇥95.00%⇥—",
        "⇥上年结转资金⇥0⇥0⇥0⇥—⇥⇥—",
        "⇥其他资金⇥0⇥0⇥0⇥—⇥⇥—",
        "年度总体目标⇥预期目标⇥⇥实际完成情况⇥",
        "⇥全年开放300天⇥⇥全年开放296天⇥",
        "一级指标⇥二级指标⇥三级指标⇥年度指标值⇥实际完成值⇥分值⇥得分⇥偏差原因分析及改进措施",
        "产出指标⇥数量指标⇥开放天数⇥≥300天⇥296天⇥30⇥28⇥设备检修闭馆四天",
        "⇥时效指标⇥图书上架及时性⇥及时⇥及时⇥20⇥20⇥",
        "效益指标⇥社会效益指标⇥借阅人次⇥≥2万⇥2.1万⇥30⇥30⇥",
        "满意度指标⇥服务对象满意度指标⇥读者满意度⇥≥90%⇥93%⇥10⇥10⇥",
        "总分⇥⇥⇥⇥⇥100⇥97.5⇥",
    ];

    private static List<PerformanceForm> Read(IEnumerable<string> rows, List<Diagnostic>? reported = null) =>
        TextFormReader.Read(new StringReader(string.Join('\n', rows.Select(r => r.Replace('⇥', '\t')))), "fixture.txt", reported is null ? null : reported.Add).ToList();

    [Fact]
    public void Reads_a_plain_form()
    {
        var reported = new List<Diagnostic>();
        var form = Assert.Single(Read(SelfEvaluation, reported));
        Assert.Empty(reported);
        Assert.Empty(form.Diagnostics);
        Assert.Equal(("社区图书室运营经费", "某区文化旅游局", "某区图书馆", 2025), (form.ProjectName, form.Department!, form.ImplementingUnit!, form.Year!.Value));
        Assert.Equal((500_000m, 480_000m, 456_000m, 95m, 9.5m), (form.SelfEvaluationFunds!.Total!.InitialBudget!.Value, form.SelfEvaluationFunds.Total.AnnualBudget!.Value, form.SelfEvaluationFunds.Total.Executed!.Value, form.SelfEvaluationFunds.Total.ExecutionRate!.Value, form.SelfEvaluationFunds.Total.Score!.Value));
        Assert.Null(form.SelfEvaluationFunds.Carryover!.ExecutionRate);
        Assert.Equal(("全年开放300天", "全年开放296天"), (form.Goals.Expected, form.Goals.Actual));
        Assert.Equal(["产出指标/数量指标", "产出指标/时效指标", "效益指标/社会效益指标", "满意度指标/服务对象满意度指标"], form.Indicators.Select(i => i.Level1 + "/" + i.Level2));
        Assert.Equal("设备检修闭馆四天", form.Indicators[0].Deviation);
        Assert.Equal((100m, 97.5m), (form.TotalWeight!.Value, form.TotalScore!.Value));
        Assert.Equal(new Provenance("fixture.txt", 1, 17), form.Provenance);
    }

    [Fact]
    public void Tolerates_markdown_headings_and_table_pipes()
    {
        var markdown = SelfEvaluation.Select((row, i) => i switch
        {
            0 => "# " + row,
            1 => row,
            _ => "| " + row.Replace("⇥", " | ", StringComparison.Ordinal) + " |",
        }).ToList();
        markdown.Insert(3, "|---|---|---|---|---|");
        var form = Assert.Single(Read(markdown));
        Assert.Empty(form.Diagnostics);
        Assert.Equal("社区图书室运营经费", form.ProjectName);
        Assert.Equal(4, form.Indicators.Count);
        Assert.Equal(("开放天数", "≥300天", "296天", 30m, 28m), (form.Indicators[0].Name, form.Indicators[0].Target, form.Indicators[0].Actual, form.Indicators[0].Weight!.Value, form.Indicators[0].Score!.Value));
        Assert.Equal(97.5m, form.TotalScore);
    }

    [Fact]
    public void Reads_space_aligned_text_as_pdftotext_layout_writes_it()
    {
        var layout = SelfEvaluation.Select(row => row.Replace("⇥⇥", "⇥", StringComparison.Ordinal).Replace("⇥", "    ", StringComparison.Ordinal).Trim());
        var form = Assert.Single(Read(layout));
        Assert.Equal(("社区图书室运营经费", "某区图书馆"), (form.ProjectName, form.ImplementingUnit!));
        Assert.Equal(456_000m, form.SelfEvaluationFunds!.Total!.Executed);
        Assert.Equal(4, form.Indicators.Count);
        Assert.Equal(("借阅人次", "≥2万", "2.1万"), (form.Indicators[2].Name, form.Indicators[2].Target, form.Indicators[2].Actual));
        Assert.Equal(97.5m, form.TotalScore);
    }

    [Fact]
    public void Reads_forms_in_元_with_key_and_value_in_one_cell()
    {
        var rows = SelfEvaluation.ToList();
        rows[2] = "项目名称：社区图书室运营经费";
        rows[3] = "主管部门：某区文化旅游局⇥实施单位：某区图书馆";
        rows[4] = "项目资金（元）⇥⇥年初预算数⇥全年预算数⇥全年执行数⇥分数⇥执行率(%)⇥得分";
        rows[5] = "⇥年度资金总额⇥500,000⇥480,000.00⇥456,000⇥10⇥95.00⇥9.5";
        var form = Assert.Single(Read(rows));
        Assert.Equal(("社区图书室运营经费", "某区文化旅游局", "某区图书馆"), (form.ProjectName, form.Department!, form.ImplementingUnit!));
        Assert.Equal(MoneyUnit.Yuan, form.MoneyUnit);
        Assert.Equal((500_000m, 456_000m, 95m), (form.SelfEvaluationFunds!.Total!.InitialBudget!.Value, form.SelfEvaluationFunds.Total.Executed!.Value, form.SelfEvaluationFunds.Total.ExecutionRate!.Value));
        Assert.Equal(45.60m, form.SelfEvaluationFunds.Appropriation!.Executed); // the next row keeps its own printed amount
    }

    [Fact]
    public void Reads_the_grade_printed_on_the_line_below_its_label()
    {
        var form = Assert.Single(Read([.. SelfEvaluation, "评分等级", "优"]));
        Assert.Equal("优", form.Grade);
        Assert.Equal(19, form.Provenance!.LastLine);
        Assert.Equal("良", Assert.Single(Read([.. SelfEvaluation, "评分等级：良"])).Grade);
    }

    [Fact]
    public void Completes_a_label_whose_tail_starts_the_next_data_row()
    {
        var rows = SelfEvaluation.ToList();
        rows[14] = "效益指标⇥社会效益⇥借阅人次⇥≥2万⇥2.1万⇥15⇥15⇥";
        rows.Insert(15, "⇥指标⇥讲座场次⇥≥12场⇥12场⇥15⇥15⇥");
        var form = Assert.Single(Read(rows));
        Assert.Equal(("社会效益指标", "社会效益指标"), (form.Indicators[2].Level2, form.Indicators[3].Level2));
        Assert.Equal("讲座场次", form.Indicators[3].Name);
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Completes_a_cut_label_from_the_vocabulary_when_no_tail_follows()
    {
        var rows = SelfEvaluation.ToList();
        rows[14] = "效益指标⇥社会效益⇥借阅人次⇥≥2万⇥2.1万⇥30⇥30⇥";
        var form = Assert.Single(Read(rows));
        Assert.Equal(("效益指标", "社会效益指标"), (form.Indicators[2].Level1, form.Indicators[2].Level2));
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Joins_a_wrapped_name_onto_the_row_above()
    {
        var rows = SelfEvaluation.ToList();
        rows[12] = "产出指标⇥数量指标⇥开放天数及⇥≥300天⇥296天⇥30⇥28⇥设备检修闭馆四天";
        rows.Insert(13, "⇥⇥延时服务⇥⇥⇥⇥⇥");
        var form = Assert.Single(Read(rows));
        Assert.Equal(4, form.Indicators.Count);
        Assert.Equal("开放天数及延时服务", form.Indicators[0].Name);
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Joins_a_row_whose_cells_all_wrapped_onto_the_next_line()
    {
        var rows = SelfEvaluation.ToList();
        rows[12] = "产出指标⇥数量指标⇥开放天数达标⇥≥300⇥296⇥30⇥28⇥设备检修闭馆";
        rows.Insert(13, "⇥⇥率⇥天⇥天⇥⇥⇥四天");
        var form = Assert.Single(Read(rows));
        Assert.Equal(4, form.Indicators.Count);
        var row = form.Indicators[0];
        Assert.Equal(("开放天数达标率", "≥300天", "296天", "设备检修闭馆四天"), (row.Name, row.Target, row.Actual, row.Deviation));
        var info = Assert.Single(form.Diagnostics);
        Assert.Equal((14, DiagnosticSeverity.Info), (info.Line, info.Severity));
    }

    [Fact]
    public void Gives_a_second_level_label_printed_late_to_the_rows_above_it()
    {
        var rows = SelfEvaluation.ToList();
        rows[12] = "产出指标⇥⇥开放天数⇥≥300天⇥296天⇥30⇥28⇥设备检修闭馆四天";
        rows[13] = "⇥数量指标⇥图书上架及时性⇥及时⇥及时⇥20⇥20⇥";
        var form = Assert.Single(Read(rows));
        Assert.Equal(("产出指标", "数量指标"), (form.Indicators[0].Level1, form.Indicators[0].Level2));
        Assert.Equal(("产出指标", "数量指标"), (form.Indicators[1].Level1, form.Indicators[1].Level2));
    }

    [Fact]
    public void Keeps_unknown_level_labels_and_says_so()
    {
        var rows = SelfEvaluation.ToList();
        rows[14] = "效益指标⇥文化效益指标⇥借阅人次⇥≥2万⇥2.1万⇥30⇥30⇥";
        var form = Assert.Single(Read(rows));
        Assert.Equal(("效益指标", "文化效益指标"), (form.Indicators[2].Level1, form.Indicators[2].Level2));
        var info = Assert.Single(form.Diagnostics);
        Assert.Equal((15, DiagnosticSeverity.Info), (info.Line, info.Severity));
        Assert.Contains("文化效益指标", info.Message);
    }

    [Fact]
    public void Reads_a_score_printed_as_a_dash()
    {
        var rows = SelfEvaluation.ToList();
        rows[13] = "⇥时效指标⇥图书上架及时性⇥及时⇥未评价⇥20⇥—⇥";
        var form = Assert.Single(Read(rows));
        Assert.Equal(("图书上架及时性", "未评价", 20m), (form.Indicators[1].Name, form.Indicators[1].Actual, form.Indicators[1].Weight!.Value));
        Assert.Null(form.Indicators[1].Score);
    }

    [Fact]
    public void Says_which_cells_it_could_not_read()
    {
        var rows = SelfEvaluation.ToList();
        rows[5] = "⇥年度资金总额⇥五十⇥48.00⇥45.60⇥10⇥95.00%⇥9.5";
        rows.Insert(9, "附注：资金已拨付");
        rows.Insert(14, "⇥⇥借阅证办理⇥≥500张⇥512张⇥10⇥⇥");
        var form = Assert.Single(Read(rows));
        Assert.Contains(form.Diagnostics, d => d.Line == 6 && d.Message.Contains("expected a number for 年初预算数", StringComparison.Ordinal) && d.Message.Contains("五十", StringComparison.Ordinal));
        Assert.Contains(form.Diagnostics, d => d.Line == 10 && d.Message.Contains("fund table", StringComparison.Ordinal) && d.Message.Contains("附注", StringComparison.Ordinal));
        Assert.Contains(form.Diagnostics, d => d.Line == 15 && d.Message.Contains("分值 and 得分", StringComparison.Ordinal));
        var scoreless = form.Indicators.Single(i => i.SourceLine == 15);
        Assert.Equal(("借阅证办理", "≥500张", "512张"), (scoreless.Name, scoreless.Target, scoreless.Actual));
        Assert.Null(scoreless.Score);
        Assert.Null(form.SelfEvaluationFunds!.Total!.InitialBudget);
        Assert.Equal(480_000m, form.SelfEvaluationFunds.Total.AnnualBudget);
    }

    [Fact]
    public void Opens_a_form_at_a_project_name_row_when_the_file_has_no_heading()
    {
        var reported = new List<Diagnostic>();
        var form = Assert.Single(Read(SelfEvaluation.Skip(2), reported));
        Assert.Empty(reported);
        Assert.Equal(FormKind.SelfEvaluation, form.Kind);
        Assert.Equal(1, form.Provenance!.FirstLine);
        Assert.Equal(4, form.Indicators.Count);
        Assert.Contains(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.Contains("no heading", StringComparison.Ordinal));
        Assert.Contains(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("no year", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_a_year_line_that_no_form_follows_and_ignores_page_numbers()
    {
        var reported = new List<Diagnostic>();
        var forms = Read(["- 1 -", "第 2 页", .. SelfEvaluation, "", "(2026年度)", "", "第3页共3页"], reported);
        var form = Assert.Single(forms);
        var warning = Assert.Single(form.Diagnostics);
        Assert.Equal((21, DiagnosticSeverity.Warning), (warning.Line, warning.Severity));
        Assert.Contains("year line", warning.Message);
        Assert.Empty(reported);
    }

    [Fact]
    public void Reads_the_unit_beside_the_heading_scores_with_分_and_goals_on_the_label_row()
    {
        var rows = SelfEvaluation.ToList();
        rows[0] = "财政项目支出绩效自评表⇥(2025年度)⇥单位：元";
        rows[1] = "";
        rows[4] = "项目资金⇥⇥年初预算数⇥全年预算数⇥全年执行数⇥分值⇥执行率⇥得分";
        rows[9] = "年度总体目标⇥全年开放300天⇥⇥全年开放296天⇥";
        rows[10] = "";
        rows[12] = "产出指标⇥数量指标⇥开放天数⇥≥300天⇥296天⇥30分⇥28分⇥设备检修闭馆四天";
        rows.Add("填表人：王某⇥联系电话：0000");
        var form = Assert.Single(Read(rows));
        Assert.Equal((2025, MoneyUnit.Yuan, 50m), (form.Year!.Value, form.MoneyUnit, form.SelfEvaluationFunds!.Total!.InitialBudget!.Value));
        Assert.Equal(("全年开放300天", "全年开放296天"), (form.Goals.Expected, form.Goals.Actual));
        Assert.Equal((30m, 28m), (form.Indicators[0].Weight!.Value, form.Indicators[0].Score!.Value));
        // The filled-in-by and contact rows are labelled values the model has no field for: kept under extra.
        Assert.Empty(form.Diagnostics);
        Assert.Equal([new("填表人", "王某"), new("联系电话", "0000")], form.Details.Extra.ToList());
    }

    [Fact]
    public void Reads_a_unit_line_above_the_fund_table()
    {
        var rows = SelfEvaluation.ToList();
        rows[4] = "项目资金⇥⇥年初预算数⇥全年预算数⇥全年执行数⇥分值⇥执行率⇥得分";
        rows.Insert(2, "金额单位：万元");
        var form = Assert.Single(Read(rows));
        Assert.Equal((MoneyUnit.TenThousandYuan, 500_000m), (form.MoneyUnit, form.SelfEvaluationFunds!.Total!.InitialBudget!.Value));
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Reads_a_declaration_with_dates_missing_their_day()
    {
        string[] rows =
        [
            "## 财政项目支出绩效目标申报表（2026 年度）",
            "项目名称⇥社区图书室运营经费⇥项目类别⇥一次性项目",
            "主管部门⇥某区文化旅游局⇥实施单位⇥某区图书馆",
            "计划开始日期⇥2026年3月⇥计划完成日期⇥2026年11月",
            "项目资金（万元）⇥项目资金总额⇥120⇥年度资金申请总额⇥80",
            "⇥其中：财政资金⇥100⇥其中：当年财政拨款⇥60",
            "⇥⇥⇥上年结转资金⇥20",
            "⇥其他资金⇥20⇥其他资金⇥",
            "项目绩效目标⇥项目总目标⇥⇥年度总目标",
            "⇥建成社区阅读网络⇥⇥新增两个借阅点",
            "绩效指标⇥一级指标⇥二级指标⇥三级指标⇥年度指标值",
            "⇥产出指标⇥数量指标⇥新增借阅点⇥2个",
            "⇥⇥时效指标⇥开放及时性⇥及时",
            "⇥满意度指标⇥服务对象满意度指标⇥读者满意度⇥≥90%",
        ];
        var form = Assert.Single(Read(rows));
        Assert.Equal((FormKind.TargetDeclaration, 2026, "一次性项目"), (form.Kind, form.Year!.Value, form.Category!));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 11, 30)), (form.PlannedStart!.Value, form.PlannedEnd!.Value));
        var funds = form.DeclarationFunds!;
        Assert.Equal((1_200_000m, 1_000_000m, 200_000m), (funds.ProjectTotal!.Value, funds.ProjectFiscal!.Value, funds.ProjectOther!.Value));
        Assert.Equal((800_000m, 600_000m, 200_000m), (funds.AnnualTotal!.Value, funds.AnnualAppropriation!.Value, funds.AnnualCarryover!.Value));
        Assert.Null(funds.AnnualOther);
        Assert.Equal(("建成社区阅读网络", "新增两个借阅点"), (form.Goals.Overall, form.Goals.Annual));
        Assert.Equal(["新增借阅点=2个", "开放及时性=及时", "读者满意度=≥90%"], form.Indicators.Select(i => i.Name + "=" + i.Target));
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Joins_a_fund_label_cut_by_a_page_break_onto_the_next_row()
    {
        var rows = SelfEvaluation.ToList();
        rows[6] = "⇥其中：当年财政拨⇥50.00⇥48.00⇥45.60⇥—⇥95.00%⇥—";
        rows.Insert(7, "⇥款⇥⇥⇥⇥⇥⇥");
        rows[8] = "⇥上年结转资⇥1⇥2⇥2⇥—⇥⇥—";
        rows.Insert(9, "⇥金⇥⇥⇥⇥⇥⇥");
        var form = Assert.Single(Read(rows));

        Assert.Equal(456_000m, form.SelfEvaluationFunds!.Appropriation!.Executed);
        Assert.Equal((10_000m, 20_000m), (form.SelfEvaluationFunds.Carryover!.InitialBudget!.Value, form.SelfEvaluationFunds.Carryover.Executed!.Value));
        Assert.DoesNotContain(form.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(2, form.Diagnostics.Count(d => d.Message.Contains("cut by a page break", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reports_a_fund_row_whose_label_is_not_completed()
    {
        var rows = SelfEvaluation.ToList();
        rows[7] = "⇥上年结转资⇥1⇥2⇥2⇥—⇥⇥—";
        var form = Assert.Single(Read(rows));

        Assert.Null(form.SelfEvaluationFunds!.Carryover);
        var warning = Assert.Single(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(8, warning.Line);
        Assert.Contains("上年结转资", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Joins_header_values_and_a_key_cut_by_a_page_break()
    {
        var rows = SelfEvaluation.ToList();
        rows[3] = "主管部门⇥⇥某区文化旅⇥⇥实施单⇥某区图书";
        rows.Insert(4, "游局⇥⇥⇥位⇥馆");
        var form = Assert.Single(Read(rows));

        Assert.Equal(("某区文化旅游局", "某区图书馆"), (form.Department, form.ImplementingUnit));
        Assert.DoesNotContain(form.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }
}
