using Jixiao.Core.Checks;
using Jixiao.Core.Tests.Scoring;
using static Jixiao.Core.Tests.Checks.CheckRun;

namespace Jixiao.Core.Tests.Checks;

public class TargetQualityCheckTests
{
    [Fact]
    public void TGT_UNMEASURABLE_notes_a_vague_word_as_target()
    {
        var form = TestForms.Valid();
        form.Indicators[3] = TestForms.Row("效益指标", "社会效益指标", "服务水平", "提升", "达成指标", 15m, 15m);

        var f = Single(form, "TGT-UNMEASURABLE", Severity.Info, "indicators[3].target");

        Assert.Equal(CheckCategory.TargetQuality, f.Category);
        Mentions(f, "服务水平", "提升");
    }

    [Fact]
    public void TGT_UNMEASURABLE_notes_vague_targets_in_declarations()
    {
        var form = TestForms.Declaration();
        form.Indicators[2].Target = "改善";

        Single(form, "TGT-UNMEASURABLE", Severity.Info, "indicators[2].target");
    }

    [Fact]
    public void TGT_UNMEASURABLE_passes_quantitative_targets() => None(TestForms.Valid(), "TGT-UNMEASURABLE");

    [Theory]
    [InlineData("不适用", "不适用")]
    [InlineData("不涉及", "不涉及")]
    [InlineData("不适用", "无")]
    public void TGT_UNMEASURABLE_leaves_rows_that_say_the_indicator_does_not_apply(string name, string target)
    {
        // Shenzhen declarations print 不适用 under every second-level indicator the project has none of.
        var form = TestForms.Declaration();
        form.Indicators[2].Name = name;
        form.Indicators[2].Target = target;

        None(form, "TGT-UNMEASURABLE");
    }

    [Fact]
    public void TGT_UNMEASURABLE_still_notes_无_as_the_target_of_a_named_indicator()
    {
        // 有责投诉率 无: a target in words (no complaints), as before.
        var form = TestForms.Declaration();
        form.Indicators[2].Target = "无";

        Single(form, "TGT-UNMEASURABLE", Severity.Info, "indicators[2].target");
    }

    [Theory]
    [InlineData("≥0.00(%)")]
    [InlineData(">0.00(%)")]
    [InlineData(">0")]
    public void TGT_VACUOUS_warns_for_targets_met_by_definition(string target)
    {
        var form = TestForms.Valid();
        form.Indicators[3] = TestForms.Row("效益指标", "社会效益指标", "隐患改善率", target, "5.00(%)", 15m, 15m);

        var f = Single(form, "TGT-VACUOUS", Severity.Warning, "indicators[3].target");

        Mentions(f, "隐患改善率", target);
    }

    [Fact]
    public void TGT_VACUOUS_passes_a_zero_target_that_means_none_allowed() =>
        None(TestForms.Valid(), "TGT-VACUOUS"); // =0.00(起) 有责投诉

    [Fact]
    public void TGT_TOO_LOW_notes_a_target_exceeded_ten_times_over()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("联勤联动次数", "≥10.00(次)", "100.00(次)", 20m, 20m);

        var f = Single(form, "TGT-TOO-LOW", Severity.Info, "indicators[0].target");

        Mentions(f, "联勤联动次数", "≥10.00(次)", "100.00(次)", "10");
    }

    [Fact]
    public void TGT_TOO_LOW_passes_a_moderate_over_achievement()
    {
        var form = TestForms.Valid();
        form.Indicators[0] = TestForms.Output("接入单位数", "≥100.00(家)", "150.00(家)", 20m, 20m);

        None(form, "TGT-TOO-LOW");
    }

    [Fact]
    public void WEIGHT_SPLIT_warns_for_first_level_weights_off_the_default()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Weight = 8m;
        form.Indicators[0].Score = 8m;
        form.Indicators[3].Weight = 27m;
        form.Indicators[3].Score = 27m;
        form.Retotal();

        var f = Single(form, "WEIGHT-SPLIT", Severity.Warning, "indicators");

        Mentions(f, "产出 38 / 效益 42 / 满意度 10", "产出 50 / 效益 30 / 满意度 10");
        None(form, "WEIGHT-SUM");
    }

    [Fact]
    public void WEIGHT_SPLIT_passes_the_split_with_a_cost_indicator()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Weight = 10m;
        form.Indicators[0].Score = 10m;
        form.Indicators.Insert(0, TestForms.Row("成本指标", "经济成本指标", "单位维护成本", "≤500元/台", "480元/台", 10m, 10m));
        form.Retotal();

        None(form, "WEIGHT-SPLIT");
        None(form, "WEIGHT-SUM");
    }

    [Fact]
    public void IND_WEIGHT_CONCENTRATED_warns_when_one_indicator_carries_most_of_the_weight()
    {
        var form = TestForms.SelfEvaluation(
            TestForms.Output("中心内设部门数", "=3个", "3", 60m, 60m),
            TestForms.Row("效益指标", "社会效益指标", "社区平安建设", "≥95%", "97%", 20m, 20m),
            TestForms.Row("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "92%", 10m, 10m));

        var f = Single(form, "IND-WEIGHT-CONCENTRATED", Severity.Warning, "indicators[0].weight");

        Mentions(f, "中心内设部门数", "60", "66.67%", "90");
    }

    [Fact]
    public void IND_WEIGHT_CONCENTRATED_passes_spread_weights() => None(TestForms.Valid(), "IND-WEIGHT-CONCENTRATED");
}
