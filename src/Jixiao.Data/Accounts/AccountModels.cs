using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Data.Entities;

namespace Jixiao.Data.Accounts;

/// <summary>The outcome of an account change (<see cref="AccountStore"/>).</summary>
public enum AccountResult
{
    /// <summary>The change was made (and written to the audit log).</summary>
    Done,

    /// <summary>Nothing to change: the account already was as asked.</summary>
    Unchanged,

    /// <summary>No such user.</summary>
    NotFound,

    /// <summary>Not allowed on the actor's own account (disable yourself, give up your own administrator role, reset your own password without the current one).</summary>
    OwnAccount,

    /// <summary>The change would leave no enabled administrator.</summary>
    LastAdministrator,

    /// <summary>The current password given is wrong.</summary>
    WrongPassword,

    /// <summary>The new password does not follow <see cref="PasswordRules"/>.</summary>
    InvalidPassword,

    /// <summary>The new password is the current one.</summary>
    SamePassword,

    /// <summary>The account is disabled.</summary>
    Disabled,

    /// <summary>A department user's 主管部门 is not one of the departments of the stored forms.</summary>
    UnknownDepartment,
}

/// <summary>The outcome of a sign-in attempt.</summary>
public enum LoginOutcome
{
    /// <summary>User name and password are right and the account is enabled.</summary>
    Success,

    /// <summary>Unknown user or wrong password (which of the two is never told).</summary>
    WrongCredentials,

    /// <summary>User name and password are right but the account is disabled (told only after the password was verified).</summary>
    Disabled,
}

/// <summary>A sign-in attempt: the outcome, and the user when it succeeded.</summary>
public sealed record LoginAttempt(LoginOutcome Outcome, User? User);

/// <summary>The length rules of a password: the same on creation, reset and change.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;

    public const int MaxLength = 200;

    public static bool IsAcceptable([NotNullWhen(true)] string? password) => password is { Length: >= MinLength and <= MaxLength };
}

/// <summary>
/// What a signed-in session is checked against on its requests: the stored account without its password hash.
/// <see cref="Stamp"/> is derived from the password hash, so a password reset or change ends the other sessions of
/// that user (the hash gets a new salt on every change); <see cref="Session"/> is the account's session stamp
/// (<see cref="User.SecurityStamp"/>), changed by signing out, so a cookie saved before a sign-out no longer works.
/// </summary>
public sealed record AccountSession(long Id, string UserName, string? DisplayName, UserRole Role, string? Department, bool Disabled, string Stamp, string Session = "")
{
    public static AccountSession Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccountSession(user.Id, user.UserName, user.DisplayName, user.Role, user.Department, user.Disabled, StampOf(user.PasswordHash), user.SecurityStamp ?? "");
    }

    /// <summary>A short fingerprint of a password hash (the first 12 bytes of its SHA-256, base64).</summary>
    public static string StampOf(string? passwordHash) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash ?? "")).AsSpan(0, 12));
}
