using Jixiao.Core.Library;
using Jixiao.Data.Forms;

namespace Jixiao.Data.Library;

/// <summary>What the library list can be sorted by.</summary>
public enum LibrarySort
{
    /// <summary>Forms using the entry (most used first by default).</summary>
    Forms,

    /// <summary>The levels, then the name.</summary>
    Name,

    /// <summary>Departments using the entry.</summary>
    Departments,

    /// <summary>Years the entry was used in.</summary>
    Years,

    /// <summary>The share of self-evaluations that met their target (of those whose outcome is known).</summary>
    MetRate,
}

/// <summary>Which entries by their curation.</summary>
public enum LibraryState
{
    /// <summary>Every entry.</summary>
    All,

    /// <summary>推荐.</summary>
    Recommended,

    /// <summary>Not retired.</summary>
    Active,

    /// <summary>停用.</summary>
    Retired,
}

/// <summary>
/// A filtered, sorted, paged view of the library (指标库). Every member is optional. <see cref="Department"/> and
/// <see cref="ProjectType"/> restrict the figures to the forms of that 主管部门 and project type; the levels, the text
/// and the state restrict the entries. <see cref="Scope"/> is set by the application: a department user's figures of
/// their own department are given beside the whole (<see cref="LibraryItem.OwnForms"/>), and a department filter
/// outside the scope selects nothing.
/// </summary>
public sealed record LibraryQuery
{
    public const int MaxPageSize = 500;

    /// <summary>一级指标 (as its key: 产出指标 …).</summary>
    public string? Level1 { get; init; }

    /// <summary>二级指标.</summary>
    public string? Level2 { get; init; }

    /// <summary>主管部门, by normalised name.</summary>
    public string? Department { get; init; }

    /// <summary>A project type's code (<see cref="Core.Library.ProjectType.Code"/>).</summary>
    public string? ProjectType { get; init; }

    /// <summary>A part of the name (any of the entry's spellings, <see cref="Core.Forms.TextKey"/>).</summary>
    public string? Text { get; init; }

    public LibraryState State { get; init; }

    public LibrarySort Sort { get; init; }

    /// <summary>Sort descending (the default for counts).</summary>
    public bool Descending { get; init; } = true;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    /// <summary>The departments of the caller (a department user); null for all.</summary>
    public DepartmentScope? Scope { get; init; }

    internal int SafePage => Math.Max(1, Page);

    internal int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>
/// How often an entry (or a part of it) is used: forms, indicator rows, and of the self-evaluations' rows how many met
/// their target and how many did not.
/// </summary>
public sealed record Usage(long Forms, long Indicators, long SelfEvaluations, long Met, long NotMet)
{
    public static Usage None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Met ÷ (met + not met), 0–1; null when no outcome is known.</summary>
    public double? MetRate => Met + NotMet == 0 ? null : (double)Met / (Met + NotMet);

    public Usage Add(Usage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Forms + other.Forms, Indicators + other.Indicators, SelfEvaluations + other.SelfEvaluations, Met + other.Met, NotMet + other.NotMet);
    }
}

/// <summary>One entry of the library list.</summary>
/// <param name="Id">The entry (an entry others were merged into counts their names too).</param>
/// <param name="Level1">一级指标.</param>
/// <param name="Level2">二级指标.</param>
/// <param name="Name">三级指标, as first printed.</param>
/// <param name="Spellings">Entries merged into this one.</param>
/// <param name="Recommended">推荐.</param>
/// <param name="Retired">停用.</param>
/// <param name="Usage">Over the forms the query selects (every department the figures may count, anonymised).</param>
/// <param name="Departments">主管部门 using it.</param>
/// <param name="Years">Years it was used in.</param>
/// <param name="OwnForms">For a department user: the forms of their own department using it; null otherwise.</param>
public sealed record LibraryItem(long Id, string Level1, string Level2, string Name, int Spellings, bool Recommended, bool Retired,
    Usage Usage, int Departments, int Years, long? OwnForms);

/// <summary>One page of the library and the number of entries over all pages, with the forms the figures count.</summary>
public sealed record LibraryPage(IReadOnlyList<LibraryItem> Items, long TotalCount, int Page, int PageSize, long Forms)
{
    public int PageCount => PageSize <= 0 ? 0 : (int)((TotalCount + PageSize - 1) / PageSize);
}

/// <summary>
/// One typical target of an entry (<see cref="LibraryKeys.Target"/>): how often it was set, and what the
/// self-evaluations that had it reached — met or not, and the numbers in the target's unit (mean, least, greatest).
/// </summary>
public sealed record TargetFigure(string Target, long Indicators, long SelfEvaluations, long Met, long NotMet, long Actuals, decimal? ActualMean, decimal? ActualMin, decimal? ActualMax)
{
    /// <summary>Met ÷ (met + not met), 0–1; null when no outcome is known.</summary>
    public double? MetRate => Met + NotMet == 0 ? null : (double)Met / (Met + NotMet);
}

/// <summary>An entry's use in one 主管部门 (null: the department is not named — another department of a department user's view, or not stated).</summary>
public sealed record DepartmentUsage(long? DepartmentId, string? Department, Usage Usage, bool Own);

/// <summary>An entry's use in one project type.</summary>
public sealed record TypeUsage(ProjectType Type, Usage Usage, long? OwnForms);

/// <summary>An entry's use in one year.</summary>
public sealed record YearUsage(int? Year, Usage Usage);

/// <summary>An entry merged into another (同义词), or one that could be (a similar name under the same levels).</summary>
public sealed record EntryName(long Id, string Level1, string Level2, string Name, long Forms);

/// <summary>
/// One entry in full (<c>/library/{id}</c>): its names, curation, use by department, project type and year, and its
/// typical targets with what was achieved. For a department user, other departments are one anonymous row
/// (<see cref="DepartmentUsage.DepartmentId"/> null) and <see cref="OwnTargets"/> gives their own department's targets.
/// </summary>
public sealed record LibraryEntryDetail(
    long Id,
    string Level1,
    string Level2,
    string Name,
    bool Recommended,
    bool Retired,
    string? Note,
    string? UpdatedBy,
    DateTime? UpdatedAt,
    IReadOnlyList<EntryName> Spellings,
    Usage Usage,
    int Departments,
    int Years,
    IReadOnlyList<DepartmentUsage> ByDepartment,
    IReadOnlyList<TypeUsage> ByType,
    IReadOnlyList<YearUsage> ByYear,
    IReadOnlyList<TargetFigure> Targets,
    IReadOnlyList<TargetFigure>? OwnTargets,
    IReadOnlyList<EntryName> Similar);

/// <summary>What suggestions are asked for (填报时的指标建议).</summary>
public sealed record SuggestionQuery
{
    public const int MaxTake = 50;

    /// <summary>The project name being declared.</summary>
    public string? Project { get; init; }

    /// <summary>Only the projects of this 主管部门 (within the caller's scope).</summary>
    public string? Department { get; init; }

    public string? Level1 { get; init; }

    public string? Level2 { get; init; }

    /// <summary>How many indicators (default 12).</summary>
    public int Take { get; init; } = 12;

    /// <summary>How many typical targets per indicator (default 3).</summary>
    public int Targets { get; init; } = 3;

    public DepartmentScope? Scope { get; init; }
}

/// <summary>
/// An indicator projects like the one declared usually measure: the entry, how those projects used it (<c>Usage</c>),
/// the part of their forms using it (<c>Share</c>, 0–1) and its most common targets with what was achieved.
/// </summary>
public sealed record SuggestedIndicator(long Id, string Level1, string Level2, string Name, bool Recommended, Usage Usage, double Share, IReadOnlyList<TargetFigure> Targets);

/// <summary>
/// The suggestions for a project: its type (and the keyword that decided it), whether the suggestions come from the
/// projects of that type (<see cref="ByType"/>) or — for a name of no known type — from every project, how many forms
/// they rest on, and the indicators, recommended ones first, then the most used. Retired entries are never suggested.
/// </summary>
public sealed record Suggestions(ProjectMatch Match, bool ByType, long Forms, long SelfEvaluations, IReadOnlyList<SuggestedIndicator> Indicators);

/// <summary>How a curation ended.</summary>
public enum CurationOutcome
{
    /// <summary>Changed (or already so), with its audit entry.</summary>
    Done,

    /// <summary>No such entry.</summary>
    NotFound,

    /// <summary>The entry is merged into another one: curate that one (or split it off first).</summary>
    Merged,

    /// <summary>An entry cannot absorb itself.</summary>
    SameEntry,

    /// <summary>A split of an entry that is not merged.</summary>
    NotMerged,
}
