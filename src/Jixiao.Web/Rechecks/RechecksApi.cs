using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Rechecks;
using Jixiao.Data.Entities;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Rechecks;

/// <summary>
/// One re-check of all stored forms in the API: its state, progress and counts. <c>percent</c> is of the forms stored
/// when it was started; <c>formsPerSecond</c> and <c>etaSeconds</c> are of its current run (null until its first step,
/// and the estimate only while it runs).
/// </summary>
public sealed record RecheckItem(
    long Id,
    string State,
    bool Finished,
    string Trigger,
    string ChecksVersion,
    string? PreviousVersion,
    string StartedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? UpdatedAt,
    int Total,
    int Done,
    double Percent,
    double? FormsPerSecond,
    long? EtaSeconds,
    int Changed,
    long FindingsBefore,
    long FindingsAfter,
    long LastFormId,
    string? CancelRequestedBy,
    string? Error,
    string Url);

/// <summary>Where re-checks stand: the checks version of the code and of the stored forms, the open job, the latest jobs.</summary>
public sealed record RecheckStatusItem(string CodeVersion, string? StoredVersion, bool Current, RecheckItem? Open, IReadOnlyList<RecheckItem> Jobs);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecheckItem))]
[JsonSerializable(typeof(RecheckStatusItem))]
public sealed partial class RecheckJsonContext : JsonSerializerContext;

/// <summary>
/// The re-check of all stored forms in the JSON API, for administrators: <c>GET /api/v1/rechecks</c> (versions, the open
/// job, the latest), <c>GET /api/v1/rechecks/{id}</c> (one job's progress: the admin page polls it),
/// <c>POST /api/v1/rechecks</c> (start one: 202; 409 while one is open) and <c>POST /api/v1/rechecks/{id}/cancel</c>.
/// The POSTs need the antiforgery token of <c>GET /api/v1/antiforgery</c> in the <c>X-CSRF-TOKEN</c> header (not with
/// an API token, docs/api.md; a read-only token only reads); other roles get 403.
/// </summary>
public static class RechecksApi
{
    private static readonly RecheckJsonContext Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rechecks = api.MapGroup("/rechecks").RequireAuthorization(UserClaims.AdminPolicy);

        rechecks.MapGet("", StatusAsync)
            .WithName("GetRechecks")
            .WithSummary("The re-checks of all stored forms: the checks version of the code and of the stored forms, the open job, the latest jobs (administrators)")
            .Produces<RecheckStatusItem>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        rechecks.MapGet("/{id}", GetAsync)
            .WithName("GetRecheck")
            .WithSummary("One re-check: state, forms done of the total, percent, forms per second, time left, forms changed, findings before and after (administrators)")
            .Produces<RecheckItem>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        rechecks.MapPost("", StartAsync)
            .WithName("StartRecheck")
            .WithSummary("Re-check every stored form with the current rules and checks, in the background (administrators; audit-logged)")
            .WithDescription("202 with the job (follow it at its url); 409 with the open job's url while one is queued or running. "
                + "Needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header.")
            .Produces<RecheckItem>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rechecks.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelRecheck")
            .WithSummary("Stop a re-check after its current step (administrators; audit-logged)")
            .WithDescription("202 with the job; 404 when there is none; 409 when it is not queued or running. "
                + "Needs the antiforgery token of GET /api/v1/antiforgery in the X-CSRF-TOKEN header.")
            .Produces<RecheckItem>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The API's view of a job.</summary>
    public static RecheckItem ToItem(RecheckProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var j = progress.Job;
        return new RecheckItem(
            j.Id, StateName(j.State), !progress.IsOpen, TriggerName(j.Trigger), j.ChecksVersion, j.PreviousVersion, j.StartedBy,
            Utc(j.CreatedAt)!.Value, Utc(j.StartedAt), Utc(j.FinishedAt), Utc(j.UpdatedAt),
            j.Total, j.Done, progress.Percent, progress.FormsPerSecond, progress.Remaining is { } r ? (long)r.TotalSeconds : null,
            j.Changed, j.FindingsBefore, j.FindingsAfter, j.LastFormId, j.CancelRequestedBy, j.Error, UrlOf(j.Id));
    }

    public static string UrlOf(long id) => "/api/v1/rechecks/" + id.ToString(CultureInfo.InvariantCulture);

    public static string StateName(RecheckState state) => state.ToString().ToLowerInvariant();

    public static string TriggerName(RecheckTrigger trigger) => JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString());

    private static DateTime? Utc(DateTime? t) => t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private static async Task<IResult> StatusAsync(HttpContext http, RecheckJobs jobs, CancellationToken cancellationToken)
    {
        var status = await jobs.StatusAsync(http.User.Caller(), cancellationToken: cancellationToken);
        return TypedResults.Json(
            new RecheckStatusItem(status.CodeVersion, status.StoredVersion, status.IsCurrent, status.Open is { } o ? ToItem(o) : null, [.. status.Latest.Select(ToItem)]),
            Json.RecheckStatusItem);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, RecheckJobs jobs, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var jobId))
        {
            return ApiProblems.BadId("id", id, "a re-check");
        }

        return await jobs.GetAsync(http.User.Caller(), jobId, cancellationToken) is { } progress
            ? TypedResults.Json(ToItem(progress), Json.RecheckItem)
            : ApiProblems.NotFound("re-check", jobId);
    }

    private static async Task<IResult> StartAsync(HttpContext http, RecheckJobs jobs, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (await AntiforgeryProblemAsync(http, antiforgery) is { } problem)
        {
            return problem;
        }

        var start = await jobs.StartAsync(http.User.Caller(), RecheckTrigger.Administrator, cancellationToken);
        var item = ToItem(RecheckProgress.Of(start.Job));
        if (!start.Created)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "A re-check is running",
                string.Create(CultureInfo.InvariantCulture, $"Re-check {start.Job.Id} is {item.State} ({item.Done:N0} of {item.Total:N0} forms); one runs at a time: follow it at {item.Url}."),
                new Dictionary<string, object?> { ["recheckId"] = start.Job.Id, ["url"] = item.Url });
        }

        http.Response.Headers.Location = item.Url;
        return TypedResults.Json(item, Json.RecheckItem, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, RecheckJobs jobs, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var jobId))
        {
            return ApiProblems.BadId("id", id, "a re-check");
        }

        if (await AntiforgeryProblemAsync(http, antiforgery) is { } problem)
        {
            return problem;
        }

        var caller = http.User.Caller();
        return await jobs.CancelAsync(caller, jobId, cancellationToken) switch
        {
            RecheckCancel.NotFound => ApiProblems.NotFound("re-check", jobId),
            RecheckCancel.NotOpen => ApiProblems.Status(StatusCodes.Status409Conflict, "The re-check has ended",
                $"Re-check {jobId.ToString(CultureInfo.InvariantCulture)} is not queued or running: there is nothing to cancel."),
            _ => TypedResults.Json(ToItem((await jobs.GetAsync(caller, jobId, cancellationToken))!), Json.RecheckItem, statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static async Task<IResult?> AntiforgeryProblemAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateUnlessTokenAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                "Get a token from GET /api/v1/antiforgery (signed in, same cookies) and send it in the X-CSRF-TOKEN header.");
        }
    }
}
