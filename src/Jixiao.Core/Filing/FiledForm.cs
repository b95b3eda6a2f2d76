using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Filing;

/// <summary>
/// A self-evaluation as it would be filed: the typed form with the empty cells the rules compute filled in, and the
/// scores that count in the live total.
/// </summary>
internal sealed class FiledForm
{
    private FiledForm(PerformanceForm form, decimal[] effective, decimal executionEffective, decimal total)
    {
        Form = form;
        Effective = effective;
        ExecutionEffective = executionEffective;
        Total = total;
    }

    /// <summary>The form as filed (the typed form itself when nothing needed filling).</summary>
    public PerformanceForm Form { get; }

    /// <summary>Per indicator: the typed score, else the point suggested, else the scorer's estimate.</summary>
    public decimal[] Effective { get; }

    /// <summary>The execution score that counts: typed, else computed, else the scorer's estimate.</summary>
    public decimal ExecutionEffective { get; }

    /// <summary>Σ effective scores.</summary>
    public decimal Total { get; }

    /// <summary>Fills the empty computed cells of <paramref name="form"/> from its <paramref name="score"/>; never changes <paramref name="form"/>.</summary>
    public static FiledForm Of(PerformanceForm form, FormScore score)
    {
        var rows = score.Indicators;
        var effective = new decimal[rows.Count];
        var total = 0m;
        var pending = false;
        Indicator[]? filledRows = null;
        for (var i = 0; i < effective.Length; i++)
        {
            var s = rows[i];
            var point = s.Expected;
            effective[i] = s.Printed ?? point ?? s.Estimate;
            total += effective[i];
            if (s.Printed is not null)
            {
                continue;
            }

            if (point is null)
            {
                pending = true;
                continue;
            }

            filledRows ??= new Indicator[effective.Length];
            filledRows[i] = WithScore(s.Indicator, point.Value);
        }

        var execution = score.Execution;
        var executionEffective = execution.PrintedScore ?? execution.Expected ?? execution.Estimate;
        total += executionEffective;
        pending |= execution.PrintedScore is null && execution.Expected is null;

        var line = form.SelfEvaluationFunds?.Total;
        var fillLine = line is not null
            && ((line.Weight is null) || (line.ExecutionRate is null && execution.RateRounded is not null) || (line.Score is null && execution.Expected is not null));
        var fillTotal = form.TotalScore is null && !pending;
        var fillGrade = form.Grade is null && (form.TotalScore is not null || fillTotal);
        if (filledRows is null && !fillLine && !fillTotal && !fillGrade && form.TotalWeight is not null)
        {
            return new FiledForm(form, effective, executionEffective, total);
        }

        var copy = form.ShallowCopy();
        if (filledRows is not null)
        {
            for (var i = 0; i < filledRows.Length; i++)
            {
                if (filledRows[i] is { } row)
                {
                    copy.Indicators[i] = row;
                }
            }
        }

        if (fillLine)
        {
            var funds = form.SelfEvaluationFunds!;
            var filledLine = line!.Copy();
            filledLine.Weight ??= execution.Weight;
            filledLine.ExecutionRate ??= execution.RateRounded;
            filledLine.Score ??= execution.Expected;
            copy.SelfEvaluationFunds = new SelfEvaluationFunds
            {
                Total = filledLine,
                Appropriation = funds.Appropriation,
                Carryover = funds.Carryover,
                Other = funds.Other,
            };
        }

        copy.TotalWeight ??= score.Rules.TotalWeight;
        if (fillTotal)
        {
            copy.TotalScore = total;
        }

        if (fillGrade)
        {
            copy.Grade = score.Rules.GradeBands.GradeOf(copy.TotalScore!.Value).ToChinese();
        }

        return new FiledForm(copy, effective, executionEffective, total);
    }

    private static Indicator WithScore(Indicator ind, decimal score)
    {
        var row = ind.Copy();
        row.Score = score;
        return row;
    }
}
