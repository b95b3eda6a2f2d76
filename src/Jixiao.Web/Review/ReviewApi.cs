using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Jixiao.App.Review;
using Jixiao.Core.Workflow;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Review;

/// <summary>Marks the follow-up's endpoints (and filing's, <c>/api/v1/filings</c>): their 401/403 problems are written in Chinese (with the English beside).</summary>
public sealed class ReviewEndpointMetadata;

/// <summary>
/// The follow-up of findings in the JSON API (复核与整改): read a form's review and the rectification requests, and
/// take the steps — confirm or dismiss a finding (<c>POST /api/v1/findings/{formId}/{position}/review</c>), ask for a
/// rectification (<c>POST /api/v1/forms/{id}/rectifications</c>), answer it, accept or send back the answer
/// (<c>POST /api/v1/rectifications/{id}/answer|accept|return</c>). Every POST needs the role's authorization policy
/// and the antiforgery token of <c>GET /api/v1/antiforgery</c> in the <c>X-CSRF-TOKEN</c> header, as
/// <c>POST /api/v1/imports</c> does; a department user's requests and forms are theirs only (others' are 404).
/// Errors are RFC 7807 problem details in Chinese (<c>title</c>, <c>detail</c>) with the English in <c>detailEn</c>.
/// </summary>
public static class ReviewApi
{
    private const string Antiforgery = " Signed in by a session: needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header (not with an API token).";

    public static readonly ParameterSpec Status = new("status", ParameterType.String, "Requests in this status: open (awaiting the department's answer), answered, accepted.", null, ReviewTexts.StatusNames);

    public static readonly ParameterSpec Overdue = new("overdue", ParameterType.Boolean, "true: only requests past their deadline without an answer (逾期).");

    /// <summary>The 401/403 problems of the follow-up's endpoints in Chinese (the framework writes them before the handler runs).</summary>
    public static IServiceCollection AddReviewApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                var p = context.ProblemDetails;
                if (p.Detail is not null || !IsReviewRequest(context.HttpContext))
                {
                    return;
                }

                var (title, zh, en) = p.Status switch
                {
                    StatusCodes.Status401Unauthorized => ("未登录", "请先登录（/login）。", "Sign in first (/login)."),
                    StatusCodes.Status403Forbidden => ("无权操作", "你的角色不能执行这一步。", "Your role may not take this step."),
                    StatusCodes.Status415UnsupportedMediaType => ("请求体类型不支持", "请以 application/json 发送请求体。", "Send the body as application/json."),
                    _ => (null, null, null),
                };
                if (title is not null)
                {
                    p.Title = title;
                    p.Detail = zh;
                    p.Extensions["detailEn"] = en;
                }
            };
        });
        return services;
    }

    /// <summary>
    /// True for a request to one of the follow-up's endpoints: by its endpoint, or — when routing answered for it (a
    /// 415 for a body that is not JSON) — by its path.
    /// </summary>
    private static bool IsReviewRequest(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ReviewEndpointMetadata>() is not null)
        {
            return true;
        }

        var path = http.Request.Path.Value ?? "";
        return path.StartsWith("/api/v1/rectifications", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/api/v1/filings", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWith("/api/v1/findings/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/review", StringComparison.OrdinalIgnoreCase))
            || (path.StartsWith("/api/v1/forms/", StringComparison.OrdinalIgnoreCase)
                && (path.EndsWith("/rectifications", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/review", StringComparison.OrdinalIgnoreCase)));
    }

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var review = api.MapGroup("").WithMetadata(new ReviewEndpointMetadata());

        review.MapGet("/forms/{id}/review", FormAsync)
            .WithName("GetFormReview")
            .WithSummary("A form's follow-up: review state, each finding's conclusion, rectification requests with their threads")
            .Produces<FormReviewItem>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        review.MapPost("/findings/{formId}/{position}/review", DecideAsync)
            .Step<FindingReviewBody, FormReviewItem>(
                UserClaims.CanReviewPolicy,
                "ReviewFinding",
                "Confirm or dismiss finding {position} (0-based, the order of the form's findings) of a form",
                "Body {\"decision\": \"confirm\" | \"dismiss\", \"note\": \"…\"} (a note is required to dismiss). Administrators, finance reviewers and supervisors; the conclusion holds when the form is imported again. Answers the form's follow-up." + Antiforgery,
                StatusCodes.Status200OK);

        review.MapPost("/forms/{id}/rectifications", RequestAsync)
            .Step<RectificationRequestBody, RectificationStepResponse>(
                UserClaims.CanDemandRectificationPolicy,
                "RequestRectification",
                "Ask the form's department to rectify (整改通知), by a deadline",
                "Body {\"deadline\": \"yyyy-MM-dd\" (China time, today or later), \"text\": \"…\"}. Needs a confirmed finding and no other request running on the form. Administrators and finance reviewers." + Antiforgery,
                StatusCodes.Status201Created);

        review.MapGet("/rectifications", ListAsync)
            .WithName("ListRectifications")
            .WithSummary("Rectification requests, the nearest deadline first (a department user: their department's only)")
            .WithQueryParameters([Status, Overdue, .. ApiQuery.Paging])
            .Produces<PagedList<RectificationItem>>()
            .ProducesValidationProblem();

        review.MapGet("/rectifications/{id}", GetAsync)
            .WithName("GetRectification")
            .WithSummary("One rectification request with its thread")
            .Produces<RectificationItem>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        review.MapPost("/rectifications/{id}/answer", AnswerAsync)
            .Step<RectificationAnswerBody, RectificationStepResponse>(
                UserClaims.CanAnswerRectificationPolicy,
                "AnswerRectification",
                "The department answers an open request",
                "Body {\"text\": \"…\", \"done\": true|false}. Department users of the request's department." + Antiforgery,
                StatusCodes.Status200OK);

        foreach (var (path, name, summary) in new[]
        {
            ("accept", "AcceptRectification", "Accept the department's answer: the form is rectified (note optional)"),
            ("return", "ReturnRectification", "Send the department's answer back with a note: the request is open again"),
        })
        {
            review.MapPost("/rectifications/{id}/" + path, (string id, HttpContext http, IAntiforgery antiforgery, RectificationSteps steps, FormReviews reviews, CancellationToken cancellationToken) =>
                    CloseAsync(path == "accept", id, http, antiforgery, steps, reviews, cancellationToken))
                .Step<RectificationNoteBody, RectificationStepResponse>(
                    UserClaims.CanDemandRectificationPolicy,
                    name,
                    summary,
                    "Body {\"note\": \"…\"}. Administrators and finance reviewers." + Antiforgery,
                    StatusCodes.Status200OK);
        }
    }

    /// <summary>A step's endpoint: its role policy, name and documentation, a JSON body, its answer and its problems.</summary>
    internal static RouteHandlerBuilder Step<TBody, TResponse>(
        this RouteHandlerBuilder endpoint, string policy, string name, string summary, string description, int status)
        where TBody : notnull => endpoint
        .RequireAuthorization(policy)
        .WithName(name)
        .WithSummary(summary)
        .WithDescription(description)
        .Accepts<TBody>("application/json")
        .Produces<TResponse>(status)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> FormAsync(string id, HttpContext http, FormReviews reviews, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var formId))
        {
            return BadId("id", id);
        }

        var view = await reviews.FormAsync(http.User.Caller(), formId, cancellationToken);
        return view is null ? NotFound("表", formId) : TypedResults.Json(ReviewJson.ToItem(view), ReviewJson.Context.FormReviewItem);
    }

    private static async Task<IResult> DecideAsync(
        string formId, string position, HttpContext http, IAntiforgery antiforgery, DecideFinding decide, FormReviews reviews, CancellationToken cancellationToken)
    {
        var (form, body, bad) = await InputAsync(http, antiforgery, "formId", formId, ReviewJson.Context.FindingReviewBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Problem(StatusCodes.Status400BadRequest, "问题序号无效", $"“{ApiQuery.Clip(position)}”不是问题序号：应为从 0 开始的整数。",
                $"'{ApiQuery.Clip(position)}' is not a finding position: expected a whole number from 0.");
        }

        if (ReviewTexts.ParseDecision(body!.Decision) is not { } decision)
        {
            return Problem(StatusCodes.Status400BadRequest, "复核结论无效", "decision 应为 confirm（确认）或 dismiss（排除）。",
                "decision must be confirm or dismiss.");
        }

        var caller = http.User.Caller();
        var result = await decide.ExecuteAsync(caller, form, index, decision, body.Note, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        return TypedResults.Json(ReviewJson.ToItem((await reviews.FormAsync(caller, form, cancellationToken))!), ReviewJson.Context.FormReviewItem);
    }

    private static async Task<IResult> RequestAsync(
        string id, HttpContext http, IAntiforgery antiforgery, RequestRectification request, FormReviews reviews, CancellationToken cancellationToken)
    {
        var (formId, body, bad) = await InputAsync(http, antiforgery, "id", id, ReviewJson.Context.RectificationRequestBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!DateOnly.TryParseExact(body!.Deadline?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            return Problem(StatusCodes.Status400BadRequest, "整改期限无效", "deadline 应为日期，格式 yyyy-MM-dd，例如 2025-03-31。",
                "deadline must be a date as yyyy-MM-dd, e.g. 2025-03-31.");
        }

        var caller = http.User.Caller();
        var result = await request.ExecuteAsync(caller, formId, deadline, body.Text, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var item = ReviewJson.ToItem((await reviews.RectificationAsync(caller, result.RectificationId!.Value, cancellationToken))!);
        return TypedResults.Json(new RectificationStepResponse(StateName(result.State), item), ReviewJson.Context.RectificationStepResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, FormReviews reviews, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, [Status, Overdue], ApiQuery.Paging);
        var status = ReviewTexts.ParseStatus(reader.OneOf(Status));
        var overdue = reader.Bool(Overdue) ?? false;
        var page = reader.PageNumber();
        var pageSize = reader.PageSizeValue();
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var list = await reviews.ListAsync(http.User.Caller(), status, overdue, page, pageSize, cancellationToken);
        var result = list.Page;
        var today = list.Today;
        string Url(int p) => $"/api/v1/rectifications?{(status is { } s ? "status=" + ReviewTexts.StatusName(s) + "&" : "")}{(overdue ? "overdue=true&" : "")}page={p}&pageSize={pageSize}";
        return TypedResults.Json(new PagedList<RectificationItem>(
                [.. result.Items.Select(i => ReviewJson.ToItem(i.Request, i.FormId, list.IsOverdue(i), ReviewCalendar.DaysOverdue(i.Request.Deadline, today), null))],
                result.Page, result.PageSize, result.TotalCount, result.PageCount,
                result.Page < result.PageCount ? Url(result.Page + 1) : null,
                result.Page > 1 ? Url(Math.Min(result.Page - 1, Math.Max(1, result.PageCount))) : null),
            ReviewJson.Context.PagedListRectificationItem);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, FormReviews reviews, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var requestId))
        {
            return BadId("id", id);
        }

        var view = await reviews.RectificationAsync(http.User.Caller(), requestId, cancellationToken);
        return view is null ? NotFound("整改通知", requestId) : TypedResults.Json(ReviewJson.ToItem(view), ReviewJson.Context.RectificationItem);
    }

    private static async Task<IResult> AnswerAsync(
        string id, HttpContext http, IAntiforgery antiforgery, RectificationSteps steps, FormReviews reviews, CancellationToken cancellationToken)
    {
        var (requestId, body, bad) = await InputAsync(http, antiforgery, "id", id, ReviewJson.Context.RectificationAnswerBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var caller = http.User.Caller();
        return await StepResponseAsync(await steps.AnswerAsync(caller, requestId, body!.Text, body.Done ?? false, cancellationToken), caller, requestId, reviews, cancellationToken);
    }

    private static async Task<IResult> CloseAsync(
        bool accept, string id, HttpContext http, IAntiforgery antiforgery, RectificationSteps steps, FormReviews reviews, CancellationToken cancellationToken)
    {
        var (requestId, body, bad) = await InputAsync(http, antiforgery, "id", id, ReviewJson.Context.RectificationNoteBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var caller = http.User.Caller();
        var result = accept
            ? await steps.AcceptAsync(caller, requestId, body!.Note, cancellationToken)
            : await steps.ReturnAsync(caller, requestId, body!.Note, cancellationToken);
        return await StepResponseAsync(result, caller, requestId, reviews, cancellationToken);
    }

    private static async Task<IResult> StepResponseAsync(ReviewResult result, App.Access.Caller caller, long id, FormReviews reviews, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var item = ReviewJson.ToItem((await reviews.RectificationAsync(caller, id, cancellationToken))!);
        return TypedResults.Json(new RectificationStepResponse(StateName(result.State), item), ReviewJson.Context.RectificationStepResponse);
    }

    /// <summary>
    /// What every step reads first, in this order: the antiforgery token, the id in the path (<paramref name="name"/>)
    /// and the JSON body; the problem of the first that is wrong.
    /// </summary>
    internal static async Task<(long Id, T? Body, IResult? Problem)> InputAsync<T>(
        HttpContext http, IAntiforgery antiforgery, string name, string id, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (await CheckAsync(http, antiforgery) is { } refused)
        {
            return (0, null, refused);
        }

        if (!ApiProblems.TryId(id, out var value))
        {
            return (0, null, BadId(name, id));
        }

        var (body, bad) = await BodyAsync(http, type, cancellationToken);
        return (value, body, bad);
    }

    /// <summary>The antiforgery token, checked as <c>POST /api/v1/imports</c> checks it; null when it is valid.</summary>
    internal static async Task<IResult?> CheckAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateUnlessTokenAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "缺少或无效的防伪令牌",
                "请先以同一登录会话调用 GET /api/v1/antiforgery 取得令牌，并放在 X-CSRF-TOKEN 请求头中。",
                "Get a token from GET /api/v1/antiforgery (signed in, same cookies) and send it in the X-CSRF-TOKEN header.");
        }
    }

    /// <summary>The JSON body; or the problem when it is not JSON or does not parse.</summary>
    internal static async Task<(T? Body, IResult? Problem)> BodyAsync<T>(HttpContext http, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "请求体类型不支持", "请以 application/json 发送请求体。",
                "Send the body as application/json."));
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync(type, cancellationToken);
            return body is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "请求体为空", "请求体应为一个 JSON 对象。", "The body must be a JSON object."))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "请求体不是有效的 JSON",
                $"请求体无法读取（{ApiQuery.Clip(ex.Path ?? "$", 80)}）：应为 JSON 对象。",
                $"The body cannot be read at {ApiQuery.Clip(ex.Path ?? "$", 80)}: expected a JSON object."));
        }
    }

    private static IResult Refused(ReviewResult result)
    {
        var status = result.Outcome switch
        {
            ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
            ReviewOutcome.Forbidden => StatusCodes.Status403Forbidden,
            ReviewOutcome.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        var title = result.Outcome switch
        {
            ReviewOutcome.NotFound => "未找到",
            ReviewOutcome.Forbidden => "无权操作",
            ReviewOutcome.Invalid => "输入无效",
            ReviewOutcome.NotNow => "当前状态不允许",
            _ => "并发修改",
        };
        var (zh, en) = ReviewTexts.Problem(result.Outcome, result.Problem);
        return Problem(status, title, zh, en, result.Problem == ReviewProblem.None ? null : ProblemName(result.Problem));
    }

    private static IResult NotFound(string what, long id) => Problem(StatusCodes.Status404NotFound, "未找到",
        $"没有编号为 {id.ToString(CultureInfo.InvariantCulture)} 且你有权查看的{what}。",
        $"There is no {(what == "表" ? "form" : "rectification request")} with id {id.ToString(CultureInfo.InvariantCulture)} that you may see.");

    internal static IResult BadId(string parameter, string value) => Problem(StatusCodes.Status400BadRequest, "编号无效",
        $"{parameter}“{ApiQuery.Clip(value)}”不是编号：应为从 1 开始的整数。", $"'{ApiQuery.Clip(value)}' is not an id: expected a whole number from 1.");

    internal static IResult Problem(int status, string title, string zh, string en, string? problem = null)
    {
        var extensions = new Dictionary<string, object?> { ["detailEn"] = en };
        if (problem is not null)
        {
            extensions["problem"] = problem;
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: zh, extensions: extensions);
    }

    /// <summary>The problem's code in JSON, e.g. <c>note-required</c>.</summary>
    private static string ProblemName(ReviewProblem problem) => JsonNamingPolicy.KebabCaseLower.ConvertName(problem.ToString());

    private static string? StateName(FormReviewState? state) => state is { } s ? ReviewTexts.StateName(s) : null;
}
