using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;

namespace Jixiao.Data.Tests;

/// <summary>Account changes in the store, run on SQLite and on PostgreSQL; each test gets a fresh database of its own.</summary>
public abstract class AccountStoreTests : IAsyncLifetime
{
    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    private AccountStore Accounts => new(test!.Database);

    private AuditLog Audit => new(test!.Database);

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [DataFact]
    public async Task A_disabled_account_cannot_sign_in_and_is_told_apart_only_with_the_right_password()
    {
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("clerk", "clerk-password-1", UserRole.Supervisor, null, "boss");

        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("clerk", true, "boss"));
        Assert.Equal(AccountResult.Unchanged, await Accounts.SetDisabledAsync("clerk", true, "boss"));

        Assert.True((await Accounts.FindAsync("clerk"))!.Disabled);
        Assert.True((await Accounts.FindSessionAsync("clerk"))!.Disabled);
        var attempt = await Accounts.SignInAsync("clerk", "clerk-password-1");
        Assert.Equal(LoginOutcome.Disabled, attempt.Outcome);
        Assert.Null(attempt.User);
        Assert.Equal(LoginOutcome.WrongCredentials, (await Accounts.SignInAsync("clerk", "wrong-password")).Outcome);
        Assert.Null(await Accounts.VerifyAsync("clerk", "clerk-password-1"));
        Assert.Null((await Accounts.FindAsync("clerk"))!.LastLoginAt);

        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("clerk", false, "boss"));
        var again = await Accounts.SignInAsync("clerk", "clerk-password-1");
        Assert.Equal(LoginOutcome.Success, again.Outcome);
        Assert.Equal("clerk", again.User!.UserName);
        Assert.Equal(AccountResult.NotFound, await Accounts.SetDisabledAsync("nobody", true, "boss"));

        var log = (await Audit.ListAsync()).Items;
        Assert.Equal(["user-enable", "user-disable", "user-create", "user-create"], log.Select(a => a.Action));
        Assert.All(log.Take(2), a => Assert.Equal(("boss", "user", "clerk"), (a.Actor, a.TargetType!, a.TargetId!)));
    }

    [DataFact]
    public async Task Nobody_disables_themselves_or_gives_up_their_own_administrator_role()
    {
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("deputy", "deputy-password-1", UserRole.Administrator, null, "setup");

        Assert.Equal(AccountResult.OwnAccount, await Accounts.SetDisabledAsync("boss", true, "boss"));
        Assert.Equal(AccountResult.OwnAccount, await Accounts.ChangeRoleAsync("boss", UserRole.Supervisor, null, "boss"));

        var boss = (await Accounts.FindAsync("boss"))!;
        Assert.False(boss.Disabled);
        Assert.Equal(UserRole.Administrator, boss.Role);
        Assert.DoesNotContain((await Audit.ListAsync()).Items, a => a.Action is "user-disable" or "role-change");
    }

    [DataFact]
    public async Task The_last_enabled_administrator_stays()
    {
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("deputy", "deputy-password-1", UserRole.Administrator, null, "setup");

        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("deputy", true, "boss"));

        // boss is the last enabled administrator: no actor may disable or demote it
        Assert.Equal(AccountResult.LastAdministrator, await Accounts.SetDisabledAsync("boss", true, "configuration"));
        Assert.Equal(AccountResult.LastAdministrator, await Accounts.ChangeRoleAsync("boss", UserRole.FinanceReviewer, null, "configuration"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Accounts.SetRoleAsync("boss", UserRole.Supervisor, null, "configuration"));
        Assert.True(await Accounts.AnyAdministratorAsync());
        Assert.Equal(UserRole.Administrator, (await Accounts.FindAsync("boss"))!.Role);

        // a disabled administrator may be demoted; enabled again, boss may go
        Assert.Equal(AccountResult.Done, await Accounts.ChangeRoleAsync("deputy", UserRole.Supervisor, null, "boss"));
        Assert.Equal(AccountResult.Done, await Accounts.ChangeRoleAsync("deputy", UserRole.Administrator, null, "boss"));
        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("deputy", false, "boss"));
        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("boss", true, "deputy"));
        Assert.True(await Accounts.AnyAdministratorAsync());
    }

    [DataFact]
    public async Task Two_administrators_disabling_each_other_at_once_leave_one_enabled()
    {
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("deputy", "deputy-password-1", UserRole.Administrator, null, "setup");

        var results = await Task.WhenAll(
            Task.Run(() => Accounts.SetDisabledAsync("deputy", true, "boss")),
            Task.Run(() => Accounts.SetDisabledAsync("boss", true, "deputy")));

        Assert.Equal([AccountResult.Done, AccountResult.LastAdministrator], results.Order());
        var users = await Accounts.ListAsync();
        Assert.Single(users, u => u.Role == UserRole.Administrator && !u.Disabled);
    }

    [DataFact]
    public async Task An_administrator_resets_a_password_and_the_old_one_stops_working()
    {
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        await Accounts.CreateAsync("clerk", "clerk-old-password", UserRole.Supervisor, null, "boss");
        var before = (await Accounts.FindSessionAsync("clerk"))!.Stamp;

        Assert.Equal(AccountResult.InvalidPassword, await Accounts.ResetPasswordAsync("clerk", "short", "boss"));
        Assert.Equal(AccountResult.InvalidPassword, await Accounts.ResetPasswordAsync("clerk", new string('x', PasswordRules.MaxLength + 1), "boss"));
        Assert.Equal(AccountResult.OwnAccount, await Accounts.ResetPasswordAsync("boss", "boss-password-2", "boss"));
        Assert.Equal(AccountResult.NotFound, await Accounts.ResetPasswordAsync("nobody", "some-password-1", "boss"));
        Assert.Equal(before, (await Accounts.FindSessionAsync("clerk"))!.Stamp);

        Assert.Equal(AccountResult.Done, await Accounts.ResetPasswordAsync("clerk", "clerk-new-password", "boss"));

        Assert.Null(await Accounts.VerifyAsync("clerk", "clerk-old-password"));
        Assert.NotNull(await Accounts.VerifyAsync("clerk", "clerk-new-password"));
        Assert.NotNull(await Accounts.VerifyAsync("boss", "boss-password-1"));
        Assert.NotEqual(before, (await Accounts.FindSessionAsync("clerk"))!.Stamp); // the clerk's sessions end
        var reset = Assert.Single((await Audit.ListAsync()).Items, a => a.Action == "password-reset");
        Assert.Equal(("boss", "clerk"), (reset.Actor, reset.TargetId!));
        await AssertNoPasswordInTheAuditLogAsync("clerk-old-password", "clerk-new-password", "boss-password-2");
    }

    [DataFact]
    public async Task Changing_ones_own_password_needs_the_current_one()
    {
        await Accounts.CreateAsync("clerk", "clerk-old-password", UserRole.Supervisor, null, "setup");

        Assert.Equal(AccountResult.WrongPassword, await Accounts.ChangePasswordAsync("clerk", "not-the-password", "clerk-new-password"));
        Assert.Equal(AccountResult.InvalidPassword, await Accounts.ChangePasswordAsync("clerk", "clerk-old-password", "short"));
        Assert.Equal(AccountResult.SamePassword, await Accounts.ChangePasswordAsync("clerk", "clerk-old-password", "clerk-old-password"));
        Assert.Equal(AccountResult.NotFound, await Accounts.ChangePasswordAsync("nobody", "clerk-old-password", "clerk-new-password"));
        Assert.NotNull(await Accounts.VerifyAsync("clerk", "clerk-old-password"));

        Assert.Equal(AccountResult.Done, await Accounts.ChangePasswordAsync("clerk", "clerk-old-password", "clerk-new-password"));

        Assert.Null(await Accounts.VerifyAsync("clerk", "clerk-old-password"));
        Assert.NotNull(await Accounts.VerifyAsync("clerk", "clerk-new-password"));
        var log = (await Audit.ListAsync()).Items;
        Assert.Equal(["password-change", "password-change-failed", "user-create"], log.Select(a => a.Action));
        Assert.All(log.Take(2), a => Assert.Equal(("clerk", "clerk"), (a.Actor, a.TargetId!)));
        await AssertNoPasswordInTheAuditLogAsync("clerk-old-password", "clerk-new-password", "not-the-password");

        // a disabled account cannot change its password (its sessions have ended anyway)
        await Accounts.CreateAsync("boss", "boss-password-1", UserRole.Administrator, null, "setup");
        Assert.Equal(AccountResult.Done, await Accounts.SetDisabledAsync("clerk", true, "boss"));
        Assert.Equal(AccountResult.Disabled, await Accounts.ChangePasswordAsync("clerk", "clerk-new-password", "clerk-third-password"));
    }

    [DataFact]
    public async Task The_session_stamp_changes_with_the_password_only()
    {
        var user = await Accounts.CreateAsync("clerk", "clerk-password-1", UserRole.DepartmentUser, "江海市临江区教育局", "setup");
        var session = (await Accounts.FindSessionAsync("clerk"))!;
        Assert.Equal((user.Id, UserRole.DepartmentUser, "江海市临江区教育局", false), (session.Id, session.Role, session.Department, session.Disabled));
        Assert.Equal(AccountSession.Of(user).Stamp, session.Stamp);
        Assert.DoesNotContain(session.Stamp, user.PasswordHash, StringComparison.Ordinal);

        await Accounts.SetRoleAsync("clerk", UserRole.Supervisor, null, "setup");
        Assert.Equal(session.Stamp, (await Accounts.FindSessionAsync("clerk"))!.Stamp);
        Assert.Null(await Accounts.FindSessionAsync("nobody"));
    }

    private async Task AssertNoPasswordInTheAuditLogAsync(params string[] passwords)
    {
        foreach (var entry in (await Audit.ListAsync()).Items)
        {
            foreach (var field in new[] { entry.Actor, entry.Action, entry.TargetType, entry.TargetId, entry.Details })
            {
                Assert.All(passwords, p => Assert.DoesNotContain(p, field ?? "", StringComparison.Ordinal));
            }
        }
    }
}

public sealed class SqliteAccountStoreTests : AccountStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAccountStoreTests : AccountStoreTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
