using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Shared;

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

/// <summary>
/// Queries the pages need beyond <see cref="Data.Queries.FormStore"/> — department comparison and the list of
/// projects with more than one form — as a thin adapter over the Data context. Every method honours the caller's
/// department scope.
/// </summary>
public sealed class Analytics(JixiaoDatabase database)
{
    public async Task<IReadOnlyList<DepartmentComparison>> CompareAsync(int? year, string? scopeDepartment, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var forms = db.Forms.AsNoTracking().Where(f => f.Kind == FormKind.SelfEvaluation);
        if (year is { } y)
        {
            forms = forms.Where(f => f.Year == y);
        }

        if (scopeDepartment is not null)
        {
            var ids = await DepartmentIdsAsync(db, scopeDepartment, cancellationToken);
            forms = forms.Where(f => f.DepartmentId != null && ids.Contains(f.DepartmentId.Value));
        }

        var byForm = await forms.GroupBy(f => f.DepartmentId).Select(g => new
        {
            g.Key,
            Forms = g.Count(),
            Claimed = g.Sum(f => f.Grade == Grade.Excellent ? 1 : 0),
            Recomputed = g.Sum(f => f.RecomputedGrade == Grade.Excellent ? 1 : 0),
            Lower = g.Sum(f => f.Grade != null && f.RecomputedGrade != null && f.RecomputedGrade < f.Grade ? 1 : 0),
            Errors = g.Sum(f => f.ErrorCount > 0 ? 1 : 0),
            Printed = g.Average(f => f.TotalScore),
            Recomputed2 = g.Average(f => f.RecomputedTotal),
        }).ToListAsync(cancellationToken);

        var byIndicator = await (
                from i in db.Indicators.AsNoTracking()
                join f in forms on i.FormId equals f.Id
                where i.Weight != null && i.Score != null
                group new { i.Weight, i.Score, i.Deviation } by f.DepartmentId into g
                select new
                {
                    g.Key,
                    Indicators = g.Count(),
                    Full = g.Sum(x => x.Score >= x.Weight ? 1 : 0),
                    Deducted = g.Sum(x => x.Score < x.Weight ? 1 : 0),
                    NoReason = g.Sum(x => x.Score < x.Weight && (x.Deviation == null || x.Deviation == "") ? 1 : 0),
                })
            .ToListAsync(cancellationToken);
        var indicators = byIndicator.ToDictionary(x => x.Key ?? -1);
        var names = await NamesAsync(db, byForm.Select(x => x.Key), cancellationToken);
        return [.. byForm.Select(x =>
            {
                var ind = indicators.GetValueOrDefault(x.Key ?? -1);
                return new DepartmentComparison(
                    x.Key, x.Key is { } id ? names.GetValueOrDefault(id) : null, x.Forms,
                    ind?.Indicators ?? 0, ind?.Full ?? 0, ind?.Deducted ?? 0, ind?.NoReason ?? 0,
                    x.Claimed, x.Recomputed, x.Lower, x.Errors,
                    x.Printed is { } p ? Math.Round(p, 2) : null, x.Recomputed2 is { } r ? Math.Round(r, 2) : null);
            })
            .OrderBy(c => c.Department, StringComparer.Ordinal)];
    }

    /// <summary>Projects (lineage key within a department) with more than one stored form, most forms first.</summary>
    public async Task<IReadOnlyList<ProjectItem>> ListProjectsAsync(string? text, string? scopeDepartment, int take, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var forms = db.Forms.AsNoTracking();
        if (scopeDepartment is not null)
        {
            var ids = await DepartmentIdsAsync(db, scopeDepartment, cancellationToken);
            forms = forms.Where(f => f.DepartmentId != null && ids.Contains(f.DepartmentId.Value));
        }

        var key = NameKeys.Plain(text);
        if (key.Length > 0)
        {
            var pattern = "%" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            forms = forms.Where(f => EF.Functions.Like(f.LineageKey, pattern, "\\"));
        }

        var rows = await forms.GroupBy(f => new { f.LineageKey, f.DepartmentId })
            .Where(g => g.Count() > 1)
            .Select(g => new
            {
                g.Key.LineageKey,
                g.Key.DepartmentId,
                Forms = g.Count(),
                First = g.Min(f => f.Year),
                Last = g.Max(f => f.Year),
                Declarations = g.Sum(f => f.Kind == FormKind.TargetDeclaration ? 1 : 0),
                Name = g.Max(f => f.ProjectName),
            })
            .OrderByDescending(g => g.Forms).ThenBy(g => g.LineageKey)
            .Take(Math.Clamp(take, 1, 1000))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, rows.Select(r => r.DepartmentId), cancellationToken);
        return [.. rows.Select(r => new ProjectItem(r.LineageKey, r.DepartmentId, r.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, r.Name ?? r.LineageKey, r.Forms, r.First, r.Last, r.Declarations))];
    }

    private static async Task<long[]> DepartmentIdsAsync(JixiaoDbContext db, string department, CancellationToken cancellationToken)
    {
        var key = NameKeys.Plain(department);
        return await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Department && o.Key == key).Select(o => o.Id).ToArrayAsync(cancellationToken);
    }

    private static async Task<Dictionary<long, string>> NamesAsync(JixiaoDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToArray();
        return wanted.Length == 0
            ? []
            : await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }
}
