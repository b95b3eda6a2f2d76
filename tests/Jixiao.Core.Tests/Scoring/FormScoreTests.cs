using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

public class FormScoreTests
{
    [Fact]
    public void Consistent_form_recomputes_to_its_printed_total_and_grade()
    {
        var score = new Scorer().Score(TestForms.Valid());

        Assert.Equal(100m, score.Recomputed);
        Assert.Equal(100m, score.RecomputedMin);
        Assert.Equal(100m, score.RecomputedMax);
        Assert.Equal(100m, score.PrintedTotal);
        Assert.Equal(100m, score.PrintedSum);
        Assert.Equal(Grade.Excellent, score.RecomputedGrade);
        Assert.Equal(Grade.Excellent, score.PrintedGrade);
        Assert.True(score.IsComplete);
        Assert.Equal(90m, score.IndicatorWeightSum);
    }

    [Fact]
    public void Total_is_the_sum_of_indicator_scores_and_the_execution_score()
    {
        var form = TestForms.SelfEvaluation(181m, 180m,
            TestForms.Output("数据移交率", "=100.00(%)", "90.00(%)", 50m, 50m),
            TestForms.Row("效益指标", "社会效益指标", "协同有效性", "有效", "部分达成指标并具有一定效果", 30m, 21m),
            TestForms.Row("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10m, 10m));

        var score = new Scorer().Score(form);

        // 45.00 + [18, 24] + 10 + 9.94 (99.45% × 10)
        Assert.Equal(9.94m, score.Execution.Expected);
        Assert.Equal(45m + 18m + 10m + 9.94m, score.RecomputedMin);
        Assert.Equal(45m + 24m + 10m + 9.94m, score.RecomputedMax);
        Assert.Equal(45m + 21m + 10m + 9.94m, score.Recomputed);
        Assert.Equal(Grade.Good, score.RecomputedGrade);
        Assert.Equal(Grade.Excellent, score.PrintedTotalGrade);
    }

    [Theory]
    [InlineData(100, Grade.Excellent)]
    [InlineData(90, Grade.Excellent)]
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(79.99, Grade.Fair)]
    [InlineData(60, Grade.Fair)]
    [InlineData(59.99, Grade.Poor)]
    [InlineData(0, Grade.Poor)]
    public void Central_grade_bands_are_90_80_60(double total, Grade grade) =>
        Assert.Equal(grade, RuleSets.National2020.GradeBands.GradeOf((decimal)total));

    [Theory]
    [InlineData(85, Grade.Excellent)]
    [InlineData(80, Grade.Excellent)]
    [InlineData(75, Grade.Good)]
    [InlineData(65, Grade.Fair)]
    [InlineData(59, Grade.Poor)]
    public void Local_grade_bands_are_80_70_60(double total, Grade grade) =>
        Assert.Equal(grade, RuleSets.Platform.GradeBands.GradeOf((decimal)total));

    [Theory]
    [InlineData("优", Grade.Excellent)]
    [InlineData(" 良好 ", Grade.Good)]
    [InlineData("中", Grade.Fair)]
    [InlineData("差", Grade.Poor)]
    public void Printed_grades_are_read(string printed, Grade grade) => Assert.Equal(grade, Grades.Parse(printed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("合格")]
    public void Unknown_printed_grades_read_as_null(string? printed) => Assert.Null(Grades.Parse(printed));

    [Fact]
    public void Category_weights_are_summed_per_first_level()
    {
        var c = new Scorer().Score(TestForms.Valid()).Categories;

        Assert.Equal(50m, c.WeightOf(IndicatorCategory.Output));
        Assert.Equal(30m, c.WeightOf(IndicatorCategory.Benefit));
        Assert.Equal(10m, c.WeightOf(IndicatorCategory.Satisfaction));
        Assert.Equal(3, c.CountOf(IndicatorCategory.Output));
        Assert.Equal(0, c.CountOf(IndicatorCategory.Cost));
    }

    [Fact]
    public void Category_comes_from_the_second_level_when_the_first_is_missing()
    {
        var form = TestForms.Valid();
        form.Indicators[3].Level1 = null;

        var score = new Scorer().Score(form);

        Assert.Equal(IndicatorCategory.Benefit, score.Indicators[3].Category);
    }

    [Fact]
    public void Describe_prints_printed_against_recomputed()
    {
        var form = TestForms.Valid();
        form.Indicators[0].Actual = "90.00(%)";

        var text = new Scorer().Score(form).Describe();

        Assert.Equal("测试项目：设备运行维护: printed 100.00 (优) | recomputed 98.00 (优)", text);
    }

    [Fact]
    public void Indicator_explanations_show_the_formula_with_its_values()
    {
        var s = new Scorer().ScoreIndicator(TestForms.Output("完成率", "=100.00(%)", "90.00(%)", 12m, 12m));

        Assert.Equal("missed: 12 × 90.00 / 100.00 = 10.80 → 10.80", s.Explanation);
        Assert.Equal("未完成：12 × 90.00 / 100.00 = 10.80 → 10.80", s.ExplanationZh);
    }
}
