using Jixiao.App.Access;
using Jixiao.App.Filings;
using Jixiao.App.Forms;
using Jixiao.App.Imports;
using Jixiao.App.Portfolio;
using Jixiao.App.Rechecks;
using Jixiao.App.Review;
using Jixiao.Data.Accounts;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Rechecks;
using Jixiao.Data.Reviews;
using Jixiao.Data.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jixiao.App;

/// <summary>
/// The one composition entry (组装) of Jixiao, used by the web application and the command line alike, so both pick
/// the database the same way and get the same use cases.
/// </summary>
public static class JixiaoServices
{
    /// <summary>
    /// Registers the database chosen by <paramref name="configuration"/> (see <see cref="OpenDatabase"/>), the stores of
    /// Jixiao.Data, the access policy, the use cases and the query facades — all thread-safe singletons. The host adds
    /// its <see cref="IKeptFiles"/> when it runs background imports.
    /// </summary>
    public static IServiceCollection AddJixiao(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => OpenDatabase(configuration));
        services.AddSingleton<JixiaoStorage>();

        // Data: persistence
        services.AddSingleton<FormWriter>();
        services.AddSingleton<FormQueries>();
        services.AddSingleton<PublishedForms>();
        services.AddSingleton<FindingQueries>();
        services.AddSingleton(sp => new FormReader(sp.GetRequiredService<JixiaoDatabase>()));
        services.AddSingleton(sp => new PortfolioQueries(sp.GetRequiredService<JixiaoDatabase>(), sp.GetRequiredService<FormQueries>()));
        services.AddSingleton(sp => new PortfolioAnalytics(sp.GetRequiredService<JixiaoDatabase>()));
        services.AddSingleton<ImportBatchStore>();
        services.AddSingleton<CrossFormChecks>();
        services.AddSingleton<DepartmentDirectory>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<RecheckStore>();
        services.AddSingleton<Jixiao.Data.Monitoring.MonitoringStore>();
        services.AddSingleton(sp => new FilingStore(sp.GetRequiredService<JixiaoDatabase>(), sp.GetRequiredService<FormWriter>(), sp.GetRequiredService<ImportBatchStore>()));
        services.AddSingleton<Data.Library.LibraryQueries>();
        services.AddSingleton<Data.Library.LibraryBuilder>();
        services.AddSingleton<Data.Library.LibraryStore>();
        services.TryAddSingleton(TimeProvider.System);

        // App: policy, use cases, facades
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton(sp => new FormImporter(sp.GetRequiredService<FormWriter>(), sp.GetRequiredService<ImportBatchStore>()));
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<DeleteBatch>();
        services.AddSingleton<DemoPortfolio>();
        services.AddSingleton<ImportBatches>();
        services.AddSingleton<FormCatalog>();
        services.AddSingleton<FindingCatalog>();
        services.AddSingleton<PortfolioView>();
        services.AddSingleton<Accounts.Accounts>();
        services.AddSingleton<Accounts.ApiTokens>();
        services.AddSingleton<Exports.ExportLog>();
        services.AddSingleton<FormReviews>();
        services.AddSingleton<DecideFinding>();
        services.AddSingleton<RequestRectification>();
        services.AddSingleton<RectificationSteps>();
        services.AddSingleton(sp => new RecheckRunner(sp.GetRequiredService<RecheckStore>(), sp.GetRequiredService<FormWriter>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<RecheckRunner>>()));
        services.AddSingleton<RecheckJobs>();
        services.AddSingleton(sp => new FilingCatalog(sp.GetRequiredService<FilingStore>(), sp.GetRequiredService<AccessPolicy>()));
        services.AddSingleton<CreateFiling>();
        services.AddSingleton<SaveFiling>();
        services.AddSingleton<FilingSteps>();
        services.AddSingleton<PublishFiling>();
        services.AddSingleton<UnpublishFiling>();
        services.AddSingleton<FilingComments>();
        services.AddSingleton(sp => new Monitoring.MonitoringCatalog(sp.GetRequiredService<FilingCatalog>(), sp.GetRequiredService<Jixiao.Data.Monitoring.MonitoringStore>(),
            sp.GetRequiredService<AccessPolicy>()));
        services.AddSingleton<Monitoring.RecordCheckpoint>();
        services.AddSingleton<Library.IndicatorLibrary>();
        services.AddSingleton<Library.CurateLibrary>();
        return services;
    }

    /// <summary>
    /// The database <paramref name="configuration"/> names: PostgreSQL when <c>Jixiao:Database:Provider</c> is
    /// <c>Postgres</c> (or <c>PostgreSQL</c>), or when it is unset and the connection string <c>ConnectionStrings:Jixiao</c>
    /// names a <c>Host=</c>; else SQLite in <c>ConnectionStrings:Jixiao</c> (a file path or <c>Data Source=…</c>),
    /// <c>Jixiao:Database:SqlitePath</c>, or <c>{Jixiao:DataDirectory}/jixiao.db</c> (default <c>data/jixiao.db</c>), whose
    /// writes wait at most <c>Jixiao:Database:BusyTimeoutSeconds</c> (default 30) for the write lock.
    /// Throws <see cref="InvalidOperationException"/> when PostgreSQL is chosen without a connection string, and when
    /// the configuration is wrong in a way <see cref="ConfigurationProblem"/> names.
    /// </summary>
    public static JixiaoDatabase OpenDatabase(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (ConfigurationProblem(configuration) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var provider = configuration["Jixiao:Database:Provider"]?.Trim();
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

        var path = SqlitePathOf(connectionString) ?? configuration["Jixiao:Database:SqlitePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            var dataDirectory = configuration["Jixiao:DataDirectory"];
            path = Path.Combine(string.IsNullOrWhiteSpace(dataDirectory) ? "data" : dataDirectory, "jixiao.db");
        }

        var busy = int.TryParse(configuration["Jixiao:Database:BusyTimeoutSeconds"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        return JixiaoDatabase.Sqlite(path, busy);
    }

    /// <summary>
    /// What is wrong with the database settings, in one line, or null. Jixiao reads one connection string,
    /// <c>ConnectionStrings:Jixiao</c>; any other one that is set (<c>ConnectionStrings:Postgres</c>, the name older
    /// documentation used) is refused rather than ignored — ignored, the application would quietly run on an empty
    /// SQLite file while the operator believes it uses PostgreSQL.
    /// </summary>
    public static string? ConfigurationProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var other = configuration.GetSection("ConnectionStrings").GetChildren()
            .FirstOrDefault(c => !string.Equals(c.Key, ConnectionStringName, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value));
        return other is null
            ? null
            : $"ConnectionStrings:{other.Key} is set, but Jixiao reads its database only from ConnectionStrings:{ConnectionStringName} "
              + $"(environment variable ConnectionStrings__{ConnectionStringName}): rename the setting (docs/deploy.md). "
              + $"连接字符串应配置为 ConnectionStrings:{ConnectionStringName}，不是 ConnectionStrings:{other.Key}。";
    }

    /// <summary>The one connection string Jixiao reads: <c>ConnectionStrings:Jixiao</c>.</summary>
    public const string ConnectionStringName = "Jixiao";

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
