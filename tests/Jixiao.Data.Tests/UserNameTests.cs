using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Jixiao.Data.Tests;

/// <summary>
/// User names are one name whatever their case, width or surrounding white space (issue 10, item 9: <c>Admin</c>
/// could be created beside <c>admin</c>); accounts that already clash keep working through the migration; signing
/// out changes the session stamp. On SQLite and PostgreSQL.
/// </summary>
public abstract class UserNameTests : IAsyncLifetime
{
    private TestDatabase? test;

    protected abstract DatabaseProvider Provider { get; }

    private JixiaoDatabase Db => test!.Database;

    private AccountStore Accounts => new(Db);

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Provider, migrate: false);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [DataFact]
    public async Task A_name_that_differs_only_in_case_or_width_is_taken_and_signs_in_to_the_one_account()
    {
        await Db.MigrateAsync();
        var admin = await Accounts.CreateAsync("admin", "admin-password-1", UserRole.Administrator, null, "setup");

        foreach (var twin in new[] { "Admin", "ADMIN", " admin", "ａｄｍｉｎ" })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Accounts.CreateAsync(twin, "other-password-1", UserRole.Supervisor, null, "admin"));
            Assert.Contains("(by admin)", refused.Message, StringComparison.Ordinal);
        }

        foreach (var typed in new[] { "admin", "Admin", "ADMIN ", "ａｄｍｉｎ" })
        {
            var attempt = await Accounts.SignInAsync(typed, "admin-password-1");
            Assert.Equal(LoginOutcome.Success, attempt.Outcome);
            Assert.Equal(admin.Id, attempt.User!.Id);
            Assert.Equal("admin", attempt.User.UserName); // the session carries the stored name
        }

        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal("admin", (await db.Users.SingleAsync()).NormalizedUserName);
    }

    [DataFact]
    public async Task Accounts_that_clash_before_the_migration_are_kept_and_still_sign_in()
    {
        // the database as it was before the migration UserNameNormalised, with names the old rule allowed
        await using (var db = Db.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_UserNameNormalised", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            var hash = PasswordHashing.Hash("shared-password-1");
            foreach (var name in new[] { "admin", "Admin", "ＢＯＢ" })
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO users (user_name, password_hash, role, disabled, created_at) VALUES ({name}, {hash}, {0}, {false}, {DateTime.UtcNow})");
            }
        }

        await Db.MigrateAsync(); // the rest of the migrations, then the names completed at start

        await using (var db = Db.CreateContext())
        {
            var users = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.UserName, u.NormalizedUserName }).ToListAsync();
            Assert.Equal(["admin", "Admin", "ＢＯＢ"], users.Select(u => u.UserName));
            Assert.Equal(["admin", "admin#" + users[1].Id, "bob"], users.Select(u => u.NormalizedUserName));
        }

        // each signs in by its exact name; any other spelling is the oldest account
        Assert.Equal("Admin", (await Accounts.SignInAsync("Admin", "shared-password-1")).User!.UserName);
        Assert.Equal("admin", (await Accounts.SignInAsync("admin", "shared-password-1")).User!.UserName);
        Assert.Equal("admin", (await Accounts.SignInAsync("ADMIN", "shared-password-1")).User!.UserName);
        Assert.Equal("ＢＯＢ", (await Accounts.SignInAsync("bob", "shared-password-1")).User!.UserName);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Accounts.CreateAsync("Bob", "other-password-1", UserRole.Supervisor, null, "admin"));

        // a second start changes nothing
        await Db.MigrateAsync();
        await using var again = Db.CreateContext();
        Assert.Equal(3, await again.Users.CountAsync(u => u.NormalizedUserName != ""));
    }

    [DataFact]
    public async Task Signing_out_changes_the_session_stamp_and_is_audited()
    {
        await Db.MigrateAsync();
        await Accounts.CreateAsync("clerk", "clerk-password-1", UserRole.Supervisor, null, "setup");
        var before = (await Accounts.FindSessionAsync("clerk"))!;
        Assert.Equal("", before.Session);

        Assert.True(await Accounts.EndSessionsAsync("Clerk"));

        var after = (await Accounts.FindSessionAsync("clerk"))!;
        Assert.NotEqual(before.Session, after.Session);
        Assert.Equal(32, after.Session.Length);
        Assert.Equal(before.Stamp, after.Stamp); // the password did not change
        Assert.Contains((await new AuditLog(Db).ListAsync()).Items, e => e.Action == "logout" && e.Actor == "clerk");
        Assert.False(await Accounts.EndSessionsAsync("nobody"));
    }
}

public sealed class UserNameNormalisationTests
{
    [Theory]
    [InlineData("Admin", "admin")]
    [InlineData(" ADMIN ", "admin")]
    [InlineData("ａｄｍｉｎ", "admin")]
    [InlineData("Ａdmin", "admin")]
    [InlineData("张三", "张三")]
    public void Names_are_normalised_by_nfkc_trimming_and_lower_case(string name, string key) => Assert.Equal(key, UserNames.Normalise(name));
}

public sealed class SqliteUserNameTests : UserNameTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresUserNameTests : UserNameTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
