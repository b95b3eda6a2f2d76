using System.Text;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Accounts;

/// <summary>
/// How user names are compared (用户名比较): NFKC (full-width ＡＤＭＩＮ is ADMIN), white space trimmed, lower case
/// (invariant) — <c>Admin</c>, <c>admin </c> and <c>ａｄｍｉｎ</c> are one name, for creation and for signing in. The
/// normalised name is stored beside the name as typed (<see cref="User.NormalizedUserName"/>), under a unique index.
/// </summary>
public static class UserNames
{
    /// <summary>The longest user name.</summary>
    public const int MaxLength = 100;

    /// <summary>The normalised form of <paramref name="userName"/>: NFKC, trimmed, lower case, at most <see cref="MaxLength"/> characters; empty for null.</summary>
    public static string Normalise(string? userName)
    {
        var name = (userName ?? "").Trim();
        try
        {
            name = name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // not valid UTF-16 (a lone surrogate): compared as typed
        }

        name = name.Trim().ToLowerInvariant();
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    /// <summary>
    /// The accounts whose name is <paramref name="userName"/>: the one of exactly that name first, then the one whose
    /// normalised name it has. Names that clashed before the rule existed are kept apart by their exact spelling.
    /// </summary>
    internal static IQueryable<User> Named(IQueryable<User> users, string? userName)
    {
        var exact = (userName ?? "").Trim();
        var key = Normalise(exact);
        return users.Where(u => u.UserName == exact || u.NormalizedUserName == key).OrderByDescending(u => u.UserName == exact).ThenBy(u => u.Id);
    }

    /// <summary>
    /// Fills in the normalised names the migration could only approximate (SQL lowers ASCII letters; NFKC is
    /// done here), oldest account first. An account whose name an older one already has is given the name with
    /// <c>#</c> and its id appended, so the unique index holds and nothing is lost. Run at start; cheap (few accounts).
    /// </summary>
    internal static async Task EnsureNormalisedAsync(JixiaoDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var users = await db.Users.OrderBy(u => u.Id).ToListAsync(cancellationToken);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<(User User, string Key)>();
        foreach (var user in users)
        {
            var key = Normalise(user.UserName);
            if (!taken.Add(key))
            {
                key = Clash(key, user.Id);
                taken.Add(key);
            }

            if (user.NormalizedUserName != key)
            {
                changed.Add((user, key));
            }
        }

        if (changed.Count == 0)
        {
            return;
        }

        // in two steps, so that names passed from one account to another never meet in the unique index
        foreach (var (user, _) in changed)
        {
            user.NormalizedUserName = "#moving#" + user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (user, key) in changed)
        {
            user.NormalizedUserName = key;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The normalised name of an account whose name an older account has: <c>name#id</c>.</summary>
    internal static string Clash(string key, long id) => key + "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
