using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>songnan-town-2023-self-evaluations.txt: 5 self-evaluations of 淞南镇, money in 元 (LAYOUTS §4).</summary>
public class Songnan2023Tests
{
    private static CorpusFile File => CorpusForms.Of(Corpus.Songnan2023);

    [Fact]
    public void Reads_5_forms_with_50_indicators()
    {
        Assert.Equal(5, File.Forms.Count);
        Assert.Equal([19, 5, 5, 13, 8], File.Forms.Select(f => f.Indicators.Count));
        Assert.Equal(["平安办工作经费", "综治中心事务", "综治协管服务社", "网格化事务", "安全管理工作经费"], File.Forms.Select(f => f.ProjectName));
        Assert.All(File.Forms, f => Assert.Equal((FormKind.SelfEvaluation, 2023, MoneyUnit.Yuan), (f.Kind, f.Year!.Value, f.MoneyUnit)));
        Assert.All(File.Forms, f => Assert.Equal(("淞南镇主管单位", "上海市宝山区淞南镇城市运行管理中心"), (f.Department!, f.ImplementingUnit!)));
        Assert.Equal([(3, 36), (38, 55), (57, 74), (76, 102), (104, 126)], File.Forms.Select(f => (f.Provenance!.FirstLine, f.Provenance.LastLine)));
        Assert.Equal([96m, 94m, 90m, 99.8m, 93m], File.Forms.Select(f => f.TotalScore!.Value));
        Assert.All(File.Forms, f => Assert.Null(f.Grade));
    }

    [Fact]
    public void Reads_amounts_in_yuan_with_every_number_format_of_the_table()
    {
        var funds = File.Forms[0].SelfEvaluationFunds!;
        Assert.Equal((12_690_000m, 12_814_895.16m, 12_814_895.16m), (funds.Total!.InitialBudget!.Value, funds.Total.AnnualBudget!.Value, funds.Total.Executed!.Value));
        Assert.Equal((10m, 100m, 10m), (funds.Total.Weight!.Value, funds.Total.ExecutionRate!.Value, funds.Total.Score!.Value));

        // 12690000⇥12814895.16⇥12814895.16⇥—⇥⇥
        Assert.Equal((12_690_000m, 12_814_895.16m, 12_814_895.16m), (funds.Appropriation!.InitialBudget!.Value, funds.Appropriation.AnnualBudget!.Value, funds.Appropriation.Executed!.Value));
        Assert.Equal((null, null, null), (funds.Appropriation.Weight, funds.Appropriation.ExecutionRate, funds.Appropriation.Score));

        // 0⇥0⇥⇥—⇥⇥: 全年执行数 empty
        Assert.Equal((0m, 0m), (funds.Carryover!.InitialBudget!.Value, funds.Carryover.AnnualBudget!.Value));
        Assert.Null(funds.Carryover.Executed);
        Assert.Null(funds.Other!.Executed);

        // 10,350,000 and 270,000 without decimals
        Assert.Equal((8_650_000m, 10_350_000m, 10_350_000m), (File.Forms[2].SelfEvaluationFunds!.Total!.InitialBudget!.Value, File.Forms[2].SelfEvaluationFunds!.Total!.AnnualBudget!.Value, File.Forms[2].SelfEvaluationFunds!.Total!.Executed!.Value));
        Assert.Equal(270_000m, File.Forms[3].SelfEvaluationFunds!.Total!.Executed);
        Assert.Equal(327_298.72m, File.Forms[1].SelfEvaluationFunds!.Appropriation!.Executed);
    }

    [Fact]
    public void Drops_the_goal_label_that_spilled_into_the_text_row()
    {
        var goals = File.Forms[0].Goals;
        Assert.StartsWith("推进辖区平安建设工作，降低各类治安案件的发生率", goals.Expected);
        Assert.Equal("完成较好", goals.Actual);
        Assert.StartsWith("辖区企事业单位安全生产及消防安全工作总体平稳", File.Forms[4].Goals.Actual);
    }

    [Fact]
    public void Reads_drifting_rows_of_the_first_form()
    {
        var form = File.Forms[0];
        var first = form.Indicators[0]; // l.15 empty cell between 二级 and the name
        Assert.Equal(("产出指标", "数量指标", "综治信息平台相关设备", "综治信息平台相关设备（1个镇级平台，24个居委平台）", "按时完成项目招投标及签约"),
            (first.Level1, first.Level2, first.Name, first.Target, first.Actual));

        // l.22: the outer label 绩效指标 in a data row, 一级 missing
        var quality = File.IndicatorAt(22);
        Assert.Equal(("产出指标", "质量指标", "\"两个实有\"的登记率、注销准确率", ">=90%"), (quality.Level1, quality.Level2, quality.Name, quality.Target));

        // l.27 shifted left
        Assert.Equal(("产出指标", "时效指标", 4m, 2m), (File.IndicatorAt(27).Level1, File.IndicatorAt(27).Level2, File.IndicatorAt(27).Weight!.Value, File.IndicatorAt(27).Score!.Value));

        // l.32: the name in cell 0, its actual truncated by the source
        var stability = File.IndicatorAt(32);
        Assert.Equal(("效益指标", "社会效益指标", "社会稳定", "社会面平稳有序，特殊人员可控"), (stability.Level1, stability.Level2, stability.Name, stability.Target));
        Assert.Equal("未发生影响稳定的重大事件，相关特殊人员平", stability.Actual);

        // l.35 after the page break: a wrap space inside the name
        var canteen = File.IndicatorAt(35);
        Assert.Equal(("满意度指标", "服务对象满意度指标", "派出所工作食堂伙食食材采购经费"), (canteen.Level1, canteen.Level2, canteen.Name));
        Assert.Equal(100m, form.TotalWeight);
    }

    [Fact]
    public void Reads_numeric_actual_values_and_wrap_spaces_in_texts()
    {
        Assert.Equal(("=3个", "3", 30m, 30m), (File.IndicatorAt(50).Target, File.IndicatorAt(50).Actual, File.IndicatorAt(50).Weight!.Value, File.IndicatorAt(50).Score!.Value));
        var row = File.IndicatorAt(69);
        Assert.Equal(("外来人员数量", "56191，增长 10%", "42428", 20m, 15m), (row.Name, row.Target, row.Actual, row.Weight!.Value, row.Score!.Value));
        Assert.Equal("由于西塘桥拆迁，公寓房拆除造成外人人口减少。", row.Deviation);
        Assert.Equal("提高协管人员上门登记力度，做到随来随登记。", File.IndicatorAt(70).Deviation);
        Assert.Equal("加强社区治理，提高实有人口管理水平", File.IndicatorAt(72).Name);
        Assert.Equal((">=98%", "=96%"), (File.IndicatorAt(70).Target, File.IndicatorAt(70).Actual));
    }

    [Fact]
    public void Reads_rows_shifted_one_cell_left()
    {
        var satisfaction = File.IndicatorAt(73);
        Assert.Equal(("满意度指标", "服务对象满意度指标", "办理居住证满意度", "=100%", "=100%", 10m, 9m, "个别不满意"),
            (satisfaction.Level1, satisfaction.Level2, satisfaction.Name, satisfaction.Target, satisfaction.Actual, satisfaction.Weight!.Value, satisfaction.Score!.Value, satisfaction.Deviation));
        var timely = File.IndicatorAt(93);
        Assert.Equal(("产出指标", "时效指标", "市民先行联系情况", "一个工作日", "=99.9%", 5m, 4.9m),
            (timely.Level1, timely.Level2, timely.Name, timely.Target, timely.Actual, timely.Weight!.Value, timely.Score!.Value));
        Assert.StartsWith("原因：先联工作没有落实到位。", timely.Deviation);
    }

    [Fact]
    public void Reads_the_first_level_label_that_comes_after_the_page_break()
    {
        // l.94 社会效益指标⇥⇥… (一级 missing) ¶ l.96 效益指标⇥⇥热线工单量 (二级 missing)
        Assert.Equal(("效益指标", "社会效益指标"), (File.IndicatorAt(94).Level1, File.IndicatorAt(94).Level2));
        Assert.Equal(("效益指标", "社会效益指标", "热线工单量"), (File.IndicatorAt(96).Level1, File.IndicatorAt(96).Level2, File.IndicatorAt(96).Name));
        Assert.Equal(("效益指标", "社会效益指标"), (File.IndicatorAt(97).Level1, File.IndicatorAt(97).Level2));
        Assert.Equal(("效益指标", "生态效益指标"), (File.IndicatorAt(98).Level1, File.IndicatorAt(98).Level2));

        // l.100: the name in cell 0 stays under 可持续影响指标
        var row = File.IndicatorAt(100);
        Assert.Equal(("效益指标", "可持续影响指标", "热线工单解决率同比上升情况", "同比上升5%", "同比上升5%"), (row.Level1, row.Level2, row.Name, row.Target, row.Actual));
        Assert.Equal(99.8m, File.Forms[3].TotalScore);
    }

    [Fact]
    public void Merges_a_row_split_before_a_page_break()
    {
        // l.122 holds the head of the target and of the deviation, l.124 the rest of the row.
        var form = File.Forms[4];
        Assert.DoesNotContain(form.Indicators, i => i.SourceLine == 122);
        var row = File.IndicatorAt(124);
        Assert.Equal("安全宣传有效性", row.Name);
        Assert.Equal("有效提高镇域内企业和居民安全意识", row.Target);
        Assert.Equal("=80%", row.Actual);
        Assert.Equal((10m, 8m), (row.Weight!.Value, row.Score!.Value));
        Assert.Equal("仍需政府居委加大消防安全宣传", row.Deviation);
        Assert.Equal(("效益指标", "社会效益指标"), (row.Level1, row.Level2));
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Reads_labels_and_names_in_the_wrong_column_and_scores_with_leading_zeros()
    {
        Assert.Equal(("产出指标", "时效指标", "安全宣传及时性"), (File.IndicatorAt(119).Level1, File.IndicatorAt(119).Level2, File.IndicatorAt(119).Name));
        var row = File.IndicatorAt(120); // ⇥⇥重大节假日期间消防救援驻防及时性⇥及时⇥及时⇥05⇥05⇥⇥
        Assert.Equal(("时效指标", "重大节假日期间消防救援驻防及时性", "及时", "及时", 5m, 5m),
            (row.Level2, row.Name, row.Target, row.Actual, row.Weight!.Value, row.Score!.Value));
    }

    [Fact]
    public void Reports_nothing()
    {
        Assert.Empty(File.AllDiagnostics);
    }
}
