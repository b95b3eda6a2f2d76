namespace Jixiao.Core.Checks;

/// <summary>
/// Every check Jixiao runs, in report order (arithmetic, consistency, completeness, target quality). Codes are
/// stable: they are stored with findings and documented in docs/checks.md.
/// </summary>
public static class CheckCatalogue
{
    public static IReadOnlyList<ICheck> All { get; } =
    [
        // arithmetic
        new FundRateCheck(),
        new FundScoreCheck(),
        new FundSumCheck(),
        new IndicatorScoreOverWeightCheck(),
        new WeightSumCheck(),
        new TotalSumCheck(),
        new IndicatorScoreFormulaCheck(),
        new RoundingCheck(),

        // consistency
        new FundOverspendCheck(),
        new GradeMismatchCheck(),
        new GradeRecomputedCheck(),
        new IndicatorMetDeductedCheck(),
        new QualitativeMetDeductedCheck(),
        new IndicatorMissedFullCheck(),
        new StrictBoundaryCheck(),
        new QualitativeBandCheck(),
        new UnitMismatchCheck(),
        new ActualUnmeasuredCheck(),
        new ActualsAtThresholdCheck(),
        new CostFundsCheck(),
        new DateOrderCheck(),

        // completeness
        new DeviationMissingCheck(),
        new GoalCopiedCheck(),
        new GoalNearCopyCheck(),
        new SatisfactionUnmeasuredCheck(),
        new CategoryMissingCheck(),
        new CategoryUnknownCheck(),
        new ValueMissingCheck(),
        new FundRateLowCheck(),
        new FundMidYearCheck(),

        // target quality
        new TargetUnmeasurableCheck(),
        new TargetVacuousCheck(),
        new TargetTooLowCheck(),
        new WeightSplitCheck(),
        new WeightConcentratedCheck(),
        new IndicatorDuplicateCheck(),
        new QuantityRateCheck(),
        new LevelUnfitCheck(),
    ];

    /// <summary>
    /// All check definitions, in catalogue order: the checks of one form (<see cref="All"/>), then the checks across
    /// forms (<see cref="Across.CrossChecks"/>), which the store runs when forms are added.
    /// </summary>
    public static IReadOnlyList<CheckDefinition> Definitions { get; } = [.. All.Select(c => c.Definition), .. Across.CrossChecks.Definitions];

    /// <summary>The definition of the check with that code (of one form or across forms), or null.</summary>
    public static CheckDefinition? Definition(string code)
    {
        foreach (var d in Definitions)
        {
            if (string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The check with that code, or null.</summary>
    public static ICheck? Find(string code)
    {
        foreach (var c in All)
        {
            if (string.Equals(c.Definition.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return null;
    }
}
