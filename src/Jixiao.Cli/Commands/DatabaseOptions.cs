using System.CommandLine;
using System.Data.Common;
using Jixiao.App;
using Jixiao.Cli.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>--db PATH | --postgres CONNECTIONSTRING</c>: the database of <c>import</c> and <c>export</c>. By default the
/// SQLite file <c>./data/jixiao.db</c>, the one the web application uses when started from the same folder. The
/// options become configuration for <see cref="JixiaoServices.AddJixiao"/>, the web application's composition entry,
/// so both pick the database the same way (the environment's <c>ConnectionStrings__Jixiao</c> and
/// <c>Jixiao__Database__…</c> apply too, the options win).
/// </summary>
internal sealed class DatabaseOptions
{
    private readonly Option<string?> sqlite = new("--db")
    {
        Description = "SQLite database file (default ./data/jixiao.db, the web application's)",
        HelpName = "PATH",
    };

    private readonly Option<string?> postgres = new("--postgres")
    {
        Description = "PostgreSQL connection string instead of SQLite: Host=…;Port=…;Database=…;Username=…;Password=…",
        HelpName = "CONNECTIONSTRING",
    };

    /// <summary>Adds both options to <paramref name="command"/>, and the rule that only one may be given.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(sqlite);
        command.Options.Add(postgres);
        command.Validators.Add(result =>
        {
            if (result.GetResult(sqlite) is not null && result.GetResult(postgres) is not null)
            {
                result.AddError("--db and --postgres cannot be used together: choose one database");
            }
        });
    }

    /// <summary>The configuration the options (and the environment) describe.</summary>
    internal IConfiguration Configuration(ParseResult parse)
    {
        var values = new Dictionary<string, string?>();
        if (parse.GetValue(postgres) is { } connectionString)
        {
            values["ConnectionStrings:Jixiao"] = connectionString;
            values["Jixiao:Database:Provider"] = "Postgres";
        }
        else if (parse.GetValue(sqlite) is { } path)
        {
            values["ConnectionStrings:Jixiao"] = null;
            values["Jixiao:Database:Provider"] = "Sqlite";
            values["Jixiao:Database:SqlitePath"] = path;
        }

        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(values).Build();
    }

    /// <summary>
    /// The services over the database the options name, migrated (a missing SQLite file is created unless
    /// <paramref name="mustExist"/>); null, with one error line, when that fails. Dispose it to close the database.
    /// </summary>
    public async Task<ServiceProvider?> OpenAsync(CliContext context, ParseResult parse, bool mustExist, CancellationToken cancellationToken)
    {
        ServiceProvider? services = null;
        JixiaoStorage? storage = null;
        try
        {
            services = new ServiceCollection().AddJixiao(Configuration(parse)).BuildServiceProvider();
            storage = services.GetRequiredService<JixiaoStorage>();
            if (mustExist && storage.SqliteFile is { } file && !File.Exists(file))
            {
                context.Error($"no database at {file}: import forms first (jixiao import FILE... --db {file})");
                await services.DisposeAsync();
                return null;
            }

            await storage.MigrateAsync(cancellationToken);
            return services;
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            var name = storage?.ToString() ?? (parse.GetValue(postgres) is null ? "SQLite" : "PostgreSQL");
            context.Error($"cannot open the database ({name}): {ex.Message}");
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            return null;
        }
    }
}
