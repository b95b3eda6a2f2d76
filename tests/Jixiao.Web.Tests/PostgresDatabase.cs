using Npgsql;

namespace Jixiao.Web.Tests;

/// <summary>
/// A PostgreSQL database of its own on the server named by <c>JIXIAO_TEST_POSTGRES</c> (created here, dropped on
/// disposal), and the settings that run the application on it.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string admin;

    private PostgresDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The application settings for this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Jixiao"] = new NpgsqlConnectionStringBuilder(admin) { Database = Name }.ToString(),
        ["Jixiao:Database:Provider"] = "Postgres",
    };

    public static async Task<PostgresDatabase> CreateAsync(string prefix)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
            ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set");
        var database = new PostgresDatabase(admin, prefix + Guid.NewGuid().ToString("N"));
        await database.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
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
