using Jixiao.App;
using Microsoft.AspNetCore.Diagnostics;

namespace Jixiao.Web.Shared;

/// <summary>
/// A request that fails because the database cannot be reached (a PostgreSQL restart, a SQLite file that cannot be
/// opened or stays locked: <see cref="JixiaoStorage.IsUnavailable"/>) answers 503 with <c>Retry-After</c> and a
/// message that says to try again — the error page for people, problem details for the API — instead of 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>The message of a 503 caused by the database (Chinese first, English after).</summary>
    public const string Message = "数据库暂时不可用，请稍后重试。The database is unavailable for the moment: please try again shortly.";

    /// <summary>The title of the API's problem.</summary>
    public const string Title = "数据库暂时不可用，请稍后重试";

    /// <summary>The <c>Retry-After</c> of a 503 (seconds).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The status an exception answers: 503 when the database is unavailable, 500 otherwise.</summary>
    public static int StatusCodeOf(Exception exception) =>
        JixiaoStorage.IsUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>True when the request being answered failed because the database is unavailable.</summary>
    public static bool Caused(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JixiaoStorage.IsUnavailable(context.Features.Get<IExceptionHandlerFeature>()?.Error);
    }

    /// <summary>Adds <c>Retry-After</c> to a 503.</summary>
    public static void SetRetryAfter(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The API's problem details for an exception: the database message when the database is unavailable.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Exception is { } ex && JixiaoStorage.IsUnavailable(ex))
        {
            context.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
            context.ProblemDetails.Title = Title;
            context.ProblemDetails.Detail = Message;
            SetRetryAfter(context.HttpContext.Response);
        }
    }
}
