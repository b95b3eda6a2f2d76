using System.Globalization;
using System.Text.Json;
using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Review;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Filings;

/// <summary>
/// Filing in Jixiao in the JSON API (填报, <c>/api/v1/filings</c>), on which the editors are built: the caller's
/// queue and one filing (content, comments, the steps the caller may take, the findings of the checks), a new draft,
/// a save with the version edited (<c>409</c> with the current version, who changed it and what, when someone saved
/// first), the steps — submit (refused with the cells to fix), withdraw, return with comments, approve (a reason to
/// override errors), publish, unpublish (撤销公开, with a reason) — and
/// the comments. Every change needs the role's policy and, signed in by a session, the antiforgery token of
/// <c>GET /api/v1/antiforgery</c> in <c>X-CSRF-TOKEN</c>; another department's filing, or a draft the caller does
/// not work on, is 404. Problems are RFC 7807 in Chinese (<c>title</c>, <c>detail</c>) with the English in
/// <c>detailEn</c> and a <c>problem</c> code. docs/web.md, "Filing in the API".
/// </summary>
public static class FilingsApi
{
    private const string Antiforgery = " Signed in by a session: needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header (not with an API token).";

    private const string VersionNote = " version (optional): the version the caller had; when it is not the current one nothing is done (409 with what changed).";

    public static readonly ParameterSpec Status = new("status", ParameterType.String,
        "Filings in this status (default: every status the caller sees; a department reviewer: submitted).", null, FilingJson.StatusNames);

    public static readonly ParameterSpec Kind = new("kind", ParameterType.String, "Form kind.", null, FilingJson.KindNames);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var filings = api.MapGroup("/filings").WithMetadata(new ReviewEndpointMetadata());

        filings.MapGet("", ListAsync)
            .WithName("ListFilings")
            .WithSummary("The caller's queue of filings (填报): a department user's department's, a department reviewer's department's submitted ones, the finance bureau's all")
            .WithQueryParameters([Status, Kind, ApiQuery.Year, .. ApiQuery.Paging])
            .Produces<PagedList<FilingListItem>>()
            .ProducesValidationProblem();

        filings.MapGet("/{id}", GetAsync)
            .WithName("GetFiling")
            .WithSummary("One filing: its content (jixiao.form/1), comments, the steps the caller may take now and the findings of the checks")
            .Produces<FilingDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        filings.MapGet("/{id}/revisions", RevisionsAsync)
            .WithName("GetFilingRevisions")
            .WithSummary("The saved versions of a filing's content, each with who saved it, when, and what changed from the one before")
            .Produces<IReadOnlyList<FilingRevisionItem>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        FilingLiveApi.Map(filings);
        FilingWorkbookApi.Map(filings);

        filings.MapPost("", CreateAsync)
            .Step<FilingCreateBody, FilingStepResponse>(
                UserClaims.CanFillPolicy,
                "CreateFiling",
                "Start a draft of the caller's department: a target declaration, or a self-evaluation (from an approved declaration of the same project)",
                "Body {\"kind\": \"target-declaration\" | \"self-evaluation\", \"year\": 2025, \"projectName\": \"…\", \"implementingUnit\": \"…\", \"ruleSet\": \"national-2020\" (optional), "
                + "\"declarationId\": 12 (a self-evaluation continuing that approved declaration: indicators, targets and weights carried over), \"content\": {jixiao.form/1} (optional, instead of the heading)}. Department users." + Antiforgery,
                StatusCodes.Status201Created);

        filings.MapPut("/{id}", SaveAsync)
            .Step<FilingSaveBody, FilingStepResponse>(
                UserClaims.CanFillPolicy,
                "SaveFiling",
                "Save a new version of a draft (or of a returned form): 409 with what changed when someone saved first",
                "Body {\"version\": 3, \"content\": {jixiao.form/1}} — version (required): the version edited. The content's 主管部门 is the filing's. Department users of the filing's department." + Antiforgery,
                StatusCodes.Status200OK);

        MapStep(filings, "submit", "SubmitFiling", UserClaims.CanFillPolicy,
            "Submit to review (提交); the findings of the checks come with the answer",
            "Body {\"version\": 3}." + VersionNote + " While the form has cells to fix (required cells empty, unreadable values, weights not adding up, "
            + "overrides without a reason, deductions without a deviation explanation): 400 submission-blocked with cells [{field, code, message}] and the findings. Department users.", SubmitAsync);
        MapStep(filings, "withdraw", "WithdrawFiling", UserClaims.CanFillPolicy,
            "Withdraw a submitted form to draft (撤回) while no reviewer acted on it", "Body {\"version\": 4}." + VersionNote + " Department users.", WithdrawAsync);
        MapStep(filings, "publish", "PublishFiling", UserClaims.CanPublishPolicy,
            "Publish an approved form (公开): written to the stored forms exactly as approved, and linked", "Body {\"version\": 5}." + VersionNote + " Finance reviewers and administrators.", PublishAsync);

        filings.MapPost("/{id}/unpublish", UnpublishAsync)
            .Step<FilingUnpublishBody, FilingStepResponse>(
                UserClaims.CanPublishPolicy,
                "UnpublishFiling",
                "Withdraw a published form from public disclosure (撤销公开), with a reason: approved again, gone from /public and the open data; publish shows it again",
                "Body {\"version\": 5, \"reason\": \"…\"} — reason (required): kept as a comment on the form and in the audit log; without it 400 reason-required." + VersionNote
                + " Finance reviewers and administrators." + Antiforgery,
                StatusCodes.Status200OK);

        filings.MapPost("/{id}/return", ReturnAsync)
            .Step<FilingReturnBody, FilingStepResponse>(
                UserClaims.CanReviewFilingsPolicy,
                "ReturnFiling",
                "Return a submitted form to its department with comments (退回), on the form or on cells",
                "Body {\"version\": 4, \"comments\": [{\"field\": \"indicators[3].target\" | null, \"text\": \"…\"}]} (at least one)." + VersionNote
                + " Department reviewers (their department's), finance reviewers, administrators." + Antiforgery,
                StatusCodes.Status200OK);

        filings.MapPost("/{id}/approve", ApproveAsync)
            .Step<FilingApproveBody, FilingStepResponse>(
                UserClaims.CanReviewFilingsPolicy,
                "ApproveFiling",
                "Approve a submitted form (审核通过); an error-level finding needs overrideReason",
                "Body {\"version\": 4, \"overrideReason\": \"…\"} — without a reason while the checks find errors: 400 override-reason-required with the findings." + VersionNote
                + " Department reviewers (their department's), finance reviewers, administrators." + Antiforgery,
                StatusCodes.Status200OK);

        filings.MapPost("/{id}/comments", CommentAsync)
            .Step<FilingCommentBody, FilingStepResponse>(
                UserClaims.CanCommentFilingsPolicy,
                "CommentFiling",
                "Comment on a filing or one of its cells (意见)",
                "Body {\"field\": \"indicators[3].target\" | null, \"text\": \"…\"}. Who works on the form in its status (the table in docs/decisions/009-filing-in-jixiao.md)." + Antiforgery,
                StatusCodes.Status201Created);

        filings.MapPost("/{id}/comments/{commentId}/resolve", ResolveAsync)
            .Step<FilingStepBody, FilingStepResponse>(
                UserClaims.CanCommentFilingsPolicy,
                "ResolveFilingComment",
                "Mark a comment resolved",
                "Body {} (nothing needed)." + Antiforgery,
                StatusCodes.Status200OK);
    }

    private static void MapStep(
        RouteGroupBuilder filings, string path, string name, string policy, string summary, string description,
        Func<Caller, long, int?, HttpContext, CancellationToken, Task<FilingResult>> step) =>
        filings.MapPost("/{id}/" + path, async (string id, HttpContext http, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
            {
                var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingStepBody, cancellationToken);
                return bad ?? Answer(await step(http.User.Caller(), filingId, body!.Version, http, cancellationToken), StatusCodes.Status200OK);
            })
            .Step<FilingStepBody, FilingStepResponse>(policy, name, summary, description + Antiforgery, StatusCodes.Status200OK);

    private static Task<FilingResult> SubmitAsync(Caller caller, long id, int? version, HttpContext http, CancellationToken cancellationToken) =>
        http.RequestServices.GetRequiredService<FilingSteps>().SubmitAsync(caller, id, version, cancellationToken);

    private static Task<FilingResult> WithdrawAsync(Caller caller, long id, int? version, HttpContext http, CancellationToken cancellationToken) =>
        http.RequestServices.GetRequiredService<FilingSteps>().WithdrawAsync(caller, id, version, cancellationToken);

    private static Task<FilingResult> PublishAsync(Caller caller, long id, int? version, HttpContext http, CancellationToken cancellationToken) =>
        http.RequestServices.GetRequiredService<PublishFiling>().ExecuteAsync(caller, id, version, cancellationToken);

    private static async Task<IResult> ListAsync(HttpContext http, FilingCatalog filings, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, [Status, Kind, ApiQuery.Year], ApiQuery.Paging);
        var status = FilingJson.ParseStatus(reader.OneOf(Status));
        var kind = FilingJson.ParseKind(reader.OneOf(Kind));
        var year = reader.Int(ApiQuery.Year, 1900, 2200, "a year from 1900 to 2200");
        var page = reader.PageNumber();
        var pageSize = reader.PageSizeValue();
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var result = await filings.ListAsync(http.User.Caller(), status, kind, year, page, pageSize, cancellationToken);
        var filter = (status is { } s ? "status=" + FilingJson.StatusName(s) + "&" : "")
            + (kind is { } k ? "kind=" + k.ToJsonLabel() + "&" : "")
            + (year is { } y ? "year=" + y.ToString(CultureInfo.InvariantCulture) + "&" : "");
        string Url(int p) => $"/api/v1/filings?{filter}page={p}&pageSize={pageSize}";
        return TypedResults.Json(new PagedList<FilingListItem>(
                [.. result.Items.Select(FilingJson.ToItem)], result.Page, result.PageSize, result.TotalCount, result.PageCount,
                result.Page < result.PageCount ? Url(result.Page + 1) : null,
                result.Page > 1 ? Url(Math.Min(result.Page - 1, Math.Max(1, result.PageCount))) : null),
            FilingJson.Context.PagedListFilingListItem);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, FilingCatalog filings, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var filingId))
        {
            return ReviewApi.BadId("id", id);
        }

        var view = await filings.GetAsync(http.User.Caller(), filingId, cancellationToken);
        return view is null ? Refused(FilingResult.NotFound) : TypedResults.Json(FilingJson.ToDetail(view), FilingJson.Context.FilingDetail);
    }

    private static async Task<IResult> RevisionsAsync(string id, HttpContext http, FilingCatalog filings, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var filingId))
        {
            return ReviewApi.BadId("id", id);
        }

        var revisions = await filings.RevisionsAsync(http.User.Caller(), filingId, cancellationToken);
        return revisions is null ? Refused(FilingResult.NotFound) : TypedResults.Json(FilingJson.ToItems(revisions), FilingJson.Context.IReadOnlyListFilingRevisionItem);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IAntiforgery antiforgery, CreateFiling create, CancellationToken cancellationToken)
    {
        if (await ReviewApi.CheckAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var (body, bad) = await ReviewApi.BodyAsync(http, FilingJson.Context.FilingCreateBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (FilingJson.ParseKind(body!.Kind) is not { } kind)
        {
            return Refused(FilingResult.Invalid(FilingProblem.KindInvalid));
        }

        var draft = new FilingDraft(kind, body.Year, body.ProjectName, body.ImplementingUnit)
        {
            RuleSet = body.RuleSet,
            DeclarationFilingId = body.DeclarationId,
            Content = ContentOf(body.Content),
        };
        return Answer(await create.ExecuteAsync(http.User.Caller(), draft, cancellationToken), StatusCodes.Status201Created);
    }

    private static async Task<IResult> SaveAsync(string id, HttpContext http, IAntiforgery antiforgery, SaveFiling save, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingSaveBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (body!.Version is not { } version)
        {
            return ReviewApi.Problem(StatusCodes.Status400BadRequest, "缺少版本号", "请给出所编辑的版本号 version（取得这张表时的 version）。",
                "Give the version edited (version, as read with the filing).", "version-required");
        }

        return Answer(await save.ExecuteAsync(http.User.Caller(), filingId, version, ContentOf(body.Content), cancellationToken), StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReturnAsync(string id, HttpContext http, IAntiforgery antiforgery, FilingSteps steps, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingReturnBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var comments = (body!.Comments ?? []).Select(c => new FilingCommentInput(c?.Field, c?.Text)).ToList();
        return Answer(await steps.ReturnAsync(http.User.Caller(), filingId, comments, body.Version, cancellationToken), StatusCodes.Status200OK);
    }

    private static async Task<IResult> ApproveAsync(string id, HttpContext http, IAntiforgery antiforgery, FilingSteps steps, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingApproveBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        return Answer(await steps.ApproveAsync(http.User.Caller(), filingId, body!.OverrideReason, body.Version, cancellationToken), StatusCodes.Status200OK);
    }

    private static async Task<IResult> UnpublishAsync(string id, HttpContext http, IAntiforgery antiforgery, UnpublishFiling unpublish, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingUnpublishBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        return Answer(await unpublish.ExecuteAsync(http.User.Caller(), filingId, body!.Reason, body.Version, cancellationToken), StatusCodes.Status200OK);
    }

    private static async Task<IResult> CommentAsync(string id, HttpContext http, IAntiforgery antiforgery, FilingComments comments, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingCommentBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        return Answer(await comments.AddAsync(http.User.Caller(), filingId, new FilingCommentInput(body!.Field, body.Text), cancellationToken), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ResolveAsync(
        string id, string commentId, HttpContext http, IAntiforgery antiforgery, FilingComments comments, CancellationToken cancellationToken)
    {
        var (filingId, _, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, FilingJson.Context.FilingStepBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!ApiProblems.TryId(commentId, out var comment))
        {
            return ReviewApi.BadId("commentId", commentId);
        }

        return Answer(await comments.ResolveAsync(http.User.Caller(), filingId, comment, cancellationToken), StatusCodes.Status200OK);
    }

    /// <summary>A content given as a JSON object, as its text for the use case (null when absent or null).</summary>
    private static string? ContentOf(JsonElement? content) =>
        content is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } c ? c.GetRawText() : null;

    /// <summary>The answer to a change: <paramref name="status"/> with the filing, or the problem of a refusal.</summary>
    internal static IResult Answer(FilingResult result, int status)
    {
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        return TypedResults.Json(
            new FilingStepResponse(FilingJson.ToDetail(result.Filing!), result.Findings is { } f ? FilingJson.ToItems(f) : null, result.CommentId),
            FilingJson.Context.FilingStepResponse, statusCode: status);
    }

    /// <summary>
    /// A refusal as a problem: 404 not found (or not the caller's), 403 the role, 400 the input, 409 the status or a
    /// concurrent change — a conflict carrying <c>expectedVersion</c>, <c>currentVersion</c>, <c>filingStatus</c>,
    /// <c>changedBy</c>, <c>changedAt</c> and <c>changes</c> (<c>field</c>, <c>before</c>, <c>after</c>); a refused
    /// approval carries the <c>findings</c> to override; a refused submission (<c>submission-blocked</c>) the
    /// <c>cells</c> to fix (<c>field</c>, <c>code</c>, <c>message</c>) and the <c>findings</c>.
    /// </summary>
    internal static IResult Refused(FilingResult result)
    {
        var (status, title) = result.Outcome switch
        {
            FilingOutcome.NotFound => (StatusCodes.Status404NotFound, "未找到"),
            FilingOutcome.Forbidden => (StatusCodes.Status403Forbidden, "无权操作"),
            FilingOutcome.Invalid => (StatusCodes.Status400BadRequest, "输入无效"),
            FilingOutcome.NotNow => (StatusCodes.Status409Conflict, "当前状态不允许"),
            _ => (StatusCodes.Status409Conflict, "并发修改"),
        };
        var message = result.Message ?? FilingMessages.WrongStatus.Format();
        var extensions = new Dictionary<string, object?> { ["detailEn"] = message.En };
        if (result.Outcome == FilingOutcome.Conflict || result.Problem != FilingProblem.None)
        {
            extensions["problem"] = result.Outcome == FilingOutcome.Conflict ? "conflict" : JsonNamingPolicy.KebabCaseLower.ConvertName(result.Problem.ToString());
        }
        if (result.Conflict is { } c)
        {
            extensions["expectedVersion"] = c.ExpectedVersion;
            extensions["currentVersion"] = c.CurrentVersion;
            extensions["filingStatus"] = FilingJson.StatusName(c.Status);
            extensions["changedBy"] = c.ChangedBy;
            extensions["changedAt"] = DateTime.SpecifyKind(c.ChangedAt, DateTimeKind.Utc);
            extensions["changes"] = JsonSerializer.SerializeToElement(FilingJson.ToItems(c.Changes), FilingJson.Context.IReadOnlyListFilingChangeItem);
        }

        if (result.Blockers is { } blockers)
        {
            extensions["cells"] = JsonSerializer.SerializeToElement(FilingJson.ToItems(blockers), FilingJson.Context.IReadOnlyListFilingCellItem);
        }

        if (result.Findings is { } findings)
        {
            extensions["findings"] = JsonSerializer.SerializeToElement(FilingJson.ToItems(findings), FilingJson.Context.IReadOnlyListFilingFindingItem);
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: message.Zh, extensions: extensions);
    }
}
