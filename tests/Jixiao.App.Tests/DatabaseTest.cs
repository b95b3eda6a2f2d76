using Jixiao.App.Imports;
using Jixiao.Data.Tests;

namespace Jixiao.App.Tests;

/// <summary>A test class with a fresh database of its own per test (a SQLite file or a new PostgreSQL database).</summary>
public abstract class DatabaseTest : ProviderTest
{
}

/// <summary>A host that keeps no uploaded files (the use cases under test are given their input directly).</summary>
public sealed class NoKeptFiles : IKeptFiles
{
    public string PathOf(long batchId, string fileName) => Path.Combine(Path.GetTempPath(), "jixiao-none", batchId + ".txt");

    public void Delete(long batchId, string fileName)
    {
    }
}
