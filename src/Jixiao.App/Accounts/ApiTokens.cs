using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.App.Access;
using Jixiao.App.Review;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;

namespace Jixiao.App.Accounts;

/// <summary>Why a token was not made.</summary>
public enum TokenProblem
{
    None,

    /// <summary>No name given.</summary>
    NameRequired,

    /// <summary>The name is longer than <see cref="ApiTokenStore.NameLength"/>.</summary>
    NameTooLong,

    /// <summary>The expiry date is before today (China time).</summary>
    ExpiryPassed,

    /// <summary>The expiry date is more than <see cref="ApiTokens.LongestTermDays"/> days ahead.</summary>
    ExpiryTooFar,

    /// <summary>The user already has <see cref="ApiTokens.MaxActivePerUser"/> working tokens.</summary>
    TooMany,

    /// <summary>The caller is not a signed-in person (a tool, an unknown account) or came with a token: tokens do not make tokens.</summary>
    NotAllowed,
}

/// <summary>A token just made: its secret (shown once, never stored) and the stored token; or why not.</summary>
public sealed record TokenCreated(TokenProblem Problem, string? Secret = null, ApiToken? Token = null)
{
    public bool Done => Problem == TokenProblem.None;
}

/// <summary>What a presented token turned out to be.</summary>
public enum TokenCheckOutcome
{
    /// <summary>A working token of an enabled account.</summary>
    Valid,

    /// <summary>Not shaped like a token (<c>jx_</c> and 43 characters).</summary>
    Malformed,

    /// <summary>Shaped like one, but no token has this secret.</summary>
    Unknown,

    /// <summary>Revoked by its owner or an administrator.</summary>
    Revoked,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Its owner's account is disabled.</summary>
    AccountDisabled,
}

/// <summary>The outcome of presenting a token: for a valid one, the token and its owner's account as it is now.</summary>
public sealed record TokenCheck(TokenCheckOutcome Outcome, ApiToken? Token = null, AccountSession? Owner = null);

/// <summary>
/// Personal access tokens (访问令牌) as use cases: a signed-in user makes one (a name, an optional expiry date, an
/// optional read-only scope) and sees its secret once; the owner or an administrator revokes it; a request presents it
/// and acts as its owner with the owner's current role and department (a role change or a disabled account applies at
/// once, since the token carries the user, not a copy of the role). The secret is 32 random bytes; only its SHA-256 is
/// stored. Creation, revocation and use (the first use in each hour) are written to the audit log.
/// </summary>
public sealed class ApiTokens(ApiTokenStore store, AccountStore accounts, TimeProvider clock)
{
    /// <summary>Every secret starts with this (so that a leaked one is recognisable, e.g. by secret scanners).</summary>
    public const string SecretPrefix = "jx_";

    /// <summary>The length of a secret: the prefix and 32 bytes in base64url.</summary>
    public const int SecretLength = 3 + 43;

    /// <summary>Working (neither revoked nor expired) tokens one user may have.</summary>
    public const int MaxActivePerUser = 50;

    /// <summary>The farthest expiry date, in days from today.</summary>
    public const int LongestTermDays = 731;

    /// <summary>How often the last use is written: at most once a minute per token.</summary>
    public static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// Makes a token for the caller. <paramref name="expires"/> is the last day (China time) it works; null for no
    /// expiry. <paramref name="readOnly"/> narrows it to reading, whatever the caller's role allows.
    /// </summary>
    public async Task<TokenCreated> CreateAsync(Caller caller, string? name, DateOnly? expires, bool readOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var owner = await OwnerAsync(caller, cancellationToken);
        if (owner is null)
        {
            return new TokenCreated(TokenProblem.NotAllowed);
        }

        var label = name?.Trim();
        var today = ReviewCalendar.Today(clock);
        var problem = string.IsNullOrEmpty(label) ? TokenProblem.NameRequired
            : label.Length > ApiTokenStore.NameLength ? TokenProblem.NameTooLong
            : expires < today ? TokenProblem.ExpiryPassed
            : expires is { } last && last.DayNumber - today.DayNumber > LongestTermDays ? TokenProblem.ExpiryTooFar
            : TokenProblem.None;
        if (problem != TokenProblem.None)
        {
            return new TokenCreated(problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.CountActiveAsync(owner.Id, now, cancellationToken) >= MaxActivePerUser)
        {
            return new TokenCreated(TokenProblem.TooMany);
        }

        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = owner.Id,
            Name = label!,
            Prefix = secret[..ApiTokenStore.PrefixLength],
            SecretHash = Hash(secret),
            ReadOnly = readOnly,
            CreatedAt = now,
            ExpiresAt = expires is { } day ? EndOf(day) : null,
        };
        await store.CreateAsync(token, t => new AuditRecord(caller.Name, "token-create", "token", Id(t), Describe(t, owner.UserName)), cancellationToken);
        return new TokenCreated(TokenProblem.None, secret, token);
    }

    /// <summary>The caller's own tokens, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenRow>> ListOwnAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var owner = await OwnerAsync(caller, cancellationToken);
        return owner is null ? [] : await store.ListAsync(owner.Id, cancellationToken);
    }

    /// <summary>Every user's tokens, newest first (administrators).</summary>
    public Task<IReadOnlyList<ApiTokenRow>> ListAllAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.ManageAccounts);
        return store.ListAsync(null, cancellationToken);
    }

    /// <summary>
    /// Revokes token <paramref name="id"/>: its owner may, and an administrator may revoke anyone's. Another user's token
    /// is <see cref="TokenRevocation.NotFound"/> to a caller who is not an administrator.
    /// </summary>
    public async Task<TokenRevocation> RevokeAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var owner = await OwnerAsync(caller, cancellationToken);
        var row = await store.GetAsync(id, cancellationToken);
        var administrator = AccessPolicy.Allows(caller, Permission.ManageAccounts) && caller.Token is null;
        if (owner is null || row is null || (row.Token.UserId != owner.Id && !administrator))
        {
            return TokenRevocation.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await store.RevokeAsync(id, row.Token.UserId, caller.Name, now,
            t => new AuditRecord(caller.Name, "token-revoke", "token", Id(t), Describe(t, row.OwnerName)), cancellationToken);
    }

    /// <summary>
    /// Checks a presented secret. A valid token's use is recorded: its last use (at most once a minute), and in the audit
    /// log the first use in each hour (<c>token-use</c>, with <paramref name="request"/>, e.g. <c>GET /api/v1/forms</c>).
    /// </summary>
    public async Task<TokenCheck> AuthenticateAsync(string? presented, string request, CancellationToken cancellationToken = default)
    {
        if (!LooksLikeSecret(presented))
        {
            return new TokenCheck(TokenCheckOutcome.Malformed);
        }

        var found = await store.FindAsync(Hash(presented), cancellationToken);
        if (found is null)
        {
            return new TokenCheck(TokenCheckOutcome.Unknown);
        }

        var (token, owner) = found;
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = token.RevokedAt is not null ? TokenCheckOutcome.Revoked
            : token.ExpiresAt is { } end && now >= end ? TokenCheckOutcome.Expired
            : owner.Disabled ? TokenCheckOutcome.AccountDisabled
            : TokenCheckOutcome.Valid;
        if (outcome == TokenCheckOutcome.Valid)
        {
            await RecordUseAsync(token, owner, request, now, cancellationToken);
        }

        return new TokenCheck(outcome, token, owner);
    }

    /// <summary>SHA-256 of a secret, lower-case hex: what is stored instead of the secret.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>True when <paramref name="presented"/> has the shape of a secret (<c>jx_</c> and 43 base64url characters).</summary>
    public static bool LooksLikeSecret([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? presented) =>
        presented is { Length: SecretLength }
        && presented.StartsWith(SecretPrefix, StringComparison.Ordinal)
        && presented.AsSpan(SecretPrefix.Length).ContainsAnyExcept(Base64UrlCharacters) == false;

    /// <summary>How the audit log names a token: its prefix and id (<c>jx_AbCdEfGh #3</c>).</summary>
    public static string Label(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Prefix + " #" + Id(token);
    }

    /// <summary>The last moment (UTC) a token expiring on <paramref name="day"/> works: the end of that day in China.</summary>
    public static DateTime EndOf(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).UtcDateTime;

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private async Task RecordUseAsync(ApiToken token, AccountSession owner, string request, DateTime now, CancellationToken cancellationToken)
    {
        var last = token.LastUsedAt;
        var firstThisHour = last is not { } seen || Hour(seen) != Hour(now);
        if (!firstThisHour && last is { } previous && now - previous < UseResolution)
        {
            return;
        }

        var audit = firstThisHour
            ? new AuditRecord(owner.UserName, "token-use", "token", Id(token),
                $"{Describe(token, owner.UserName)}; {(last is null ? "first use" : "first use this hour")}: {Cut(request, 300)}")
            : null;
        await store.RecordUseAsync(token.Id, last, now, audit, cancellationToken);
    }

    /// <summary>The caller's account, or null for a tool, a request with a token, or an account that does not exist.</summary>
    private async Task<User?> OwnerAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.IsTool || caller.Token is not null ? null : await accounts.FindAsync(caller.Name, cancellationToken);

    private static long Hour(DateTime t) => t.Ticks / TimeSpan.TicksPerHour;

    private static string Id(ApiToken token) => token.Id.ToString(CultureInfo.InvariantCulture);

    private static string Describe(ApiToken token, string owner) =>
        $"name={token.Name}; prefix={token.Prefix}; owner={owner}; scope={(token.ReadOnly ? "read" : "role")}; expires="
        + (token.ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)).ToOffset(ChinaOffset).AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never");

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
