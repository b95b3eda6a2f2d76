using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Jixiao.App.Access;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Accounts;

/// <summary>Cookie authentication, the role policies, and the first accounts.</summary>
public static class AccountSetup
{
    /// <summary>The demo accounts of Development mode (documented in docs/web.md).</summary>
    public static IReadOnlyList<(string UserName, string Password, UserRole Role, string? Department)> DemoAccounts { get; } =
    [
        ("admin", "jixiao-admin", UserRole.Administrator, null),
        ("reviewer", "jixiao-reviewer", UserRole.FinanceReviewer, null),
        ("supervisor", "jixiao-supervisor", UserRole.Supervisor, null),
        ("dept", "jixiao-dept", UserRole.DepartmentUser, "江海市临江区教育局"),
        ("dept-reviewer", "jixiao-dept-reviewer", UserRole.DepartmentReviewer, "江海市临江区教育局"),
    ];

    /// <summary>The page where a signed-in user changes their own password.</summary>
    public const string PasswordPath = "/account/password";

    public static IServiceCollection AddJixiaoAccounts(this IServiceCollection services, JixiaoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Password guessing: at most Jixiao:Accounts:LoginsPerMinute sign-in attempts (and own-password changes,
        // which check the current password) per client address and minute.
        // API tokens: at most Jixiao:Tokens:RequestsPerMinute requests per token and minute (ApiTokenLimits).
        // Exports: a few at once per user and in all (Exports/ExportLimits).
        var perMinute = Math.Max(1, options.Accounts.LoginsPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = ApiTokenLimits.OnRejectedAsync;
            var logins = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method)
                && (context.Request.Path.StartsWithSegments("/login") || context.Request.Path.StartsWithSegments(PasswordPath))
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained([logins, ApiTokenLimits.Limiter(options.Tokens), .. Exports.ExportLimits.Limiters(options.Exports)]);
        });

        services.AddMemoryCache();
        services.AddSingleton<UserValidator>();
        // the session cookie, and API tokens on /api (Accounts/ApiTokenAuthentication: a token request reads no cookie)
        services.AddJixiaoAuthentication(o =>
            {
                o.Cookie.Name = "jixiao.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // the API answers 401/403 instead of redirecting to the login page
                    OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<UserValidator>().ValidateAsync(ctx),
                };
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(UserClaims.CanChangePolicy, p => p.RequireRole(nameof(UserRole.Administrator), nameof(UserRole.FinanceReviewer)))
            .AddPolicy(UserClaims.AdminPolicy, p => p.RequireRole(nameof(UserRole.Administrator)))
            .AddPolicy(UserClaims.CanReviewPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.ReviewFindings)))
            .AddPolicy(UserClaims.CanDemandRectificationPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.DemandRectification)))
            .AddPolicy(UserClaims.CanAnswerRectificationPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.AnswerRectification)))
            .AddPolicy(UserClaims.CanFillPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.FillForms)))
            .AddPolicy(UserClaims.CanReviewFilingsPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.ReviewFilings)))
            .AddPolicy(UserClaims.CanPublishPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.May(Permission.PublishFilings)))
            .AddPolicy(UserClaims.CanCommentFilingsPolicy, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.May(Permission.FillForms) || c.User.May(Permission.ReviewFilings)));
        return services;
    }

    /// <summary>
    /// Creates the administrator of <c>Jixiao:Admin</c> when no administrator exists, and the demo accounts when
    /// <c>Jixiao:Demo:Accounts</c> is on and no user exists. Without either, the first-run page (/setup) asks.
    /// </summary>
    public static async Task SeedAsync(App.Accounts.Accounts accounts, JixiaoOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        var (demoCreated, administratorSet) = await accounts.SeedAsync(
            options.Demo.Accounts ? DemoAccounts : [], options.Admin.UserName, options.Admin.Password, cancellationToken);
        if (demoCreated)
        {
            logger.LogInformation("Created the demo accounts (see docs/web.md)");
        }

        if (administratorSet)
        {
            logger.LogInformation("Created the administrator from configuration (Jixiao:Admin)");
        }
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        // a session ended by UserValidator: the login page says why
        var uri = ctx.RedirectUri;
        if (apiStatus == StatusCodes.Status401Unauthorized && ctx.HttpContext.Items[UserValidator.EndedItem] is string reason)
        {
            uri += (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "reason=" + Uri.EscapeDataString(reason);
        }

        ctx.Response.Redirect(uri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Checks a signed-in user on each request against the stored account, cached for at most
/// <see cref="CacheTime"/> (a memory lookup on the hot path; <see cref="Forget"/> after a change in this process
/// makes it immediate): a deleted or disabled account, one whose password was reset or changed since the sign-in,
/// and a cookie issued before its user signed out (the session stamp changed) are signed out; a changed role or
/// department takes effect without a new sign-in.
/// </summary>
public sealed class UserValidator(App.Accounts.Accounts accounts, IMemoryCache cache)
{
    /// <summary>Why a session was ended (<see cref="HttpContext.Items"/> key): <c>disabled</c>, <c>password</c> or <c>signed-out</c>.</summary>
    public const string EndedItem = "jixiao:session-ended";

    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(20);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        if (principal is null || string.IsNullOrEmpty(name))
        {
            await EndAsync(context, null);
            return;
        }

        AccountSession? user;
        try
        {
            user = await cache.GetOrCreateAsync(Key(name), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = CacheTime;
                return await accounts.FindSessionAsync(name, context.HttpContext.RequestAborted);
            });
        }
        catch (Exception ex) when (App.JixiaoStorage.IsUnavailable(ex))
        {
            // The database cannot be asked: the session is neither ended nor renewed. The page needs the database
            // too and answers 503 (try again); the error page itself still shows.
            return;
        }

        if (user is null || principal.FindFirstValue(ClaimTypes.NameIdentifier) != user.Id.ToString(CultureInfo.InvariantCulture))
        {
            await EndAsync(context, null);
            return;
        }

        if (user.Disabled)
        {
            await EndAsync(context, "disabled");
            return;
        }

        if (principal.FindFirstValue(UserClaims.Stamp) != user.Stamp)
        {
            await EndAsync(context, "password"); // the password was reset or changed since this sign-in
            return;
        }

        if ((principal.FindFirstValue(UserClaims.Session) ?? "") != user.Session)
        {
            await EndAsync(context, "signed-out"); // the user signed out since this cookie was issued (a saved cookie replayed)
            return;
        }

        if (principal.FindFirstValue(ClaimTypes.Role) != user.Role.ToString()
            || (principal.FindFirstValue(UserClaims.Department) ?? "") != (user.Role.HasDepartment() ? user.Department ?? "" : ""))
        {
            context.ReplacePrincipal(UserClaims.Principal(user));
            context.ShouldRenew = true;
        }
    }

    /// <summary>Forgets the cached account (after a change to it), so that the next request reads it again.</summary>
    public void Forget(string userName) => cache.Remove(Key(userName));

    private static string Key(string userName) => "user:" + userName;

    private static async Task EndAsync(CookieValidatePrincipalContext context, string? reason)
    {
        context.RejectPrincipal();
        if (reason is not null)
        {
            context.HttpContext.Items[EndedItem] = reason;
        }

        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>Options binding helper.</summary>
internal static class OptionsExtensions
{
    public static JixiaoOptions Jixiao(this IServiceProvider services) => services.GetRequiredService<IOptions<JixiaoOptions>>().Value;
}
