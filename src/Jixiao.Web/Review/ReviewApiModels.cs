using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Review;
using Jixiao.Data.Entities;
using Jixiao.Web.Api;

namespace Jixiao.Web.Review;

/// <summary><c>POST /api/v1/findings/{formId}/{position}/review</c>: <c>confirm</c> or <c>dismiss</c>, and a note (required to dismiss).</summary>
public sealed record FindingReviewBody(string? Decision, string? Note);

/// <summary><c>POST /api/v1/forms/{id}/rectifications</c>: the deadline (<c>yyyy-MM-dd</c>, China time) and what to rectify.</summary>
public sealed record RectificationRequestBody(string? Deadline, string? Text);

/// <summary><c>POST /api/v1/rectifications/{id}/answer</c>: the answer, and whether the rectification is done.</summary>
public sealed record RectificationAnswerBody(string? Text, bool? Done);

/// <summary><c>POST /api/v1/rectifications/{id}/accept</c> (note optional) and <c>…/return</c> (note required).</summary>
public sealed record RectificationNoteBody(string? Note);

/// <summary>One finding of a form with its conclusion (复核结论): null decision while undecided.</summary>
public sealed record FindingReviewItem(int Position, string Code, string Field, string MessageZh, string MessageEn, string? Decision, string? Note, string? DecidedBy, DateTime? DecidedAt);

/// <summary>A form's follow-up: its review state (null: no findings), its findings' conclusions and its rectification requests.</summary>
public sealed record FormReviewItem(
    long FormId,
    string? State,
    int Confirmed,
    int Dismissed,
    int Undecided,
    IReadOnlyList<FindingReviewItem> Findings,
    IReadOnlyList<RectificationItem> Rectifications);

/// <summary>One message of a rectification thread.</summary>
public sealed record RectificationMessageItem(string Step, string Author, DateTime At, string Text, bool Done);

/// <summary>A rectification request (整改通知); <c>messages</c> only when one request is asked for.</summary>
public sealed record RectificationItem(
    long Id,
    long? FormId,
    string? Department,
    string ProjectName,
    int? Year,
    string Text,
    string Deadline,
    string Status,
    bool Overdue,
    int DaysOverdue,
    bool Done,
    string RequestedBy,
    DateTime RequestedAt,
    string? AnsweredBy,
    DateTime? AnsweredAt,
    string? ClosedBy,
    DateTime? ClosedAt,
    IReadOnlyList<RectificationMessageItem>? Messages,
    string Url);

/// <summary>The answer to a step on a request: the form's review state after it, and the request.</summary>
public sealed record RectificationStepResponse(string? FormState, RectificationItem Rectification);

/// <summary>The follow-up API's JSON: camelCase, Chinese readable, HTML-sensitive characters escaped, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FindingReviewBody))]
[JsonSerializable(typeof(RectificationRequestBody))]
[JsonSerializable(typeof(RectificationAnswerBody))]
[JsonSerializable(typeof(RectificationNoteBody))]
[JsonSerializable(typeof(FormReviewItem))]
[JsonSerializable(typeof(RectificationStepResponse))]
[JsonSerializable(typeof(RectificationItem))]
[JsonSerializable(typeof(PagedList<RectificationItem>))]
public sealed partial class ReviewJsonContext : JsonSerializerContext;

/// <summary>Maps the follow-up's records to the API's items.</summary>
public static class ReviewJson
{
    public static readonly ReviewJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    public static FormReviewItem ToItem(FormReviewView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (confirmed, dismissed, undecided) = view.Counts;
        return new FormReviewItem(
            view.Target.Form.Id,
            view.State is { } s ? ReviewTexts.StateName(s) : null,
            confirmed,
            dismissed,
            undecided,
            [.. view.Findings.Select(f => new FindingReviewItem(
                f.Finding.Position, f.Finding.Code, f.Finding.Field, f.Finding.MessageZh, f.Finding.MessageEn,
                f.Decision is { } d ? ReviewTexts.DecisionName(d.Decision) : null, f.Decision?.Note, f.Decision?.DecidedBy, Utc(f.Decision?.DecidedAt)))],
            [.. view.Rectifications.Select(r => ToItem(r.Request, r.Thread.FormId, r.Overdue, r.DaysOverdue, r.Thread.Messages))]);
    }

    public static RectificationItem ToItem(RectificationView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ToItem(view.Request, view.Thread.FormId, view.Overdue, view.DaysOverdue, view.Thread.Messages);
    }

    public static RectificationItem ToItem(
        RectificationRecord r, long? formId, bool overdue, int daysOverdue, IReadOnlyList<RectificationMessageRecord>? messages)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new RectificationItem(
            r.Id, formId, r.Department, r.ProjectName, r.Year, r.Text, r.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ReviewTexts.StatusName(r.Status), overdue, overdue ? daysOverdue : 0, r.MarkedDone, r.RequestedBy, Utc(r.RequestedAt)!.Value,
            r.AnsweredBy, Utc(r.AnsweredAt), r.ClosedBy, Utc(r.ClosedAt),
            messages?.Select(m => new RectificationMessageItem(ReviewTexts.StepName(m.Step), m.Author, Utc(m.At)!.Value, m.Text, m.MarkedDone)).ToList(),
            "/api/v1/rectifications/" + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static DateTime? Utc(DateTime? t) => t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
