using Xunit.Abstractions;

namespace Jixiao.Ingest.Tests.Excel;

public sealed class ShenzhenDumpTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var (rows, diags) = ExcelRows.Read(RealWorld.ShenzhenWorkbooks[0]);
        foreach (var r in rows.Take(80))
        {
            output.WriteLine($"{r.Line} {r.Sheet?[..6]} {r.SourceRow}: {ExcelRows.Joined(r).Replace("\n", "\\n").Replace("\t", "\\t")}");
        }

        foreach (var d in diags)
        {
            output.WriteLine(d.ToString());
        }
    }
}
