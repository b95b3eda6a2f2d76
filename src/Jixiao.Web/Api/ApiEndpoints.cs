using Jixiao.App;
using Jixiao.Web.Exports;
using Jixiao.Web.Findings;

using Jixiao.Web.Forms;
using Jixiao.Web.Imports;

namespace Jixiao.Web.Api;

/// <summary>
/// The JSON API under <c>/api/v1</c> (docs: the OpenAPI document at <c>/openapi/v1.json</c>): forms (list, one,
/// exports), findings, statistics, the check catalogue, and imports. Every endpoint needs a signed-in user except
/// the health check; department users are limited to their department, supervisors only read. Errors are RFC 7807
/// problem details.
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
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = ApiJson.Encoder);
        return services;
    }

    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").RequireAuthorization();

        // GET /api/v1/health: the application runs and which database it uses (no secrets)
        api.MapGet("/health", (JixiaoStorage storage) => TypedResults.Json(
                new HealthItem("ok", storage.ProviderName), ApiJson.Context.HealthItem))
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("The application runs; which database it uses");

        FormsApi.Map(api);
        FindingsApi.Map(api);
        ExportEndpoints.Map(api);
        ImportsApi.Map(api);

        // GET /openapi/v1.json (describes the API only; no data)
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
