using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

public class RuleSetTests
{
    [Fact]
    public void National_default_follows_the_2020_measures()
    {
        var r = RuleSets.National2020;

        Assert.Equal("national-2020", r.Name);
        Assert.Contains("财预〔2020〕10号", r.Source, StringComparison.Ordinal);
        Assert.Equal(10m, r.ExecutionWeight);
        Assert.Equal(new LevelWeights(50m, 30m, 10m), r.DefaultWeights);
        Assert.Equal(new LevelWeights(40m, 30m, 10m, 10m), r.DefaultWeightsWithCost);
        Assert.Equal(QualitativeBands.Central, r.QualitativeBands);
        Assert.Equal(new GradeBands(90m, 80m, 60m), r.GradeBands);
        Assert.Equal(RoundingMode.HalfUp, r.Rounding);
        Assert.Equal(ReverseFormula.TargetOverActual, r.ReverseFormula);
        Assert.Equal(100m, r.DefaultWeights.Sum + r.ExecutionWeight);
        Assert.Equal(100m, r.DefaultWeightsWithCost.Sum + r.ExecutionWeight);
    }

    [Fact]
    public void Local_variant_overrides_only_what_differs()
    {
        var local = RuleSets.LocalForm2020;

        Assert.Equal(new QualitativeBands(0.80m, 0.50m), local.QualitativeBands);
        Assert.Equal(RuleSets.National2020.GradeBands, local.GradeBands);
        Assert.Equal(RuleSets.National2020.DefaultWeights, local.DefaultWeights);
        Assert.NotEqual(RuleSets.National2020.Name, local.Name);
    }

    [Fact]
    public void Platform_variant_grades_80_70_60_and_uses_the_linear_reverse_formula()
    {
        Assert.Equal(new GradeBands(80m, 70m, 60m), RuleSets.Platform.GradeBands);
        Assert.Equal(ReverseFormula.LinearPenalty, RuleSets.Platform.ReverseFormula);
    }

    [Fact]
    public void Shanghai_municipal_2025_requires_a_cost_indicator_from_2025()
    {
        var r = RuleSets.ShanghaiMunicipal2025;

        Assert.Contains(IndicatorCategory.Cost, r.RequiredCategories);
        Assert.True(r.Covers(2025));
        Assert.False(r.Covers(2024));
        Assert.True(r.Covers(null));
    }

    [Fact]
    public void Every_standard_level_name_belongs_to_its_first_level()
    {
        foreach (var r in RuleSets.All)
        {
            Assert.Equal(4, r.Levels.Count);
            foreach (var level in r.Levels)
            {
                Assert.Equal(level.Category, IndicatorVocabulary.CategoryOf(level.Name, null));
                Assert.NotEmpty(level.Level2);
                Assert.All(level.Level2, l2 => Assert.Equal(level.Category, IndicatorVocabulary.CategoryOf(null, l2)));
            }
        }
    }

    [Fact]
    public void New_forms_start_with_cost_only_where_the_rule_set_requires_it()
    {
        Assert.False(RuleSets.National2020.RequiresCost);
        Assert.True(RuleSets.ShanghaiMunicipal2025.RequiresCost);
        Assert.Equal(new LevelWeights(50m, 30m, 10m), RuleSets.National2020.DefaultWeightsFor(withCost: false));
        Assert.Equal(new LevelWeights(40m, 30m, 10m, 10m), RuleSets.National2020.DefaultWeightsFor(withCost: true));
    }

    [Fact]
    public void Rule_sets_are_found_by_name()
    {
        Assert.Same(RuleSets.Platform, RuleSets.Find("PLATFORM-S9-S10"));
        Assert.Null(RuleSets.Find("nowhere"));
        Assert.Equal(4, RuleSets.All.Count);
    }

    [Fact]
    public void Jurisdiction_overrides_with_a_with_expression()
    {
        var hubei = RuleSets.National2020 with { Name = "hubei-execution-20", ExecutionWeight = 20m, Jurisdiction = "湖北", Source = "S30" };
        var form = TestForms.SelfEvaluation(100m, 50m, TestForms.Output("完成率", "=100%", "100%", 80m, 80m));
        form.SelfEvaluationFunds!.Total!.Weight = null;

        var e = new Scorer(hubei).Score(form).Execution;

        Assert.Equal(20m, e.Weight);
        Assert.Equal(10.00m, e.Expected);
    }
}
