namespace Jixiao.Web.Tests.Browser;

/// <summary>Where the browser tests find Chromium, and why they skip when they cannot run.</summary>
public static class BrowserEnvironment
{
    /// <summary>Debian's Chromium (<c>apt-get install -y chromium</c>); Playwright cannot download browsers here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string NoChromium = "Browser tests need Debian's Chromium at " + ChromiumPath + ": apt-get update && apt-get install -y chromium";

    public const string NoPostgres = "PostgreSQL browser tests need a server: export JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh)";

    public static bool HasChromium => File.Exists(ChromiumPath);

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) is { Length: > 0 } cs && !string.IsNullOrWhiteSpace(cs) ? cs : null;
}

/// <summary>A browser test: reported as skipped, with the reason, when Chromium is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserEnvironment.HasChromium)
        {
            Skip = BrowserEnvironment.NoChromium;
        }
    }
}

/// <summary>A browser test on PostgreSQL: skipped, with the reason, without Chromium or without <c>JIXIAO_TEST_POSTGRES</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserPostgresFactAttribute : FactAttribute
{
    public BrowserPostgresFactAttribute()
    {
        if (!BrowserEnvironment.HasChromium)
        {
            Skip = BrowserEnvironment.NoChromium;
        }
        else if (BrowserEnvironment.Postgres is null)
        {
            Skip = BrowserEnvironment.NoPostgres;
        }
    }
}
