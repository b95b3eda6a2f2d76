using System.Globalization;
using Jixiao.App.Accounts;
using Jixiao.App.Review;
using Jixiao.Data.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Jixiao.Web.Accounts;

/// <summary>
/// A signed-in user's API tokens (访问令牌, <c>/account/tokens</c>): make one (name, optional last day, read-only or the
/// account's role) and see its secret once, on the answer to the creation — never again, and never in a cookie or a
/// redirect; list and revoke one's own. Signed in by the session cookie only, like every page.
/// </summary>
public sealed class TokensModel(ApiTokens tokens, TimeProvider clock) : PageModel
{
    /// <summary>Days ahead the expiry field proposes.</summary>
    public const int ProposedDays = 90;

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The last day the token works, <c>yyyy-MM-dd</c>; empty for no expiry.</summary>
    [BindProperty]
    public string? Expires { get; set; }

    /// <summary><c>read</c> (read-only) or <c>role</c> (what the account's role allows).</summary>
    [BindProperty]
    public string? Scope { get; set; }

    public TokenTable Table { get; private set; } = new([], false, DateTime.UtcNow);

    /// <summary>The token just made and its secret (shown once).</summary>
    public TokenCreated? Created { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Today in China, for the date field's minimum.</summary>
    public DateOnly Today => ReviewCalendar.Today(clock);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["message"] as string;
        Expires = Today.AddDays(ProposedDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Scope = "read";
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        DateOnly? expires = null;
        if (!string.IsNullOrWhiteSpace(Expires))
        {
            if (!DateOnly.TryParseExact(Expires.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return await FailAsync(Ui.T("有效期请填写日期（年-月-日），或留空表示不过期。", "Give the expiry as a date (year-month-day), or leave it empty for none."), cancellationToken);
            }

            expires = day;
        }

        var created = await tokens.CreateAsync(User.Caller(), Name, expires, Scope != "role", cancellationToken);
        if (!created.Done)
        {
            return await FailAsync(ProblemText(created.Problem), cancellationToken);
        }

        // the secret is in this answer only: not cached, not in TempData (a cookie), not in a redirect
        Response.Headers[HeaderNames.CacheControl] = "no-store";
        Created = created;
        ModelState.Clear(); // the form starts empty again, not with the name just used
        Name = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(User.Caller(), id, cancellationToken);
        TempData["message"] = TokenTable.RevocationText(result);
        return RedirectToPage();
    }

    /// <summary>Why a token was not made, in the user's language.</summary>
    public static string ProblemText(TokenProblem problem) => problem switch
    {
        TokenProblem.NameRequired => Ui.T("请给令牌起个名字（例如用途）。", "Give the token a name (e.g. what it is for)."),
        TokenProblem.NameTooLong => Ui.T($"名称最多 {ApiTokenStore.NameLength} 个字符。", $"The name may have at most {ApiTokenStore.NameLength} characters."),
        TokenProblem.ExpiryPassed => Ui.T("有效期不能早于今天。", "The expiry cannot be before today."),
        TokenProblem.ExpiryTooFar => Ui.T($"有效期最长 {ApiTokens.LongestTermDays} 天。", $"The expiry may be at most {ApiTokens.LongestTermDays} days ahead."),
        TokenProblem.TooMany => Ui.T($"每个账户最多 {ApiTokens.MaxActivePerUser} 个有效令牌：请先撤销不用的。", $"An account may have at most {ApiTokens.MaxActivePerUser} working tokens: revoke those you no longer use."),
        _ => Ui.T("此账户不能创建访问令牌。", "This account cannot make access tokens."),
    };

    private async Task<PageResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Table = new TokenTable(await tokens.ListOwnAsync(User.Caller(), cancellationToken), false, clock.GetUtcNow().UtcDateTime);
}
