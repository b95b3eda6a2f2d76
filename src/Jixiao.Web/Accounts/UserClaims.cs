using System.Security.Claims;
using Jixiao.App.Access;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jixiao.Web.Accounts;

/// <summary>The claims of a signed-in user and what they allow.</summary>
public static class UserClaims
{
    /// <summary>The 主管部门 of a department user or department reviewer.</summary>
    public const string Department = "jixiao:department";

    /// <summary>Policy: may import (administrators and finance reviewers). Deleting a batch is for administrators only (<see cref="AdminPolicy"/>, AccessPolicy).</summary>
    public const string CanChangePolicy = "CanChange";

    /// <summary>Policy: administrators only (accounts, audit log).</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Policy: may confirm or dismiss findings (<see cref="Permission.ReviewFindings"/>).</summary>
    public const string CanReviewPolicy = "CanReview";

    /// <summary>Policy: may ask for, accept and send back rectifications (<see cref="Permission.DemandRectification"/>).</summary>
    public const string CanDemandRectificationPolicy = "CanDemandRectification";

    /// <summary>Policy: may answer rectification requests (<see cref="Permission.AnswerRectification"/>).</summary>
    public const string CanAnswerRectificationPolicy = "CanAnswerRectification";

    /// <summary>Policy: may fill, save, submit and withdraw forms (<see cref="Permission.FillForms"/>).</summary>
    public const string CanFillPolicy = "CanFill";

    /// <summary>Policy: may return and approve submitted forms (<see cref="Permission.ReviewFilings"/>).</summary>
    public const string CanReviewFilingsPolicy = "CanReviewFilings";

    /// <summary>Policy: may publish approved forms (<see cref="Permission.PublishFilings"/>).</summary>
    public const string CanPublishPolicy = "CanPublish";

    /// <summary>Policy: takes part in filing — fills or reviews forms — and so may comment on them.</summary>
    public const string CanCommentFilingsPolicy = "CanCommentFilings";

    /// <summary>The session stamp (<see cref="AccountSession.Stamp"/>): a changed password ends the other sessions.</summary>
    public const string Stamp = "jixiao:stamp";

    /// <summary>The account's session stamp when the cookie was issued (<see cref="AccountSession.Session"/>): signing out changes it.</summary>
    public const string Session = "jixiao:session";

    /// <summary>The id of the API token a request came with (<see cref="ApiToken.Id"/>): only on requests signed in by a token.</summary>
    public const string TokenId = "jixiao:token";

    /// <summary>How the audit log names that token (<see cref="App.Accounts.ApiTokens.Label"/>).</summary>
    public const string TokenLabel = "jixiao:token-label";

    /// <summary>The token's scope: <c>read</c> (read-only) or <c>role</c> (what the user's role allows).</summary>
    public const string TokenScope = "jixiao:token-scope";

    public static ClaimsPrincipal Principal(User user) => Principal(AccountSession.Of(user));

    public static ClaimsPrincipal Principal(AccountSession user) =>
        new(new ClaimsIdentity(Claims(user), CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// The principal of a request signed in by an API token: the owner's claims as they are now (role, department) and
    /// the token's id, label and scope; authentication type <paramref name="scheme"/>.
    /// </summary>
    public static ClaimsPrincipal TokenPrincipal(AccountSession user, ApiToken token, string scheme)
    {
        ArgumentNullException.ThrowIfNull(token);
        var claims = Claims(user);
        claims.Add(new Claim(TokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        claims.Add(new Claim(TokenLabel, App.Accounts.ApiTokens.Label(token)));
        claims.Add(new Claim(TokenScope, token.ReadOnly ? "read" : "role"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>True when the request was signed in by an API token (not a session cookie).</summary>
    public static bool CameWithToken(this ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true && user.FindFirst(TokenId) is not null;

    private static List<Claim> Claims(AccountSession user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(Stamp, user.Stamp),
            new(Session, user.Session),
        };
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            claims.Add(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        if (user.Role.HasDepartment() && !string.IsNullOrWhiteSpace(user.Department))
        {
            claims.Add(new Claim(Department, user.Department));
        }

        return claims;
    }

    public static UserRole? RoleOf(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
    }

    /// <summary>
    /// The caller of the use-case layer for this principal: its name, role and (for a department user) department.
    /// An anonymous principal or one without a known role is a department user of no department: it sees nothing
    /// rather than everything. Cheap to make; a department user's scope is looked up once and kept by the access policy.
    /// </summary>
    public static Caller Caller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return MakeCaller(user);
    }

    private static Caller MakeCaller(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.RoleOf() is not { } role)
        {
            return new Caller("anonymous", UserRole.DepartmentUser, null);
        }

        var department = role.HasDepartment() ? user.FindFirstValue(Department) : null;
        return new Caller(user.Actor(), role, department)
        {
            ReadOnly = user.CameWithToken() && user.FindFirstValue(TokenScope) != "role",
            Token = user.CameWithToken() ? user.FindFirstValue(TokenLabel) : null,
        };
    }

    /// <summary>May import (administrators and finance reviewers); only administrators delete batches.</summary>
    public static bool CanChange(this ClaimsPrincipal user) => user.RoleOf() is UserRole.Administrator or UserRole.FinanceReviewer;

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.RoleOf() == UserRole.Administrator;

    /// <summary>True when the signed-in user's role has <paramref name="permission"/> (the access policy decides).</summary>
    public static bool May(this ClaimsPrincipal user, Permission permission) =>
        user?.Identity?.IsAuthenticated == true && AccessPolicy.Allows(user.Caller(), permission);

    /// <summary>The user name for the audit log.</summary>
    public static string Actor(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}
