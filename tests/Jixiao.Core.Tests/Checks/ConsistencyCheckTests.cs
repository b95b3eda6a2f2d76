using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;
using static Jixiao.Core.Tests.Checks.CheckRun;

namespace Jixiao.Core.Tests.Checks;

public class ConsistencyCheckTests
{
    private static PerformanceForm With(int index, Indicator indicator)
    {
        var form = TestForms.Valid();
        form.Indicators[index] = indicator;
        return form.Retotal();
    }

    [Fact]
    public void FUND_OVERSPEND_reports_execution_above_the_full_year_budget()
    {
        var form = TestForms.SelfEvaluation(100m, 120m, [.. TestForms.Valid().Indicators]);

        var f = Assert.Single(Of(form, "FUND-OVERSPEND"), x => x.Field == "funds.total.executed");

        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(CheckCategory.Consistency, f.Category);
        Mentions(f, "120.00 万元", "100.00 万元");
    }

    [Fact]
    public void FUND_OVERSPEND_passes_execution_within_the_budget() => None(TestForms.Valid(), "FUND-OVERSPEND");

    [Fact]
    public void GRADE_MISMATCH_reports_a_grade_that_does_not_match_the_total()
    {
        var form = TestForms.Valid();
        form.Grade = "良";

        var f = Single(form, "GRADE-MISMATCH", Severity.Error, "grade");

        Mentions(f, "100.00", "优", "良", "90");
    }

    [Fact]
    public void GRADE_MISMATCH_passes_a_total_just_below_a_band_limit()
    {
        var form = TestForms.Valid();
        form.TotalScore = 89.99m;
        form.Grade = "良";

        None(form, "GRADE-MISMATCH");
    }

    [Fact]
    public void GRADE_MISMATCH_follows_the_rule_sets_grade_bands()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("设备维护完成率", "=100.00(%)", "100.00(%)", 20m, 5m);
        form.Retotal();
        form.Grade = "优";

        Assert.Equal(85.00m, form.TotalScore);
        Single(form, "GRADE-MISMATCH", Severity.Error, "grade");
        None(form, "GRADE-MISMATCH", RuleSets.Platform);
    }

    [Fact]
    public void GRADE_RECOMPUTED_warns_when_the_rules_put_the_form_in_a_lower_grade()
    {
        var form = With(0, TestForms.Output("设备维护完成率", "=100.00(%)", "40.00(%)", 20m, 20m));

        var f = Single(form, "GRADE-RECOMPUTED", Severity.Warning, "totalScore");

        Mentions(f, "88.00", "良", "100.00", "优");
    }

    [Fact]
    public void GRADE_RECOMPUTED_passes_when_the_recomputed_total_keeps_the_grade()
    {
        var form = With(0, TestForms.Output("设备维护完成率", "=100.00(%)", "90.00(%)", 20m, 20m));

        None(form, "GRADE-RECOMPUTED");
    }

    [Fact]
    public void IND_MET_DEDUCTED_reports_points_deducted_from_a_met_target()
    {
        var form = With(1, TestForms.Row("产出指标", "质量指标", "维护质量合格率", "≥95.00(%)", "98.00(%)", 15m, 13m, "个别不合格"));

        var f = Single(form, "IND-MET-DEDUCTED", Severity.Error, "indicators[1].score");

        Mentions(f, "维护质量合格率", "98.00(%)", "≥95.00(%)", "15", "13");
    }

    [Fact]
    public void IND_MET_DEDUCTED_passes_a_deduction_on_a_target_exceeded_many_times_over()
    {
        var form = With(0, TestForms.Output("联勤联动次数", "≥10.00(次)", "100.00(次)", 20m, 18m, "指标值偏低"));

        None(form, "IND-MET-DEDUCTED");
    }

    [Fact]
    public void IND_MISSED_FULL_reports_full_marks_for_a_missed_target()
    {
        var form = With(0, TestForms.Output("数据纳管及时率", "=100.00(%)", "90.00(%)", 20m, 20m));

        var f = Single(form, "IND-MISSED-FULL", Severity.Error, "indicators[0].score");

        Mentions(f, "数据纳管及时率", "90.00(%)", "=100.00(%)", "18.00");
        None(form, "IND-SCORE-FORMULA");
    }

    [Fact]
    public void IND_MISSED_FULL_passes_a_miss_that_rounds_to_full_marks()
    {
        var form = With(0, TestForms.Output("先行联系率", "=100.00(%)", "99.99(%)", 20m, 20.00m));

        None(form, "IND-MISSED-FULL");
    }

    [Fact]
    public void IND_STRICT_BOUNDARY_warns_when_a_score_on_a_strict_zero_target_follows_neither_reading()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "隐患改善率", ">0.00(%)", "0.00(%)", 15m, 10m, "效果不佳"));

        var f = Single(form, "IND-STRICT-BOUNDARY", Severity.Warning, "indicators[3].score");

        Mentions(f, "隐患改善率", ">0.00(%)", "15.00", "0.00", "10");
    }

    [Fact]
    public void IND_STRICT_BOUNDARY_warns_when_a_strict_positive_target_is_deducted_at_the_boundary()
    {
        var form = With(0, TestForms.Output("协同联动天数", ">365.00(天)", "365.00(天)", 20m, 19m, "全年使用"));

        var f = Single(form, "IND-STRICT-BOUNDARY", Severity.Warning, "indicators[0].score");

        Mentions(f, ">365.00(天)", "100%", "20.00", "19");
        None(form, "IND-MET-DEDUCTED");
    }

    [Fact]
    public void IND_STRICT_BOUNDARY_passes_full_marks_at_the_boundary()
    {
        var form = With(0, TestForms.Output("协同联动天数", ">365.00(天)", "365.00(天)", 20m, 20m));

        None(form, "IND-STRICT-BOUNDARY");
    }

    [Fact]
    public void QUAL_BAND_reports_full_marks_for_a_partly_achieved_indicator()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "沟通协调有效性", "有效", "部分达成指标并具有一定效果", 15m, 15m, "沟通滞后"));

        var f = Single(form, "QUAL-BAND", Severity.Error, "indicators[3].score");

        Mentions(f, "沟通协调有效性", "9.00", "12.00", "15");
        Assert.Contains("部分达成", f.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void QUAL_BAND_reports_an_achieved_indicator_scored_below_eighty_percent()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "制度健全性", "健全", "达成指标", 15m, 9m, "待完善"));

        var f = Single(form, "QUAL-BAND", Severity.Error, "indicators[3].score");

        Mentions(f, "12.00", "15.00", "60%");
    }

    [Fact]
    public void QUAL_BAND_accepts_a_partly_achieved_score_exactly_at_eighty_percent()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "维护及时性", "及时", "部分达成指标并具有一定效果", 12m, 9.60m, "个别不及时"));
        form.Indicators[4].Weight = 18m;
        form.Indicators[4].Score = 18m;
        form.Retotal();

        None(form, "QUAL-BAND");
    }

    [Fact]
    public void QUAL_BAND_uses_the_local_fifty_percent_band()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "沟通协调有效性", "有效", "部分达成指标并具有一定效果", 15m, 8m, "沟通滞后"));

        Single(form, "QUAL-BAND", Severity.Error, "indicators[3].score");
        None(form, "QUAL-BAND", RuleSets.LocalForm2020);
    }

    [Fact]
    public void UNIT_MISMATCH_warns_when_actual_and_target_units_differ()
    {
        var form = With(4, TestForms.Row("效益指标", "可持续影响指标", "业务用房正常使用情况", "=365.00(天)", "1(%)", 15m, 15m));

        var f = Single(form, "UNIT-MISMATCH", Severity.Warning, "indicators[4].actual");

        Mentions(f, "=365.00(天)", "1(%)", "天", "%", "15/15");
    }

    [Fact]
    public void UNIT_MISMATCH_warns_when_a_rate_is_measured_in_days()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "系统利用率", "≥365.00(天)", "365.00(天)", 15m, 15m));

        var f = Single(form, "UNIT-MISMATCH", Severity.Warning, "indicators[3].target");

        Mentions(f, "系统利用率", "≥365.00(天)", "天");
    }

    [Fact]
    public void UNIT_MISMATCH_passes_an_actual_printed_without_the_targets_unit()
    {
        var form = With(0, TestForms.Output("中心内设部门数", "=3个", "3", 20m, 20m));

        None(form, "UNIT-MISMATCH");
    }

    [Fact]
    public void ACT_UNMEASURED_warns_when_the_actual_restates_a_comparison()
    {
        var form = With(3, TestForms.Row("效益指标", "社会效益指标", "图像质量提高率", ">0.00(%)", ">0.00(%)", 15m, 15m));

        var f = Single(form, "ACT-UNMEASURED", Severity.Warning, "indicators[3].actual");

        Mentions(f, "图像质量提高率", ">0.00(%)", "15/15");
    }

    [Fact]
    public void ACT_UNMEASURED_warns_when_a_numeric_target_is_answered_with_words()
    {
        var form = With(0, TestForms.Output("经费控制数", "≤30 万元", "完成", 20m, 20m));

        var f = Single(form, "ACT-UNMEASURED", Severity.Warning, "indicators[0].actual");

        Mentions(f, "≤30 万元", "完成");
    }

    [Fact]
    public void ACT_UNMEASURED_passes_a_band_label_for_a_numeric_target()
    {
        var form = With(0, TestForms.Output("完成率", "=100.00(%)", "达成指标", 20m, 20m));

        None(form, "ACT-UNMEASURED");
    }

    /// <summary><paramref name="form"/> with the planned period given as ISO dates (null: not printed).</summary>
    private static PerformanceForm Planned(PerformanceForm form, string? start, string? end)
    {
        form.PlannedStart = start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        form.PlannedEnd = end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture);
        return form;
    }

    [Fact]
    public void DATE_ORDER_reports_a_planned_end_before_the_planned_start()
    {
        var f = Single(Planned(TestForms.Declaration(), "2023-07-01", "2023-06-30"), "DATE-ORDER", Severity.Error, "plannedEnd");

        Assert.Equal(CheckCategory.Consistency, f.Category);
        Mentions(f, "2023-06-30", "2023-07-01");
    }

    [Fact]
    public void DATE_ORDER_also_checks_a_self_evaluation_that_carries_dates() =>
        Single(Planned(TestForms.Valid(), "2024-01-01", "2023-12-31"), "DATE-ORDER", Severity.Error, "plannedEnd");

    [Theory]
    [InlineData("2023-01-01", "2023-12-31")]
    [InlineData("2023-03-01", "2023-03-01")]
    [InlineData(null, "2020-01-01")]
    [InlineData("2024-01-01", null)]
    public void DATE_ORDER_passes_a_period_in_order_a_single_day_and_a_missing_date(string? start, string? end) =>
        None(Planned(TestForms.Declaration(), start, end), "DATE-ORDER");
}
