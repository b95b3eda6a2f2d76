using Jixiao.Core.Forms;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Tests.Tables;

/// <summary>
/// Layouts read by their labels, as tables of cells (the rows a workbook, document or web page reader gives):
/// labelled values (项目编码：…), indicator tables read by their header's columns (指标解释, 指标性质, 度量单位),
/// blank forms, units contradicting magnitudes, traditional characters and 部门整体支出绩效自评表. The fixtures are
/// invented forms in the layouts described in issue 9; ⇥ separates cells.
/// </summary>
public class LabelledLayoutTests
{
    /// <summary>A declaration laid out as key/value pairs with the indicator explanation in a fifth column.</summary>
    private static readonly string[] KeyValueDeclaration =
    [
        "二级项目支出绩效目标申报表⇥⇥⇥⇥",
        "项目编码：⇥440300000000000000001⇥⇥项目名称：⇥社区图书角运营经费",
        "申请单位：⇥某街道办事处（本级）⇥⇥一级预算单位：⇥某街道办事处",
        "实施期限：⇥3⇥⇥项目类型：⇥15 其他经费",
        "是否新增项目：⇥否⇥⇥分配方式：⇥项目法",
        "项目总金额（中期规划，万元）：⇥90.0⇥⇥本年度项目金额（万元）：⇥30.0",
        "政策依据：⇥街道文化服务方案⇥⇥⇥",
        "测算依据：⇥⇥⇥⇥",
        "年度目标：⇥全年开放300天⇥⇥⇥",
        "长期目标（跨度多年的项目需填）：⇥建成书香社区⇥⇥⇥",
        "一级指标⇥二级指标⇥三级指标⇥目标值⇥指标解释",
        "产出⇥数量⇥开放天数⇥≥300天⇥按开放记录统计",
        "⇥质量⇥图书完好率⇥≥95%⇥",
        "⇥成本⇥运营成本⇥不超过30万元⇥按合同计",
        "效益⇥社会效益⇥借阅人次⇥≥2万⇥",
        "⇥生态效益⇥不适用⇥不适用⇥不适用",
        "满意度⇥服务对象满意度⇥读者满意度⇥≥90%⇥问卷调查",
        "备注：作为导入模板，置灰信息无需录入⇥⇥⇥⇥",
    ];

    private static List<PerformanceForm> Read(IEnumerable<string> rows, List<Diagnostic>? reported = null) =>
        TableFormReader.Read(
            rows.Select((r, i) => new TableRow(r.Split('⇥'), i + 1, Sheet: "fixture")),
            "fixture.xlsx",
            reported is null ? null : reported.Add).ToList();

    [Fact]
    public void Reads_labelled_values_and_the_explanation_column()
    {
        var form = Assert.Single(Read(KeyValueDeclaration));
        Assert.Equal(FormKind.TargetDeclaration, form.Kind);
        Assert.Equal(("社区图书角运营经费", "某街道办事处", "某街道办事处（本级）"), (form.ProjectName, form.Department, form.ImplementingUnit));
        var d = form.Details;
        Assert.Equal(("440300000000000000001", "15 其他经费", "3", false, "项目法"), (d.ProjectCode, d.ProjectType, d.ImplementationPeriod, d.NewProject, d.AllocationMethod));
        Assert.Equal(("街道文化服务方案", (string?)null), (d.PolicyBasis, d.CalculationBasis));
        Assert.Equal(("全年开放300天", "建成书香社区"), (form.Goals.Annual, form.Goals.LongTerm));
        Assert.Equal((MoneyUnit.TenThousandYuan, 900_000m, 300_000m), (form.MoneyUnit, form.DeclarationFunds!.ProjectTotal, form.DeclarationFunds.AnnualTotal));
        Assert.Equal("作为导入模板，置灰信息无需录入", d.Extra["备注"]);

        Assert.Equal(6, form.Indicators.Count);
        var cost = form.Indicators[2];
        Assert.Equal(("产出", "成本", "运营成本", "不超过30万元", "按合同计"), (cost.Level1, cost.Level2, cost.Name, cost.Target, cost.Explanation));
        Assert.Equal(IndicatorCategory.Output, cost.Category);
        var quality = form.Indicators[1];
        Assert.Equal(("产出", "质量", (string?)null), (quality.Level1, quality.Level2, quality.Explanation));
        Assert.Equal(("效益", "生态效益", "不适用"), (form.Indicators[4].Level1, form.Indicators[4].Level2, form.Indicators[4].Name));
        Assert.Equal(IndicatorCategory.Satisfaction, form.Indicators[5].Category);
        Assert.Equal([12, 13, 14, 15, 16, 17], form.Indicators.Select(i => i.SourceLine));
        Assert.DoesNotContain(form.Diagnostics, x => x.Severity >= DiagnosticSeverity.Warning && !x.Message.Contains("no year", StringComparison.Ordinal));
    }

    [Fact]
    public void Keeps_a_project_code_that_lost_digits_and_flags_it()
    {
        var rows = KeyValueDeclaration.ToArray();
        rows[1] = "项目编码：⇥4.403E+20⇥⇥项目名称：⇥社区图书角运营经费";
        var form = Assert.Single(Read(rows));
        Assert.Equal("4.403E+20", form.Details.ProjectCode);
        var warning = Assert.Single(form.Diagnostics, x => x.Message.Contains("项目编码", StringComparison.Ordinal));
        Assert.Equal((2, DiagnosticSeverity.Warning), (warning.Line, warning.Severity));
        Assert.Contains("lost", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_both_readings_when_a_万元_label_holds_yuan()
    {
        var rows = KeyValueDeclaration.ToArray();
        rows[5] = "项目总金额（中期规划，万元）：⇥900000.0⇥⇥本年度项目金额（万元）：⇥300000.0";
        var form = Assert.Single(Read(rows));

        // Kept as printed: 300,000 万元 is three billion yuan.
        Assert.Equal(3_000_000_000m, form.DeclarationFunds!.AnnualTotal);
        var annual = Assert.Single(form.Diagnostics, x => x.Message.Contains("本年度项目金额 is labelled 万元", StringComparison.Ordinal));
        Assert.Contains("read as 元 it is 300,000 元", annual.Message, StringComparison.Ordinal);
        Assert.Contains("运营成本", annual.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, annual.Severity);
    }

    [Fact]
    public void Reports_a_blank_form_whose_table_holds_only_level_labels()
    {
        var rows = KeyValueDeclaration.Take(11).Concat(["产出⇥数量⇥⇥⇥", "⇥质量⇥⇥⇥", "效益⇥社会效益⇥⇥⇥", "满意度⇥服务对象满意度⇥⇥⇥"]).ToArray();
        var form = Assert.Single(Read(rows));
        Assert.Empty(form.Indicators);
        var blank = Assert.Single(form.Diagnostics, x => x.Message.Contains("blank", StringComparison.Ordinal));
        Assert.Equal((12, DiagnosticSeverity.Warning), (blank.Line, blank.Severity));
        Assert.Contains("4 rows", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_an_indicator_table_with_operator_and_unit_columns_and_weights_in_the_labels()
    {
        string[] rows =
        [
            "部門整體支出績效自評表⇥⇥⇥⇥⇥⇥⇥⇥⇥⇥",
            "（2023年度）⇥⇥⇥⇥⇥⇥⇥⇥⇥⇥",
            "項目名稱⇥某部门整体支出⇥⇥⇥⇥⇥⇥⇥⇥⇥",
            "主管部門⇥某省某厅⇥⇥⇥實施單位⇥某省某厅机关⇥⇥⇥⇥⇥",
            "一級指標⇥二級指標⇥三級指標⇥指標性質⇥指標值⇥度量單位⇥完成值⇥權重⇥得分⇥未完成原因分析⇥",
            "產出指標(50分)⇥數量指標⇥培训人次⇥≥⇥500⇥人次⇥520⇥20⇥20⇥⇥",
            "⇥質量指標⇥合格率⇥≥⇥95⇥百分比⇥93⇥20⇥18.6⇥部分学员缺考⇥",
            "⇥成本指標⇥人均成本⇥≤⇥800⇥元⇥780⇥10⇥10⇥⇥",
            "效益指標(30分)⇥社會效益指標⇥就业率⇥≥⇥80⇥%⇥达成预期指标⇥30⇥30⇥⇥",
            "滿意度指標(10分)⇥服務對象滿意度指標⇥学员满意度⇥定性⇥满意⇥⇥满意⇥10⇥10⇥⇥",
        ];
        var form = Assert.Single(Read(rows));
        Assert.Equal((FormKind.DepartmentSelfEvaluation, 2023), (form.Kind, form.Year));
        Assert.Equal(("某部门整体支出", "某省某厅", "某省某厅机关"), (form.ProjectName, form.Department, form.ImplementingUnit));
        Assert.Equal(5, form.Indicators.Count);
        var count = form.Indicators[0];
        Assert.Equal(("產出指標(50分)", "數量指標", "培训人次", "≥", "人次", "≥500人次", "520"), (count.Level1, count.Level2, count.Name, count.Operator, count.Unit, count.Target, count.Actual));
        Assert.Equal((20m, 20m), (count.Weight, count.Score));
        var rate = form.Indicators[1];
        Assert.Equal(("≥95%", "93", 18.6m, "部分学员缺考"), (rate.Target, rate.Actual, rate.Score, rate.Deviation));
        Assert.Equal(("產出指標(50分)", IndicatorCategory.Output), (rate.Level1, rate.Category));
        Assert.Equal("≤800元", form.Indicators[2].Target);
        Assert.Equal(("≥80%", "达成预期指标", IndicatorCategory.Benefit), (form.Indicators[3].Target, form.Indicators[3].Actual, form.Indicators[3].Category));
        Assert.Equal(("满意", IndicatorCategory.Satisfaction), (form.Indicators[4].Target, form.Indicators[4].Category));
    }

    /// <summary>A self-evaluation in the Sichuan layout (部门预算项目支出绩效自评表), invented values.</summary>
    private static readonly string[] Sichuan =
    [
        "部门预算项目支出绩效自评表⇥⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "（2023年度）⇥⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "⇥⇥⇥⇥⇥⇥⇥⇥单位：万元⇥⇥",
        "项目名称⇥51000023Y000000000001-乡镇文化站设备购置⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "主管部门⇥某市文化广电旅游局⇥⇥⇥⇥实施单位⇥某县文化馆⇥⇥⇥⇥",
        "项目基本情况⇥项目年度目标⇥⇥⇥⇥年度目标完成情况⇥⇥⇥⇥⇥",
        "⇥为20个乡镇文化站购置设备⇥⇥⇥⇥已为20个乡镇文化站购置设备⇥⇥⇥⇥⇥",
        "预算执行情况(10分)⇥⇥年初预算⇥调整后预算数⇥预算执行数⇥预算执行率⇥权重⇥得分⇥原因⇥⇥",
        "⇥总额⇥100⇥120⇥114⇥95%⇥10⇥9.5⇥尾款未付⇥⇥",
        "⇥财政资金⇥100⇥110⇥104⇥94.55%⇥⇥⇥⇥⇥",
        "⇥财政专户管理资金⇥0⇥0⇥0⇥⇥⇥⇥⇥⇥",
        "⇥单位资金⇥0⇥10⇥10⇥100%⇥⇥⇥⇥⇥",
        "⇥其他资金⇥0⇥0⇥0⇥⇥⇥⇥⇥⇥",
        "绩效指标(90分)⇥一级指标⇥二级指标⇥三级指标⇥指标性质⇥指标值⇥度量单位⇥完成值⇥权重⇥得分⇥未完成原因分析",
        "⇥产出指标(50分)⇥数量指标⇥购置设备套数⇥≥⇥20⇥套⇥20⇥30⇥30⇥",
        "⇥⇥成本指标⇥每套设备成本⇥≤⇥6⇥万元⇥5.7⇥20⇥20⇥",
        "⇥效益指标(30分)⇥社会效益指标⇥文化站开放率⇥≥⇥90⇥百分比⇥达成预期指标⇥30⇥30⇥",
        "⇥满意度指标(10分)⇥服务对象满意度指标⇥群众满意度⇥≥⇥90⇥%⇥88⇥10⇥9⇥部分设备到货晚",
        "合计⇥⇥⇥⇥⇥⇥⇥⇥100⇥98.5⇥",
        "评价结论⇥项目完成较好⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "存在问题⇥个别设备到货晚⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "改进措施⇥提前采购⇥⇥⇥⇥⇥⇥⇥⇥⇥",
        "项目负责人：张某⇥⇥⇥⇥⇥财务负责人：李某⇥⇥⇥⇥⇥",
    ];

    [Fact]
    public void Reads_the_Sichuan_self_evaluation_by_its_labels()
    {
        var form = Assert.Single(Read(Sichuan));
        Assert.Equal((FormKind.SelfEvaluation, 2023), (form.Kind, form.Year));
        Assert.Equal(("51000023Y000000000001-乡镇文化站设备购置", "某市文化广电旅游局", "某县文化馆"), (form.ProjectName, form.Department, form.ImplementingUnit));
        Assert.Equal(("为20个乡镇文化站购置设备", "已为20个乡镇文化站购置设备"), (form.Goals.Expected, form.Goals.Actual));

        var total = form.SelfEvaluationFunds!.Total!;
        Assert.Equal((1_000_000m, 1_200_000m, 1_140_000m, 95m, 10m, 9.5m), (total.InitialBudget, total.AnnualBudget, total.Executed, total.ExecutionRate, total.Weight, total.Score));
        Assert.Equal(1_040_000m, form.SelfEvaluationFunds.Appropriation!.Executed);
        Assert.Equal(0m, form.SelfEvaluationFunds.Other!.AnnualBudget);
        Assert.Equal("年初预算数 0; 全年预算数 10; 全年执行数 10; 执行率 100 (万元)", form.Details.Extra["单位资金"]);
        Assert.Equal("尾款未付", form.Details.Extra["总额·原因"]);

        Assert.Equal(4, form.Indicators.Count);
        var cost = form.Indicators[1];
        Assert.Equal(("产出指标(50分)", "成本指标", "每套设备成本", "≤6万元", "5.7", 20m, 20m), (cost.Level1, cost.Level2, cost.Name, cost.Target, cost.Actual, cost.Weight, cost.Score));
        Assert.Equal(("≥90%", "达成预期指标"), (form.Indicators[2].Target, form.Indicators[2].Actual));
        Assert.Equal(("≥90%", 9m, "部分设备到货晚"), (form.Indicators[3].Target, form.Indicators[3].Score, form.Indicators[3].Deviation));
        Assert.Equal((100m, 98.5m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(("项目完成较好", "个别设备到货晚", "提前采购"), (form.Details.ConclusionSummary, form.Details.ConclusionProblems, form.Details.ConclusionMeasures));
        Assert.Equal(("张某", "李某"), (form.Details.Extra["项目负责人"], form.Details.Extra["财务负责人"]));
        Assert.Empty(form.Diagnostics.Where(x => x.Severity >= DiagnosticSeverity.Warning).Select(x => x.Message));
    }

    private static readonly string[] Head =
    [
        "财政项目支出绩效自评表⇥⇥⇥⇥⇥⇥⇥",
        "（2024年度）⇥⇥⇥⇥⇥⇥⇥",
        "项目名称⇥某专项资金⇥⇥⇥⇥⇥⇥",
        "主管部门⇥某局⇥⇥⇥实施单位⇥某中心⇥⇥",
        "项目资金（万元）⇥⇥全年预算数⇥全年执行数⇥分值⇥执行率⇥得分⇥",
        "⇥年度资金总额⇥20⇥19⇥10⇥95%⇥9.5⇥",
    ];

    [Fact]
    public void Reads_分值_printed_before_the_target_and_a_fund_table_without_年初预算数()
    {
        string[] rows =
        [
            .. Head,
            "一级指标⇥二级指标⇥三级指标⇥分值⇥年度指标值⇥实际完成值⇥得分⇥偏差原因分析",
            "产出指标⇥数量指标⇥培训人数⇥40⇥≥100人⇥98人⇥39⇥2人请假",
            "效益指标⇥社会效益指标⇥就业率⇥40⇥≥80%⇥85%⇥40⇥",
            "满意度指标⇥服务对象满意度指标⇥满意度⇥10⇥≥90%⇥95%⇥10⇥",
            "总分⇥⇥⇥100⇥⇥⇥98.5⇥",
        ];
        var form = Assert.Single(Read(rows));
        var total = form.SelfEvaluationFunds!.Total!;
        Assert.Equal(((decimal?)null, 200_000m, 190_000m, 10m, 95m, 9.5m), (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        var first = form.Indicators[0];
        Assert.Equal(("培训人数", "≥100人", "98人", 40m, 39m, "2人请假"), (first.Name, first.Target, first.Actual, first.Weight, first.Score, first.Deviation));
        Assert.Equal([40m, 40m, 10m], form.Indicators.Select(i => i.Weight!.Value));
        Assert.Equal((100m, 98.5m), (form.TotalWeight, form.TotalScore));
        Assert.Empty(form.Diagnostics.Where(x => x.Severity >= DiagnosticSeverity.Warning).Select(x => x.Message));
    }

    [Fact]
    public void Reads_a_self_evaluation_without_分值_or_得分()
    {
        string[] rows =
        [
            .. Head,
            "一级指标⇥二级指标⇥三级指标⇥年度指标值⇥实际完成值⇥偏差原因分析⇥⇥",
            "产出指标⇥数量指标⇥补助人数⇥≥500人⇥512人⇥⇥⇥",
            "⇥成本指标⇥人均补助⇥≤400元⇥400元⇥⇥⇥",
            "效益指标⇥社会效益指标⇥政策知晓率⇥≥90%⇥达成预期指标⇥⇥⇥",
        ];
        var form = Assert.Single(Read(rows));
        Assert.Equal(3, form.Indicators.Count);
        Assert.All(form.Indicators, i => Assert.Null(i.Weight ?? i.Score));
        Assert.Equal(("人均补助", "≤400元", "400元", "产出指标", "成本指标"), (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual, form.Indicators[1].Level1, form.Indicators[1].Level2));
        Assert.Equal(IndicatorCategory.Output, form.Indicators[1].Category);
        Assert.Equal("达成预期指标", form.Indicators[2].Actual);
        Assert.Empty(form.Diagnostics.Where(x => x.Severity >= DiagnosticSeverity.Warning).Select(x => x.Message));
    }

    [Fact]
    public void Names_a_department_self_evaluation_after_its_department()
    {
        string[] rows =
        [
            "部门整体支出绩效自评表⇥⇥⇥⇥⇥⇥⇥",
            "（2023年度）⇥⇥⇥⇥⇥⇥⇥",
            "部门名称⇥某县农业农村局⇥⇥⇥⇥⇥⇥",
            "项目资金（万元）⇥⇥年初预算数⇥全年预算数⇥全年执行数⇥分值⇥执行率⇥得分",
            "⇥年度资金总额⇥500⇥520⇥510⇥10⇥98.08%⇥9.81",
            "一级指标⇥二级指标⇥三级指标⇥年度指标值⇥实际完成值⇥分值⇥得分⇥偏差原因分析",
            "产出指标⇥数量指标⇥培训农户⇥≥1000户⇥1020户⇥50⇥50⇥",
            "效益指标⇥经济效益指标⇥农户增收⇥≥5%⇥6%⇥30⇥30⇥",
            "满意度指标⇥服务对象满意度指标⇥农户满意度⇥≥90%⇥92%⇥10⇥10⇥",
            "总分⇥⇥⇥⇥⇥100⇥99.81⇥",
        ];
        var form = Assert.Single(Read(rows));
        Assert.Equal((FormKind.DepartmentSelfEvaluation, "某县农业农村局", "某县农业农村局"), (form.Kind, form.ProjectName, form.Department));
        Assert.Equal((100m, 99.81m, 3), (form.TotalWeight, form.TotalScore, form.Indicators.Count));
        Assert.Contains(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.Contains("named after its department", StringComparison.Ordinal));
        Assert.Equal("department-self-evaluation", form.Kind.ToJsonLabel());
    }
}
