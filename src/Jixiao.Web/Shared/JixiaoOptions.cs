namespace Jixiao.Web.Shared;

/// <summary>The application's settings, section <c>Jixiao</c> (see docs/web.md).</summary>
public sealed class JixiaoOptions
{
    public const string Section = "Jixiao";

    /// <summary>
    /// The folder for the SQLite file and the kept copies of imported files (provenance), relative to the working
    /// directory. Default <c>data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseSettings Database { get; set; } = new();

    public AdminSettings Admin { get; set; } = new();

    public DemoSettings Demo { get; set; } = new();

    public ImportSettings Imports { get; set; } = new();

    public AccountSettings Accounts { get; set; } = new();

    public ExportSettings Exports { get; set; } = new();

    public TokenSettings Tokens { get; set; } = new();

    public RecheckSettings Rechecks { get; set; } = new();
}

/// <summary><c>Jixiao:Tokens</c>: the API tokens' rate limit (docs/api.md).</summary>
public sealed class TokenSettings
{
    /// <summary>Requests one API token may make per minute (a fixed window per token); more get 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 300;
}

/// <summary><c>Jixiao:Rechecks</c>: the re-check of all stored forms (docs/checks.md, "Re-checking stored forms").</summary>
public sealed class RecheckSettings
{
    /// <summary>Re-check at start when the stored forms were checked by another version of the checks (default true).</summary>
    public bool Automatic { get; set; } = true;
}

/// <summary><c>Jixiao:Exports</c>: how many exports (CSV, xlsx, JSON downloads) run at once; more get 429.</summary>
public sealed class ExportSettings
{
    /// <summary>Exports one user may run at once.</summary>
    public int PerUser { get; set; } = 2;

    /// <summary>Exports all users together may run at once.</summary>
    public int Total { get; set; } = 4;
}

/// <summary><c>Jixiao:Accounts</c>: sign-in limits.</summary>
public sealed class AccountSettings
{
    /// <summary>Sign-in attempts (POST /login) one client address may make per minute; more get 429.</summary>
    public int LoginsPerMinute { get; set; } = 20;
}

/// <summary><c>Jixiao:Database</c>: which database. The connection string is <c>ConnectionStrings:Jixiao</c>.</summary>
public sealed class DatabaseSettings
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>; inferred as Postgres when the connection string has a <c>Host=</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>The SQLite file when no connection string is given; default <c>{DataDirectory}/jixiao.db</c>.</summary>
    public string? SqlitePath { get; set; }
}

/// <summary><c>Jixiao:Admin</c>: the first administrator, created at start when no administrator exists.</summary>
public sealed class AdminSettings
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary><c>Jixiao:Demo</c>: the demo data set and the demo accounts (on in Development, off otherwise).</summary>
public sealed class DemoSettings
{
    /// <summary>Forms to generate into an empty database at start (0: none).</summary>
    public int Forms { get; set; }

    /// <summary>The generator's seed: the same seed gives the same demo portfolio.</summary>
    public int Seed { get; set; } = 2024;

    /// <summary>Create the demo accounts (admin, reviewer, supervisor, dept) when no user exists.</summary>
    public bool Accounts { get; set; }
}

/// <summary><c>Jixiao:Imports</c>: upload limits.</summary>
public sealed class ImportSettings
{
    /// <summary>Largest accepted file, bytes. Default 50 MB.</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most files in one upload.</summary>
    public int MaxFiles { get; set; } = 50;
}
