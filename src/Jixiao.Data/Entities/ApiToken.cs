namespace Jixiao.Data.Entities;

/// <summary>
/// A personal access token (访问令牌) for scripts and other systems: it acts on <c>/api/v1</c> as its user, with the
/// user's current role and department, narrowed to reading when <see cref="ReadOnly"/>. Only the SHA-256 of its secret
/// is stored (<see cref="SecretHash"/>); the secret itself is shown once, when the token is made.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    /// <summary>The owner (<see cref="User.Id"/>); the token carries the user, not a copy of their role.</summary>
    public long UserId { get; set; }

    /// <summary>What the owner called it (e.g. "nightly export").</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret's first characters (<c>jx_</c> and 8 more), shown in lists to tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole secret, lower-case hex (unique).</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>Read-only scope (只读): GET only, whatever the owner's role allows.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>When it was made (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it stops working (UTC), or null for never.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When it was last used (UTC, to the minute: written at most once a minute), or null.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>When it was revoked (UTC), or null while it is not.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Who revoked it (the owner or an administrator).</summary>
    public string? RevokedBy { get; set; }
}
