using Jixiao.App;
using Jixiao.Web.Accounts;
using Jixiao.Web.Exports;
using Jixiao.Web.Filings;
using Jixiao.Web.Findings;

using Jixiao.Web.Forms;
using Jixiao.Web.Imports;
using Jixiao.Web.Rechecks;
using Jixiao.Web.Review;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Api;

/// <summary>
/// The JSON API under <c>/api/v1</c> (docs: the OpenAPI document at <c>/openapi/v1.json</c>): forms (list, one,
/// exports), findings, statistics, the check catalogue, and imports. Every endpoint needs a signed-in user except
/// the health check — a session, or an API token (<c>Authorization: Bearer</c>, docs/api.md); department users are
/// limited to their department, supervisors read and review findings. Errors are RFC 7807 problem details.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>
    /// The API's services: the OpenAPI document and the JSON of minimal APIs and problem details escaping
    /// <c>&lt; &gt; &amp; '</c> (ASP.NET Core's default leaves them raw) while keeping Chinese readable, so that a
    /// problem quoting a bad value never carries markup.
    /// </summary>
    public static IServiceCollection AddApiV1(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddApiOpenApi();
        services.AddReviewApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = ApiJson.Encoder);
        return services;
    }

    /// <summary>How long the health check waits for the database.</summary>
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(2);

    private static async Task<IResult> HealthAsync(JixiaoStorage storage, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await storage.CheckAsync(HealthTimeout, cancellationToken) is not { } problem)
        {
            return TypedResults.Json(new HealthItem("ok", storage.ProviderName), ApiJson.Context.HealthItem);
        }

        loggers.CreateLogger("Jixiao.Health").LogWarning(problem, "Health check: the database does not answer");
        http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(new HealthItem("unavailable", storage.ProviderName, DatabaseOutage.Message), ApiJson.Context.HealthItem,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // a session or an API token (Accounts/ApiTokenAuthentication); a read-only token is refused every change
        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter(ApiTokenAuthentication.ReadOnlyFilterAsync);

        // GET /api/v1/health: the application runs, its database answers (a trivial query, 2 s at most), and which
        // database it is (no secrets); 503 while the database does not answer
        api.MapGet("/health", HealthAsync)
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("The application runs and its database answers; which database it uses")
            .WithDescription("200 with status ok; 503 with status unavailable (and Retry-After) while the database does not answer within 2 s.")
            .Produces<HealthItem>()
            .Produces<HealthItem>(StatusCodes.Status503ServiceUnavailable);

        FormsApi.Map(api);
        FindingsApi.Map(api);
        ExportEndpoints.Map(api);
        ImportsApi.Map(api);
        ReviewApi.Map(api);
        RechecksApi.Map(api);
        FilingsApi.Map(api);
        Monitoring.MonitoringApi.Map(api);
        Library.LibraryApi.Map(api);

        // GET /openapi/v1.json (describes the API only; no data)
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
