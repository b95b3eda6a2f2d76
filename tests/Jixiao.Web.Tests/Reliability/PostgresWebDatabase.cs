using Npgsql;

namespace Jixiao.Web.Tests.Reliability;

/// <summary>
/// A PostgreSQL database of its own on the server of <c>JIXIAO_TEST_POSTGRES</c> for one web application, with the
/// settings that point the application at it, and an outage on demand: its connections ended (what a server restart
/// does to them) and new ones refused until allowed again. Only this database is touched; the shared server runs on.
/// </summary>
public sealed class PostgresWebDatabase : IAsyncDisposable
{
    private readonly string admin;

    private PostgresWebDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that run the application on this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Jixiao"] = ConnectionString,
        ["Jixiao:Database:Provider"] = "Postgres",
    };

    public static async Task<PostgresWebDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
            ?? throw new InvalidOperationException("JIXIAO_TEST_POSTGRES is not set");
        var database = new PostgresWebDatabase(admin, "jixiao_web_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>Ends every connection to the database, as a restart of the server does (the clients see 57P01).</summary>
    public Task TerminateConnectionsAsync() =>
        ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND backend_type = 'client backend' AND pid <> pg_backend_pid()");

    /// <summary>The database goes away: new connections are refused and the open ones are ended.</summary>
    public async Task GoAwayAsync()
    {
        await ExecuteAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS false");
        await TerminateConnectionsAsync();
    }

    /// <summary>The database is back: connections are accepted again.</summary>
    public Task ComeBackAsync() => ExecuteAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS true");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ComeBackAsync();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
