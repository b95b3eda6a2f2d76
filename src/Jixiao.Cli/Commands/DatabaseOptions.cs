using System.CommandLine;
using System.Data.Common;
using Jixiao.Cli.Infrastructure;
using Jixiao.Data.Storage;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>--db PATH | --postgres CONNECTIONSTRING</c>: the database of <c>import</c> and <c>export</c>. By default the
/// SQLite file <c>./data/jixiao.db</c>, the one the web application uses when started from the same folder.
/// </summary>
internal sealed class DatabaseOptions
{
    private readonly Option<string?> sqlite = new("--db")
    {
        Description = $"SQLite database file (default ./{JixiaoDatabase.DefaultSqlitePath}, the web application's)",
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

    /// <summary>
    /// Opens the database the options name and applies pending migrations (creating a missing SQLite file unless
    /// <paramref name="mustExist"/>); null, with one error line, when that fails.
    /// </summary>
    public async Task<JixiaoDatabase?> OpenAsync(CliContext context, ParseResult parse, bool mustExist, CancellationToken cancellationToken)
    {
        JixiaoDatabase? database = null;
        try
        {
            var connectionString = parse.GetValue(postgres);
            database = JixiaoDatabase.FromSettings(connectionString, parse.GetValue(sqlite));
            if (mustExist && database.SqlitePath is { } file && !File.Exists(file))
            {
                context.Error($"no database at {file}: import forms first (jixiao import FILE... --db {file})");
                database.Dispose();
                return null;
            }

            await database.MigrateAsync(cancellationToken);
            return database;
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            var name = database?.ToString() ?? (parse.GetValue(postgres) is null ? "SQLite" : "PostgreSQL");
            context.Error($"cannot open the database ({name}): {ex.Message}");
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            return null;
        }
    }
}
