using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;
using static Jixiao.Core.Tests.Checks.CheckRun;

namespace Jixiao.Core.Tests.Checks;

/// <summary>
/// The checks that read what the values of one form mean (issue 10, item 4): copied goals, repeated indicators,
/// satisfaction and cost indicators against what they should measure, actuals copied from targets, levels.
/// Each with a form that fails and one that passes; every form is made here, none is corpus text.
/// </summary>
public class FormContentCheckTests
{
    private static PerformanceForm With(int index, Indicator row)
    {
        var form = TestForms.Valid();
        form.Indicators[index] = row;
        return form.Retotal();
    }

    private static Indicator Cost(string level2, string name, string target, string actual, decimal weight = 10m, decimal score = 10m) =>
        TestForms.Row("成本指标", level2, name, target, actual, weight, score);

    /// <summary><see cref="TestForms.Valid"/> with 93.77 of 100 万元 executed (93.77%) and row 4 a 经济成本 indicator worth 15.</summary>
    private static PerformanceForm Spent9377(string name, string target, string actual)
    {
        var form = TestForms.SelfEvaluation(100m, 93.77m, [.. TestForms.Valid().Indicators]);
        form.Indicators[4] = Cost("经济成本指标", name, target, actual, 15m, 15m);
        return form.Retotal();
    }

    // GOAL-NEAR-COPY

    [Fact]
    public void GOAL_NEAR_COPY_warns_when_the_actual_is_the_goal_with_a_word_changed()
    {
        var form = TestForms.Valid();
        form.Goals.Expected = "保障全区电子政务平台设施设备及业务系统全年正常高效运行，为各单位提供安全可靠的物理环境。";
        form.Goals.Actual = "保障全区电子政务平台设施设备及业务系统全年正常稳定运行，为各单位提供安全可靠的物理环境。";

        var f = Single(form, "GOAL-NEAR-COPY", Severity.Warning, "goals.actual");

        Assert.Equal(CheckCategory.Completeness, f.Category);
        Mentions(f, "保障全区电子政务平台设施设备及业务系统全年正常稳定", "0.9");
        None(form, "GOAL-COPIED");
    }

    [Fact]
    public void GOAL_NEAR_COPY_leaves_a_word_for_word_copy_to_GOAL_COPIED()
    {
        var form = TestForms.Valid();
        form.Goals.Actual = form.Goals.Expected + " ";

        Single(form, "GOAL-COPIED", Severity.Warning, "goals.actual");
        None(form, "GOAL-NEAR-COPY");
    }

    [Fact]
    public void GOAL_NEAR_COPY_passes_a_report_that_reuses_a_phrase_of_the_goal()
    {
        var form = TestForms.Valid();
        form.Goals.Expected = "按照采购要求及时完成独立机柜的租赁工作，确保机柜全部投入使用，保障日常运行。";
        form.Goals.Actual = "全年完成独立机柜租赁 24 台，机柜 100% 投入使用，全年无故障停机，保障日常运行。";

        None(form, "GOAL-NEAR-COPY");
        None(TestForms.Valid(), "GOAL-NEAR-COPY");
    }

    // IND-DUPLICATE

    [Fact]
    public void IND_DUPLICATE_warns_on_one_measure_under_two_levels()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "维护质量合格率", "≥95%", "98.00(%)", 15m, 15m));

        var f = Single(form, "IND-DUPLICATE", Severity.Warning, "indicators[3].name");

        Assert.Equal(CheckCategory.TargetQuality, f.Category);
        Mentions(f, "维护质量合格率", "社会效益指标", "质量指标", "≥95%", "≥95.00(%)");
    }

    [Theory]
    [InlineData("使用人员满意率", "≥90.00(%)")] // 满意率 reads as 满意度
    [InlineData("设备使用人员满意度", "≥90%")] // one name holds the other
    public void IND_DUPLICATE_finds_the_same_measure_under_another_name(string name, string target)
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", name, target, "93.00(%)", 15m, 15m));

        var f = Single(form, "IND-DUPLICATE", Severity.Warning, "indicators[5].name");

        Mentions(f, name, "使用人员满意度");
    }

    [Theory]
    [InlineData("设备维护合格率", "=100.00(%)")] // another measure word: 完成率 / 合格率
    [InlineData("设备维护完成率", "≥98.00(%)")] // the same name with another target: two aspects of one task
    [InlineData("不适用", "不适用")]
    public void IND_DUPLICATE_passes_other_measures_and_rows_that_do_not_apply(string name, string target)
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", name, target, "100.00(%)", 15m, 15m));

        None(form, "IND-DUPLICATE");
        None(TestForms.Valid(), "IND-DUPLICATE");
    }

    [Fact]
    public void IND_DUPLICATE_checks_declarations_too()
    {
        var form = TestForms.Declaration();
        form.Indicators[2] = TestForms.Row("效益指标", "社会效益指标", "薪酬按月发放率", "=100%", null, null, null);

        Single(form, "IND-DUPLICATE", Severity.Warning, "indicators[2].name");
    }

    // SAT-UNMEASURED

    [Theory]
    [InlineData("≥90.00(%)", "达成指标")]
    [InlineData("较高", "较高")]
    [InlineData("满意", "群众基本满意")]
    public void SAT_UNMEASURED_warns_when_satisfaction_is_answered_with_words(string target, string actual)
    {
        var form = With(5, TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", target, actual, 10m, 10m));

        var f = Single(form, "SAT-UNMEASURED", Severity.Warning, "indicators[5].actual");

        Mentions(f, "使用人员满意度", actual, target, "10");
    }

    [Fact]
    public void SAT_UNMEASURED_passes_a_surveyed_rate_and_leaves_words_without_a_band_to_ACT_UNMEASURED()
    {
        None(TestForms.Valid(), "SAT-UNMEASURED");
        None(With(5, TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", "满意率95%", 10m, 10m)), "SAT-UNMEASURED");

        var words = With(5, TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90.00(%)", "满意", 10m, 10m));
        None(words, "SAT-UNMEASURED");
        Single(words, "ACT-UNMEASURED", Severity.Warning, "indicators[5].actual");
    }

    // COST-FUNDS

    [Fact]
    public void COST_FUNDS_warns_when_a_budget_control_rate_is_not_the_funds_execution_rate()
    {
        // budget 100, executed 93.77 (万元): the table says 93.77%, the cost indicator claims 100%
        var form = Spent9377("预算控制率", "≤100%", "100%");

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[4].actual");

        Assert.Equal(CheckCategory.Consistency, f.Category);
        Mentions(f, "预算控制率", "≤100%", "100%", "93.77%", "93.77 万元", "100.00 万元");
    }

    [Theory]
    [InlineData("93.77%")]
    [InlineData("93.8%")] // printed to one place
    public void COST_FUNDS_passes_a_rate_that_is_the_funds_execution_rate(string actual)
    {
        var form = Spent9377("预算控制率", "≤100%", actual);

        None(form, "COST-FUNDS");
    }

    [Fact]
    public void COST_FUNDS_reads_a_budget_execution_rate_under_any_level()
    {
        var form = TestForms.SelfEvaluation(100m, 93.77m, [.. TestForms.Valid().Indicators]);
        form.Indicators[1] = TestForms.Row("产出指标", "质量指标", "预算执行率", "≥95%", "98%", 15m, 15m);

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[1].actual");

        Mentions(f, "预算执行率", "98%", "93.77%");
    }

    [Fact]
    public void COST_FUNDS_warns_when_a_total_cost_is_not_the_executed_amount()
    {
        var form = Spent9377("项目总成本", "≤100万元", "90万元");

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[4].actual");

        Mentions(f, "项目总成本", "≤100万元", "90万元", "90.00 万元", "93.77 万元");
    }

    [Fact]
    public void COST_FUNDS_takes_an_amount_equal_to_the_budget_as_the_total_cost()
    {
        var form = Spent9377("设备运维费用", "≤1000000元", "900000元");

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[4].actual");

        Mentions(f, "设备运维费用", "900000元", "93.77 万元");
    }

    [Fact]
    public void COST_FUNDS_warns_when_a_part_costs_more_than_the_whole_project_spent()
    {
        var form = Spent9377("设备采购成本", "≤60万元", "120万元");

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[4].actual");

        Mentions(f, "设备采购成本", "120万元", "93.77 万元");
    }

    [Fact]
    public void COST_FUNDS_warns_when_words_claim_a_cap_the_executed_amount_exceeds()
    {
        var form = Spent9377("项目总成本", "≤90万元", "未超预算");

        var f = Single(form, "COST-FUNDS", Severity.Warning, "indicators[4].actual");

        Mentions(f, "≤90万元", "未超预算", "93.77 万元", "15");
    }

    [Theory]
    [InlineData("项目总成本", "≤100万元", "93.77万元")] // the executed amount
    [InlineData("项目总成本", "≤100万元", "93.8万元")] // printed to one place
    [InlineData("设备采购成本", "≤60万元", "58.5万元")] // a part of the cost
    [InlineData("项目总成本", "≤100万元", "实际投入少于预算")] // words, and the funds agree
    [InlineData("单位服务成本", "≤50元/人次", "48元/人次")] // not an amount of the project
    public void COST_FUNDS_passes_costs_the_fund_table_bears_out(string name, string target, string actual)
    {
        var form = Spent9377(name, target, actual);

        None(form, "COST-FUNDS");
        None(TestForms.Valid(), "COST-FUNDS");
    }

    // QUAL-MET-DEDUCTED

    [Fact]
    public void QUAL_MET_DEDUCTED_warns_when_an_actual_repeating_its_target_loses_points()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "平安建设满意度", "较高", "较高", 15m, 12m, "部分居民反映巡逻不足"));

        var f = Single(form, "QUAL-MET-DEDUCTED", Severity.Warning, "indicators[3].score");

        Assert.Equal(CheckCategory.Consistency, f.Category);
        Mentions(f, "平安建设满意度", "较高", "12", "15");
        None(form, "QUAL-BAND"); // 12 of 15 is inside the 达成 band: only this check sees it
    }

    [Theory]
    [InlineData("及时", "及时", 15)]
    [InlineData("及时", "部分达成年度指标并具有一定效果", 10)]
    [InlineData("及时", "基本及时", 12)]
    public void QUAL_MET_DEDUCTED_passes_full_marks_and_actuals_that_say_less(string target, string actual, int score)
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "处置及时性", target, actual, 15m, score, "个别处置超时"));

        None(form, "QUAL-MET-DEDUCTED");
    }

    // TGT-VACUOUS (satisfaction)

    [Theory]
    [InlineData("≤100%")]
    [InlineData("≤100.00(%)")]
    [InlineData("≥0%")]
    public void TGT_VACUOUS_warns_on_a_satisfaction_target_every_survey_meets(string target)
    {
        var form = With(5, TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", target, "93.00(%)", 10m, 10m));

        var f = Single(form, "TGT-VACUOUS", Severity.Warning, "indicators[5].target");

        Mentions(f, "使用人员满意度", target);
    }

    [Fact]
    public void TGT_VACUOUS_leaves_an_upper_bound_of_100_percent_on_what_can_exceed_it()
    {
        // spending may run over the budget: ≤100% is a real cap
        var form = TestForms.Valid();
        form.Indicators[4] = Cost("经济成本指标", "预算控制率", "≤100%", "100%", 15m, 15m);

        None(form.Retotal(), "TGT-VACUOUS");
        None(TestForms.Valid(), "TGT-VACUOUS");
    }

    // ACT-AT-THRESHOLD

    [Fact]
    public void ACT_AT_THRESHOLD_notes_a_form_whose_actuals_sit_on_their_bounds()
    {
        var form = TestForms.Valid();
        form.Indicators[1].Actual = "95.00(%)";
        form.Indicators[2].Actual = "2.00(小时)";
        form.Indicators[5].Actual = "90.00(%)";
        form.Indicators[5].SourceLine = 17;
        form.Indicators[1].SourceLine = 12;

        var f = Single(form, "ACT-AT-THRESHOLD", Severity.Info, "indicators");

        Assert.Equal(12, f.SourceLine);
        Mentions(f, "3", "4", "维护质量合格率", "故障响应时间", "使用人员满意度", "90.00(%)");
    }

    [Fact]
    public void ACT_AT_THRESHOLD_passes_measured_actuals_and_bounds_that_can_only_be_met_exactly()
    {
        var form = TestForms.Valid();
        form.Indicators[1].Actual = "95.00(%)";
        form.Indicators[5].Actual = "90.00(%)";
        form.Indicators[3] = TestForms.Row("效益指标", "社会效益指标", "设备完好率", "≥100.00(%)", "100.00(%)", 15m, 15m); // only 100% meets it
        form.Indicators[0] = TestForms.Output("设备维护台数", "≥120.00(台)", "120.00(台)", 20m, 20m); // a planned quantity

        None(form, "ACT-AT-THRESHOLD");
        None(TestForms.Valid(), "ACT-AT-THRESHOLD");
    }

    // FUND-MIDYEAR

    [Fact]
    public void FUND_MIDYEAR_notes_a_budget_added_during_the_year()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Total!.InitialBudget = 0m;
        form.SelfEvaluationFunds.Total.SourceLine = 8;

        var f = Single(form, "FUND-MIDYEAR", Severity.Info, "funds.total.initialBudget");

        Assert.Equal((CheckCategory.Completeness, 8), (f.Category, f.SourceLine));
        Mentions(f, "100.00 万元");
    }

    [Fact]
    public void FUND_MIDYEAR_says_which_part_was_carried_over()
    {
        var form = TestForms.Valid();
        var funds = form.SelfEvaluationFunds!;
        funds.Total!.InitialBudget = 0m;
        funds.Carryover = TestForms.Line(40m, 40m, null, 100m, null);

        var f = Single(form, "FUND-MIDYEAR", Severity.Info, "funds.total.initialBudget");

        Mentions(f, "100.00 万元", "40.00 万元", "60.00 万元");
    }

    [Fact]
    public void FUND_MIDYEAR_passes_a_budget_set_at_the_start_or_wholly_carried_over()
    {
        None(TestForms.Valid(), "FUND-MIDYEAR");

        var carried = TestForms.Valid();
        carried.SelfEvaluationFunds!.Total!.InitialBudget = 0m;
        carried.SelfEvaluationFunds.Carryover = TestForms.Line(100m, 100m, null, 100m, null);
        None(carried, "FUND-MIDYEAR");
    }

    // IND-QTY-RATE

    [Fact]
    public void IND_QTY_RATE_notes_a_quantity_indicator_measured_as_a_percentage()
    {
        var form = With(0, TestForms.Output("设备维护完成率", "=100.00(%)", "100.00(%)", 20m, 20m));

        var f = Single(form, "IND-QTY-RATE", Severity.Info, "indicators[0].target");

        Mentions(f, "设备维护完成率", "=100.00(%)");
        var declaration = TestForms.Declaration();
        declaration.Indicators[0] = TestForms.Row("产出指标", "数量", "人员配备率", "100%", null, null, null);
        Single(declaration, "IND-QTY-RATE", Severity.Info, "indicators[0].target");
    }

    [Theory]
    [InlineData("设备维护次数", "≥120.00(次)", "126.00(次)")]
    [InlineData("维护次数增长", "同比增长5%", "增长6%")]
    public void IND_QTY_RATE_passes_quantities_and_their_change(string name, string target, string actual) =>
        None(With(0, TestForms.Output(name, target, actual, 20m, 20m)), "IND-QTY-RATE");

    // IND-LEVEL-UNFIT

    [Fact]
    public void IND_LEVEL_UNFIT_notes_satisfaction_outside_the_satisfaction_level()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "市民满意度", "≥90%", "95%", 15m, 15m));

        var f = Single(form, "IND-LEVEL-UNFIT", Severity.Info, "indicators[3].level2");

        Mentions(f, "市民满意度", "社会效益指标", "满意度指标");
    }

    [Fact]
    public void IND_LEVEL_UNFIT_notes_timeliness_under_quality()
    {
        var form = With(1, TestForms.Row("产出指标", "质量", "补贴发放及时性", "及时", "达成指标", 15m, 15m));

        var f = Single(form, "IND-LEVEL-UNFIT", Severity.Info, "indicators[1].level2");

        Mentions(f, "补贴发放及时性", "时效指标");
    }

    [Fact]
    public void IND_LEVEL_UNFIT_notes_a_row_under_satisfaction_that_names_no_satisfaction()
    {
        var form = With(5, TestForms.Row("满意度指标", "服务对象满意度指标", "执法车辆使用", "保障工作顺利开展", "保障工作顺利开展", 10m, 10m));

        var f = Single(form, "IND-LEVEL-UNFIT", Severity.Info, "indicators[5].level2");

        Mentions(f, "执法车辆使用", "保障工作顺利开展");
    }

    [Fact]
    public void IND_LEVEL_UNFIT_notes_an_economic_cost_without_cost_or_amount()
    {
        var form = TestForms.Valid();
        form.Indicators[4] = Cost("经济成本指标", "提升数据价值", "提升", "达成指标", 15m, 15m);

        var f = Single(form.Retotal(), "IND-LEVEL-UNFIT", Severity.Info, "indicators[4].level2");

        Mentions(f, "提升数据价值", "经济成本指标");
    }

    [Theory]
    [InlineData("满意度指标", "服务对象满意度指标", "有效投诉次数", "≤3次")] // a usual proxy of satisfaction
    [InlineData("满意度指标", "服务对象满意度指标", "窗口服务对象", "≥90%")] // a rate named by who was asked
    [InlineData("成本指标", "经济成本指标", "设备采购", "≤60万元")] // an amount
    [InlineData("成本指标", "经济成本指标", "节约运行成本", "节约")] // names the cost
    [InlineData("产出指标", "时效指标", "补贴发放及时性", "及时")]
    public void IND_LEVEL_UNFIT_passes_rows_that_fit_their_level(string level1, string level2, string name, string target)
    {
        var form = With(3, TestForms.Row(level1, level2, name, target, "达成指标", 15m, 15m));

        None(form, "IND-LEVEL-UNFIT");
        None(TestForms.Valid(), "IND-LEVEL-UNFIT");
    }

    // all of them

    [Fact]
    public void They_allocate_nothing_on_forms_they_find_nothing_in()
    {
        string[] codes = ["GOAL-NEAR-COPY", "IND-DUPLICATE", "SAT-UNMEASURED", "COST-FUNDS", "QUAL-MET-DEDUCTED", "TGT-VACUOUS",
            "ACT-AT-THRESHOLD", "FUND-MIDYEAR", "IND-QTY-RATE", "IND-LEVEL-UNFIT"];
        var mine = new FormChecker(checks: CheckCatalogue.All.Where(c => codes.Contains(c.Definition.Code)));
        var none = new FormChecker(checks: []);
        var withCost = Spent9377("项目总成本", "≤100万元", "93.77万元");
        var scorer = new Scorer();
        FormScore[] scores = [scorer.Score(TestForms.Valid()), scorer.Score(withCost), scorer.Score(TestForms.Declaration())];
        Assert.All(scores, s => Assert.Empty(mine.Check(s)));

        static long Allocated(FormChecker checker, FormScore[] scores)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 50; i++)
            {
                foreach (var s in scores)
                {
                    _ = checker.Check(s);
                }
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        _ = Allocated(none, scores);
        _ = Allocated(mine, scores);
        Assert.Equal(Allocated(none, scores), Allocated(mine, scores));
    }
}
