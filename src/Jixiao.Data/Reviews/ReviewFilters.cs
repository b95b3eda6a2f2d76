using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;

namespace Jixiao.Data.Reviews;

/// <summary>Which findings a list shows by their conclusion (复核结论).</summary>
public enum FindingReviewFilter
{
    /// <summary>未复核: neither confirmed nor dismissed.</summary>
    Undecided,

    /// <summary>已确认.</summary>
    Confirmed,

    /// <summary>已排除.</summary>
    Dismissed,
}

/// <summary>
/// The follow-up states as filters of the form and finding queries: a form's review state and a finding's
/// conclusion are stored by the form's content hash (<see cref="FormReviewRecord"/>, <see cref="FindingReviewRecord"/>),
/// so these join through <see cref="FormRecord.ContentHash"/> (indexed on both sides) as correlated sub-queries that
/// both providers plan as semi-joins; a finding's occurrence (<see cref="FindingKeys"/>) is counted among its form's
/// findings of the same code and field. Used by <see cref="Forms.FormQueries"/>; a findings list adds
/// <see cref="WhereDecision"/> to its query of <see cref="FindingRecord"/> rows the same way.
/// </summary>
public static class ReviewFilters
{
    /// <summary>
    /// The forms in review state <paramref name="state"/>. <see cref="FormReviewState.Pending"/> is every form with a
    /// finding whose review has not moved on (no row, or a row still pending).
    /// </summary>
    public static IQueryable<FormRecord> WhereReviewState(this IQueryable<FormRecord> forms, JixiaoDbContext db, FormReviewState state)
    {
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(db);
        return state == FormReviewState.Pending
            ? forms.Where(f => f.ErrorCount + f.WarningCount + f.InfoCount > 0
                && !db.FormReviews.Any(r => r.ContentHash == f.ContentHash && r.State != FormReviewState.Pending))
            : forms.Where(f => db.FormReviews.Any(r => r.ContentHash == f.ContentHash && r.State == state));
    }

    /// <summary>The findings whose conclusion <paramref name="filter"/> names (undecided: no conclusion).</summary>
    public static IQueryable<FindingRecord> WhereDecision(this IQueryable<FindingRecord> findings, JixiaoDbContext db, FindingReviewFilter filter)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(db);
        if (filter == FindingReviewFilter.Undecided)
        {
            return findings.Where(x => !db.FindingReviews.Any(r => r.Code == x.Code && r.Field == x.Field
                && r.Occurrence == db.Findings.Count(y => y.FormId == x.FormId && y.Code == x.Code && y.Field == x.Field && y.Position < x.Position)
                && db.Forms.Any(f => f.Id == x.FormId && f.ContentHash == r.ContentHash)));
        }

        var decision = filter == FindingReviewFilter.Confirmed ? FindingDecision.Confirmed : FindingDecision.Dismissed;
        return findings.Where(x => db.FindingReviews.Any(r => r.Decision == decision && r.Code == x.Code && r.Field == x.Field
            && r.Occurrence == db.Findings.Count(y => y.FormId == x.FormId && y.Code == x.Code && y.Field == x.Field && y.Position < x.Position)
            && db.Forms.Any(f => f.Id == x.FormId && f.ContentHash == r.ContentHash)));
    }
}
