using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>baoshan-police-2024-self-evaluations.txt: 37 self-evaluations of 宝山公安分局 (LAYOUTS §1).</summary>
public class Police2024Tests
{
    private static CorpusFile File => CorpusForms.Of(Corpus.Police2024);

    [Fact]
    public void Reads_37_forms_with_350_indicators()
    {
        Assert.Equal(37, File.Forms.Count);
        Assert.Equal(350, File.Forms.Sum(f => f.Indicators.Count));
        Assert.Equal(
            [8, 12, 8, 9, 8, 9, 8, 12, 12, 10, 8, 8, 13, 10, 9, 10, 9, 8, 9, 9, 8, 8, 10, 12, 11, 10, 8, 9, 9, 9, 9, 8, 8, 9, 11, 10, 12],
            File.Forms.Select(f => f.Indicators.Count));
        Assert.All(File.Forms, f => Assert.Equal(FormKind.SelfEvaluation, f.Kind));
        Assert.All(File.Forms, f => Assert.Equal(2024, f.Year));
        Assert.All(File.Forms, f => Assert.Equal(MoneyUnit.TenThousandYuan, f.MoneyUnit));
        Assert.All(File.Forms, f => Assert.Null(f.Grade));
    }

    [Fact]
    public void Reads_the_first_form_completely()
    {
        var form = File.Forms[0];
        Assert.Equal("2024年涉案财务存放管理", form.ProjectName);
        Assert.Equal("上海市公安局宝山分局", form.Department);
        Assert.Equal("上海市公安局宝山分局", form.ImplementingUnit);
        Assert.Equal(new Provenance(Corpus.PathOf(Corpus.Police2024), 3, 24), form.Provenance);

        var total = form.SelfEvaluationFunds!.Total!;
        Assert.Equal(3_221_300m, total.InitialBudget);
        Assert.Equal(3_221_300m, total.AnnualBudget);
        Assert.Equal(3_221_300m, total.Executed);
        Assert.Equal(10m, total.Weight);
        Assert.Equal(100m, total.ExecutionRate);
        Assert.Equal(10m, total.Score);

        var appropriation = form.SelfEvaluationFunds.Appropriation!;
        Assert.Equal(3_221_300m, appropriation.Executed);
        Assert.Null(appropriation.Weight); // printed —
        Assert.Equal(100m, appropriation.ExecutionRate);
        Assert.Null(appropriation.Score);
        Assert.Equal(0m, form.SelfEvaluationFunds.Carryover!.AnnualBudget);
        Assert.Equal(0m, form.SelfEvaluationFunds.Carryover.ExecutionRate);
        Assert.Equal(0m, form.SelfEvaluationFunds.Other!.Executed);

        Assert.StartsWith("对案件相关涉案财物进行存放管理", form.Goals.Expected);
        Assert.EndsWith("进一步保障相关群体的合法财产权益。", form.Goals.Expected);
        Assert.StartsWith("对涉案车辆施救牵引、保管、发放和处置", form.Goals.Actual);

        var first = form.Indicators[0];
        Assert.Equal(("产出指标", "数量指标", "涉案财物存放管理完成率"), (first.Level1, first.Level2, first.Name));
        Assert.Equal(("=100.00(%)", "100.00(%)"), (first.Target, first.Actual));
        Assert.Equal((17m, 17m), (first.Weight!.Value, first.Score!.Value));
        Assert.Null(first.Deviation);
        Assert.Equal(16, first.SourceLine);

        var deducted = form.Indicators[2];
        Assert.Equal(("产出指标", "时效指标", "涉案财物存放管理及及时性"), (deducted.Level1, deducted.Level2, deducted.Name));
        Assert.Equal(("及时", "部分达成指标并具有一定效果", 16m, 12m), (deducted.Target, deducted.Actual, deducted.Weight!.Value, deducted.Score!.Value));
        Assert.StartsWith("受案件处理周期长、车主信息不全", deducted.Deviation);

        Assert.Equal(100m, form.TotalWeight);
        Assert.Equal(94m, form.TotalScore);
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Carries_level_labels_down_the_rows_they_span()
    {
        var form = File.Forms[1];
        Assert.Equal(
            [
                ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "质量指标"),
                ("产出指标", "时效指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标"), ("效益指标", "社会效益指标"),
                ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"), ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标"),
            ],
            form.Indicators.Select(i => (i.Level1!, i.Level2!)));
        Assert.Equal("电费缴纳及时性", form.Indicators[5].Name);
        Assert.Equal((8m, 6.40m), (form.Indicators[2].Weight!.Value, form.Indicators[2].Score!.Value));
        Assert.Equal(98.40m, form.TotalScore);
    }

    [Fact]
    public void Reads_the_form_that_has_no_heading()
    {
        // l.777 is only the year; the second 项目名称 row (l.779) opens form 33.
        var form = File.Forms[32];
        Assert.Equal("2024年政府投资项目（宝发改【2022】311号）公安分局基层用房雨污水管整修工程", form.ProjectName);
        Assert.Equal(2024, form.Year);
        Assert.Equal(FormKind.SelfEvaluation, form.Kind);
        Assert.Equal((777, 797), (form.Provenance!.FirstLine, form.Provenance.LastLine));
        Assert.Equal(8, form.Indicators.Count);
        Assert.Equal(75_700m, form.SelfEvaluationFunds!.Total!.AnnualBudget);
        Assert.Equal(97m, form.TotalScore);
        var info = Assert.Single(form.Diagnostics);
        Assert.Equal((779, DiagnosticSeverity.Info), (info.Line, info.Severity));
        Assert.Contains("no heading", info.Message);

        // The form before it still ends at its own 总分 row.
        Assert.Equal(775, File.Forms[31].Provenance!.LastLine);
    }

    [Fact]
    public void Reads_headings_merged_with_the_year_into_one_cell()
    {
        foreach (var line in new[] { 563, 662, 684, 874 })
        {
            var form = File.Forms.Single(f => f.Provenance!.FirstLine == line);
            Assert.Equal(2024, form.Year);
            Assert.False(string.IsNullOrEmpty(form.ProjectName));
            Assert.Empty(form.Diagnostics);
        }

        Assert.Equal("政府投资项目（公安“一站式”执法办案管理中心建设）", File.FormAt(663).ProjectName);
    }

    [Fact]
    public void Reads_the_year_in_full_width_brackets()
    {
        var form = File.FormAt(539);
        Assert.Equal(538, form.Provenance!.FirstLine);
        Assert.Equal(2024, form.Year);
        Assert.Equal("2024年政府投资项目（宝发改【2023】62号）上海市公安局宝山分局视频专网边界安全交互系统（202312009）", form.ProjectName);
    }

    [Fact]
    public void Reads_numbers_broken_by_spaces()
    {
        // l.354: 14, 194. 52⇥14, 194. 52⇥14176. 17⇥10. 00⇥99. 87⇥9. 99
        var form = File.FormAt(354);
        Assert.Equal("2024年公安辅警经费", form.ProjectName);
        var total = form.SelfEvaluationFunds!.Total!;
        Assert.Equal(141_945_200m, total.InitialBudget);
        Assert.Equal(141_945_200m, total.AnnualBudget);
        Assert.Equal(141_761_700m, total.Executed);
        Assert.Equal(10m, total.Weight);
        Assert.Equal(99.87m, total.ExecutionRate);
        Assert.Equal(9.99m, total.Score);
        Assert.Equal(0m, form.SelfEvaluationFunds.Other!.InitialBudget);
        Assert.Equal(91.59m, form.TotalScore);
    }

    [Fact]
    public void Reads_thousands_separators_that_only_some_cells_have()
    {
        var form = File.FormAt(378);
        Assert.Equal(33_913_200m, form.SelfEvaluationFunds!.Total!.InitialBudget);
        Assert.Equal(32_313_200m, form.SelfEvaluationFunds.Total.AnnualBudget);
        Assert.Equal(32_311_700m, form.SelfEvaluationFunds.Total.Executed);

        var epidemic = File.FormAt(278);
        Assert.Equal(20_722_500m, epidemic.SelfEvaluationFunds!.Total!.AnnualBudget);
        Assert.Equal(20_716_700m, epidemic.SelfEvaluationFunds.Appropriation!.Executed);
    }

    [Fact]
    public void Reads_the_row_shifted_one_cell_right_from_its_right_end()
    {
        // l.417: ⇥⇥可持续影响指标⇥长效管理制度健全性⇥⇥健全⇥达成指标⇥8.00⇥8.00
        var row = File.IndicatorAt(417);
        Assert.Equal(("效益指标", "可持续影响指标", "长效管理制度健全性"), (row.Level1, row.Level2, row.Name));
        Assert.Equal(("健全", "达成指标"), (row.Target, row.Actual));
        Assert.Equal((8m, 8m), (row.Weight!.Value, row.Score!.Value));
        Assert.Null(row.Deviation);
        Assert.Equal(96.97m, File.FormAt(417).TotalScore);
    }

    [Fact]
    public void Reads_fund_tables_with_one_spacer_fewer()
    {
        // l.449-453: 8-cell fund table, values in cells 2-7
        var form = File.FormAt(450);
        Assert.Equal("2024年机房租赁经费", form.ProjectName);
        Assert.Equal(0m, form.SelfEvaluationFunds!.Total!.InitialBudget);
        Assert.Equal(3_281_400m, form.SelfEvaluationFunds.Total.AnnualBudget);
        Assert.Equal(3_281_400m, form.SelfEvaluationFunds.Appropriation!.Executed);

        // l.456: indicator header without the spacer after 三级指标
        var row = File.IndicatorAt(458);
        Assert.Equal(("机房租赁天数", "=365.00(天)", "365.00(天)", 13m), (row.Name, row.Target, row.Actual, row.Weight!.Value));
        Assert.Equal(96.80m, form.TotalScore);
    }

    [Fact]
    public void Reads_the_fund_row_whose_money_sits_under_other_funds()
    {
        // form 21 (l.499-501): 当年财政拨款 0/0, 其他资金 183.83
        var funds = File.FormAt(499).SelfEvaluationFunds!;
        Assert.Equal(1_838_300m, funds.Total!.Executed);
        Assert.Equal(0m, funds.Appropriation!.Executed);
        Assert.Equal(0m, funds.Appropriation.ExecutionRate);
        Assert.Equal(1_838_300m, funds.Other!.AnnualBudget);
        Assert.Equal(100m, funds.Other.ExecutionRate);
    }

    [Fact]
    public void Reads_the_half_width_colon_and_the_implementing_unit_one_cell_further_right()
    {
        Assert.Equal(2_490_300m, File.FormAt(761).SelfEvaluationFunds!.Appropriation!.AnnualBudget);
        Assert.Equal("上海市公安局宝山分局", File.FormAt(827).ImplementingUnit);
        Assert.Equal("上海市公安局宝山分局", File.FormAt(276).ImplementingUnit);
    }

    [Fact]
    public void Keeps_document_numbers_and_spaces_in_project_names()
    {
        Assert.Equal("2024年政府投资项目(宝发改【2022】002号)宝山公安分局交警业务用房维修三期工程", File.FormAt(757).ProjectName);
        Assert.Equal("2024年政府投资项目 202312004（交警业务用房维修弱电配套项目）", File.FormAt(709).ProjectName);
        Assert.Equal("2024年基层派出所抢修经费（宝财行签【2024】36号）", File.FormAt(495).ProjectName);
    }

    [Fact]
    public void Reads_actual_values_as_printed()
    {
        Assert.Equal(("<5.00(%)", "1(%)"), (File.IndicatorAt(391).Target, File.IndicatorAt(391).Actual));
        Assert.Equal(("=100.00(%)", "0(%)", 10m, 0m), (File.IndicatorAt(836).Target, File.IndicatorAt(836).Actual, File.IndicatorAt(836).Weight!.Value, File.IndicatorAt(836).Score!.Value));
        Assert.Equal((">0.00(%)", ">0.00(%)"), (File.IndicatorAt(485).Target, File.IndicatorAt(485).Actual));
        Assert.Equal(("=0.00(起)", "0.00(起)"), (File.IndicatorAt(20).Target, File.IndicatorAt(20).Actual));
        Assert.Equal("无", File.IndicatorAt(342).Target);
    }

    [Fact]
    public void Reads_goal_texts_that_sit_one_cell_further_left()
    {
        // l.133/134: 实际完成情况 in cell 4 instead of 5
        var form = File.FormAt(134);
        Assert.StartsWith("通过高清探头拍摄的违法视频人工识别", form.Goals.Expected);
        Assert.StartsWith("为宝山区固定电子警察和派出所高清探头日常运行提供后台数据集中纳管服务", form.Goals.Actual);
    }

    [Fact]
    public void Drops_wrap_spaces_after_full_width_punctuation()
    {
        Assert.StartsWith("规范宝山区物业保安队伍管理，调动物业保安员", File.FormAt(306).Goals.Expected);
        Assert.StartsWith("因经费额度有限，部分小区专项考核奖励", File.IndicatorAt(308).Deviation);
    }

    [Fact]
    public void Reads_the_last_form_with_its_trailing_empty_cells()
    {
        var form = File.Forms[^1];
        Assert.Equal((874, 897), (form.Provenance!.FirstLine, form.Provenance.LastLine));
        Assert.Equal(12, form.Indicators.Count);
        var deducted = File.IndicatorAt(895);
        Assert.Equal((7m, 5m), (deducted.Weight!.Value, deducted.Score!.Value));
        Assert.StartsWith("跨部门跨领域协同应用水平有待提高", deducted.Deviation);
        Assert.Null(File.IndicatorAt(896).Deviation);
        Assert.Equal((100m, 98m), (form.TotalWeight!.Value, form.TotalScore!.Value));
    }

    [Fact]
    public void Reports_only_the_missing_heading()
    {
        Assert.Empty(File.Reported);
        var diagnostic = Assert.Single(File.Forms.SelectMany(f => f.Diagnostics));
        Assert.Equal(779, diagnostic.Line);
    }
}
