using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Filings;
using Jixiao.Core.Checks;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Web.Api;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Filings;

/// <summary><c>POST /api/v1/filings</c>: a new draft — its kind and heading, or a whole content, or the declaration a self-evaluation continues.</summary>
public sealed record FilingCreateBody(string? Kind, int? Year, string? ProjectName, string? ImplementingUnit, string? RuleSet, long? DeclarationId, JsonElement? Content);

/// <summary><c>PUT /api/v1/filings/{id}</c>: the version edited and the new content (a <c>jixiao.form/1</c> object).</summary>
public sealed record FilingSaveBody(int? Version, JsonElement? Content);

/// <summary>The body of a step: the version the caller had (optional; checked when given).</summary>
public sealed record FilingStepBody(int? Version);

/// <summary><c>POST /api/v1/filings/{id}/return</c>: the comments (on the form or on cells; at least one).</summary>
public sealed record FilingReturnBody(int? Version, IReadOnlyList<FilingCommentBody>? Comments);

/// <summary><c>POST /api/v1/filings/{id}/approve</c>: the reason for overriding the errors the checks found (required when they find any).</summary>
public sealed record FilingApproveBody(int? Version, string? OverrideReason);

/// <summary><c>POST /api/v1/filings/{id}/unpublish</c>: why the published form is withdrawn from public disclosure (required).</summary>
public sealed record FilingUnpublishBody(int? Version, string? Reason);

/// <summary>
/// One cell that keeps a form from being submitted (a refused submission's <c>cells</c>): its field path, why
/// (<c>SUBMIT-REQUIRED</c>, <c>SUBMIT-UNREADABLE</c>, <c>SUBMIT-WEIGHT-SUM</c>, <c>SUBMIT-OVERRIDE-REASON</c>,
/// <c>SUBMIT-DEVIATION</c>) and what to fix, in the caller's language and in both.
/// </summary>
public sealed record FilingCellItem(string Field, string Code, string Message, string MessageZh, string MessageEn);

/// <summary><c>POST /api/v1/filings/{id}/comments</c>: a comment on the form (<c>field</c> null) or on a cell (<c>indicators[3].target</c>).</summary>
public sealed record FilingCommentBody(string? Field, string? Text);

/// <summary>One row of a queue of filings.</summary>
public sealed record FilingListItem(
    long Id,
    string Kind,
    int Year,
    string ProjectName,
    string Department,
    string? ImplementingUnit,
    string Status,
    string StatusText,
    int Version,
    string UpdatedBy,
    DateTime UpdatedAt,
    DateTime? SubmittedAt,
    long? PublishedFormId,
    int OpenComments,
    string Url);

/// <summary>A comment of a filing's thread.</summary>
public sealed record FilingCommentItem(
    long Id, string? Field, string Author, bool ByReviewer, string Text, DateTime CreatedAt, int FilingVersion, bool Resolved, string? ResolvedBy, DateTime? ResolvedAt);

/// <summary>A finding of the checks on a filing's content (<c>field</c>: the cell, as the comments name cells).</summary>
public sealed record FilingFindingItem(string Code, string Severity, string Category, string Field, string Message, string MessageZh, string MessageEn);

/// <summary>
/// One filing: its columns, its content (a <c>jixiao.form/1</c> object), its comments, the steps the caller may take
/// now (<c>actions</c>) and what the checks find in its content now.
/// </summary>
public sealed record FilingDetail(
    long Id,
    string Kind,
    int Year,
    string ProjectName,
    long? DepartmentId,
    string Department,
    string? ImplementingUnit,
    string Status,
    string StatusText,
    int Version,
    string RuleSet,
    long? DeclarationId,
    string CreatedBy,
    DateTime CreatedAt,
    string UpdatedBy,
    DateTime UpdatedAt,
    DateTime? SubmittedAt,
    DateTime? ReviewStartedAt,
    string? ApprovedBy,
    DateTime? ApprovedAt,
    string? PublishedBy,
    DateTime? PublishedAt,
    long? PublishedFormId,
    string? PublishedFormUrl,
    string? FindingsOverriddenReason,
    JsonElement Content,
    IReadOnlyList<FilingCommentItem> Comments,
    IReadOnlyList<string> Actions,
    IReadOnlyList<FilingFindingItem> Findings,
    string Url);

/// <summary>The answer to a change: the filing afterwards, the findings when the checks ran (a submission, an approval, a publication), the comment made.</summary>
public sealed record FilingStepResponse(FilingDetail Filing, IReadOnlyList<FilingFindingItem>? Findings, long? CommentId);

/// <summary>One value that differs between two versions of a filing's content.</summary>
public sealed record FilingChangeItem(string Field, string? Before, string? After);

/// <summary>A saved version of a filing's content: who saved it, when, and what changed from the version before.</summary>
public sealed record FilingRevisionItem(int Version, string Author, DateTime At, IReadOnlyList<FilingChangeItem> Changes);

/// <summary>Filing's JSON: camelCase, Chinese readable, HTML-sensitive characters escaped, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FilingCreateBody))]
[JsonSerializable(typeof(FilingSaveBody))]
[JsonSerializable(typeof(FilingStepBody))]
[JsonSerializable(typeof(FilingReturnBody))]
[JsonSerializable(typeof(FilingApproveBody))]
[JsonSerializable(typeof(FilingCommentBody))]
[JsonSerializable(typeof(FilingDetail))]
[JsonSerializable(typeof(FilingStepResponse))]
[JsonSerializable(typeof(PagedList<FilingListItem>))]
[JsonSerializable(typeof(IReadOnlyList<FilingRevisionItem>))]
[JsonSerializable(typeof(IReadOnlyList<FilingChangeItem>))]
[JsonSerializable(typeof(IReadOnlyList<FilingFindingItem>))]
[JsonSerializable(typeof(FilingUnpublishBody))]
[JsonSerializable(typeof(IReadOnlyList<FilingCellItem>))]
public sealed partial class FilingJsonContext : JsonSerializerContext;

/// <summary>
/// Filing's words and names (填报): the statuses, kinds and actions as they are written in query strings and JSON
/// (<c>draft submitted returned approved published</c>; <c>target-declaration self-evaluation</c>; <c>save submit
/// withdraw return approve publish unpublish comment resolve-comment</c>), the statuses in both languages, and the mapping of the
/// use cases' records to the API's items.
/// </summary>
public static class FilingJson
{
    public static readonly FilingJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    /// <summary>The statuses' names in query strings and JSON, in order.</summary>
    public static readonly string[] StatusNames = ["draft", "submitted", "returned", "approved", "published"];

    /// <summary>The kinds a filing may have, as the interchange format names them.</summary>
    public static readonly string[] KindNames = ["target-declaration", "self-evaluation"];

    public static string StatusName(FilingStatus status) => StatusNames[(int)status];

    /// <summary>A status by its name or Chinese term; null when none.</summary>
    public static FilingStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "draft" or "草稿" => FilingStatus.Draft,
        "submitted" or "已提交" or "待审核" => FilingStatus.Submitted,
        "returned" or "已退回" => FilingStatus.Returned,
        "approved" or "已审核通过" or "审核通过" => FilingStatus.Approved,
        "published" or "已公开" => FilingStatus.Published,
        _ => null,
    };

    /// <summary>A filing's kind by its interchange name or Chinese term; null when it is not one a filing may have.</summary>
    public static FormKind? ParseKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "target-declaration" or "declaration" or "绩效目标申报表" or "申报表" => FormKind.TargetDeclaration,
        "self-evaluation" or "绩效自评表" or "自评表" => FormKind.SelfEvaluation,
        _ => null,
    };

    /// <summary>An action's name in JSON: <c>resolve-comment</c> for <see cref="FilingAction.ResolveComment"/>.</summary>
    public static string ActionName(FilingAction action) => JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString());

    public static string StatusText(FilingStatus status) => status switch
    {
        FilingStatus.Draft => Ui.T("草稿", "Draft"),
        FilingStatus.Submitted => Ui.T("已提交", "Submitted"),
        FilingStatus.Returned => Ui.T("已退回", "Returned"),
        FilingStatus.Approved => Ui.T("已审核通过", "Approved"),
        _ => Ui.T("已公开", "Published"),
    };

    public static string StatusCss(FilingStatus status) => status switch
    {
        FilingStatus.Draft => "badge badge-muted",
        FilingStatus.Submitted => "badge badge-busy",
        FilingStatus.Returned => "badge badge-error",
        _ => "badge badge-ok",
    };

    public static string Url(long id) => "/api/v1/filings/" + id.ToString(CultureInfo.InvariantCulture);

    public static FilingListItem ToItem(FilingItem f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FilingListItem(f.Id, f.Kind.ToJsonLabel(), f.Year, f.ProjectName, f.Department, f.ImplementingUnit, StatusName(f.Status), StatusText(f.Status),
            f.Version, f.UpdatedBy, Utc(f.UpdatedAt), Utc(f.SubmittedAt), f.PublishedFormId, f.OpenComments, Url(f.Id));
    }

    public static FilingDetail ToDetail(FilingView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var f = view.Filing;
        using var content = JsonDocument.Parse(f.Content);
        return new FilingDetail(
            f.Id, f.Kind.ToJsonLabel(), f.Year, f.ProjectName, f.DepartmentId, f.Department, f.ImplementingUnit, StatusName(f.Status), StatusText(f.Status),
            f.Version, f.RuleSet, f.DeclarationFilingId, f.CreatedBy, Utc(f.CreatedAt), f.UpdatedBy, Utc(f.UpdatedAt), Utc(f.SubmittedAt), Utc(f.ReviewStartedAt),
            f.ApprovedBy, Utc(f.ApprovedAt), f.PublishedBy, Utc(f.PublishedAt), f.PublishedFormId,
            f.PublishedFormId is { } form ? "/api/v1/forms/" + form.ToString(CultureInfo.InvariantCulture) : null,
            f.FindingsOverriddenReason, content.RootElement.Clone(),
            [.. view.Comments.Select(ToItem)],
            [.. view.Actions.Select(ActionName)],
            ToItems(view.Findings),
            Url(f.Id));
    }

    public static FilingCommentItem ToItem(FilingCommentRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new FilingCommentItem(c.Id, c.Field, c.Author, c.ByReviewer, c.Text, Utc(c.CreatedAt), c.FilingVersion, c.Resolved, c.ResolvedBy, Utc(c.ResolvedAt));
    }

    public static IReadOnlyList<FilingFindingItem> ToItems(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return [.. findings.Select(x => new FilingFindingItem(x.Code, x.Severity.ToString().ToLowerInvariant(), x.Category.ToString().ToLowerInvariant(),
            x.Field, Ui.T(x.MessageZh, x.MessageEn), x.MessageZh, x.MessageEn))];
    }

    public static IReadOnlyList<FilingCellItem> ToItems(IReadOnlyList<SubmissionBlocker> blockers)
    {
        ArgumentNullException.ThrowIfNull(blockers);
        return [.. blockers.Select(b => new FilingCellItem(b.Field, b.Code, Ui.T(b.MessageZh, b.MessageEn), b.MessageZh, b.MessageEn))];
    }

    public static IReadOnlyList<FilingChangeItem> ToItems(IReadOnlyList<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return [.. changes.Select(c => new FilingChangeItem(c.Field, c.Before, c.After))];
    }

    /// <summary>The revisions of a filing, each with what changed from the one before (the first: from nothing).</summary>
    public static IReadOnlyList<FilingRevisionItem> ToItems(IReadOnlyList<FilingRevisionRecord> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var items = new List<FilingRevisionItem>(revisions.Count);
        string? before = null;
        foreach (var r in revisions)
        {
            items.Add(new FilingRevisionItem(r.Version, r.Author, Utc(r.At), ToItems(FilingContent.Compare(before, r.Content))));
            before = r.Content;
        }

        return items;
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
