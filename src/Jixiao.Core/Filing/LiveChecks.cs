using Jixiao.Core.Checks;
using Jixiao.Core.Forms;

namespace Jixiao.Core.Filing;

/// <summary>
/// A check that waits for an empty cell: its findings are not shown while a form is being filled and the cell is still
/// empty, because they only make sense on a finished form. They are kept in <see cref="LiveEvaluation.Deferred"/>,
/// for the submission.
/// </summary>
/// <param name="Code">The check's code.</param>
/// <param name="WhileZh">While what is empty, in Chinese.</param>
/// <param name="WhileEn">While what is empty, in English.</param>
/// <param name="Why">Why the finding waits.</param>
public sealed record Deferral(string Code, string WhileZh, string WhileEn, string Why);

/// <summary>
/// What live evaluation adds to the catalogue's checks (<see cref="CheckCatalogue"/>): the one finding a published form
/// cannot have — an override without its reason — and which of the catalogue's findings wait for empty cells.
/// </summary>
public static class LiveChecks
{
    /// <summary>SCORE-OVERRIDE: a typed score that differs from what the rules suggest, without a reason.</summary>
    public static CheckDefinition OverrideReason { get; } = new(
        "SCORE-OVERRIDE", Severity.Error, CheckCategory.Completeness, FormKinds.SelfEvaluation, "indicators[i].score / funds.total.score",
        "得分与按规则计算的建议得分不同（改分），但未说明理由。",
        "The score typed differs from the score the rules suggest (an override), and no reason is given.",
        "The suggested score is computed live by the rules (rules.md §2); the issue asks that overriding it needs a reason, shown to the reviewer. Only forms filled in Jixiao carry reasons, so the check is not in the catalogue of published forms.");

    /// <summary>The catalogue's findings that wait while a cell is empty, and why.</summary>
    public static IReadOnlyList<Deferral> Deferrals { get; } =
    [
        new(ValueMissingCheck.Rule.Code, "任何时候（填报中）", "always, while filling",
            "It names the empty cells themselves, and a draft is mostly empty cells: the editor shows them as empty; the list is for the submission."),
        new(CategoryUnknownCheck.Rule.Code, "该行一级、二级指标均未填", "the row's first and second level are both empty",
            "A category not chosen yet is not an unknown category."),
        new(CategoryMissingCheck.Rule.Code, "表中尚无任何指标", "the form has no indicator yet",
            "A new form would open with a warning for every required category before anything is typed."),
        new(FundSumCheck.Rule.Code, "该列“其中”各项有未填的", "a part (其中 row) of that column is empty",
            "The parts cannot add up to the total before all of them are typed."),
        new(WeightConcentratedCheck.Rule.Code, "有指标未填分值", "some indicator's weight is empty",
            "The share of one weight in all weights is not known before all weights are typed."),
        new(ActualsAtThresholdCheck.Rule.Code, "有指标未填实际完成值", "some indicator's actual value is empty",
            "It judges how many of all actuals sit on their targets' bounds, which needs all actuals."),
    ];

    /// <summary>True when <paramref name="finding"/> waits for an empty cell of <paramref name="typed"/> (see <see cref="Deferrals"/>).</summary>
    public static bool IsDeferred(Finding finding, PerformanceForm typed)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(typed);
        var code = finding.Code;
        if (code == ValueMissingCheck.Rule.Code)
        {
            return true;
        }

        if (code == CategoryUnknownCheck.Rule.Code)
        {
            return IndexOf(finding.Field) is var i && i >= 0 && i < typed.Indicators.Count
                && Blank(typed.Indicators[i].Level1) && Blank(typed.Indicators[i].Level2);
        }

        if (code == CategoryMissingCheck.Rule.Code)
        {
            return typed.Indicators.Count == 0;
        }

        if (code == FundSumCheck.Rule.Code)
        {
            return PartMissing(finding.Field, typed);
        }

        if (code == WeightConcentratedCheck.Rule.Code)
        {
            return typed.Indicators.Exists(x => x.Weight is null);
        }

        if (code == ActualsAtThresholdCheck.Rule.Code)
        {
            return typed.Indicators.Exists(x => Blank(x.Actual));
        }

        return false;
    }

    /// <summary>The 0-based row of an indicator field path (<c>indicators[3].score</c> → 3), or -1.</summary>
    public static int IndexOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        const string prefix = Fields.Indicators + "[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return -1;
        }

        var n = 0;
        var i = prefix.Length;
        for (; i < field.Length && field[i] is >= '0' and <= '9'; i++)
        {
            n = (n * 10) + (field[i] - '0');
        }

        return i > prefix.Length && i < field.Length && field[i] == ']' ? n : -1;
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool PartMissing(string field, PerformanceForm form)
    {
        if (form.DeclarationFunds is { } d)
        {
            if (field == "funds.annualTotal")
            {
                return d.AnnualAppropriation is null || d.AnnualCarryover is null || d.AnnualOther is null;
            }

            if (field == "funds.projectTotal")
            {
                return d.ProjectFiscal is null || d.ProjectOther is null;
            }
        }

        var f = form.SelfEvaluationFunds;
        if (f is null)
        {
            return false;
        }

        Func<FundLine?, decimal?> column = field switch
        {
            "funds.total.initialBudget" => l => l?.InitialBudget,
            "funds.total.annualBudget" => l => l?.AnnualBudget,
            "funds.total.executed" => l => l?.Executed,
            _ => _ => 0m,
        };
        return column(f.Appropriation) is null || column(f.Carryover) is null || column(f.Other) is null;
    }
}
