using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Data.Forms;

/// <summary>What the findings list (问题清单) can be sorted by. The findings of one form always follow its printed order.</summary>
public enum FindingSort
{
    /// <summary>Newest year first, then the latest imported form (the form list's order).</summary>
    Default,

    /// <summary>项目名称 of the form, then the form.</summary>
    Form,

    /// <summary>主管部门 by name (forms without one last), then newest first.</summary>
    Department,

    /// <summary>Severity (ascending: info, warning, error), then newest first.</summary>
    Severity,

    /// <summary>Check code, then newest first.</summary>
    Check,

    /// <summary>Year, then the form imported first.</summary>
    Year,
}

/// <summary>
/// A filtered, sorted, paged view of the stored findings, one row per finding. <see cref="Forms"/> selects the forms
/// whose findings are listed with every filter of the form list (and the caller's department scope, set by the
/// application); there <see cref="FormQuery.CheckCode"/> selects the findings of that check, not the forms that
/// have one. The members of this record filter the findings themselves: a filter added later (a review state, say)
/// is one more member here and one more clause in <see cref="FindingQueries"/>.
/// </summary>
public sealed record FindingQuery
{
    public const int MaxPageSize = FormQuery.MaxPageSize;

    /// <summary>The forms whose findings are listed; its sort and page are not used.</summary>
    public FormQuery Forms { get; init; } = new();

    /// <summary>Only findings of this severity.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Only findings with this conclusion (复核结论): undecided, confirmed or dismissed.</summary>
    public Reviews.FindingReviewFilter? Decision { get; init; }

    public FindingSort Sort { get; init; }

    public bool Descending { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    /// <summary>
    /// Count every finding the query selects even where counting stops at <see cref="FindingQueries.CountLimit"/>
    /// (slower on a large database: asked for by the user).
    /// </summary>
    public bool ExactCount { get; init; }

    /// <summary>The check code the findings must have (from <see cref="Forms"/>), upper case, or null.</summary>
    public string? Code => string.IsNullOrWhiteSpace(Forms.CheckCode) ? null : Forms.CheckCode.Trim().ToUpperInvariant();

    internal int SafePage => Math.Max(1, Page);

    internal int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>How the value a finding concerns is measured: a score (分), a rate in percent, or a grade.</summary>
public enum FindingMeasure
{
    Score,
    Rate,
    Grade,
}

/// <summary>
/// The value a finding concerns as the form prints it and as the system recomputed it — what the form page shows in
/// and beside the cell (“复核”): an indicator's score, the total, the grade, a fund line's execution rate, the
/// execution score. Null on a finding whose value has nothing recomputed beside it.
/// </summary>
public sealed record FindingValues(FindingMeasure Measure, decimal? Printed, decimal? Recomputed)
{
    /// <summary>The grade as printed (评分等级) when <see cref="Measure"/> is <see cref="FindingMeasure.Grade"/>.</summary>
    public string? PrintedText { get; init; }

    /// <summary>The grade the form claims (the printed 评分等级 read as a grade).</summary>
    public Grade? PrintedGrade { get; init; }

    public Grade? RecomputedGrade { get; init; }

    /// <summary>True when the recomputed value differs from the printed one (the form page shows it in red).</summary>
    public bool Differs => Measure == FindingMeasure.Grade
        ? RecomputedGrade is { } g && g != PrintedGrade
        : DiffersFrom(Printed, Recomputed);

    /// <summary>
    /// True when a recomputed value differs from the printed one by at least 0.005. A value the form does not print is
    /// no mismatch (the checks report the missing value).
    /// </summary>
    public static bool DiffersFrom(decimal? printed, decimal? recomputed) =>
        recomputed is { } r && printed is { } p && Math.Abs(p - r) >= 0.005m;

    /// <summary>Execution rate in percent from two amounts (2 places), as the form page recomputes it; null without both.</summary>
    public static decimal? Rate(decimal? executed, decimal? budget) =>
        executed is { } e && budget is { } b && b != 0 ? Math.Round(e / b * 100m, 2) : null;
}

/// <summary>
/// One row of the findings list: the finding, its form (kind, year, project, 主管部门, 实施单位), the indicator it
/// concerns (三级指标 name), the printed and recomputed value, and its source line.
/// </summary>
public sealed record FindingRow(
    long FormId,
    int Position,
    FormKind Kind,
    int? Year,
    string ProjectName,
    string? Department,
    string? ImplementingUnit,
    string Code,
    Severity Severity,
    CheckCategory Category,
    string Field,
    int? IndicatorIndex,
    string? IndicatorName,
    string MessageZh,
    string MessageEn,
    int SourceLine,
    FindingValues? Values)
{
    /// <summary>The conclusion on the finding (复核结论), or null while undecided.</summary>
    public Core.Workflow.FindingDecision? Decision { get; init; }

    /// <summary>The other form a check across forms compares this one with (a copy, the same project, its declaration).</summary>
    public long? RelatedFormId { get; init; }

    /// <summary>项目名称 and year of <see cref="RelatedFormId"/>, when that form is still stored.</summary>
    public string? RelatedProjectName { get; init; }

    public int? RelatedYear { get; init; }

    /// <summary>The finding's number on its form page: its position, 1-based (the page's anchors <c>#finding-N</c> and <c>#cell-N</c>).</summary>
    public int Number => Position + 1;

    /// <summary>
    /// True when the form page can show the finding's source line: the form was read from lines of text (not a
    /// workbook, PDF or JSON) and the line lies within the form's lines.
    /// </summary>
    public bool HasSourceLine { get; init; }
}

/// <summary>Finds the printed and recomputed value of a finding's field among its form's and indicator's columns.</summary>
internal static class FindingValuesOf
{
    /// <summary>
    /// The values the form page shows for <paramref name="field"/>: <c>indicators[i].score</c> (printed 得分 and the
    /// score the rules give), <c>totalScore</c>, <c>grade</c>, <c>funds.{line}.executionRate</c> and
    /// <c>funds.total.score</c>; null for any other field, or when nothing was recomputed.
    /// </summary>
    public static FindingValues? Find(string field, Entities.FormRecord f, decimal? indicatorScore, decimal? indicatorRecomputed)
    {
        FindingValues? values = field switch
        {
            Fields.TotalScore => new(FindingMeasure.Score, f.TotalScore, f.RecomputedTotal),
            Fields.Grade => new(FindingMeasure.Grade, null, null)
            {
                PrintedText = f.GradePrinted,
                PrintedGrade = f.Grade,
                RecomputedGrade = f.RecomputedGrade,
            },
            "funds.total.score" => new(FindingMeasure.Score, f.TotalFundScore, f.ExecutionScoreRecomputed),
            "funds.total.executionRate" => new(FindingMeasure.Rate, f.TotalExecutionRate, f.ExecutionRateRecomputed),
            "funds.appropriation.executionRate" => new(FindingMeasure.Rate, f.AppropriationExecutionRate, Rate(f.AppropriationExecuted, f.AppropriationAnnualBudget)),
            "funds.carryover.executionRate" => new(FindingMeasure.Rate, f.CarryoverExecutionRate, Rate(f.CarryoverExecuted, f.CarryoverAnnualBudget)),
            "funds.other.executionRate" => new(FindingMeasure.Rate, f.OtherExecutionRate, Rate(f.OtherExecuted, f.OtherAnnualBudget)),
            _ when field.StartsWith("indicators[", StringComparison.Ordinal) && field.EndsWith("].score", StringComparison.Ordinal)
                => new(FindingMeasure.Score, indicatorScore, indicatorRecomputed),
            _ => null,
        };
        return values is { Recomputed: null, RecomputedGrade: null } ? null : values;
    }

    private static decimal? Rate(decimal? executed, decimal? budget) => FindingValues.Rate(executed, budget);
}
