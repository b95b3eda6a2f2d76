using System.Security.Claims;
using Jixiao.App.Access;
using Jixiao.App.Review;
using Jixiao.Web.Accounts;

namespace Jixiao.Web.Review;

/// <summary>
/// The rectification link of the navigation (整改 / 我的整改) with its counts: requests waiting for the signed-in user
/// and overdue ones. The navigation is on every page, the error page too: when the counts cannot be read (the
/// database is away), the link is shown without them rather than failing the page.
/// </summary>
public static class NavCounts
{
    /// <summary>The counts for <paramref name="user"/>; null when not signed in or not readable now.</summary>
    public static async Task<RectificationCounts?> ForAsync(FormReviews reviews, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        try
        {
            return await reviews.CountsAsync(user.Caller(), cancellationToken);
        }
#pragma warning disable CA1031 // the navigation must render whatever the database does
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>The link's text: a department user's own list, or everyone's.</summary>
    public static string Label(ClaimsPrincipal user) =>
        user.May(Permission.AnswerRectification) ? Shared.Ui.T("我的整改", "My rectifications") : Shared.Ui.T("整改", "Rectifications");
}
