using Jixiao.Core.Forms;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Scoring;

/// <summary>
/// Re-scores a self-evaluation (绩效自评表) by a <see cref="RuleSet"/> (财预〔2020〕10号 by default). Each target and
/// actual is parsed once; no I/O, no regular expressions, one allocation per indicator plus the parser's.
/// </summary>
public sealed class Scorer
{
    private static readonly TargetValue NotPrinted = new() { Raw = "", Kind = TargetValueKind.Empty };

    public Scorer(RuleSet? rules = null) => Rules = rules ?? RuleSets.National2020;

    public RuleSet Rules { get; }

    /// <summary>Scores a whole form. Declarations get their targets parsed and every indicator <see cref="AssessmentIssue.NotSelfEvaluation"/>.</summary>
    public FormScore Score(PerformanceForm form)
    {
        var self = form.Kind != FormKind.TargetDeclaration;
        var list = form.Indicators;
        var scores = new IndicatorScore[list.Count];
        var categories = new CategoryWeights();
        decimal weightSum = 0, min = 0, max = 0, estimate = 0, printedSum = 0;
        var allWeights = true;
        var allPrinted = true;
        var cannot = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = ScoreIndicator(list[i], i, self);
            scores[i] = s;
            categories.Add(s.Category, s.Weight);
            if (s.Weight is { } w)
            {
                weightSum += w;
            }
            else
            {
                allWeights = false;
            }

            if (s.Printed is { } p)
            {
                printedSum += p;
            }
            else
            {
                allPrinted = false;
            }

            if (s.Outcome == IndicatorOutcome.CannotAssess && self)
            {
                cannot++;
            }

            min += s.Min;
            max += s.Max;
            estimate += s.Estimate;
        }

        var execution = ScoreExecution(form);
        if (self)
        {
            if (execution.CanAssess)
            {
                min += execution.Expected!.Value;
                max += execution.Expected.Value;
            }
            else
            {
                cannot++;
                max += execution.Weight;
            }

            estimate += execution.Estimate;
            if (execution.PrintedScore is { } ps)
            {
                printedSum += ps;
            }
            else
            {
                allPrinted = false;
            }
        }

        var bands = Rules.GradeBands;
        return new FormScore
        {
            Form = form,
            Rules = Rules,
            Indicators = scores,
            Execution = execution,
            Categories = categories,
            IndicatorWeightSum = weightSum,
            AllWeightsPresent = allWeights,
            PrintedSum = self && allPrinted ? printedSum : null,
            RecomputedMin = min,
            RecomputedMax = max,
            Recomputed = estimate,
            RecomputedGrade = self ? bands.GradeOf(estimate) : null,
            CannotAssessCount = cannot,
            PrintedGrade = Grades.Parse(form.Grade),
            PrintedTotalGrade = form.TotalScore is { } t ? bands.GradeOf(t) : null,
        };
    }

    /// <summary>Scores one indicator of a self-evaluation.</summary>
    public IndicatorScore ScoreIndicator(Indicator indicator, int index = 0) => ScoreIndicator(indicator, index, true);

    private IndicatorScore ScoreIndicator(Indicator ind, int index, bool self)
    {
        var target = TargetParser.Parse(ind.Target);
        var actual = self ? TargetParser.Parse(ind.Actual) : NotPrinted;
        var category = CategoryOf(ind);
        if (!self)
        {
            return new IndicatorScore
            {
                Index = index, Indicator = ind, Category = category, Target = target, Actual = actual,
                Outcome = IndicatorOutcome.CannotAssess, Issue = AssessmentIssue.NotSelfEvaluation,
            };
        }

        if (ind.Weight is not { } w || w < 0)
        {
            return CannotAssess(ind, index, category, target, actual, AssessmentIssue.WeightMissing, 0m);
        }

        return target.Kind switch
        {
            TargetValueKind.Empty => CannotAssess(ind, index, category, target, actual, AssessmentIssue.TargetMissing, w),
            TargetValueKind.Unreadable => CannotAssess(ind, index, category, target, actual, AssessmentIssue.TargetUnreadable, w),
            TargetValueKind.Qualitative => Qualitative(ind, index, category, target, actual, w),
            _ => Numeric(ind, index, category, target, actual, w),
        };
    }

    private IndicatorScore Qualitative(Indicator ind, int index, IndicatorCategory category, TargetValue target, TargetValue actual, decimal w)
    {
        if (actual.Kind == TargetValueKind.Empty)
        {
            return CannotAssess(ind, index, category, target, actual, AssessmentIssue.ActualMissing, w);
        }

        var band = actual.Band;
        var basis = ScoreBasis.Band;
        if (band == QualitativeBand.None)
        {
            if (Rules.RepeatedTargetWordMeansAchieved && actual.Kind == TargetValueKind.Qualitative && TextKey.Same(target.Raw, actual.Raw))
            {
                band = QualitativeBand.Achieved;
                basis = ScoreBasis.BandFromRepeatedWord;
            }
            else
            {
                basis = ScoreBasis.BandUnstated;
            }
        }

        return Banded(ind, index, category, target, actual, w, band, basis);
    }

    private IndicatorScore Banded(Indicator ind, int index, IndicatorCategory category, TargetValue target, TargetValue actual,
        decimal w, QualitativeBand band, ScoreBasis basis)
    {
        var (lo, hi) = Rules.QualitativeBands.RangeOf(band, w);
        lo = Round(lo);
        hi = Round(hi);
        return new IndicatorScore
        {
            Index = index, Indicator = ind, Category = category, Target = target, Actual = actual,
            Outcome = IndicatorOutcome.Qualitative, Basis = basis, Band = band,
            Min = lo, Max = hi, Estimate = Clamp(ind.Score ?? lo, lo, hi),
        };
    }

    private IndicatorScore Numeric(Indicator ind, int index, IndicatorCategory category, TargetValue target, TargetValue actual, decimal w)
    {
        switch (actual.Kind)
        {
            case TargetValueKind.Empty:
                return CannotAssess(ind, index, category, target, actual, AssessmentIssue.ActualMissing, w);
            case TargetValueKind.Qualitative when actual.Band != QualitativeBand.None:
                return Banded(ind, index, category, target, actual, w, actual.Band, ScoreBasis.Band);
            case TargetValueKind.Quantitative when target.Kind == TargetValueKind.Quantitative:
            case TargetValueKind.Growth when target.Kind == TargetValueKind.Growth:
                break;
            default:
                return CannotAssess(ind, index, category, target, actual, AssessmentIssue.ActualNotNumeric, w);
        }

        if (actual.Operator is not (ComparisonOperator.None or ComparisonOperator.Equal) || actual.Number is null || target.Number is null)
        {
            return CannotAssess(ind, index, category, target, actual,
                actual.Number is null || target.Number is null ? AssessmentIssue.ActualNotNumeric : AssessmentIssue.ActualNotMeasured, w);
        }

        if (!Units.Compatible(target, actual, out var factor))
        {
            return CannotAssess(ind, index, category, target, actual, AssessmentIssue.UnitMismatch, w);
        }

        var t = target.Number.Value;
        var a = actual.Number.Value * factor;
        if (t < 0)
        {
            return CannotAssess(ind, index, category, target, actual, AssessmentIssue.TargetNegative, w);
        }

        var op = target.Operator;
        var reverse = op is ComparisonOperator.LessOrEqual or ComparisonOperator.Less;

        // a growth in the other direction: a missed increase/decrease, or a met "at most" growth target
        if (target.Kind == TargetValueKind.Growth && actual.Growth != target.Growth && a != 0)
        {
            return reverse
                ? Point(ind, index, category, target, actual, w, IndicatorOutcome.Met, ScoreBasis.FullWeight, w, null, a)
                : Point(ind, index, category, target, actual, w, IndicatorOutcome.NotMet, ScoreBasis.GrowthOpposite, 0m, 0m, a);
        }

        var strict = op is ComparisonOperator.Greater or ComparisonOperator.Less;
        bool met;
        if (reverse)
        {
            met = strict ? a < t : a <= t;
        }
        else if (op is ComparisonOperator.Equal or ComparisonOperator.None && t == 0)
        {
            met = a <= 0; // =0起: none allowed (S9 selfequalindex)
        }
        else
        {
            met = strict ? a > t : a >= t;
        }

        var completion = t == 0 ? (decimal?)null : reverse ? (a == 0 ? null : t / a) : a / t;
        if (met)
        {
            return Point(ind, index, category, target, actual, w, IndicatorOutcome.Met, ScoreBasis.FullWeight, w, completion, a);
        }

        if (strict && a == t)
        {
            // exactly on a strict target: met if > reads as ≥; strictly missed, the ratio is 1 (full weight) unless the target is 0
            var strictScore = t == 0 ? 0m : w;
            return Rules.StrictBoundary switch
            {
                StrictBoundary.Inclusive => Point(ind, index, category, target, actual, w, IndicatorOutcome.Met, ScoreBasis.StrictBoundary, w, completion, a, boundary: true),
                StrictBoundary.Strict => Point(ind, index, category, target, actual, w, IndicatorOutcome.NotMet, ScoreBasis.StrictBoundary, strictScore, completion, a, boundary: true),
                _ => new IndicatorScore
                {
                    Index = index, Indicator = ind, Category = category, Target = target, Actual = actual,
                    Outcome = IndicatorOutcome.Met, Basis = ScoreBasis.StrictBoundary, AtStrictBoundary = true,
                    Min = Round(strictScore), Max = Round(w), Raw = strictScore == w ? w : null,
                    Estimate = Clamp(ind.Score ?? w, strictScore, w), Completion = completion, ActualNumber = a,
                },
            };
        }

        decimal raw;
        ScoreBasis basis;
        if (t == 0)
        {
            raw = 0m;
            basis = ScoreBasis.ZeroTarget;
        }
        else if (reverse)
        {
            if (Rules.ReverseFormula == ReverseFormula.LinearPenalty)
            {
                raw = w * Math.Max(0m, 1m - ((a - t) / t));
                basis = ScoreBasis.ReverseLinearPenalty;
            }
            else
            {
                raw = w * t / a; // a > t > 0 here
                basis = ScoreBasis.ReverseTargetOverActual;
            }
        }
        else
        {
            raw = a <= 0 ? 0m : w * a / t;
            basis = ScoreBasis.Ratio;
        }

        return Point(ind, index, category, target, actual, w, IndicatorOutcome.NotMet, basis, Math.Min(raw, w), completion, a);
    }

    private IndicatorScore Point(Indicator ind, int index, IndicatorCategory category, TargetValue target, TargetValue actual, decimal w,
        IndicatorOutcome outcome, ScoreBasis basis, decimal raw, decimal? completion, decimal? actualNumber, bool boundary = false)
    {
        var rounded = Round(raw);
        return new IndicatorScore
        {
            Index = index, Indicator = ind, Category = category, Target = target, Actual = actual,
            Outcome = outcome, Basis = basis, Min = rounded, Max = rounded, Raw = raw, Estimate = rounded,
            Completion = completion, ActualNumber = actualNumber, AtStrictBoundary = boundary,
        };
    }

    private static IndicatorScore CannotAssess(Indicator ind, int index, IndicatorCategory category, TargetValue target, TargetValue actual,
        AssessmentIssue issue, decimal w) => new()
        {
            Index = index, Indicator = ind, Category = category, Target = target, Actual = actual,
            Outcome = IndicatorOutcome.CannotAssess, Issue = issue, Min = 0m, Max = w,
            Estimate = w > 0 ? Clamp(ind.Score ?? 0m, 0m, w) : Math.Max(ind.Score ?? 0m, 0m),
        };

    /// <summary>Scores budget execution from the 年度资金总额 row.</summary>
    public ExecutionScore ScoreExecution(PerformanceForm form)
    {
        var line = form.SelfEvaluationFunds?.Total;
        var w = line?.Weight ?? Rules.ExecutionWeight;
        if (form.Kind == FormKind.TargetDeclaration)
        {
            return new ExecutionScore { Line = line, Weight = w, Issue = AssessmentIssue.NotSelfEvaluation };
        }

        var fallback = w > 0 ? Clamp(line?.Score ?? 0m, 0m, w) : 0m;
        if (line is null)
        {
            return new ExecutionScore { Weight = w, Issue = AssessmentIssue.FundsMissing, Estimate = fallback };
        }

        if (line.AnnualBudget is not { } b || line.Executed is not { } e)
        {
            return new ExecutionScore { Line = line, Weight = w, Issue = AssessmentIssue.AmountsMissing, Estimate = fallback };
        }

        if (b <= 0)
        {
            return new ExecutionScore { Line = line, Weight = w, Issue = AssessmentIssue.BudgetZero, Estimate = fallback };
        }

        var rate = e / b * 100m;
        var raw = Math.Min(rate, 100m) * w / 100m;
        var expected = Round(raw);
        return new ExecutionScore
        {
            Line = line, Weight = w, Rate = rate, RateRounded = Round(rate),
            AmountHalfUnit = Rules.Tolerances.MoneyHalfUnit * form.MoneyUnit.YuanPerUnit(),
            Raw = raw, Expected = expected, Estimate = expected,
        };
    }

    private decimal Round(decimal value) => Rounding.Apply(value, Rules.Decimals, Rules.Rounding);

    private static decimal Clamp(decimal value, decimal lo, decimal hi) => value < lo ? lo : value > hi ? hi : value;

    /// <summary>The first-level category, without normalising canonical labels (the common case).</summary>
    internal static IndicatorCategory CategoryOf(Indicator ind)
    {
        switch (ind.Level1)
        {
            case IndicatorVocabulary.Output: return IndicatorCategory.Output;
            case IndicatorVocabulary.Benefit: return IndicatorCategory.Benefit;
            case IndicatorVocabulary.Satisfaction: return IndicatorCategory.Satisfaction;
            case IndicatorVocabulary.Cost: return IndicatorCategory.Cost;
        }

        if (string.IsNullOrEmpty(ind.Level1))
        {
            switch (ind.Level2)
            {
                case "数量指标" or "质量指标" or "时效指标": return IndicatorCategory.Output;
                case "经济效益指标" or "社会效益指标" or "生态效益指标" or "可持续影响指标": return IndicatorCategory.Benefit;
                case "服务对象满意度指标": return IndicatorCategory.Satisfaction;
                case "经济成本指标" or "社会成本指标" or "生态环境成本指标": return IndicatorCategory.Cost;
            }
        }

        return ind.Category;
    }
}
