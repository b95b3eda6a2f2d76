using System.Threading.RateLimiting;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.RateLimiting;

namespace Jixiao.Web.Exports;

/// <summary>
/// Exports (every <c>GET …/export</c>: the list's CSV, xlsx and JSON, one form's xlsx and JSON) read and format many
/// forms and hold a connection while they stream: a few at once fill both cores. At most
/// <see cref="ExportSettings.PerUser"/> run at once per user and <see cref="ExportSettings.Total"/> in all; another
/// is answered 429 at once (no queue) with <c>Retry-After</c> and a message saying to wait for the running export.
/// </summary>
public static class ExportLimits
{
    /// <summary>Seconds a refused export is told to wait.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>The message of a refused export, in the request's language.</summary>
    public static string Message => Ui.T("导出过于频繁：请等正在进行的导出完成后再试。", "Too many exports at once: wait until the running export is done, then try again.");

    /// <summary>True for an export request.</summary>
    public static bool IsExport(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method) && request.Path.Value is { } path && path.EndsWith("/export", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The two limiters of exports, per user and for all users (no limit for other requests).</summary>
    public static IEnumerable<PartitionedRateLimiter<HttpContext>> Limiters(ExportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var perUser = Math.Max(1, settings.PerUser);
        var total = Math.Max(1, settings.Total);
        yield return PartitionedRateLimiter.Create<HttpContext, string>(context => IsExport(context.Request)
            ? RateLimitPartition.GetConcurrencyLimiter("user:" + (context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous"),
                _ => new ConcurrencyLimiterOptions { PermitLimit = perUser, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
        yield return PartitionedRateLimiter.Create<HttpContext, string>(context => IsExport(context.Request)
            ? RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions { PermitLimit = total, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>
    /// Answers a refused export: 429, <c>Retry-After</c>, and the message — problem details for the API, plain text
    /// otherwise. Other refusals (sign-in attempts) keep their empty 429, which the error page explains.
    /// </summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!IsExport(http.Request))
        {
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(title: Ui.T("导出过于频繁，请稍后再试", "Too many exports: try again shortly"), detail: Message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}
