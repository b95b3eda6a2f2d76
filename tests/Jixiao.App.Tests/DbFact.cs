using Xunit.Sdk;

namespace Jixiao.App.Tests;

/// <summary>
/// A fact that runs against a real database (the data tests' discoverer, compiled into this assembly): in a class
/// implementing <see cref="Data.Tests.IPostgresTests"/> it is reported as skipped, with the reason, when
/// <c>JIXIAO_TEST_POSTGRES</c> is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Jixiao.Data.Tests.DataFactDiscoverer", "Jixiao.App.Tests")]
public sealed class DbFactAttribute : FactAttribute
{
}
