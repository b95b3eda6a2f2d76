using Xunit.Abstractions;
using Xunit.Sdk;

namespace Jixiao.Data.Tests;

/// <summary>Marks a test class whose tests need the PostgreSQL server named by <c>JIXIAO_TEST_POSTGRES</c>.</summary>
public interface IPostgresTests
{
}

/// <summary>
/// A fact that runs against a real database. In a class implementing <see cref="IPostgresTests"/> it is reported as
/// skipped, with the reason, when <c>JIXIAO_TEST_POSTGRES</c> is not set — never silently passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Jixiao.Data.Tests.DataFactDiscoverer", "Jixiao.Data.Tests")]
public sealed class DataFactAttribute : FactAttribute
{
}

public sealed class DataFactDiscoverer : IXunitTestCaseDiscoverer
{
    public const string Variable = "JIXIAO_TEST_POSTGRES";

    public const string SkipReason =
        "PostgreSQL tests need a server: set JIXIAO_TEST_POSTGRES to its connection string, e.g. export JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh)";

    private readonly IMessageSink sink;

    public DataFactDiscoverer(IMessageSink diagnosticMessageSink) => sink = diagnosticMessageSink;

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var needsPostgres = type is not null && typeof(IPostgresTests).IsAssignableFrom(type);
        if (needsPostgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            yield return new XunitSkippedDataRowTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, SkipReason);
            yield break;
        }

        yield return new XunitTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
