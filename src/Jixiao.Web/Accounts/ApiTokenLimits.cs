using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Jixiao.Web.Exports;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.RateLimiting;

namespace Jixiao.Web.Accounts;

/// <summary>
/// The rate limit of API tokens: at most <see cref="TokenSettings.RequestsPerMinute"/> requests per token in each
/// minute (a fixed window per token id, no queue); more are answered 429 with <c>Retry-After</c> (the seconds left in
/// the window) and a problem in Chinese with the English beside. Sessions (cookies) are not limited by it.
/// </summary>
public static class ApiTokenLimits
{
    /// <summary>The limiter, partitioned by token id; no limit for requests without a token.</summary>
    public static PartitionedRateLimiter<HttpContext> Limiter(TokenSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var permits = Math.Max(1, settings.RequestsPerMinute);
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.CameWithToken() && context.User.FindFirstValue(UserClaims.TokenId) is { } id
                ? RateLimitPartition.GetFixedWindowLimiter("token:" + id,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>
    /// Answers a refused request: a token over its limit gets 429, <c>Retry-After</c> and the problem; anything else
    /// (an export, a sign-in) as <see cref="ExportLimits.OnRejectedAsync"/> answers it.
    /// </summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!http.User.CameWithToken() || !context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            await ExportLimits.OnRejectedAsync(context, cancellationToken);
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "请求过于频繁",
            detail: $"此访问令牌每分钟最多 {Limit(http)} 次请求，请在 {seconds} 秒后重试。",
            extensions: new Dictionary<string, object?>
            {
                ["detailEn"] = $"This access token may make at most {Limit(http)} requests a minute: try again in {seconds} s.",
                ["problem"] = "token-rate-limit",
            }).ExecuteAsync(http);
    }

    private static int Limit(HttpContext http) => Math.Max(1, http.RequestServices.Jixiao().Tokens.RequestsPerMinute);
}
