using Jixiao.Core.Forms;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Portfolio;

/// <summary>
/// One department's score-inflation signals over its self-evaluations: how often indicators get full marks, how
/// often the form claims 优, how often points are lost without a reason, and how far the printed totals sit above
/// the recomputed ones.
/// </summary>
public sealed record DepartmentComparison(
    long? DepartmentId,
    string? Department,
    int Forms,
    int Indicators,
    int FullMarks,
    int Deducted,
    int DeductedWithoutReason,
    int ClaimedExcellent,
    int RecomputedExcellent,
    int GradedLower,
    int FormsWithErrors,
    decimal? MeanPrinted,
    decimal? MeanRecomputed)
{
    public double FullMarksShare => Indicators == 0 ? double.NaN : (double)FullMarks / Indicators;

    public double ExcellentShare => Forms == 0 ? double.NaN : (double)ClaimedExcellent / Forms;

    public double RecomputedExcellentShare => Forms == 0 ? double.NaN : (double)RecomputedExcellent / Forms;

    public double WithoutReasonShare => Deducted == 0 ? double.NaN : (double)DeductedWithoutReason / Deducted;

    public decimal? Inflation => MeanPrinted is { } p && MeanRecomputed is { } r ? Math.Round(p - r, 2) : null;
}

/// <summary>A project followed across years: its lineage key, department and forms.</summary>
public sealed record ProjectItem(string LineageKey, long? DepartmentId, string? Department, string ProjectName, int Forms, int? FirstYear, int? LastYear, int Declarations);

/// <summary>One page of the projects list and how many projects the filter selects in all.</summary>
public sealed record ProjectPage(IReadOnlyList<ProjectItem> Items, int Total, int Page, int PageSize);

/// <summary>
/// Signals across forms from the stored totals: the department comparison (部门比较) and the projects with more than
/// one form (项目). Every method honours the caller's department scope.
/// </summary>
public sealed class PortfolioAnalytics(JixiaoDatabase database)
{
    /// <summary>
    /// The signals per department over its self-evaluations, read from the stored portfolio totals
    /// (<c>portfolio_cells</c>, kept by every import and deletion): a few hundred rows whatever the number of forms.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentComparison>> CompareAsync(int? year, DepartmentScope? scope, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var cells = db.PortfolioCells.AsNoTracking().Where(c => c.Kind != FormKind.TargetDeclaration);
        if (year is { } y)
        {
            cells = cells.Where(c => c.Year == y);
        }

        if (scope?.DepartmentIds is { } ids)
        {
            cells = cells.Where(c => ids.Contains(c.DepartmentId));
        }

        var rows = await cells.GroupBy(c => c.DepartmentId).Select(g => new
        {
            g.Key,
            Forms = g.Sum(c => c.Forms),
            Indicators = g.Sum(c => c.ScoredIndicators),
            Full = g.Sum(c => c.FullMarks),
            Deducted = g.Sum(c => c.Deducted),
            NoReason = g.Sum(c => c.DeductedWithoutReason),
            Claimed = g.Sum(c => c.GradeExcellent),
            Recomputed = g.Sum(c => c.RecomputedExcellent),
            Lower = g.Sum(c => c.GradedLower),
            Errors = g.Sum(c => c.FormsWithErrors),
            PrintedSum = g.Sum(c => c.PrintedTotalSum),
            PrintedCount = g.Sum(c => c.PrintedTotalCount),
            RecomputedSum = g.Sum(c => c.RecomputedTotalSum),
            RecomputedCount = g.Sum(c => c.RecomputedTotalCount),
        }).ToListAsync(cancellationToken);
        var names = await Organisations.NamesAsync(db, rows.Select(x => x.Key == 0 ? (long?)null : x.Key), cancellationToken);
        return [.. rows.Where(x => x.Forms > 0).Select(x => new DepartmentComparison(
                x.Key == 0 ? null : x.Key, x.Key == 0 ? null : names.GetValueOrDefault(x.Key), x.Forms,
                x.Indicators, x.Full, x.Deducted, x.NoReason,
                x.Claimed, x.Recomputed, x.Lower, x.Errors,
                x.PrintedCount > 0 ? Math.Round(x.PrintedSum / x.PrintedCount, 2) : null,
                x.RecomputedCount > 0 ? Math.Round(x.RecomputedSum / x.RecomputedCount, 2) : null))
            .OrderBy(c => c.Department, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Projects (lineage key within a department) with more than one stored form, most forms first, read from the
    /// stored projects (<c>project_cells</c>, kept by every import and deletion).
    /// </summary>
    public async Task<IReadOnlyList<ProjectItem>> ListProjectsAsync(string? text, DepartmentScope? scope, int take, CancellationToken cancellationToken) =>
        (await PageProjectsAsync(text, scope, 1, take, cancellationToken)).Items;

    /// <summary>Page <paramref name="page"/> (from 1; past the last page, the last) of the projects with more than one form, and their number.</summary>
    public async Task<ProjectPage> PageProjectsAsync(string? text, DepartmentScope? scope, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, 1000);
        await using var db = database.CreateContext();
        var projects = db.ProjectCells.AsNoTracking().Where(p => p.Forms > 1);
        if (scope?.DepartmentIds is { } ids)
        {
            projects = projects.Where(p => ids.Contains(p.DepartmentId));
        }

        var key = NameKeys.Plain(text);
        if (key.Length > 0)
        {
            var pattern = TextSearch.LikePattern(key);
            projects = projects.Where(p => EF.Functions.Like(p.LineageKey, pattern, "\\"));
        }

        var total = await projects.CountAsync(cancellationToken);
        var last = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, last);
        var rows = await projects
            .OrderByDescending(p => p.Forms).ThenBy(p => p.LineageKey).ThenBy(p => p.DepartmentId)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var names = await Organisations.NamesAsync(db, rows.Select(r => r.DepartmentId == 0 ? (long?)null : r.DepartmentId), cancellationToken);
        return new ProjectPage([.. rows.Select(r => new ProjectItem(
            r.LineageKey,
            r.DepartmentId == 0 ? null : r.DepartmentId,
            r.DepartmentId == 0 ? null : names.GetValueOrDefault(r.DepartmentId),
            r.ProjectName.Length > 0 ? r.ProjectName : r.LineageKey,
            r.Forms,
            r.FirstYear,
            r.LastYear,
            r.Declarations))], total, page, pageSize);
    }
}
