using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Filing;

/// <summary>
/// Real published self-evaluations (../shared/corpus, read in place by the text reader) evaluated live: what the
/// rules suggest while the scores are still empty is what the scorer gives for the whole printed form.
/// </summary>
public sealed class LiveCorpusTests
{
    private static List<PerformanceForm> Read(string file)
    {
        using var text = File.OpenText(Corpus.PathOf(file));
        return [.. TextFormReader.Read(text, file)];
    }

    /// <summary>The form as a unit has it before scoring: every printed score, rate, total and grade removed.</summary>
    private static PerformanceForm Unscored(PerformanceForm printed)
    {
        var draft = printed.ShallowCopy();
        draft.Indicators = [.. printed.Indicators.Select(i =>
        {
            var row = i.Copy();
            row.Score = null;
            return row;
        })];
        draft.TotalWeight = null;
        draft.TotalScore = null;
        draft.Grade = null;
        if (printed.SelfEvaluationFunds is { Total: { } t } f)
        {
            var total = t.Copy();
            total.ExecutionRate = null;
            total.Score = null;
            draft.SelfEvaluationFunds = new SelfEvaluationFunds { Total = total, Appropriation = f.Appropriation, Carryover = f.Carryover, Other = f.Other };
        }

        return draft;
    }

    [Theory]
    [InlineData(Corpus.DataBureau2024)]
    [InlineData(Corpus.Police2024)]
    [InlineData(Corpus.Songnan2023)]
    public void Live_suggestions_equal_the_scorer_on_the_whole_printed_form(string file)
    {
        var forms = Read(file);
        Assert.NotEmpty(forms);
        foreach (var printed in forms)
        {
            var whole = new Scorer(RuleSets.For(printed)).Score(printed);
            var live = LiveEvaluator.For(printed).Evaluate(Unscored(printed));
            var s = live.Scores!;

            Assert.Equal(whole.Indicators.Count, s.Indicators.Count);
            for (var i = 0; i < whole.Indicators.Count; i++)
            {
                var expected = whole.Indicators[i];
                var suggested = s.Indicators[i];
                Assert.Equal(expected.Outcome, suggested.Rules.Outcome);
                Assert.Equal(expected.Min, suggested.Min);
                Assert.Equal(expected.Max, suggested.Max);
                Assert.Equal(expected.Expected, suggested.Point);
            }

            Assert.Equal(whole.Execution.Expected, s.Execution.Point);
            Assert.Equal(whole.Execution.RateRounded, s.Execution.Rate);

            // with the printed scores typed in, the live rules total is the scorer's recomputed total
            var typed = LiveEvaluator.For(printed).Evaluate(printed);
            Assert.Equal(whole.Recomputed, typed.Scores!.RulesTotal);
            Assert.Equal(whole.RecomputedGrade, typed.Scores.RulesGrade);
        }
    }

    [Fact]
    public void The_e_government_cloud_form_of_2024_scored_live_by_hand()
    {
        var printed = Read(Corpus.DataBureau2024)[0];
        Assert.StartsWith("宝山区电子政务云服务租赁项目", printed.ProjectName, StringComparison.Ordinal);

        var live = LiveEvaluator.For(printed).Evaluate(Unscored(printed));
        var s = live.Scores!;

        // execution: 8.80 / 9.00 = 97.777…% → 97.78; × 10 / 100 = 9.7777… → 9.78
        Assert.Equal(97.78m, s.Execution.Rate);
        Assert.Equal(9.78m, s.Execution.Point);
        // the one quantitative row, ≥100.00(家) answered 100.00(家): met, the full 15
        var cloud = s.Indicators.Single(x => x.Rules.Indicator.Name.StartsWith("满足全区党政机关", StringComparison.Ordinal));
        Assert.Equal(15.00m, cloud.Point);
        // ten qualitative rows answered 达成指标: bands of 80–100% of their weights, the bottom counted until chosen:
        // 0.8 × (2 + 3 + 5 + 15 + 10 + 10 + 10 + 5 + 5 + 10) = 0.8 × 75 = 60
        Assert.Equal(10, s.Pending);
        Assert.Equal(60.00m, s.Indicators.Where(x => x.IsPending).Sum(x => x.Effective));
        // 15 + 60 + 9.78 = 84.78 until the unit chooses within the bands
        Assert.Equal(84.78m, s.Total);
        Assert.True(s.IsProvisional);
        // weights: 成本 2 + 3 + 5 = 10, 产出 15 + 15 + 10 = 40, 效益 10 + 10 + 5 + 5 = 30, 满意度 10, + 10 = 100
        Assert.True(live.Weights.WithCost);
        Assert.Equal(10m, live.Weights.Of(IndicatorCategory.Cost).Sum);
        Assert.Equal(40m, live.Weights.Of(IndicatorCategory.Output).Sum);
        Assert.Equal(30m, live.Weights.Of(IndicatorCategory.Benefit).Sum);
        Assert.True(live.Weights.AddsUp);

        // the printed scores typed in (each qualitative at the top of its band): 90 + 9.78 = 99.78, 优, as printed
        var typed = LiveEvaluator.For(printed).Evaluate(printed);
        Assert.Equal(99.78m, typed.Scores!.Total);
        Assert.Equal(printed.TotalScore, typed.Scores.Total);
        Assert.Equal(Grade.Excellent, typed.Scores.Grade);
        Assert.Equal(0, typed.Scores.ReasonsMissing);
    }

    [Fact]
    public void Typing_a_corpus_form_cell_by_cell_ends_with_the_scorers_suggestions()
    {
        var printed = Read(Corpus.Police2024)[0];
        var whole = new Scorer(RuleSets.For(printed)).Score(printed);
        var draft = Unscored(printed);
        var actuals = draft.Indicators.Select(i => i.Actual).ToList();
        foreach (var row in draft.Indicators)
        {
            row.Actual = null;
        }

        var evaluator = LiveEvaluator.For(printed);
        var before = evaluator.Evaluate(draft).Scores!;
        Assert.All(before.Indicators, x => Assert.False(x.HasSuggestion));   // nothing to compare with yet

        for (var i = 0; i < actuals.Count; i++)
        {
            draft.Indicators[i].Actual = actuals[i];
            var now = evaluator.Evaluate(draft).Scores!;
            Assert.Equal(whole.Indicators[i].Min, now.Indicators[i].Min);
            Assert.Equal(whole.Indicators[i].Max, now.Indicators[i].Max);
        }
    }
}
