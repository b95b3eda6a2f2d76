using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>baoshan-police-2023-target-declarations.txt: 3 target declarations (LAYOUTS §2).</summary>
public class Police2023TargetsTests
{
    private static CorpusFile File => CorpusForms.Of(Corpus.Police2023Targets);

    [Fact]
    public void Reads_3_declarations_with_40_indicators()
    {
        Assert.Equal(3, File.Forms.Count);
        Assert.Equal([12, 13, 15], File.Forms.Select(f => f.Indicators.Count));
        Assert.All(File.Forms, f => Assert.Equal(FormKind.TargetDeclaration, f.Kind));
        Assert.All(File.Forms, f => Assert.Equal(2023, f.Year));
        Assert.All(File.Forms, f => Assert.Null(f.SelfEvaluationFunds));
        Assert.All(File.Forms, f => Assert.Null(f.TotalWeight));
        Assert.All(File.Forms, f => Assert.Null(f.TotalScore));
        Assert.Equal([(3, 28), (30, 56), (58, 89)], File.Forms.Select(f => (f.Provenance!.FirstLine, f.Provenance.LastLine)));
    }

    [Fact]
    public void Reads_the_header_pairs_and_dates()
    {
        var form = File.Forms[0];
        Assert.Equal("区特保队伍经费", form.ProjectName);
        Assert.Equal("经常性项目", form.Category);
        Assert.Equal("上海市公安局宝山分局", form.Department);
        Assert.Equal("上海市公安局宝山分局", form.ImplementingUnit);
        Assert.Equal(new DateOnly(2023, 1, 1), form.PlannedStart);
        Assert.Equal(new DateOnly(2023, 12, 31), form.PlannedEnd);

        // form 2 has no spacer cells between the pairs
        Assert.Equal(("公安辅警经费", "经常性项目"), (File.Forms[1].ProjectName, File.Forms[1].Category!));
        Assert.Equal(new DateOnly(2023, 12, 31), File.Forms[1].PlannedEnd);
    }

    [Fact]
    public void Reads_the_two_side_by_side_fund_tables()
    {
        var funds = File.Forms[0].DeclarationFunds!;
        Assert.Equal(33_913_200m, funds.ProjectTotal);
        Assert.Equal(33_913_200m, funds.ProjectFiscal);
        Assert.Null(funds.ProjectOther); // 其他资金 left, empty
        Assert.Equal(33_913_200m, funds.AnnualTotal);
        Assert.Equal(33_913_200m, funds.AnnualAppropriation);
        Assert.Null(funds.AnnualCarryover);
        Assert.Null(funds.AnnualOther); // 其他资金 right, empty

        Assert.Equal(141_716_500m, File.Forms[1].DeclarationFunds!.AnnualTotal);
        Assert.Equal(141_716_500m, File.Forms[1].DeclarationFunds!.ProjectFiscal);
        Assert.Equal(33_135_000m, File.Forms[2].DeclarationFunds!.ProjectTotal);
    }

    [Fact]
    public void Reads_the_overall_and_annual_goals()
    {
        Assert.StartsWith("对特保队员工资发放到位，进一步维护地区安全和稳定", File.Forms[0].Goals.Overall);
        Assert.StartsWith("及时、足额发放 354 名特保队员工资", File.Forms[0].Goals.Annual);
        Assert.StartsWith("按照建立职业化、规范化公安辅助人员队伍改革的要求", File.Forms[1].Goals.Overall);
        Assert.StartsWith("及时、足额发放 705 名公安辅警工资", File.Forms[1].Goals.Annual);
        Assert.Contains("制高点 and 治安复杂的重点区域", File.Forms[2].Goals.Overall + File.Forms[2].Goals.Annual);
        Assert.All(File.Forms, f => Assert.Null(f.Goals.Expected));
    }

    [Fact]
    public void Reads_targets_as_printed()
    {
        Assert.Equal(
            ["354 人", "100 件", "80 件", "100%", "100%", "及时", "改善", "提升", "< 5%", "健全", "有效", null],
            File.Forms[0].Indicators.Select(i => i.Target));
        Assert.Equal("0起", File.IndicatorAt(85).Target);
        Assert.All(File.Forms.SelectMany(f => f.Indicators), i => Assert.Equal((null, null, null, null), (i.Actual, i.Weight, i.Score, i.Deviation)));
    }

    [Fact]
    public void Derives_the_missing_first_level_label_from_the_second()
    {
        // form 1 never prints 效益指标: naive carry-down would leave 产出指标 on l.23-27
        Assert.Equal(
            [
                "产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "产出指标",
                "效益指标", "效益指标", "效益指标", "效益指标", "效益指标", "满意度指标",
            ],
            File.Forms[0].Indicators.Select(i => i.Level1));
        Assert.Equal(("社会效益指标", "辖区治安环境"), (File.IndicatorAt(23).Level2, File.IndicatorAt(23).Name));
    }

    [Fact]
    public void Reads_the_last_row_shifted_right_without_a_value()
    {
        var row = File.IndicatorAt(28);
        Assert.Equal(("满意度指标", "服务对象满意度指标", "市民满意度"), (row.Level1, row.Level2, row.Name));
        Assert.Null(row.Target);
        var diagnostic = Assert.Single(File.Forms[0].Diagnostics);
        Assert.Equal((28, DiagnosticSeverity.Warning), (diagnostic.Line, diagnostic.Severity));
        Assert.Contains("年度指标值", diagnostic.Message);
    }

    [Fact]
    public void Reads_scrambled_rows_and_reports_the_values_that_are_lost()
    {
        var form = File.Forms[1];
        Assert.Equal(
            [
                ("产出指标", "数量指标", "辅警薪酬发放人数", "705 人"),
                ("产出指标", "数量指标", "服装和装备购买套数", "452 套"),
                ("产出指标", "质量指标", "服装和装备配备达标率", "100%"),
                ("产出指标", "质量指标", "薪酬发放准确率", "100%"),
                ("产出指标", "质量指标", "服装和装备验收合格率", "100%"),
                ("产出指标", "时效指标", "薪酬发放及时性", null),
                ("产出指标", "时效指标", "服装和装备采购及时性", "及时"),
                ("效益指标", "社会效益指标", "辅警到岗率", null),
                ("效益指标", "社会效益指标", "辅警留任率", "≥95%"),
                ("效益指标", "社会效益指标", "辅警服装统一率", "100%"),
                ("效益指标", "可持续影响指标", "长效管理制度健全性", "健全"),
                ("效益指标", "可持续影响指标", "沟通协调有效性", "有效"),
                ("满意度指标", "服务对象满意度指标", "辅警满意度", "≥85%"),
            ],
            form.Indicators.Select(i => (i.Level1!, i.Level2!, i.Name, i.Target)));
        Assert.Equal([49, 51], form.Diagnostics.Select(d => d.Line));
        Assert.All(form.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("薪酬发放及时性", form.Diagnostics[0].Message);
        Assert.Contains("辅警到岗率", form.Diagnostics[1].Message);
    }

    [Fact]
    public void Skips_the_table_header_repeated_after_a_page_break()
    {
        var form = File.Forms[2];
        Assert.DoesNotContain(form.Indicators, i => i.Name.Contains("三级指标", StringComparison.Ordinal));
        Assert.DoesNotContain(form.Diagnostics, d => d.Line == 79);
        var row = File.IndicatorAt(80); // 绩效 指标⇥效益指标⇥社会效益指标⇥摄像机重点区域安装覆盖率⇥100%
        Assert.Equal(("效益指标", "社会效益指标", "摄像机重点区域安装覆盖率", "100%"), (row.Level1, row.Level2, row.Name, row.Target));
        Assert.Equal(("产出指标", "时效指标", "电费缴纳及时性"), (File.IndicatorAt(77).Level1, File.IndicatorAt(77).Level2, File.IndicatorAt(77).Name));
    }

    [Fact]
    public void Ignores_the_ghost_duplicate_row()
    {
        var form = File.Forms[2];
        Assert.DoesNotContain(form.Indicators, i => i.SourceLine == 88);
        var real = Assert.Single(form.Indicators, i => i.Name == "使用人员满意度");
        Assert.Equal((89, "满意度指标", "服务对象满意度指标", "≥90%"), (real.SourceLine, real.Level1, real.Level2, real.Target));
        var info = Assert.Single(form.Diagnostics);
        Assert.Equal((88, DiagnosticSeverity.Info), (info.Line, info.Severity));
        Assert.Contains("ghost", info.Message);
    }

    [Fact]
    public void Reads_the_late_second_level_label_as_printed()
    {
        // l.86-87: 可持续影响指标 is printed on the second row of its span; l.86 stays under the label above it
        Assert.Equal(("社会效益指标", "长效管理制度健全性"), (File.IndicatorAt(86).Level2, File.IndicatorAt(86).Name));
        Assert.Equal(("可持续影响指标", "沟通协调有效性"), (File.IndicatorAt(87).Level2, File.IndicatorAt(87).Name));
    }

    [Fact]
    public void Reports_nothing_outside_the_forms()
    {
        Assert.Empty(File.Reported);
        Assert.Equal([28, 49, 51, 88], File.AllDiagnostics.Select(d => d.Line).Order());
    }
}
