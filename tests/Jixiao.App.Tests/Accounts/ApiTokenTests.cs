using System.Security.Cryptography;
using System.Text;
using Jixiao.App.Access;
using Jixiao.App.Accounts;
using Jixiao.App.Exports;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Tests;
using Jixiao.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.App.Tests.Accounts;

/// <summary>
/// Personal access tokens on a real database (访问令牌): only the hash stored, the owner's current role and account
/// state applied at once, expiry, revocation by the owner or an administrator, use recorded once an hour, and the
/// audit of creation, revocation, use and exports.
/// </summary>
public abstract class ApiTokenTests : DatabaseTest, IAsyncLifetime
{
    private const string Police = "上海市公安局宝山分局";

    private static readonly DateOnly Monday = new(2025, 3, 10);

    private readonly FixedClock clock = new(default);
    private readonly Caller alice = new("alice", UserRole.Supervisor);
    private readonly Caller bob = new("bob", UserRole.FinanceReviewer);
    private readonly Caller boss = new("boss", UserRole.Administrator);

    protected ApiTokenTests() => clock.Set(Monday);

    private AccountStore Accounts => new(Db);

    private ApiTokens Tokens => new(new ApiTokenStore(Db), Accounts, clock);

    /// <summary>The database, an administrator (boss), a supervisor (alice) and a finance reviewer (bob).</summary>
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("alice", "alice-password-1", UserRole.Supervisor, null, "boss");
        await Accounts.CreateAsync("bob", "bob-password-1", UserRole.FinanceReviewer, null, "boss");
    }

    [DbFact]
    public async Task Only_the_hash_of_the_secret_is_stored_and_the_token_acts_as_its_owner()
    {
        var created = await Tokens.CreateAsync(alice, "  nightly export ", null, readOnly: true);

        Assert.True(created.Done);
        var secret = created.Secret!;
        Assert.Matches("^jx_[A-Za-z0-9_-]{43}$", secret);
        await using (var db = Db.CreateContext())
        {
            var row = await db.ApiTokens.SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
            Assert.Equal(secret[..11], row.Prefix);
            Assert.Equal("nightly export", row.Name);
            Assert.True(row.ReadOnly);
            Assert.Null(row.ExpiresAt);
            Assert.Equal((await Accounts.FindAsync("alice"))!.Id, row.UserId);

            // the secret is nowhere in the database: not in the token's row, not in the audit log
            var texts = new[] { row.Name, row.Prefix, row.SecretHash }
                .Concat(await db.AuditLog.Select(a => a.Details ?? "").ToListAsync())
                .Concat(await db.AuditLog.Select(a => a.TargetId ?? "").ToListAsync());
            Assert.DoesNotContain(texts, t => t.Contains(secret[3..], StringComparison.Ordinal));
        }

        var check = await Tokens.AuthenticateAsync(secret, "GET /api/v1/forms");
        Assert.Equal(TokenCheckOutcome.Valid, check.Outcome);
        Assert.Equal(("alice", UserRole.Supervisor), (check.Owner!.UserName, check.Owner.Role));
        Assert.True(check.Token!.ReadOnly);

        // one character changed, another shape, nothing: not a token
        var other = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(TokenCheckOutcome.Unknown, (await Tokens.AuthenticateAsync(other, "GET /")).Outcome);
        Assert.Equal(TokenCheckOutcome.Malformed, (await Tokens.AuthenticateAsync(secret + "x", "GET /")).Outcome);
        Assert.Equal(TokenCheckOutcome.Malformed, (await Tokens.AuthenticateAsync("jx_" + new string('!', 43), "GET /")).Outcome);
        Assert.Equal(TokenCheckOutcome.Malformed, (await Tokens.AuthenticateAsync(null, "GET /")).Outcome);
    }

    [DbFact]
    public async Task The_owner_revokes_their_token_and_an_administrator_anyones()
    {
        var first = await Tokens.CreateAsync(alice, "first", null, readOnly: false);
        var second = await Tokens.CreateAsync(alice, "second", null, readOnly: false);

        // another user who is not an administrator does not see it
        Assert.Equal(TokenRevocation.NotFound, await Tokens.RevokeAsync(bob, first.Token!.Id));
        Assert.Equal(TokenCheckOutcome.Valid, (await Tokens.AuthenticateAsync(first.Secret, "GET /")).Outcome);

        Assert.Equal(TokenRevocation.Done, await Tokens.RevokeAsync(alice, first.Token.Id));
        Assert.Equal(TokenRevocation.AlreadyRevoked, await Tokens.RevokeAsync(alice, first.Token.Id));
        Assert.Equal(TokenRevocation.Done, await Tokens.RevokeAsync(boss, second.Token!.Id));
        Assert.Equal(TokenRevocation.NotFound, await Tokens.RevokeAsync(boss, 999));

        Assert.Equal(TokenCheckOutcome.Revoked, (await Tokens.AuthenticateAsync(first.Secret, "GET /")).Outcome);
        Assert.Equal(TokenCheckOutcome.Revoked, (await Tokens.AuthenticateAsync(second.Secret, "GET /")).Outcome);
        var rows = await Tokens.ListOwnAsync(alice);
        Assert.Equal([("second", "boss"), ("first", "alice")], rows.Select(r => (r.Token.Name, r.Token.RevokedBy!)));
        Assert.Empty(await Tokens.ListOwnAsync(bob));
        Assert.Equal(2, (await Tokens.ListAllAsync(boss)).Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.ListAllAsync(bob));

        var audit = (await AuditAsync("token-")).Where(a => a.Action != "token-use").ToList();
        Assert.Equal(
            [("token-create", "alice", first.Token.Id), ("token-create", "alice", second.Token.Id), ("token-revoke", "alice", first.Token.Id), ("token-revoke", "boss", second.Token.Id)],
            audit.Select(a => (a.Action, a.Actor, long.Parse(a.TargetId!, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(audit, a => Assert.Equal("token", a.TargetType));
        Assert.Contains($"prefix={first.Token.Prefix}; owner=alice; scope=role; expires=never", audit[0].Details, StringComparison.Ordinal);
        Assert.Contains("name=second", audit[3].Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_token_works_through_its_last_day_in_china_and_not_after()
    {
        var created = await Tokens.CreateAsync(alice, "short", Monday.AddDays(1), readOnly: true);
        Assert.True(created.Done);
        Assert.Equal(new DateTime(2025, 3, 11, 16, 0, 0, DateTimeKind.Utc), created.Token!.ExpiresAt);

        clock.Set(Monday.AddDays(1), hour: 23);
        Assert.Equal(TokenCheckOutcome.Valid, (await Tokens.AuthenticateAsync(created.Secret, "GET /")).Outcome);
        clock.Set(Monday.AddDays(2), hour: 0);
        Assert.Equal(TokenCheckOutcome.Expired, (await Tokens.AuthenticateAsync(created.Secret, "GET /")).Outcome);

        // what is refused on creation
        clock.Set(Monday);
        Assert.Equal(TokenProblem.ExpiryPassed, (await Tokens.CreateAsync(alice, "late", Monday.AddDays(-1), true)).Problem);
        Assert.Equal(TokenProblem.ExpiryTooFar, (await Tokens.CreateAsync(alice, "far", Monday.AddDays(ApiTokens.LongestTermDays + 1), true)).Problem);
        Assert.True((await Tokens.CreateAsync(alice, "today", Monday, true)).Done);
        Assert.Equal(TokenProblem.NameRequired, (await Tokens.CreateAsync(alice, "  ", null, true)).Problem);
        Assert.Equal(TokenProblem.NameTooLong, (await Tokens.CreateAsync(alice, new string('名', ApiTokenStore.NameLength + 1), null, true)).Problem);
        Assert.Equal(TokenProblem.NotAllowed, (await Tokens.CreateAsync(Caller.Tool("cli"), "tool", null, true)).Problem);
        Assert.Equal(TokenProblem.NotAllowed, (await Tokens.CreateAsync(new Caller("alice", UserRole.Supervisor) { Token = "jx_x #1" }, "by token", null, true)).Problem);
        Assert.Equal(TokenProblem.NotAllowed, (await Tokens.CreateAsync(new Caller("nobody", UserRole.Supervisor), "ghost", null, true)).Problem);
    }

    [DbFact]
    public async Task A_role_change_and_a_disabled_account_apply_to_the_token_at_once()
    {
        var created = await Tokens.CreateAsync(alice, "script", null, readOnly: false);

        Assert.Equal(AccountResult.Done, await Accounts.ChangeRoleAsync("alice", UserRole.DepartmentUser, Police, "boss"));
        var check = await Tokens.AuthenticateAsync(created.Secret, "GET /");
        Assert.Equal((UserRole.DepartmentUser, Police), (check.Owner!.Role, check.Owner.Department));

        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("alice", true, "boss"));
        Assert.Equal(TokenCheckOutcome.AccountDisabled, (await Tokens.AuthenticateAsync(created.Secret, "GET /")).Outcome);
        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("alice", false, "boss"));
        Assert.Equal(TokenCheckOutcome.Valid, (await Tokens.AuthenticateAsync(created.Secret, "GET /")).Outcome);
    }

    [DbFact]
    public async Task Use_is_audited_on_the_first_request_of_each_hour_and_last_use_kept_to_the_minute()
    {
        var created = await Tokens.CreateAsync(alice, "hourly", null, readOnly: true);
        var at = new DateTimeOffset(2025, 3, 10, 10, 5, 0, TimeSpan.FromHours(8));

        async Task<DateTime?> UseAtAsync(TimeSpan after, string request = "GET /api/v1/forms")
        {
            clock.Now = at + after;
            Assert.Equal(TokenCheckOutcome.Valid, (await Tokens.AuthenticateAsync(created.Secret, request)).Outcome);
            return (await Tokens.ListOwnAsync(alice)).Single().Token.LastUsedAt;
        }

        Assert.Equal(at.UtcDateTime, await UseAtAsync(TimeSpan.Zero));
        Assert.Equal(at.UtcDateTime, await UseAtAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(at.UtcDateTime.AddMinutes(15), await UseAtAsync(TimeSpan.FromMinutes(15)));
        Assert.Equal(at.UtcDateTime.AddMinutes(56), await UseAtAsync(TimeSpan.FromMinutes(56), "GET /api/v1/findings/export"));

        // requests at once at the start of another hour: one of them records it
        clock.Now = at + TimeSpan.FromMinutes(120);
        var checks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Tokens.AuthenticateAsync(created.Secret, "GET /api/v1/statistics")));
        Assert.All(checks, c => Assert.Equal(TokenCheckOutcome.Valid, c.Outcome));

        var uses = await AuditAsync("token-use");
        Assert.Equal(3, uses.Count);
        Assert.All(uses, u => Assert.Equal(("alice", "token", created.Token!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (u.Actor, u.TargetType!, u.TargetId!)));
        Assert.EndsWith("first use: GET /api/v1/forms", uses[0].Details, StringComparison.Ordinal);
        Assert.EndsWith("first use this hour: GET /api/v1/findings/export", uses[1].Details, StringComparison.Ordinal);
        Assert.EndsWith("first use this hour: GET /api/v1/statistics", uses[2].Details, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_read_only_caller_may_read_and_nothing_else()
    {
        var readOnly = new Caller("boss", UserRole.Administrator) { ReadOnly = true };
        Assert.True(AccessPolicy.Allows(readOnly, Permission.Read));
        foreach (var permission in Enum.GetValues<Permission>().Where(p => p != Permission.Read))
        {
            Assert.False(AccessPolicy.Allows(readOnly, permission), permission.ToString());
            // what only a department user does for its own department (answer a rectification, fill forms) is not an administrator's
            Assert.True(AccessPolicy.Allows(boss, permission) || permission is Permission.AnswerRectification or Permission.FillForms, permission.ToString());
        }

        // a read-only administrator's token lists no tokens and revokes none
        var created = await Tokens.CreateAsync(alice, "x", null, readOnly: false);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.ListAllAsync(readOnly));
        Assert.Equal(TokenRevocation.NotFound, await Tokens.RevokeAsync(new Caller("boss", UserRole.Administrator) { Token = "jx_y #2" }, created.Token!.Id));
    }

    [DbFact]
    public async Task An_export_is_audited_with_who_the_filter_the_rows_and_the_channel()
    {
        var log = new ExportLog(new AuditLog(Db));
        var viaToken = new Caller("alice", UserRole.Supervisor) { Token = "jx_AbCdEfGh #7", ReadOnly = true };

        var all = new List<int>();
        await foreach (var row in log.CountAsync(viaToken, new ExportRequest("forms", "csv", "year=2024&dept=上海市公安局宝山分局"), RowsAsync(5)))
        {
            all.Add(row);
        }

        await foreach (var row in log.CountAsync(bob, new ExportRequest("findings", "xlsx", ""), RowsAsync(9)))
        {
            if (row == 2)
            {
                break; // the client went away after three rows
            }
        }

        await log.WriteAsync(boss, new ExportRequest("form", "json", "", "42"), 1, complete: true);

        Assert.Equal([0, 1, 2, 3, 4], all);
        var exports = await AuditAsync("export");
        Assert.Equal(
            [
                ("alice", "forms", "csv", "format=csv; rows=5; filter=year=2024&dept=上海市公安局宝山分局; via=token jx_AbCdEfGh #7"),
                ("bob", "findings", "xlsx", "format=xlsx; rows=3; filter=(none); via=session; cut short"),
                ("boss", "form", "42", "format=json; rows=1; filter=(none); via=session"),
            ],
            exports.Select(e => (e.Actor, e.TargetType!, e.TargetId!, e.Details!)));
    }

    private static async IAsyncEnumerable<int> RowsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    /// <summary>The audit entries whose action starts with <paramref name="prefix"/>, oldest first.</summary>
    private async Task<List<AuditEntry>> AuditAsync(string prefix)
    {
        await using var db = Db.CreateContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).ToListAsync();
    }
}

public sealed class SqliteApiTokenTests : ApiTokenTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApiTokenTests : ApiTokenTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
