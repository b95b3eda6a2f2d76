using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;
using static Jixiao.Core.Tests.Checks.CheckRun;

namespace Jixiao.Core.Tests.Checks;

public class CompletenessCheckTests
{
    [Fact]
    public void DEV_MISSING_warns_when_points_are_deducted_without_a_reason()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("设备维护完成率", "=100.00(%)", "90.00(%)", 20m, 18m, deviation: " ");
        form.Retotal();

        var f = Single(form, "DEV-MISSING", Severity.Warning, "indicators[0].deviation");

        Assert.Equal(CheckCategory.Completeness, f.Category);
        Mentions(f, "设备维护完成率", "18", "20");
    }

    [Fact]
    public void DEV_MISSING_passes_a_deduction_with_a_reason()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("设备维护完成率", "=100.00(%)", "90.00(%)", 20m, 18m, "部分设备停用，明年更换");

        None(form.Retotal(), "DEV-MISSING");
    }

    [Fact]
    public void GOAL_COPIED_warns_when_the_actual_results_repeat_the_expected_goal()
    {
        var form = TestForms.Valid();
        form.Goals.Expected = "保障设备正常运行，提升服务水平（全年１２０次）。";
        form.Goals.Actual = "保障设备正常运行, 提升服务水平 (全年120次)。";

        var f = Single(form, "GOAL-COPIED", Severity.Warning, "goals.actual");

        Mentions(f, "保障设备正常运行");
    }

    [Fact]
    public void GOAL_COPIED_passes_an_actual_that_reports_results() => None(TestForms.Valid(), "GOAL-COPIED");

    [Fact]
    public void CAT_MISSING_warns_when_a_form_has_no_satisfaction_indicator()
    {
        var form = TestForms.Valid();
        form.Indicators.RemoveAt(5);
        form.Indicators[0].Weight = 30m;
        form.Indicators[0].Score = 30m;
        form.Retotal();

        var f = Single(form, "CAT-MISSING", Severity.Warning, "indicators");

        Mentions(f, "满意度指标", "5");
    }

    [Fact]
    public void CAT_MISSING_checks_declarations_too()
    {
        var form = TestForms.Declaration();
        form.Indicators.RemoveAt(2);

        var f = Single(form, "CAT-MISSING", Severity.Warning, "indicators");

        Mentions(f, "效益指标");
    }

    [Fact]
    public void CAT_MISSING_requires_a_cost_indicator_where_the_rule_set_does()
    {
        var f = Single(TestForms.Valid(), "CAT-MISSING", Severity.Warning, "indicators", RuleSets.ShanghaiMunicipal2025);

        Mentions(f, "成本指标");
    }

    [Fact]
    public void CAT_MISSING_passes_a_form_with_all_three_categories() => None(TestForms.Valid(), "CAT-MISSING");

    [Fact]
    public void CAT_UNKNOWN_notes_an_indicator_without_recognisable_level_labels()
    {
        var form = TestForms.Valid();
        form.Indicators[3].Level1 = null;
        form.Indicators[3].Level2 = "社会稳定";

        var f = Single(form, "CAT-UNKNOWN", Severity.Info, "indicators[3].level1");

        Mentions(f, "设备完好率", "社会稳定");
        None(form, "WEIGHT-SPLIT");
    }

    [Fact]
    public void CAT_UNKNOWN_passes_labels_derived_from_the_second_level()
    {
        var form = TestForms.Valid();
        form.Indicators[3].Level1 = null;

        None(form, "CAT-UNKNOWN");
    }

    [Fact]
    public void VALUE_MISSING_warns_for_a_missing_actual_value()
    {
        var form = TestForms.Valid();
        form.Indicators[1].Actual = "—";

        var f = Single(form, "VALUE-MISSING", Severity.Warning, "indicators[1].actual");

        Mentions(f, "维护质量合格率");
    }

    [Fact]
    public void VALUE_MISSING_warns_for_a_missing_total_score()
    {
        var form = TestForms.Valid();
        form.TotalScore = null;

        Single(form, "VALUE-MISSING", Severity.Warning, "totalScore");
    }

    [Fact]
    public void VALUE_MISSING_warns_for_a_declaration_indicator_without_a_target()
    {
        var form = TestForms.Declaration();
        form.Indicators[1].Target = "";

        var f = Single(form, "VALUE-MISSING", Severity.Warning, "indicators[1].target");

        Mentions(f, "薪酬按月发放率");
    }

    [Fact]
    public void VALUE_MISSING_passes_complete_forms()
    {
        None(TestForms.Valid(), "VALUE-MISSING");
        None(TestForms.Declaration(), "VALUE-MISSING");
    }

    [Fact]
    public void FUND_RATE_LOW_notes_execution_below_ninety_percent()
    {
        var form = TestForms.SelfEvaluation(38.66m, 10.00m, [.. TestForms.Valid().Indicators]);

        var f = Single(form, "FUND-RATE-LOW", Severity.Info, "funds.total.executionRate");

        Mentions(f, "25.8665%", "90%");
    }

    [Fact]
    public void FUND_RATE_LOW_passes_ninety_percent_and_can_be_switched_off()
    {
        None(TestForms.SelfEvaluation(100m, 90m, [.. TestForms.Valid().Indicators]), "FUND-RATE-LOW");
        None(TestForms.SelfEvaluation(100m, 10m, [.. TestForms.Valid().Indicators]), "FUND-RATE-LOW", RuleSets.National2020 with { LowExecutionRate = null });
    }
}
