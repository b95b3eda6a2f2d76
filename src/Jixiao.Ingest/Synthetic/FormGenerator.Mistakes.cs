using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Synthetic;

public sealed partial class FormGenerator
{
    private static readonly decimal[] TotalDeltas = [0.5m, 1m, 1.5m, 2m, 3m, 4m, 5m];

    /// <summary>Puts one mistake of a kind that fits the form into it and records it in the manifest.</summary>
    private void InjectMistake(Draft draft)
    {
        var candidates = new List<MistakeKind>();
        var indicators = draft.Indicators;
        if (draft.Form.Kind == FormKind.TargetDeclaration)
        {
            if (indicators.Any(IsVacuousCandidate))
            {
                candidates.Add(MistakeKind.VacuousTarget);
            }

            candidates.Add(MistakeKind.DeclarationFundsDoNotAdd);
            candidates.Add(MistakeKind.PlannedEndBeforeStart);
            candidates.Add(MistakeKind.MissingTarget);
        }
        else
        {
            candidates.Add(MistakeKind.TotalScoreMismatch);
            if (indicators.Any(i => i.Indicator.Score == i.Indicator.Weight))
            {
                candidates.Add(MistakeKind.ScoreAboveWeight);
            }

            candidates.Add(MistakeKind.DeductionWithoutReason);
            candidates.Add(MistakeKind.GradeMismatch);
            candidates.Add(MistakeKind.ExecutionRateMismatch);
            candidates.Add(MistakeKind.ExecutionScoreMismatch);
            if (indicators.Any(IsVacuousCandidate))
            {
                candidates.Add(MistakeKind.VacuousTarget);
            }

            if (indicators.Any(i => i.Indicator.Weight >= 4 && i.Indicator.Score == i.Indicator.Weight))
            {
                candidates.Add(MistakeKind.WeightsDoNotAddUp);
            }

            candidates.Add(MistakeKind.FundLinesDoNotAdd);
            if (draft.Style != HouseStyle.Town && indicators.Any(i => !i.Quantitative && i.Band == Band.Achieved))
            {
                candidates.Add(MistakeKind.QualitativeScoreOutOfBand);
            }

            if (indicators.Any(i => i.Quantitative && i.Unit != "%" && i.ActualNumber > 0))
            {
                candidates.Add(MistakeKind.UnitMismatch);
            }
        }

        var kind = candidates[_rng.Next(candidates.Count)];
        var mistake = kind switch
        {
            MistakeKind.TotalScoreMismatch => WrongTotal(draft),
            MistakeKind.ScoreAboveWeight => ScoreAboveWeight(draft),
            MistakeKind.DeductionWithoutReason => DeductionWithoutReason(draft),
            MistakeKind.GradeMismatch => WrongGrade(draft),
            MistakeKind.ExecutionRateMismatch => WrongExecutionRate(draft),
            MistakeKind.ExecutionScoreMismatch => WrongExecutionScore(draft),
            MistakeKind.VacuousTarget => VacuousTarget(draft),
            MistakeKind.WeightsDoNotAddUp => WeightsDoNotAddUp(draft),
            MistakeKind.FundLinesDoNotAdd => FundLinesDoNotAdd(draft),
            MistakeKind.QualitativeScoreOutOfBand => QualitativeOutOfBand(draft),
            MistakeKind.UnitMismatch => UnitMismatch(draft),
            MistakeKind.DeclarationFundsDoNotAdd => DeclarationFundsDoNotAdd(draft),
            MistakeKind.PlannedEndBeforeStart => PlannedEndBeforeStart(draft),
            _ => MissingTarget(draft),
        };
        draft.Mistakes.Add(mistake);
        if (draft.Form.Kind != FormKind.TargetDeclaration)
        {
            Recompute(draft);
        }
    }

    private static bool IsVacuousCandidate(IndicatorDraft i) =>
        i.Quantitative && i.Op is "≥" or "=" && i.TargetNumber > 0;

    private int PickIndex(Draft draft, Func<IndicatorDraft, bool> predicate)
    {
        var indexes = new List<int>();
        for (var i = 0; i < draft.Indicators.Count; i++)
        {
            if (predicate(draft.Indicators[i]))
            {
                indexes.Add(i);
            }
        }

        return indexes.Count == 0 ? -1 : indexes[_rng.Next(indexes.Count)];
    }

    private InjectedMistake WrongTotal(Draft draft)
    {
        Recompute(draft);
        var form = draft.Form;
        var right = form.TotalScore ?? 0;
        var delta = TotalDeltas[_rng.Next(TotalDeltas.Length)];
        var up = right + delta;
        var down = right - delta;
        // keep the grade band where possible so that only the sum is wrong
        var wrong = up <= 100 && GradeOf(up) == GradeOf(right) ? up
            : down >= 0 && GradeOf(down) == GradeOf(right) ? down
            : up <= 100 ? up : down;
        form.TotalScore = wrong;
        draft.TotalFixed = true;
        form.Grade = draft.PrintGrade ? GradeOf(right) : null;
        draft.GradeFixed = true;
        return new InjectedMistake(MistakeKind.TotalScoreMismatch, "totalScore",
            $"总分 printed {Num(wrong)}, the indicator scores and the execution score add up to {Num(right)}");
    }

    private InjectedMistake ScoreAboveWeight(Draft draft)
    {
        var index = PickIndex(draft, i => i.Indicator.Score == i.Indicator.Weight);
        var indicator = draft.Indicators[index].Indicator;
        var extra = _rng.Next(3) switch { 0 => 0.5m, 1 => 1m, _ => 2m };
        indicator.Score = indicator.Weight + extra;
        return new InjectedMistake(MistakeKind.ScoreAboveWeight, $"indicators[{index}].score",
            $"{indicator.Name}: score {Num(indicator.Score ?? 0)} above its weight {Num(indicator.Weight ?? 0)}");
    }

    private InjectedMistake DeductionWithoutReason(Draft draft)
    {
        var index = PickIndex(draft, i => i.Indicator.Score < i.Indicator.Weight && i.Indicator.Deviation is not null);
        if (index < 0)
        {
            index = PickIndex(draft, i => !i.Quantitative && i.Band == Band.Achieved);
            if (index >= 0)
            {
                var d = draft.Indicators[index];
                d.Band = Band.Partial;
                d.Indicator.Actual = QualitativeActual(draft, d.Template.Word, Band.Partial);
                d.Indicator.Score = R2((d.Indicator.Weight ?? 0) * 0.7m);
            }
            else
            {
                // every indicator is quantitative: miss one target
                index = PickIndex(draft, i => i.Quantitative && i.Op is "≥" or "=" && i.TargetNumber > 0);
                if (index < 0)
                {
                    index = 0;
                }

                var d = draft.Indicators[index];
                var target = d.TargetNumber ?? 100;
                var actual = Math.Round(target * 0.9m, d.Unit == "%" ? 2 : 0);
                d.ActualNumber = actual;
                d.Indicator.Actual = FormatActual(draft, actual, d.Unit);
                d.Indicator.Score = target > 0 ? R2((d.Indicator.Weight ?? 0) * actual / target) : 0;
            }
        }

        var indicator = draft.Indicators[index].Indicator;
        indicator.Deviation = null;
        return new InjectedMistake(MistakeKind.DeductionWithoutReason, $"indicators[{index}].deviation",
            $"{indicator.Name}: scored {Num(indicator.Score ?? 0)} of {Num(indicator.Weight ?? 0)} with no 偏差原因分析");
    }

    private InjectedMistake WrongGrade(Draft draft)
    {
        draft.PrintGrade = true;
        Recompute(draft);
        var right = draft.Form.Grade ?? GradeOf(draft.Form.TotalScore ?? 0);
        var wrong = right switch
        {
            "优" => "良",
            "良" => _rng.Next(2) == 0 ? "优" : "中",
            "中" => "良",
            _ => "中",
        };
        draft.Form.Grade = wrong;
        draft.GradeFixed = true;
        return new InjectedMistake(MistakeKind.GradeMismatch, "grade",
            $"评分等级 printed {wrong}, the total {Num(draft.Form.TotalScore ?? 0)} gives {right}");
    }

    private InjectedMistake WrongExecutionRate(Draft draft)
    {
        var total = draft.Form.SelfEvaluationFunds!.Total!;
        var right = total.ExecutionRate ?? 0;
        var delta = R2(Uniform(2, 15));
        var wrong = right >= 20 ? right - delta : right + delta;
        total.ExecutionRate = wrong;
        return new InjectedMistake(MistakeKind.ExecutionRateMismatch, "funds.total.executionRate",
            $"执行率 printed {Num(wrong)}%, 全年执行数 / 全年预算数 gives {Num(right)}%");
    }

    private InjectedMistake WrongExecutionScore(Draft draft)
    {
        var form = draft.Form;
        var funds = form.SelfEvaluationFunds!;
        var total = funds.Total!;
        if ((total.ExecutionRate ?? 0) > 93m)
        {
            // spend less so that the full execution score is wrong even where scores are printed as whole numbers
            var unit = form.MoneyUnit;
            var annual = unit.FromYuan(total.AnnualBudget ?? 0);
            var executed = unit.FromYuan(total.Executed ?? 0);
            var lower = R2(annual * Uniform(0.80, 0.93));
            var cut = executed - lower;
            total.Executed = unit.ToYuan(lower);
            total.ExecutionRate = Rate(lower, annual);
            if (funds.Appropriation is { } a)
            {
                var aExecuted = unit.FromYuan(a.Executed ?? 0) - cut;
                a.Executed = unit.ToYuan(aExecuted);
                if (a.ExecutionRate is not null)
                {
                    a.ExecutionRate = Rate(aExecuted, unit.FromYuan(a.AnnualBudget ?? 0));
                }
            }
        }

        var right = ExecutionScore(total.ExecutionRate ?? 0, total.Weight ?? 0);
        total.Score = total.Weight;
        draft.ExecutionScoreFixed = true;
        return new InjectedMistake(MistakeKind.ExecutionScoreMismatch, "funds.total.score",
            $"execution score printed {Num(total.Score ?? 0)}, 执行率 {Num(total.ExecutionRate ?? 0)}% × 分值 {Num(total.Weight ?? 0)} gives {Num(right)}");
    }

    private InjectedMistake VacuousTarget(Draft draft)
    {
        var index = PickIndex(draft, IsVacuousCandidate);
        var d = draft.Indicators[index];
        var op = _rng.Next(2) == 0 ? "≥" : ">";
        d.Op = op;
        d.TargetNumber = 0;
        d.Indicator.Target = FormatTarget(draft, op, 0, d.Unit);
        if (draft.Form.Kind != FormKind.TargetDeclaration)
        {
            // met by definition: full marks
            d.Indicator.Score = d.Indicator.Weight;
            d.Indicator.Deviation = null;
        }

        return new InjectedMistake(MistakeKind.VacuousTarget, $"indicators[{index}].target",
            $"{d.Indicator.Name}: target {d.Indicator.Target} is met by definition");
    }

    private InjectedMistake WeightsDoNotAddUp(Draft draft)
    {
        var index = PickIndex(draft, i => i.Indicator.Weight >= 4 && i.Indicator.Score == i.Indicator.Weight);
        var indicator = draft.Indicators[index].Indicator;
        var cut = 1 + _rng.Next(3);
        indicator.Weight -= cut;
        indicator.Score = indicator.Weight;
        return new InjectedMistake(MistakeKind.WeightsDoNotAddUp, $"indicators[{index}].weight",
            $"{indicator.Name}: weight lowered by {cut}; the weights add up to {100 - cut}, 总分 分值 says 100");
    }

    private InjectedMistake FundLinesDoNotAdd(Draft draft)
    {
        var form = draft.Form;
        var unit = form.MoneyUnit;
        var funds = form.SelfEvaluationFunds!;
        var a = funds.Appropriation!;
        var annual = unit.FromYuan(funds.Total!.AnnualBudget ?? 0);
        var delta = Math.Max(R2(annual * Uniform(0.01, 0.08)), 0.5m);
        var aExecuted = unit.FromYuan(a.Executed ?? 0) + delta;
        a.Executed = unit.ToYuan(aExecuted);
        if (a.ExecutionRate is not null)
        {
            a.ExecutionRate = Rate(aExecuted, unit.FromYuan(a.AnnualBudget ?? 0));
        }

        return new InjectedMistake(MistakeKind.FundLinesDoNotAdd, "funds.appropriation.executed",
            $"当年财政拨款 全年执行数 raised by {Num(delta)} {unit.Label()}: the sub-rows no longer add up to 年度资金总额");
    }

    private InjectedMistake QualitativeOutOfBand(Draft draft)
    {
        var index = PickIndex(draft, i => !i.Quantitative && i.Band == Band.Achieved);
        var d = draft.Indicators[index];
        d.Band = Band.Partial;
        d.Indicator.Actual = QualitativeActual(draft, d.Template.Word, Band.Partial);
        d.Indicator.Score = d.Indicator.Weight;
        d.Indicator.Deviation = null;
        return new InjectedMistake(MistakeKind.QualitativeScoreOutOfBand, $"indicators[{index}].score",
            $"{d.Indicator.Name}: rated 部分达成 but given the full {Num(d.Indicator.Weight ?? 0)} points (band 60–80%)");
    }

    private InjectedMistake UnitMismatch(Draft draft)
    {
        var index = PickIndex(draft, i => i.Quantitative && i.Unit != "%" && i.ActualNumber > 0);
        var d = draft.Indicators[index];
        d.Indicator.Actual = FormatActual(draft, d.ActualNumber ?? 0, "%");
        return new InjectedMistake(MistakeKind.UnitMismatch, $"indicators[{index}].actual",
            $"{d.Indicator.Name}: target in {d.Unit}, actual printed in %");
    }

    private InjectedMistake DeclarationFundsDoNotAdd(Draft draft)
    {
        var funds = draft.Form.DeclarationFunds!;
        var unit = draft.Form.MoneyUnit;
        var annual = unit.FromYuan(funds.AnnualTotal ?? 0);
        var delta = Math.Max(R2(annual * Uniform(0.05, 0.2)), 0.5m);
        funds.AnnualAppropriation = unit.ToYuan(unit.FromYuan(funds.AnnualAppropriation ?? 0) - delta);
        return new InjectedMistake(MistakeKind.DeclarationFundsDoNotAdd, "funds.annualAppropriation",
            $"当年财政拨款 lowered by {Num(delta)} {unit.Label()}: the parts no longer add up to 年度资金申请总额");
    }

    private InjectedMistake PlannedEndBeforeStart(Draft draft)
    {
        var form = draft.Form;
        var start = form.PlannedStart ?? new DateOnly(form.Year ?? 2024, 1, 1);
        form.PlannedEnd = start.AddMonths(-(1 + _rng.Next(6))).AddDays(-1);
        return new InjectedMistake(MistakeKind.PlannedEndBeforeStart, "plannedEnd",
            $"计划完成日期 {form.PlannedEnd:yyyy-MM-dd} before 计划开始日期 {start:yyyy-MM-dd}");
    }

    private InjectedMistake MissingTarget(Draft draft)
    {
        var index = _rng.Next(draft.Indicators.Count);
        var indicator = draft.Indicators[index].Indicator;
        indicator.Target = null;
        return new InjectedMistake(MistakeKind.MissingTarget, $"indicators[{index}].target",
            $"{indicator.Name}: no 年度指标值");
    }

    // ----------------------------------------------------------------- layout damage

    private static readonly LayoutDamage[] PageBreakKinds = [LayoutDamage.PageBreak, LayoutDamage.SplitLevelLabel, LayoutDamage.WrappedName];

    private void ChooseDamage(Draft draft)
    {
        if (!Chance(_options.DamageRate))
        {
            return;
        }

        var options = new List<LayoutDamage> { LayoutDamage.SplitLabels, LayoutDamage.FullWidthBrackets, LayoutDamage.PageBreak };
        if (draft.Style != HouseStyle.Town)
        {
            options.Add(LayoutDamage.ThousandsSeparators);
        }

        if (draft.Form.Kind != FormKind.TargetDeclaration)
        {
            options.Add(LayoutDamage.SplitLevelLabel);
            options.Add(LayoutDamage.WrappedName);
            if (draft.Style == HouseStyle.Bureau9)
            {
                options.Add(LayoutDamage.SpacedNumbers);
                options.Add(LayoutDamage.HeadingWithYear);
            }
        }

        var count = Chance(0.3) ? 2 : 1;
        for (var k = 0; k < count && options.Count > 0; k++)
        {
            var pick = options[_rng.Next(options.Count)];
            options.Remove(pick);
            if (PageBreakKinds.Contains(pick))
            {
                options.RemoveAll(PageBreakKinds.Contains);
            }

            if (pick == LayoutDamage.SpacedNumbers)
            {
                options.Remove(LayoutDamage.ThousandsSeparators);
            }

            draft.Damage.Add(pick);
        }
    }
}
