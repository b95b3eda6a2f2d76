using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;

namespace Jixiao.Data.Forms;

/// <summary>One row of the form list.</summary>
public sealed record FormSummary(
    long Id,
    FormKind Kind,
    int? Year,
    string ProjectName,
    string LineageKey,
    string? Department,
    string? ImplementingUnit,
    decimal? Budget,
    decimal? Executed,
    decimal? ExecutionRate,
    decimal? TotalScore,
    string? GradePrinted,
    Grade? Grade,
    decimal? RecomputedTotal,
    Grade? RecomputedGrade,
    int CannotAssessCount,
    int IndicatorCount,
    int ErrorCount,
    int WarningCount,
    int InfoCount,
    long ImportBatchId);

/// <summary>One form with everything the detail page shows.</summary>
public sealed record FormDetail(
    FormRecord Form,
    FormGoalsRecord? Goals,
    IReadOnlyList<IndicatorRecord> Indicators,
    IReadOnlyList<FindingRecord> Findings,
    ImportBatch? Batch)
{
    /// <summary>The form as the model (for the interchange JSON and exports).</summary>
    public PerformanceForm ToPerformanceForm() => FormMapper.ToForm(Form, Indicators, Goals);

    /// <summary>The findings that concern indicator <paramref name="index"/> (0-based).</summary>
    public IEnumerable<FindingRecord> FindingsOfIndicator(int index) => Findings.Where(f => f.IndicatorIndex == index);
}

/// <summary>Counts of grades (评分等级): 优 / 良 / 中 / 差, and forms with none.</summary>
public sealed record GradeCounts(int Excellent, int Good, int Fair, int Poor, int None)
{
    public int Total => Excellent + Good + Fair + Poor + None;
}

/// <summary>
/// The overview for one year and department: forms, money (yuan), the execution rate, the printed totals per score
/// bucket (bounds in <see cref="PortfolioStatistics.ScoreBucketBounds"/>), printed and recomputed grades, and findings
/// by severity.
/// </summary>
/// <remarks>
/// The money follows <see cref="ExecutionRates"/>: <paramref name="Budget"/> and <paramref name="Executed"/> are the
/// 全年预算数 and 全年执行数 of the self-evaluations (自评表 of projects and of departments) that state both;
/// declarations (绩效目标申报表) are never in them: their 年度资金申请总额 is <paramref name="DeclaredBudget"/>.
/// <paramref name="MeanExecutionRate"/> is the plain mean of the forms' own rates (each form counts once).
/// </remarks>
public sealed record YearDepartmentStatistics(
    int? Year,
    long? DepartmentId,
    string? Department,
    int Forms,
    int SelfEvaluations,
    int Declarations,
    decimal Budget,
    decimal Executed,
    decimal DeclaredBudget,
    decimal? MeanExecutionRate,
    IReadOnlyList<int> ScoreBuckets,
    GradeCounts Grades,
    GradeCounts RecomputedGrades,
    int Errors,
    int Warnings,
    int FormsWithErrors)
{
    /// <summary>Σ 全年执行数 ÷ Σ 全年预算数 × 100 (<see cref="ExecutionRates.Pooled"/>).</summary>
    public decimal? ExecutionRate => ExecutionRates.Pooled(Executed, Budget);
}

/// <summary>
/// The one rule for the execution rate (执行率) of a set of forms: Σ 全年执行数 ÷ Σ 全年预算数 × 100 over the
/// self-evaluations that state both amounts. A declaration has a budget but no spending, so counting it would lower
/// the rate, and a project declared and evaluated in the same year would count its money twice; a self-evaluation
/// that states only one of the two amounts would make the rate say nothing about the forms it is over.
/// </summary>
public static class ExecutionRates
{
    /// <summary>Percent with two decimals; null when there is no budget to divide by.</summary>
    public static decimal? Pooled(decimal executed, decimal budget) =>
        budget > 0 ? Math.Round(executed / budget * 100m, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Findings of one check: how many, on how many forms.</summary>
public sealed record CheckCount(string Code, Core.Checks.Severity Severity, int Findings, int Forms);

/// <summary>The overview: per year and department, and findings by check, over the forms a <see cref="FormQuery"/> selects.</summary>
public sealed record PortfolioStatistics(
    IReadOnlyList<YearDepartmentStatistics> Rows,
    IReadOnlyList<CheckCount> FindingsByCheck)
{
    /// <summary>
    /// Lower bounds of the score buckets: [0, 60), [60, 70), [70, 80), [80, 90), [90, 95), [95, 100), and 100 or more;
    /// forms without a printed total are not counted in any bucket.
    /// </summary>
    public static IReadOnlyList<decimal> ScoreBucketBounds { get; } = [0m, 60m, 70m, 80m, 90m, 95m, 100m];

    public int Forms => Rows.Sum(r => r.Forms);

    /// <summary>Σ 全年预算数 of the self-evaluations that state both amounts (see <see cref="ExecutionRates"/>).</summary>
    public decimal Budget => Rows.Sum(r => r.Budget);

    /// <summary>Σ 全年执行数 of the same self-evaluations.</summary>
    public decimal Executed => Rows.Sum(r => r.Executed);

    /// <summary>Σ 年度资金申请总额 of the declarations, apart from the budget.</summary>
    public decimal DeclaredBudget => Rows.Sum(r => r.DeclaredBudget);

    /// <summary>The execution rate over all rows (<see cref="ExecutionRates.Pooled"/>).</summary>
    public decimal? ExecutionRate => ExecutionRates.Pooled(Executed, Budget);
}

/// <summary>
/// The totals (汇总) of the forms a <see cref="FormQuery"/> selects, whatever page is shown: how many forms of each
/// kind, the self-evaluations' money and execution rate (<see cref="ExecutionRates"/>), the declarations' money
/// apart, the mean printed 总分 and recomputed total over the forms that have one, and the findings by severity.
/// </summary>
/// <param name="Forms">Forms of every kind.</param>
/// <param name="SelfEvaluations">自评表 (of projects and of departments).</param>
/// <param name="Declarations">绩效目标申报表.</param>
/// <param name="Budget">Σ 全年预算数 of the self-evaluations that state both 全年预算数 and 全年执行数, yuan.</param>
/// <param name="Executed">Σ 全年执行数 of the same self-evaluations, yuan.</param>
/// <param name="DeclaredBudget">Σ 年度资金申请总额 (else 项目资金总额) of the declarations, yuan.</param>
/// <param name="MeanPrintedTotal">The mean printed 总分 得分, two decimals.</param>
/// <param name="PrintedTotals">How many forms print a 总分 得分 (the base of <paramref name="MeanPrintedTotal"/>).</param>
/// <param name="MeanRecomputedTotal">The mean recomputed total, two decimals.</param>
/// <param name="RecomputedTotals">How many forms have a recomputed total (the base of <paramref name="MeanRecomputedTotal"/>).</param>
/// <param name="Errors">Error-level findings.</param>
/// <param name="Warnings">Warning-level findings.</param>
/// <param name="Infos">Info-level findings.</param>
public sealed record FormTotals(
    long Forms,
    long SelfEvaluations,
    long Declarations,
    decimal Budget,
    decimal Executed,
    decimal DeclaredBudget,
    decimal? MeanPrintedTotal,
    long PrintedTotals,
    decimal? MeanRecomputedTotal,
    long RecomputedTotals,
    long Errors,
    long Warnings,
    long Infos)
{
    /// <summary>No forms.</summary>
    public static FormTotals Empty { get; } = new(0, 0, 0, 0m, 0m, 0m, null, 0, null, 0, 0, 0, 0);

    /// <summary>Σ 全年执行数 ÷ Σ 全年预算数 × 100 (<see cref="ExecutionRates.Pooled"/>).</summary>
    public decimal? ExecutionRate => ExecutionRates.Pooled(Executed, Budget);

    /// <summary>Findings of every severity.</summary>
    public long Findings => Errors + Warnings + Infos;

    /// <summary>A mean with two decimals; null over nothing.</summary>
    internal static decimal? Mean(decimal sum, long count) => count > 0 ? Math.Round(sum / count, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>How <see cref="Portfolio.PortfolioQueries.GetFindingGroupsAsync"/> groups the findings.</summary>
public enum FindingGrouping
{
    /// <summary>By check (code and severity) and department: every combination that has findings.</summary>
    CheckAndDepartment,

    /// <summary>By check (code and severity) only: the departments summed.</summary>
    Check,

    /// <summary>By department (and severity) only: the checks summed.</summary>
    Department,
}

/// <summary>Findings of one check in one department.</summary>
public sealed record FindingGroup(string Code, Core.Checks.Severity Severity, long? DepartmentId, string? Department, int Findings, int Forms);

/// <summary>One project across years: the forms sharing a lineage key (and department), oldest first, declarations before self-evaluations.</summary>
public sealed record ProjectLineage(string LineageKey, IReadOnlyList<FormSummary> Forms)
{
    /// <summary>The declaration (绩效目标申报表) and self-evaluation (绩效自评表) of each year, where stored.</summary>
    public IEnumerable<(int? Year, FormSummary? Declaration, FormSummary? SelfEvaluation)> ByYear() =>
        Forms.GroupBy(f => f.Year).OrderBy(g => g.Key).Select(g => (
            g.Key,
            g.FirstOrDefault(f => f.Kind == FormKind.TargetDeclaration),
            g.FirstOrDefault(f => f.Kind != FormKind.TargetDeclaration)));
}

/// <summary>A department or unit for filters and pickers.</summary>
public sealed record OrganisationItem(long Id, OrganisationKind Kind, string Name, long? ParentId, int Forms);
