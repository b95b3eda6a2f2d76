using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Filing;

/// <summary>Findings that only make sense on a finished form wait while their cell is empty, and come back once it is typed.</summary>
public sealed class DeferralTests
{
    private static readonly LiveEvaluator Evaluator = new();

    [Fact]
    public void Every_deferral_names_a_check_of_the_catalogue()
    {
        Assert.All(LiveChecks.Deferrals, d => Assert.NotNull(CheckCatalogue.Find(d.Code)));
        Assert.Null(CheckCatalogue.Find(LiveChecks.OverrideReason.Code));   // live only: published forms carry no reasons
    }

    [Fact]
    public void Empty_cells_are_deferred_as_value_missing_not_shown()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[2].Actual = null;

        var live = Evaluator.Evaluate(form);

        Assert.Contains(live.Deferred, f => f.Code == "VALUE-MISSING" && f.Field == "indicators[2].actual");
        Assert.DoesNotContain(live.Findings, f => f.Code == "VALUE-MISSING");
        // the same form through the catalogue reports it: it is withheld, not lost
        Assert.Contains(new FormChecker().Check(form), f => f.Code == "VALUE-MISSING" && f.Field == "indicators[2].actual");
    }

    [Fact]
    public void A_new_row_without_levels_is_not_an_unknown_category_until_a_label_is_typed()
    {
        var form = LiveForms.Declaration(LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", null));
        form.Indicators.Add(new Indicator());

        var live = Evaluator.Evaluate(form);
        Assert.DoesNotContain(live.Findings, f => f.Code == "CAT-UNKNOWN");
        Assert.Contains(live.Deferred, f => f.Code == "CAT-UNKNOWN" && f.Field == "indicators[1].level1");

        form.Indicators[1].Level2 = "其他指标";
        live = Evaluator.Evaluate(form);
        Assert.Contains(live.FindingsAt("indicators[1].level1"), f => f.Code == "CAT-UNKNOWN");
    }

    [Fact]
    public void Missing_categories_wait_for_the_first_indicator()
    {
        var form = LiveForms.Declaration();

        var live = Evaluator.Evaluate(form);
        Assert.DoesNotContain(live.Findings, f => f.Code == "CAT-MISSING");
        Assert.Equal(3, live.Deferred.Count(f => f.Code == "CAT-MISSING"));   // 产出, 效益, 满意度

        form.Indicators.Add(LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", null));
        live = Evaluator.Evaluate(form);
        Assert.Equal(2, live.FindingsAt("indicators").Count(f => f.Code == "CAT-MISSING"));   // 效益, 满意度
    }

    [Fact]
    public void A_fund_total_waits_until_all_its_parts_are_typed()
    {
        var form = LiveForms.SelfEvaluationDraft();
        var funds = form.SelfEvaluationFunds!;
        funds.Appropriation!.AnnualBudget = 150m * 10_000m;   // total 200
        funds.Carryover!.AnnualBudget = null;

        var live = Evaluator.Evaluate(form);
        Assert.Empty(live.FindingsAt("funds.total.annualBudget"));
        Assert.Contains(live.Deferred, f => f.Code == "FUND-SUM" && f.Field == "funds.total.annualBudget");

        funds.Carryover.AnnualBudget = 0m;   // 150 + 0 + 0 ≠ 200
        live = Evaluator.Evaluate(form);
        Assert.Equal("FUND-SUM", Assert.Single(live.FindingsAt("funds.total.annualBudget")).Code);
    }

    [Fact]
    public void A_weight_share_waits_until_all_weights_are_typed()
    {
        var form = LiveForms.Declaration(
            LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", 60m),
            LiveForms.Row("效益指标", "社会效益指标", "参与人次", "≥600人次", null),
            LiveForms.Row("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", null));

        var live = Evaluator.Evaluate(form);
        Assert.DoesNotContain(live.Findings, f => f.Code == "IND-WEIGHT-CONCENTRATED");   // 60 of 60 typed so far
        Assert.Contains(live.Deferred, f => f.Code == "IND-WEIGHT-CONCENTRATED");

        form.Indicators[1].Weight = 15m;
        form.Indicators[2].Weight = 15m;   // 60 of 90 = 67% > 50%
        live = Evaluator.Evaluate(form);
        Assert.Contains(live.FindingsAt("indicators[0].weight"), f => f.Code == "IND-WEIGHT-CONCENTRATED");
    }

    [Fact]
    public void Actuals_on_their_thresholds_wait_for_every_actual()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators.Clear();
        form.Indicators.AddRange(
        [
            TestForms.Row("产出指标", "质量指标", "设备完好率", "≥95%", "95%", 25m, null),
            TestForms.Row("产出指标", "时效指标", "故障响应时间", "≤2小时", "2小时", 25m, null),
            TestForms.Row("效益指标", "社会效益指标", "系统可用率", "≥99%", "99%", 30m, null),
            TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", null, 10m, null),
        ]);

        var live = Evaluator.Evaluate(form);
        Assert.DoesNotContain(live.Findings, f => f.Code == "ACT-AT-THRESHOLD");
        Assert.Contains(live.Deferred, f => f.Code == "ACT-AT-THRESHOLD");

        form.Indicators[3].Actual = "90%";   // 4 of 4 on their bounds
        live = Evaluator.Evaluate(form);
        Assert.Contains(live.FindingsAt("indicators"), f => f.Code == "ACT-AT-THRESHOLD");
    }
}
