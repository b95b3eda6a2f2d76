using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Filing;

/// <summary>Live evaluation of a form being filled: suggestions, sums, overrides and findings on their cells.</summary>
public sealed class LiveEvaluationTests
{
    private static readonly LiveEvaluator Evaluator = new();

    private static LiveEvaluation Evaluate(PerformanceForm form, Dictionary<string, string>? reasons = null) => Evaluator.Evaluate(form, reasons);

    [Fact]
    public void A_draft_without_scores_gets_the_rules_suggestions_total_and_grade()
    {
        var live = Evaluate(LiveForms.SelfEvaluationDraft());
        var s = live.Scores!;

        Assert.Equal(18.00m, s.Indicators[0].Point);    // 20 × 90 / 100
        Assert.Equal(12.00m, s.Indicators[1].Point);    // 15 × 2 / 2.5 (reverse, variant A)
        Assert.Equal(15.00m, s.Indicators[2].Point);    // met
        Assert.Null(s.Indicators[3].Point);             // a band: the unit chooses
        Assert.Equal(18.00m, s.Indicators[3].Min);      // 30 × 60%
        Assert.Equal(24.00m, s.Indicators[3].Max);      // 30 × 80%
        Assert.Equal(10.00m, s.Indicators[4].Point);
        Assert.Equal(90.00m, s.Execution.Rate);         // 180 / 200
        Assert.Equal(9.00m, s.Execution.Point);         // 90% × 10

        // 18 + 12 + 15 + 18 (bottom of the band, still pending) + 10 + 9 = 82
        Assert.Equal(82.00m, s.Total);
        Assert.Equal(Grade.Good, s.Grade);
        Assert.Equal(82.00m, s.RulesTotal);
        Assert.True(s.IsProvisional);
        Assert.Equal(1, s.Pending);
        Assert.All(s.Indicators, x => Assert.False(x.IsOverride));
        Assert.Contains("20 × 90.00 / 100 = 18.00", s.Indicators[0].ExplanationEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_score_in_the_band_completes_the_total_and_the_form_as_filed()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[3].Score = 21m;

        var live = Evaluate(form);

        // 18 + 12 + 15 + 21 + 10 + 9 = 85
        Assert.Equal(85.00m, live.Scores!.Total);
        Assert.Equal(Grade.Good, live.Scores.Grade);
        Assert.False(live.Scores.IsProvisional);
        Assert.False(live.Scores.Indicators[3].IsOverride);

        var filed = live.AsFiled;
        Assert.NotSame(form, filed);
        Assert.Equal([18.00m, 12.00m, 15.00m, 21m, 10.00m], filed.Indicators.Select(i => i.Score!.Value));
        Assert.Equal(90.00m, filed.SelfEvaluationFunds!.Total!.ExecutionRate);
        Assert.Equal(9.00m, filed.SelfEvaluationFunds.Total.Score);
        Assert.Equal(10m, filed.SelfEvaluationFunds.Total.Weight);
        Assert.Equal(100m, filed.TotalWeight);
        Assert.Equal(85.00m, filed.TotalScore);
        Assert.Equal("良", filed.Grade);

        // the draft itself is never changed
        Assert.Null(form.Indicators[0].Score);
        Assert.Null(form.TotalScore);
        Assert.Null(form.SelfEvaluationFunds!.Total!.Score);
    }

    [Fact]
    public void Deductions_without_a_deviation_explanation_are_flagged_even_when_suggested()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[1].Deviation = "备件到货延迟，已与供应商约定 2 小时内到场。";

        var live = Evaluate(form);
        var s = live.Scores!.Indicators;

        Assert.True(s[0].NeedsDeviation);   // suggested 18 of 20, no 偏差原因
        Assert.False(s[1].NeedsDeviation);  // 12 of 15, explained
        Assert.False(s[2].NeedsDeviation);  // full marks
        Assert.False(s[3].NeedsDeviation);  // no score chosen yet
        var f = Assert.Single(live.FindingsAt("indicators[0].deviation"));
        Assert.Equal("DEV-MISSING", f.Code);
    }

    [Fact]
    public void An_override_needs_a_reason_and_is_reported_on_its_score_cell()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[0].Score = 20m;   // missed (90 of 100) yet full marks
        form.Indicators[3].Score = 21m;

        var live = Evaluate(form);
        var row = live.Scores!.Indicators[0];

        Assert.True(row.IsOverride);
        Assert.True(row.NeedsReason);
        Assert.Equal(1, live.Scores.ReasonsMissing);
        // 20 + 12 + 15 + 21 + 10 + 9 = 87 as filed; the rules give 18 for row 0: 85
        Assert.Equal(87m, live.Scores.Total);
        Assert.Equal(85.00m, live.Scores.RulesTotal);
        var codes = live.FindingsAt("indicators[0].score").Select(f => f.Code).Order().ToList();
        Assert.Equal(["IND-MISSED-FULL", "SCORE-OVERRIDE"], codes);
        var over = live.FindingsAt("indicators[0].score").Single(f => f.Code == "SCORE-OVERRIDE");
        Assert.Equal(Severity.Error, over.Severity);
        Assert.Contains("18.00", over.MessageZh, StringComparison.Ordinal);
        Assert.Contains("needs a reason", over.MessageEn, StringComparison.Ordinal);
        Assert.True(live.HasErrors);
    }

    [Fact]
    public void A_reason_clears_the_override_finding_but_keeps_the_override_visible()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[0].Score = 20m;

        var live = Evaluate(form, new Dictionary<string, string> { ["indicators[0].score"] = "巡检计划经主管部门同意调减为 90 次。" });

        Assert.True(live.Scores!.Indicators[0].IsOverride);
        Assert.True(live.Scores.Indicators[0].ReasonGiven);
        Assert.DoesNotContain(live.Findings, f => f.Code == "SCORE-OVERRIDE");
    }

    [Fact]
    public void A_blank_reason_is_no_reason()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[0].Score = 20m;

        var live = Evaluate(form, new Dictionary<string, string> { ["indicators[0].score"] = "  " });

        Assert.Contains(live.FindingsAt("indicators[0].score"), f => f.Code == "SCORE-OVERRIDE");
    }

    [Fact]
    public void A_score_that_differs_only_by_rounding_is_not_an_override()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators.Add(TestForms.Row("产出指标", "数量指标", "培训场次", "≥3场", "2场", 10m, 6.66m));

        var live = Evaluate(form);
        var row = live.Scores!.Indicators[5];

        Assert.Equal(6.67m, row.Point);   // 10 × 2 / 3 = 6.666… rounded half up
        Assert.False(row.IsOverride);     // 6.66 is the same value truncated
    }

    [Fact]
    public void A_score_outside_the_band_is_an_override()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.Indicators[3].Score = 27m;   // 部分达成 allows 18–24 (with 0.01 + 0.5% × 30 = 0.16 of slack)

        var row = Evaluate(form).Scores!.Indicators[3];

        Assert.True(row.IsOverride);
    }

    [Fact]
    public void An_execution_score_other_than_rate_times_weight_is_an_override()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.SelfEvaluationFunds!.Total!.Score = 10m;   // 90% × 10 = 9

        var live = Evaluate(form);

        Assert.True(live.Scores!.Execution.IsOverride);
        var codes = live.FindingsAt("funds.total.score").Select(f => f.Code).Order().ToList();
        Assert.Equal(["FUND-SCORE", "SCORE-OVERRIDE"], codes);
        Assert.Equal(10m, live.Scores.Execution.Effective);
    }

    [Fact]
    public void Without_an_executed_amount_the_execution_part_is_pending()
    {
        var form = LiveForms.SelfEvaluationDraft();
        form.SelfEvaluationFunds!.Total!.Executed = null;
        form.Indicators[3].Score = 21m;

        var live = Evaluate(form);

        Assert.Null(live.Scores!.Execution.Point);
        Assert.True(live.Scores.IsProvisional);
        Assert.Null(live.AsFiled.TotalScore);
        // the empty executed amount is VALUE-MISSING, which waits for the submission
        Assert.Contains(live.Deferred, f => f.Code == "VALUE-MISSING" && f.Field == "funds.total.executed");
        Assert.DoesNotContain(live.Findings, f => f.Code == "VALUE-MISSING");
    }

    [Fact]
    public void Weight_sums_run_per_first_level_and_in_total()
    {
        var live = Evaluate(LiveForms.SelfEvaluationDraft());
        var w = live.Weights;

        Assert.Equal(50m, w.Of(IndicatorCategory.Output).Sum);     // 20 + 15 + 15
        Assert.Equal(3, w.Of(IndicatorCategory.Output).Count);
        Assert.Equal(30m, w.Of(IndicatorCategory.Benefit).Sum);
        Assert.Equal(10m, w.Of(IndicatorCategory.Satisfaction).Sum);
        Assert.Equal(0m, w.Of(IndicatorCategory.Cost).Sum);
        Assert.Equal(90m, w.Indicators);
        Assert.Equal(10m, w.Execution);
        Assert.Equal(100m, w.Total);
        Assert.True(w.AddsUp);
        Assert.Equal(0m, w.Of(IndicatorCategory.Output).Remaining);   // default 50
    }

    [Fact]
    public void The_level_names_and_default_weights_come_from_the_rule_set()
    {
        var live = Evaluate(LiveForms.Declaration());

        Assert.Equal(["成本指标", "产出指标", "效益指标", "满意度指标"], live.Levels.Select(l => l.Name));
        Assert.Equal(["数量指标", "质量指标", "时效指标"], live.Levels.Single(l => l.Category == IndicatorCategory.Output).Level2);
        Assert.Equal(new LevelWeights(50m, 30m, 10m), live.DefaultWeights);
        Assert.Equal(10m, live.DefaultExecutionWeight);
        Assert.False(live.Weights.WithCost);
        Assert.False(live.Weights.Of(IndicatorCategory.Cost).Required);
        Assert.True(live.Weights.Of(IndicatorCategory.Output).Required);
        Assert.Null(live.Scores);
    }

    [Fact]
    public void A_cost_indicator_switches_to_the_defaults_with_cost()
    {
        var live = Evaluate(LiveForms.Declaration(LiveForms.Row("成本指标", "经济成本指标", "单位运维成本", "≤2万元", 10m)));

        Assert.True(live.Weights.WithCost);
        Assert.Equal(new LevelWeights(40m, 30m, 10m, 10m), live.DefaultWeights);
        Assert.Equal(10m, live.Weights.Of(IndicatorCategory.Cost).Default);
        Assert.Equal(40m, live.Weights.Of(IndicatorCategory.Output).Remaining);
    }

    [Fact]
    public void A_shanghai_municipal_2025_form_starts_with_cost_and_misses_it_until_added()
    {
        var form = LiveForms.Declaration(LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", 40m));
        form.Department = "上海市财政局";
        form.Year = 2025;

        var live = LiveEvaluator.For(form).Evaluate(form);

        Assert.Same(RuleSets.ShanghaiMunicipal2025, live.Rules);
        Assert.True(live.Weights.WithCost);
        Assert.True(live.Weights.Of(IndicatorCategory.Cost).Required);
        Assert.Equal(new LevelWeights(40m, 30m, 10m, 10m), live.DefaultWeights);
        Assert.Contains(live.FindingsAt("indicators"), f => f.Code == "CAT-MISSING" && f.MessageZh.Contains("成本指标", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declaration_with_weights_gets_running_sums_and_the_weight_checks()
    {
        var live = Evaluate(LiveForms.Declaration(
            LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", 30m),
            LiveForms.Row("产出指标", "质量指标", "活动合格率", "≥95%", 15m),
            LiveForms.Row("效益指标", "社会效益指标", "参与人次", "≥600人次", 30m),
            LiveForms.Row("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", 10m)));

        // 30 + 15 + 30 + 10 = 85 indicators + 10 execution = 95, not 100
        Assert.Equal(95m, live.Weights.Total);
        Assert.Equal(5m, live.Weights.Remaining);
        Assert.False(live.Weights.AddsUp);
        Assert.Equal(5m, live.Weights.Of(IndicatorCategory.Output).Remaining);   // 50 − 45
        var f = Assert.Single(live.FindingsAt("totalWeight"));
        Assert.Equal("WEIGHT-SUM", f.Code);
        Assert.Contains(live.FindingsAt("indicators"), x => x.Code == "WEIGHT-SPLIT");
    }

    [Fact]
    public void A_missing_weight_keeps_the_sums_from_adding_up_and_the_weight_sum_check_quiet()
    {
        var live = Evaluate(LiveForms.Declaration(
            LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", 50m),
            LiveForms.Row("效益指标", "社会效益指标", "参与人次", "≥600人次", 30m),
            LiveForms.Row("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", null)));

        Assert.Equal(1, live.Weights.MissingWeights);
        Assert.Equal(90m, live.Weights.Total);
        Assert.False(live.Weights.AddsUp);
        Assert.Empty(live.FindingsAt("totalWeight"));
    }

    [Fact]
    public void Target_cells_are_read_and_their_findings_keyed_by_field()
    {
        var live = Evaluate(LiveForms.Declaration(
            LiveForms.Row("产出指标", "数量指标", "服务场次", "≥12场", null),
            LiveForms.Row("产出指标", "质量指标", "投诉处理率", "≥0%", null),
            LiveForms.Row("效益指标", "社会效益指标", "社区环境", "90-95%", null)));

        Assert.True(live.Indicators[0].Target.IsOk);
        Assert.Equal(12m, live.Indicators[0].Target.Number);
        Assert.Null(live.Indicators[0].Actual);
        Assert.Equal(ValueProblem.NotOneValue, live.Indicators[2].Target.Problems);
        var vacuous = Assert.Single(live.FindingsAt("indicators[1].target"));
        Assert.Equal("TGT-VACUOUS", vacuous.Code);
        Assert.Contains(live.FindingsOfIndicator(2), f => f.Code == "TGT-UNMEASURABLE");
        Assert.Empty(live.FindingsOfIndicator(0));
    }
}
