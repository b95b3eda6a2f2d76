using Jixiao.App;
using Jixiao.Data.Schema;
using Microsoft.Extensions.Configuration;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// The database is configured by <c>ConnectionStrings:Jixiao</c> only; the <c>ConnectionStrings:Postgres</c> that the
/// deployment notes once named (or any other connection string) stops the application at start instead of leaving it
/// on an empty SQLite file (issue 10, item 9).
/// </summary>
public sealed class ConnectionStringTests
{
    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public void A_postgres_connection_string_under_another_name_is_refused_with_the_name_to_use()
    {
        var configuration = Settings(("ConnectionStrings:Postgres", "Host=db.example;Database=jixiao;Username=jixiao;Password=secret"));

        var problem = JixiaoServices.ConfigurationProblem(configuration);

        Assert.Equal(
            "ConnectionStrings:Postgres is set, but Jixiao reads its database only from ConnectionStrings:Jixiao (environment variable ConnectionStrings__Jixiao): rename the setting (docs/deploy.md). 连接字符串应配置为 ConnectionStrings:Jixiao，不是 ConnectionStrings:Postgres。",
            problem);
        var refused = Assert.Throws<InvalidOperationException>(() => JixiaoServices.OpenDatabase(configuration));
        Assert.Equal(problem, refused.Message);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_connection_string_is_refused_too_and_an_empty_one_is_not()
    {
        Assert.StartsWith("ConnectionStrings:Default is set", JixiaoServices.ConfigurationProblem(Settings(("ConnectionStrings:Default", "Data Source=x.db"))), StringComparison.Ordinal);
        Assert.Null(JixiaoServices.ConfigurationProblem(Settings(("ConnectionStrings:Postgres", ""), ("ConnectionStrings:Jixiao", ""))));
    }

    [Fact]
    public void The_documented_setting_chooses_postgres()
    {
        using var database = JixiaoServices.OpenDatabase(Settings(("ConnectionStrings:Jixiao", "Host=db.example;Database=jixiao;Username=jixiao;Password=secret")));

        Assert.Equal(DatabaseProvider.Postgres, database.Provider);
    }

    [Fact]
    public void The_web_application_does_not_start_with_the_old_setting()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=jixiao" });

        Assert.ThrowsAny<Exception>(() => factory.Client());
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "jixiao.db"))); // nor did it make a SQLite file
    }
}
