using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Accounts;

/// <summary>
/// A table of API tokens (_TokenTable.cshtml): the user's own on <c>/account/tokens</c>, everyone's (with the owner)
/// on <c>/admin/tokens</c>; each working token with a revoke button posting to the page's <c>Revoke</c> handler.
/// </summary>
public sealed record TokenTable(IReadOnlyList<ApiTokenRow> Rows, bool ShowOwner, DateTime Now)
{
    /// <summary>The token's state at <see cref="Now"/>: <c>active</c>, <c>revoked</c> or <c>expired</c>.</summary>
    public string State(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.RevokedAt is not null ? "revoked" : token.ExpiresAt is { } e && Now >= e ? "expired" : "active";
    }

    public static string StateText(string state) => state switch
    {
        "revoked" => Ui.T("已撤销", "Revoked"),
        "expired" => Ui.T("已过期", "Expired"),
        _ => Ui.T("有效", "Active"),
    };

    public static string StateCss(string state) => state switch
    {
        "revoked" => "badge badge-error",
        "expired" => "badge badge-muted",
        _ => "badge badge-ok",
    };

    public static string ScopeText(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.ReadOnly ? Ui.T("只读", "Read-only") : Ui.T("同账户角色", "The account's role");
    }

    /// <summary>The last day a token works (China time), or “不过期”.</summary>
    public static string ExpiryText(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.ExpiresAt is { } e
            ? DateTime.SpecifyKind(e, DateTimeKind.Utc).AddHours(8).AddTicks(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : Ui.T("不过期", "Never");
    }

    /// <summary>The message after a revocation.</summary>
    public static string RevocationText(TokenRevocation result) => result switch
    {
        TokenRevocation.Done => Ui.T("令牌已撤销，使用它的请求将被拒绝。", "The token is revoked: requests with it are refused."),
        TokenRevocation.AlreadyRevoked => Ui.T("该令牌此前已撤销。", "The token was revoked before."),
        _ => Ui.T("没有这个令牌。", "No such token."),
    };
}
