using Jixiao.Core.Checks;
using Jixiao.Core.Forms;

namespace Jixiao.Data.Entities;

/// <summary>
/// One cell of the stored portfolio totals (汇总): the forms of one year, one 主管部门 and one kind, counted and summed.
/// The overview, the department and year lists and the count of a list filtered only by year, department and kind
/// read these cells instead of scanning every form. They are kept exact by the import and the deletion of a batch
/// (in the same transaction, see <see cref="Portfolio.PortfolioCube"/>). <see cref="Year"/> 0 and
/// <see cref="DepartmentId"/> 0 stand for "not stated" (the cell key cannot hold nulls).
/// </summary>
public sealed class PortfolioCell
{
    public int Year { get; set; }

    public long DepartmentId { get; set; }

    public FormKind Kind { get; set; }

    public int Forms { get; set; }

    /// <summary>
    /// Yuan. A declaration cell: Σ 年度资金申请总额 (申报预算). A self-evaluation cell: Σ 全年预算数 of the forms that
    /// state 全年执行数 too — the divisor of the execution rate (<see cref="Forms.ExecutionRates"/>).
    /// </summary>
    public decimal Budget { get; set; }

    /// <summary>Σ 全年执行数 of the forms that state 全年预算数 too, yuan (declarations state none).</summary>
    public decimal Executed { get; set; }

    /// <summary>Σ execution rate (percent) over the forms that have one, and how many they are: the mean is exact.</summary>
    public decimal RateSum { get; set; }

    public int RateCount { get; set; }

    /// <summary>Printed totals per bucket: [0, 60), [60, 70), [70, 80), [80, 90), [90, 95), [95, 100), 100 or more.</summary>
    public int Score0 { get; set; }

    public int Score1 { get; set; }

    public int Score2 { get; set; }

    public int Score3 { get; set; }

    public int Score4 { get; set; }

    public int Score5 { get; set; }

    public int Score6 { get; set; }

    public int GradeExcellent { get; set; }

    public int GradeGood { get; set; }

    public int GradeFair { get; set; }

    public int GradePoor { get; set; }

    public int RecomputedExcellent { get; set; }

    public int RecomputedGood { get; set; }

    public int RecomputedFair { get; set; }

    public int RecomputedPoor { get; set; }

    public long Errors { get; set; }

    public long Warnings { get; set; }

    public int FormsWithErrors { get; set; }

    /// <summary>Forms whose recomputed grade is below the grade they claim.</summary>
    public int GradedLower { get; set; }

    /// <summary>Σ printed 总分 over the forms that print one, and how many they are.</summary>
    public decimal PrintedTotalSum { get; set; }

    public int PrintedTotalCount { get; set; }

    /// <summary>Σ recomputed total over the forms that have one, and how many they are.</summary>
    public decimal RecomputedTotalSum { get; set; }

    public int RecomputedTotalCount { get; set; }

    /// <summary>Indicators with both a weight and a score (the department comparison's base).</summary>
    public int ScoredIndicators { get; set; }

    /// <summary>Of those, scored at full marks (score ≥ weight).</summary>
    public int FullMarks { get; set; }

    /// <summary>Of those, scored below their weight.</summary>
    public int Deducted { get; set; }

    /// <summary>Scored below their weight with no 偏差原因 stated.</summary>
    public int DeductedWithoutReason { get; set; }
}

/// <summary>
/// Findings of one check and severity on the forms of one year and 主管部门: how many, and on how many forms (a form
/// belongs to exactly one cell, so the form counts of several cells add up). Kept with <see cref="PortfolioCell"/>.
/// </summary>
public sealed class FindingCell
{
    public int Year { get; set; }

    public long DepartmentId { get; set; }

    public string Code { get; set; } = "";

    public Severity Severity { get; set; }

    public long Findings { get; set; }

    public int Forms { get; set; }
}

/// <summary>
/// One project followed across years (<see cref="FormRecord.LineageKey"/> within a 主管部门, department 0 = not stated):
/// how many forms it has, how many are declarations, its first and last year and a printed name. Kept with
/// <see cref="PortfolioCell"/>; a deletion recomputes the projects it touches from the forms that stay.
/// </summary>
public sealed class ProjectCell
{
    public string LineageKey { get; set; } = "";

    public long DepartmentId { get; set; }

    public int Forms { get; set; }

    public int Declarations { get; set; }

    public int? FirstYear { get; set; }

    public int? LastYear { get; set; }

    /// <summary>The greatest printed project name of the project's forms (a stable pick among its spellings).</summary>
    public string ProjectName { get; set; } = "";
}

/// <summary>A named value the storage keeps about itself, e.g. which version of the portfolio totals is built.</summary>
public sealed class StorageState
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
