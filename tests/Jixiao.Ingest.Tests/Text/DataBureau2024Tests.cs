using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>baoshan-data-bureau-2024-self-evaluations.txt: 34 self-evaluations of 宝山区数据局 (LAYOUTS §3).</summary>
public class DataBureau2024Tests
{
    private static CorpusFile File => CorpusForms.Of(Corpus.DataBureau2024);

    [Fact]
    public void Reads_34_forms_of_11_indicators()
    {
        Assert.Equal(34, File.Forms.Count);
        Assert.All(File.Forms, f => Assert.Equal(11, f.Indicators.Count));
        Assert.Equal(374, File.Forms.Sum(f => f.Indicators.Count));
        Assert.All(File.Forms, f => Assert.Equal((FormKind.SelfEvaluation, 2024, MoneyUnit.TenThousandYuan), (f.Kind, f.Year!.Value, f.MoneyUnit)));
        Assert.All(File.Forms, f => Assert.Equal(("上海市宝山区数据局", "上海市宝山区大数据中心"), (f.Department!, f.ImplementingUnit!)));
    }

    [Fact]
    public void Reads_the_grade_and_the_totals_of_every_form()
    {
        Assert.All(File.Forms, f => Assert.Equal("优", f.Grade));
        Assert.All(File.Forms, f => Assert.Equal(100m, f.TotalWeight));
        Assert.Equal(99.78m, File.Forms[0].TotalScore);
        Assert.Equal(99m, File.FormAt(208).TotalScore);
        Assert.Equal(99m, File.FormAt(595).TotalScore);
        Assert.Equal(92.59m, File.FormAt(863).TotalScore);
        Assert.Equal(30, File.Forms.Count(f => f.TotalScore == 100m));
        Assert.Equal((3, 31), (File.Forms[0].Provenance!.FirstLine, File.Forms[0].Provenance!.LastLine));
        Assert.Equal((985, 1013), (File.Forms[^1].Provenance!.FirstLine, File.Forms[^1].Provenance!.LastLine));
    }

    [Fact]
    public void Reads_the_first_form_completely()
    {
        var form = File.Forms[0];
        Assert.Equal("宝山区电子政务云服务租赁项目（宝财行签[2024]165号）", form.ProjectName);
        var total = form.SelfEvaluationFunds!.Total!;
        Assert.Equal((0m, 90_000m, 88_000m), (total.InitialBudget!.Value, total.AnnualBudget!.Value, total.Executed!.Value));
        Assert.Equal((10m, 97.77m, 9.78m), (total.Weight!.Value, total.ExecutionRate!.Value, total.Score!.Value));
        var appropriation = form.SelfEvaluationFunds.Appropriation!;
        Assert.Equal(88_000m, appropriation.Executed);
        Assert.Null(appropriation.Weight); // printed -
        Assert.Null(appropriation.Score);
        Assert.Equal(97.77m, appropriation.ExecutionRate);

        Assert.Equal(
            [
                ("成本指标", "经济成本指标", "降低基础设施成本", "降低成本", 2m),
                ("成本指标", "社会成本指标", "提升数据价值", "提升", 3m),
                ("成本指标", "生态环境成本指标", "提高部署效率", "提高", 5m),
                ("产出指标", "数量指标", "满足全区党政机关政务云上云需求", "≥100.00(家)", 15m),
                ("产出指标", "质量指标", "系统平稳运行", "平稳", 15m),
                ("产出指标", "时效指标", "全年7*24小时运行", "全年", 10m),
                ("效益指标", "经济效益指标", "形成资源共享", "共享", 10m),
                ("效益指标", "社会效益指标", "加强业务协同", "加强", 10m),
                ("效益指标", "生态效益指标", "避免重复建设", "避免", 5m),
                ("效益指标", "可持续影响指标", "落实长效管理机制", "落实", 5m),
                ("满意度指标", "服务对象满意度指标", "满意度高", "高", 10m),
            ],
            form.Indicators.Select(i => (i.Level1!, i.Level2!, i.Name, i.Target!, i.Weight!.Value)));
        Assert.Equal("100.00(家)", form.Indicators[3].Actual);
        Assert.All(form.Indicators.Where(i => i.Target != "≥100.00(家)"), i => Assert.Equal("达成指标", i.Actual));
        Assert.Empty(form.Diagnostics);
    }

    [Fact]
    public void Repairs_split_level_labels()
    {
        // l.24 ⇥社会 效益⇥… ¶ l.26 ⇥指标⇥…: one label cut by the page break
        Assert.Equal(("效益指标", "社会效益指标"), (File.IndicatorAt(24).Level1, File.IndicatorAt(24).Level2));
        Assert.Equal(("效益指标", "社会效益指标"), (File.IndicatorAt(857).Level1, File.IndicatorAt(857).Level2));

        // 22× ⇥生态⇥… ¶ ⇥效益指标⇥⇥⇥⇥⇥⇥
        foreach (var line in new[] { 84, 114, 144, 203, 262, 292, 352, 382, 412, 442, 501, 560, 590, 620, 679, 709, 768, 798, 888, 918, 977, 1007 })
        {
            var row = File.IndicatorAt(line);
            Assert.Equal(("效益指标", "生态效益指标"), (row.Level1, row.Level2));
            Assert.Equal(("效益指标", "可持续影响指标"), (File.IndicatorAt(line + 3).Level1, File.IndicatorAt(line + 3).Level2));
        }

        Assert.Equal("落实资源节约", File.IndicatorAt(84).Name);
    }

    [Fact]
    public void Ignores_the_first_level_label_repeated_at_the_top_of_a_page()
    {
        // l.321 complete 社会效益指标 row ¶ l.323 ⇥效益指标⇥⇥⇥⇥⇥⇥ (not a tail: 社会效益指标效益指标 would be wrong)
        foreach (var (before, after) in new[] { (321, 324), (827, 830) })
        {
            Assert.Equal(("效益指标", "社会效益指标"), (File.IndicatorAt(before).Level1, File.IndicatorAt(before).Level2));
            Assert.Equal(("效益指标", "生态效益指标"), (File.IndicatorAt(after).Level1, File.IndicatorAt(after).Level2));
            Assert.Empty(File.FormAt(before).Diagnostics);
        }
    }

    [Fact]
    public void Normalises_labels_split_by_spaces()
    {
        // l.16-23 一级 指标 / 经济 成本 指标 …; l.175-177 满 意 度 指 标 / 服 务 对 象 满 意 度 指 标 / 可持 续影 响指 标
        Assert.Equal(("成本指标", "生态环境成本指标"), (File.IndicatorAt(19).Level1, File.IndicatorAt(19).Level2));
        Assert.Equal(("产出指标", "数量指标"), (File.IndicatorAt(20).Level1, File.IndicatorAt(20).Level2));
        Assert.Equal(("效益指标", "生态效益指标"), (File.IndicatorAt(175).Level1, File.IndicatorAt(175).Level2));
        Assert.Equal(("效益指标", "可持续影响指标"), (File.IndicatorAt(176).Level1, File.IndicatorAt(176).Level2));
        Assert.Equal(("满意度指标", "服务对象满意度指标", "服务对象满意"), (File.IndicatorAt(177).Level1, File.IndicatorAt(177).Level2, File.IndicatorAt(177).Name));
        Assert.Equal(("成本指标", "经济成本指标"), (File.IndicatorAt(850).Level1, File.IndicatorAt(850).Level2));
    }

    [Fact]
    public void Reads_rows_that_follow_a_page_break_directly()
    {
        foreach (var line in new[] { 56, 472, 531, 739 })
        {
            Assert.Equal(("效益指标"), File.IndicatorAt(line).Level1);
        }

        Assert.Equal(("社会效益指标", "提供数据服务"), (File.IndicatorAt(472).Level2, File.IndicatorAt(472).Name));
        Assert.Equal(("生态效益指标", "提供信息化支撑"), (File.IndicatorAt(56).Level2, File.IndicatorAt(56).Name));
    }

    [Fact]
    public void Reads_the_goal_printed_three_times()
    {
        // l.44 年度总体目标⇥⇥预期目标⇥⇥实际完成情况; l.45 the text in cells 0, 2 and 4
        var goals = File.FormAt(45).Goals;
        Assert.StartsWith("通过接入镇级预算联网数据并完成数据治理,建立", goals.Expected);
        Assert.Equal(goals.Expected, goals.Actual);
    }

    [Fact]
    public void Reads_goals_whose_expected_text_sits_in_the_label_column()
    {
        // l.223: cell 0 = 预期目标, cell 2 = 实际完成情况 (they differ in one comma)
        var goals = File.FormAt(223).Goals;
        Assert.EndsWith("助力政务服务“一网通办”、城市运行“一网统管”向纵深发展。", goals.Expected);
        Assert.EndsWith("助力政务服务“一网通办”，城市运行“一网统管”向纵深发展。", goals.Actual);
        Assert.Equal("完成城运中心信息化建设", File.FormAt(193).Goals.Expected);
        Assert.Equal("完成城运中心信息化建设。", File.FormAt(193).Goals.Actual);
    }

    [Fact]
    public void Reads_the_header_whose_values_sit_one_cell_left()
    {
        var form = File.FormAt(900);
        Assert.Equal("宝山区大数据安全运营服务（安全中心）", form.ProjectName);
        Assert.Equal("上海市宝山区数据局", form.Department);
        Assert.Equal("上海市宝山区大数据中心", form.ImplementingUnit);
        Assert.Equal(3_317_800m, form.SelfEvaluationFunds!.Total!.Executed);
    }

    [Fact]
    public void Reads_years_and_names_with_spaces_and_mixed_brackets()
    {
        Assert.Equal(2024, File.FormAt(94).Year);
        Assert.Equal("机柜租赁 (2022 年结转)", File.FormAt(96).ProjectName);
        Assert.Equal("信息化建设(2023年结转项目)", File.FormAt(66).ProjectName);
        Assert.Equal("2022年城运中心信息化建设项目（宝财行签【2024】239号）", File.FormAt(185).ProjectName);
        Assert.Equal(344_000m, File.FormAt(100).SelfEvaluationFunds!.Appropriation!.Executed); // 其中: 当年财政拨款
    }

    [Fact]
    public void Reads_thousands_separators_and_the_low_execution_rate()
    {
        Assert.Equal(13_263_700m, File.FormAt(545).SelfEvaluationFunds!.Total!.AnnualBudget);
        var low = File.FormAt(843).SelfEvaluationFunds!.Total!;
        Assert.Equal((386_600m, 100_000m, 25.86m, 2.59m), (low.AnnualBudget!.Value, low.Executed!.Value, low.ExecutionRate!.Value, low.Score!.Value));
    }

    [Fact]
    public void Fund_rows_know_their_source_lines()
    {
        var funds = File.Forms[0].SelfEvaluationFunds!;
        Assert.Equal((10, 11, 12, 13), (funds.Total!.SourceLine, funds.Appropriation!.SourceLine, funds.Carryover!.SourceLine, funds.Other!.SourceLine));
        Assert.All(File.Forms, f => Assert.Equal(f.Provenance!.FirstLine + 7, f.SelfEvaluationFunds!.Total!.SourceLine));
    }

    [Fact]
    public void Fund_findings_point_at_the_fund_row_not_the_form()
    {
        var form = File.FormAt(843);

        var findings = new FormChecker().Check(form);

        var low = Assert.Single(findings, f => f.Code == "FUND-RATE-LOW");
        Assert.Equal(843, low.SourceLine);
        var rounding = Assert.Single(findings, f => f.Code == "ROUNDING" && f.Field == "funds.total.executionRate");
        Assert.Equal(843, rounding.SourceLine);
        Assert.True(form.Provenance!.FirstLine < 843);
    }

    [Fact]
    public void Reads_the_two_deviations()
    {
        Assert.Equal((">365.00(天)", "365.00(天)", 15m, 14m, "全年使用"),
            (File.IndicatorAt(198).Target!, File.IndicatorAt(198).Actual!, File.IndicatorAt(198).Weight!.Value, File.IndicatorAt(198).Score!.Value, File.IndicatorAt(198).Deviation!));
        Assert.Equal(("完成系统升级", ">1.00(项)", "完成系统升级"), (File.IndicatorAt(585).Name, File.IndicatorAt(585).Target!, File.IndicatorAt(585).Deviation!));
        Assert.Equal(2, File.Forms.SelectMany(f => f.Indicators).Count(i => i.Deviation is not null));
    }

    [Fact]
    public void Reports_nothing()
    {
        Assert.Empty(File.AllDiagnostics);
    }
}
