using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Data.Forms;

/// <summary>What the form list can be sorted by.</summary>
public enum FormSort
{
    /// <summary>Newest year first, then the latest imported.</summary>
    Default,
    Year,
    ProjectName,
    Department,
    /// <summary>总分 得分 as printed.</summary>
    TotalScore,
    RecomputedTotal,
    ExecutionRate,
    Budget,
    /// <summary>Number of error-level findings.</summary>
    Errors,
    /// <summary>Import order (the id).</summary>
    Imported,
}

/// <summary>
/// A filtered, sorted, paged view of the stored forms — the form list, the API, exports and the overview's
/// drill-down share it. Every member is optional; text is matched literally (<c>%</c> and <c>_</c> are characters,
/// not wildcards). <see cref="Scope"/> is set by the application for department users (预算单位) and
/// restricts everything to their own 主管部门, whatever else the query says.
/// </summary>
public sealed record FormQuery
{
    private readonly DepartmentScope? scope;

    public const int MaxPageSize = 500;

    /// <summary>Full-text: a part of the project, unit, department or an indicator name (NFKC, case and white space ignored).</summary>
    public string? Text { get; init; }

    public int? Year { get; init; }

    /// <summary>主管部门, matched by normalised name.</summary>
    public string? Department { get; init; }

    /// <summary>实施单位, matched by normalised name; a name no unit has matches every unit whose name contains it.</summary>
    public string? Unit { get; init; }

    public FormKind? Kind { get; init; }

    /// <summary>The grade the form claims (printed 评分等级, else the grade of its printed total).</summary>
    public Grade? Grade { get; init; }

    /// <summary>The grade of the recomputed total.</summary>
    public Grade? RecomputedGrade { get; init; }

    /// <summary>Forms with at least one finding of this check code (e.g. <c>FUND-RATE</c>).</summary>
    public string? CheckCode { get; init; }

    /// <summary>Forms with at least one error-level finding.</summary>
    public bool? HasErrors { get; init; }

    /// <summary>Printed 总分 得分 range, inclusive.</summary>
    public decimal? ScoreMin { get; init; }

    public decimal? ScoreMax { get; init; }

    /// <summary>Recomputed total range, inclusive.</summary>
    public decimal? RecomputedMin { get; init; }

    public decimal? RecomputedMax { get; init; }

    /// <summary>Execution rate (percent) range, inclusive: the recomputed rate, else the printed one.</summary>
    public decimal? ExecutionRateMin { get; init; }

    public decimal? ExecutionRateMax { get; init; }

    public long? ImportBatchId { get; init; }

    /// <summary>Forms in this review state (复核状态, <see cref="Reviews.ReviewFilters.WhereReviewState"/>).</summary>
    public Core.Workflow.FormReviewState? ReviewState { get; init; }

    /// <summary>Forms of one project across years (<see cref="Search.NameKeys.Lineage"/>).</summary>
    public string? LineageKey { get; init; }

    public FormSort Sort { get; init; }

    public bool Descending { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    /// <summary>
    /// The 主管部门 the caller may see, resolved once per caller by the access policy (Jixiao.App); null for all. It
    /// restricts everything the query selects, whatever else the query says.
    /// </summary>
    public DepartmentScope? Scope
    {
        get => scope;

        // every department is no restriction: stored as null, so that a query of everyone's scope is the same query
        // (the text-only and stored-totals paths recognise an unrestricted query by equality)
        init => scope = value is { IsAll: true } ? null : value;
    }

    internal int SafePage => Math.Max(1, Page);

    internal int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One page of a list and the total number of rows over all pages.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long TotalCount, int Page, int PageSize)
{
    /// <summary>
    /// True when counting stopped early (<see cref="FormQueries.TextCountLimit"/>): more than <see cref="TotalCount"/>
    /// rows match, and at least one page follows the counted ones.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }

    public int PageCount => PageSize <= 0 ? 0 : (int)((TotalCount + PageSize - 1) / PageSize) + (TotalIsLowerBound ? 1 : 0);
}
