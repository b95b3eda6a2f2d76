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
/// The overview for one year and department: forms, money (yuan), the mean execution rate, the printed totals per
/// score bucket (bounds in <see cref="PortfolioStatistics.ScoreBucketBounds"/>), printed and recomputed grades,
/// and findings by severity.
/// </summary>
public sealed record YearDepartmentStatistics(
    int? Year,
    long? DepartmentId,
    string? Department,
    int Forms,
    int SelfEvaluations,
    int Declarations,
    decimal Budget,
    decimal Executed,
    decimal? MeanExecutionRate,
    IReadOnlyList<int> ScoreBuckets,
    GradeCounts Grades,
    GradeCounts RecomputedGrades,
    int Errors,
    int Warnings,
    int FormsWithErrors);

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

    public decimal Budget => Rows.Sum(r => r.Budget);

    public decimal Executed => Rows.Sum(r => r.Executed);
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
