using System.Text.Encodings.Web;
using Jixiao.App.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Personal access tokens on the API (docs/api.md): a request to <c>/api/…</c> with <c>Authorization: Bearer jx_…</c>
/// is signed in by its token and by nothing else — its cookies are not read, so a token request is never a session
/// request and needs no antiforgery token (a browser does not add an Authorization header to a cross-site request by
/// itself). Every other request, every page among them, is signed in by the session cookie only: a token on a page
/// signs nobody in. A token that does not work answers 401 with the reason (unknown, revoked, expired, account
/// disabled) as a problem in Chinese with the English beside; a read-only token is refused every method but GET and
/// HEAD (403).
/// </summary>
public static class ApiTokenAuthentication
{
    /// <summary>The scheme that signs a request in by its API token.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: picks the token scheme for token requests to the API, else the cookie.</summary>
    public const string SelectorScheme = "Jixiao";

    /// <summary>Why a presented token did not work (<see cref="HttpContext.Items"/> key, a <see cref="TokenCheckOutcome"/>).</summary>
    private const string FailureItem = "jixiao:token-failure";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// True for a request the token scheme signs in: to the API (<c>/api/…</c>) with an <c>Authorization: Bearer …</c>
    /// header. Such a request is never signed in by its cookie.
    /// </summary>
    public static bool Applies(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments("/api")
            && context.Request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The selector scheme (the default), the cookie behind it as configured by the caller, and the token scheme.</summary>
    public static AuthenticationBuilder AddJixiaoAuthentication(this IServiceCollection services, Action<CookieAuthenticationOptions> cookie)
    {
        var builder = services.AddAuthentication(SelectorScheme);
        builder.AddPolicyScheme(SelectorScheme, "Jixiao", o => o.ForwardDefaultSelector = context =>
            Applies(context) ? Scheme : CookieAuthenticationDefaults.AuthenticationScheme);
        builder.AddCookie(cookie);
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, "API token", null);
        return builder;
    }

    /// <summary>
    /// The antiforgery check of the API's POSTs: skipped for a request signed in by its token (no cookie was read, so
    /// there is no session to forge), made as before for a session.
    /// </summary>
    public static async Task ValidateUnlessTokenAsync(this IAntiforgery antiforgery, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(http);
        if (Applies(http) && http.User.CameWithToken())
        {
            return;
        }

        await antiforgery.ValidateRequestAsync(http);
    }

    /// <summary>
    /// The API's filter for read-only tokens: every method but GET, HEAD and OPTIONS is refused with 403, before the
    /// endpoint runs (the access policy refuses them too: <see cref="App.Access.Caller.ReadOnly"/>).
    /// </summary>
    public static async ValueTask<object?> ReadOnlyFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return ReadOnlyRefusal(context.HttpContext) ?? await next(context);
    }

    /// <summary>
    /// The 403 of a token request that authorization refused: a read-only token asking for a change is told so; any
    /// other refusal (the role) is a plain 403, which the API's status pages turn into a problem.
    /// </summary>
    internal static async Task ForbidAsync(HttpContext context)
    {
        if (ReadOnlyRefusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    /// <summary>The refusal of a change asked with a read-only token, or null.</summary>
    private static IResult? ReadOnlyRefusal(HttpContext http)
    {
        var method = http.Request.Method;
        return http.User.CameWithToken() && http.User.Caller().ReadOnly
            && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
                ? Problem(StatusCodes.Status403Forbidden, "只读令牌", "此访问令牌为只读：只能读取（GET），不能提交、修改或删除。",
                    "This access token is read-only: it may read (GET) but not post, change or delete.", "token-read-only")
                : null;
    }

    /// <summary>Records why the token did not work, for the challenge.</summary>
    internal static void Failed(HttpContext context, TokenCheckOutcome outcome) => context.Items[FailureItem] = outcome;

    /// <summary>The 401 of a request whose token did not work: why, in Chinese and English, and <c>WWW-Authenticate: Bearer</c>.</summary>
    internal static async Task ChallengeAsync(HttpContext context)
    {
        var outcome = context.Items[FailureItem] as TokenCheckOutcome? ?? TokenCheckOutcome.Malformed;
        var (title, zh, en, code) = outcome switch
        {
            TokenCheckOutcome.Revoked => ("访问令牌已撤销", "此访问令牌已被撤销，不能再使用。请在“访问令牌”页面新建一个。", "This access token has been revoked. Make a new one on the access tokens page.", "token-revoked"),
            TokenCheckOutcome.Expired => ("访问令牌已过期", "此访问令牌已过期。请在“访问令牌”页面新建一个。", "This access token has expired. Make a new one on the access tokens page.", "token-expired"),
            TokenCheckOutcome.AccountDisabled => ("账户已停用", "此访问令牌所属的账户已被停用，令牌不再有效。", "The account of this access token is disabled: the token does not work.", "account-disabled"),
            TokenCheckOutcome.Unknown => ("访问令牌无效", "没有这个访问令牌（可能抄错了）。", "No such access token (perhaps mistyped).", "token-unknown"),
            _ => ("访问令牌格式不正确", "请以 Authorization: Bearer jx_… 发送访问令牌（jx_ 加 43 个字符）。", "Send the access token as Authorization: Bearer jx_... (jx_ and 43 characters).", "token-malformed"),
        };
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"jixiao\", error=\"invalid_token\", error_description=\"{code}\"";
        await Problem(StatusCodes.Status401Unauthorized, title, zh, en, code).ExecuteAsync(context);
    }

    /// <summary>A problem in the follow-up's style: Chinese title and detail, the English in <c>detailEn</c>, a code in <c>problem</c>.</summary>
    private static IResult Problem(int status, string title, string zh, string en, string code) => TypedResults.Problem(
        statusCode: status, title: title, detail: zh, extensions: new Dictionary<string, object?> { ["detailEn"] = en, ["problem"] = code });
}

/// <summary>Signs a token request in as the token's owner, with the owner's role and department as they are now.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokenAuthentication.Applies(Context))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var check = await tokens.AuthenticateAsync(secret, Request.Method + " " + Request.Path.Value, Context.RequestAborted);
        if (check is not { Outcome: TokenCheckOutcome.Valid, Token: { } token, Owner: { } owner })
        {
            ApiTokenAuthentication.Failed(Context, check.Outcome);
            return AuthenticateResult.Fail("the access token does not work: " + check.Outcome);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(UserClaims.TokenPrincipal(owner, token, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiTokenAuthentication.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiTokenAuthentication.ForbidAsync(Context);
}
