using Jixiao.Data.Accounts;
using Jixiao.Data.Import;
using Jixiao.Data.Queries;
using Jixiao.Data.Storage;

namespace Jixiao.Web.Shared;

/// <summary>Chooses the database from configuration and registers the stores of Jixiao.Data.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// PostgreSQL when <c>Jixiao:Database:Provider</c> is <c>Postgres</c> (or the connection string
    /// <c>ConnectionStrings:Jixiao</c> names a <c>Host=</c>); else SQLite in <c>ConnectionStrings:Jixiao</c> (a file path or
    /// <c>Data Source=…</c>), <c>Jixiao:Database:SqlitePath</c>, or <c>{DataDirectory}/jixiao.db</c>.
    /// </summary>
    public static JixiaoDatabase Open(IConfiguration configuration, JixiaoOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = configuration.GetConnectionString("Jixiao");
        var provider = options.Database.Provider?.Trim();
        var postgres = string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrEmpty(provider) && connectionString is not null
                && connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase));
        if (postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Jixiao:Database:Provider is Postgres but ConnectionStrings:Jixiao is empty.");
            }

            return JixiaoDatabase.Postgres(connectionString);
        }

        var path = SqlitePathOf(connectionString) ?? options.Database.SqlitePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(options.DataDirectory, "jixiao.db");
        }

        return JixiaoDatabase.Sqlite(path);
    }

    /// <summary>Registers the database and the stores (all thread-safe singletons).</summary>
    public static IServiceCollection AddJixiaoData(this IServiceCollection services, JixiaoDatabase database)
    {
        services.AddSingleton(database);
        services.AddSingleton<FormStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(sp => new FormImporter(sp.GetRequiredService<JixiaoDatabase>()));
        return services;
    }

    private static string? SqlitePathOf(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                var key = part[..eq].Trim();
                if (key.Equals("Data Source", StringComparison.OrdinalIgnoreCase) || key.Equals("DataSource", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("Filename", StringComparison.OrdinalIgnoreCase))
                {
                    return part[(eq + 1)..].Trim();
                }
            }
        }

        return connectionString.Contains('=', StringComparison.Ordinal) ? null : connectionString.Trim();
    }
}
