using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;
using static Jixiao.Core.Tests.Checks.CheckRun;

namespace Jixiao.Core.Tests.Checks;

public class ArithmeticCheckTests
{
    private static PerformanceForm Funds(decimal budgetWan, decimal executedWan) =>
        TestForms.SelfEvaluation(budgetWan, executedWan, TestForms.Valid().Indicators.ToArray());

    [Fact]
    public void FUND_RATE_reports_a_rate_that_does_not_follow_from_the_amounts()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Total!.ExecutionRate = 95.00m;

        var f = Single(form, "FUND-RATE", Severity.Error, "funds.total.executionRate");

        Assert.Equal(CheckCategory.Arithmetic, f.Category);
        Mentions(f, "100.00%", "95.00%", "100.00 万元");
    }

    [Fact]
    public void FUND_RATE_passes_a_truncated_rate()
    {
        var form = Funds(181m, 180m);
        form.SelfEvaluationFunds!.Total!.ExecutionRate = 99.44m;

        None(form, "FUND-RATE");
    }

    [Fact]
    public void FUND_RATE_checks_the_sub_rows_too()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Appropriation!.ExecutionRate = 90.00m;

        Single(form, "FUND-RATE", Severity.Error, "funds.appropriation.executionRate");
    }

    [Fact]
    public void FUND_SCORE_reports_an_execution_score_that_is_not_rate_times_weight()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Total!.Score = 8.00m;
        form.Retotal();

        var f = Single(form, "FUND-SCORE", Severity.Error, "funds.total.score");

        Mentions(f, "10.00", "8.00", "100.00%");
    }

    [Fact]
    public void FUND_SCORE_passes_a_score_computed_from_a_truncated_rate()
    {
        var form = Funds(9.00m, 8.80m);
        form.SelfEvaluationFunds!.Total!.ExecutionRate = 97.77m;
        form.SelfEvaluationFunds.Total.Score = 9.78m;
        form.Retotal();

        None(form, "FUND-SCORE");
        None(form, "FUND-RATE");
    }

    [Fact]
    public void FUND_SUM_reports_a_total_row_that_is_not_the_sum_of_its_parts()
    {
        var form = TestForms.Valid();
        form.SelfEvaluationFunds!.Appropriation!.Executed = 90m * 10_000m;
        form.SelfEvaluationFunds.Appropriation.ExecutionRate = 90.00m;

        var f = Single(form, "FUND-SUM", Severity.Error, "funds.total.executed");

        Mentions(f, "100.00 万元", "90.00 万元");
    }

    [Fact]
    public void FUND_SUM_reports_a_declaration_whose_annual_request_is_not_the_sum_of_its_parts()
    {
        var form = TestForms.Declaration();
        form.DeclarationFunds!.AnnualAppropriation = 400m * 10_000m;

        var f = Single(form, "FUND-SUM", Severity.Error, "funds.annualTotal");

        Mentions(f, "500.00 万元", "450.00 万元");
    }

    [Fact]
    public void FUND_SUM_passes_consistent_funds()
    {
        None(TestForms.Valid(), "FUND-SUM");
        None(TestForms.Declaration(), "FUND-SUM");
    }

    [Fact]
    public void IND_SCORE_OVER_WEIGHT_reports_a_score_above_the_weight()
    {
        var form = TestForms.Valid();
        form.Indicators[2].Score = 16m;
        form.Retotal();

        var f = Single(form, "IND-SCORE-OVER-WEIGHT", Severity.Error, "indicators[2].score");

        Mentions(f, "故障响应时间", "16", "15");
    }

    [Fact]
    public void IND_SCORE_OVER_WEIGHT_passes_a_score_equal_to_the_weight() =>
        None(TestForms.Valid(), "IND-SCORE-OVER-WEIGHT");

    [Fact]
    public void WEIGHT_SUM_reports_weights_that_do_not_add_up_to_100()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Weight = 25m;
        form.Indicators[0].Score = 25m;
        form.Retotal();

        var f = Single(form, "WEIGHT-SUM", Severity.Error, "totalWeight");

        Mentions(f, "95", "105", "100");
    }

    [Fact]
    public void WEIGHT_SUM_passes_weights_adding_up_to_100() => None(TestForms.Valid(), "WEIGHT-SUM");

    [Fact]
    public void TOTAL_SUM_reports_a_total_that_is_not_the_sum_of_the_scores()
    {
        var form = TestForms.Valid();
        form.TotalScore = 98.50m;

        var f = Single(form, "TOTAL-SUM", Severity.Error, "totalScore");

        Mentions(f, "98.50", "100.00");
    }

    [Fact]
    public void TOTAL_SUM_passes_a_total_equal_to_the_sum() => None(TestForms.Valid(), "TOTAL-SUM");

    [Fact]
    public void IND_SCORE_FORMULA_warns_when_a_missed_target_is_not_scored_in_proportion()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("升级改造完成率", "=100.00(%)", "95.00(%)", 20m, 16m, "部分设备无法部署");
        form.Retotal();

        var f = Single(form, "IND-SCORE-FORMULA", Severity.Warning, "indicators[0].score");

        Mentions(f, "升级改造完成率", "19.00", "16");
    }

    [Fact]
    public void IND_SCORE_FORMULA_passes_the_proportional_score()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("升级改造完成率", "=100.00(%)", "95.00(%)", 20m, 19.00m, "部分设备无法部署");

        None(form.Retotal(), "IND-SCORE-FORMULA");
    }

    [Fact]
    public void IND_SCORE_FORMULA_uses_the_rule_sets_reverse_formula()
    {
        var form = TestForms.Valid();
        form.Indicators[2] = TestForms.Row("产出指标", "时效指标", "故障响应时间", "≤2.00(小时)", "4.00(小时)", 15m, 7.50m, "响应慢");
        form.Retotal();

        None(form, "IND-SCORE-FORMULA");
        Single(form, "IND-SCORE-FORMULA", Severity.Warning, "indicators[2].score", RuleSets.Platform);
    }

    [Fact]
    public void ROUNDING_notes_a_truncated_execution_rate()
    {
        var form = Funds(181m, 180m);
        form.SelfEvaluationFunds!.Total!.ExecutionRate = 99.44m;
        form.SelfEvaluationFunds.Total.Score = 9.94m;
        form.SelfEvaluationFunds.Appropriation!.ExecutionRate = 99.44m;
        form.Retotal();

        var f = Single(form, "ROUNDING", Severity.Info, "funds.total.executionRate");

        Mentions(f, "99.44%", "99.4475%", "99.45%");
        Assert.Contains("截尾", f.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ROUNDING_notes_an_indicator_score_truncated_to_one_decimal()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("先行联系率", "=100%", "=99.9%", 20m, 19.9m, "先联记录缺失");
        form.Retotal();

        var f = Single(form, "ROUNDING", Severity.Info, "indicators[0].score");

        Mentions(f, "19.9", "19.98");
        None(form, "IND-SCORE-FORMULA");
    }

    [Fact]
    public void ROUNDING_notes_a_sub_row_only_when_it_differs_from_the_total_row()
    {
        var form = Funds(181m, 180m);
        form.SelfEvaluationFunds!.Total!.ExecutionRate = 99.44m;
        form.SelfEvaluationFunds.Total.Score = 9.94m;
        form.SelfEvaluationFunds.Appropriation = TestForms.Line(180m, 179.49m, null, 99.71m, null);
        form.SelfEvaluationFunds.Other = TestForms.Line(1m, 0.51m, null, 51.00m, null);
        form.Retotal();

        var fields = Of(form, "ROUNDING").Select(x => x.Field).ToList();

        Assert.Equal(["funds.total.executionRate", "funds.appropriation.executionRate"], fields);
    }

    [Fact]
    public void ROUNDING_passes_numbers_rounded_by_the_rule_set() => None(TestForms.Valid(), "ROUNDING");
}
