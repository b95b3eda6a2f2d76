using BenchmarkDotNet.Attributes;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;

namespace Jixiao.Bench;

/// <summary>
/// Extraction throughput: the text reader over 100 MB held in memory (byte[] → StreamReader → TextFormReader).
/// MB/s = 100 / mean seconds (see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private byte[] _corpus = [];
    private byte[] _generated = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = BenchData.CorpusRepeated(100_000_000);
        _generated = BenchData.Generated(100_000_000);
    }

    [Benchmark(Description = "read corpus repeated (100 MB)")]
    public int ReadCorpus() => BenchData.Count(_corpus);

    [Benchmark(Description = "read generated (100 MB)")]
    public int ReadGenerated() => BenchData.Count(_generated);
}

/// <summary>Checking throughput: score + every check of the catalogue on forms read in advance; per form.</summary>
[MemoryDiagnoser]
public class CheckingBenchmarks
{
    private const int Forms = 10_000;
    private readonly FormChecker _checker = new();
    private readonly Scorer _scorer = new();
    private List<PerformanceForm> _corpus = [];
    private List<PerformanceForm> _generated = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = BenchData.Read(BenchData.CorpusRepeated(1));
        _corpus = [.. Enumerable.Range(0, Forms).Select(i => corpus[i % corpus.Count])];
        _generated = [.. BenchData.Read(BenchData.Generated(20_000_000)).Take(Forms)];
    }

    [Benchmark(Description = "score + check corpus forms", OperationsPerInvoke = Forms)]
    public int CheckCorpus()
    {
        var n = 0;
        foreach (var form in _corpus)
        {
            n += _checker.Check(form).Count;
        }

        return n;
    }

    [Benchmark(Description = "score + check generated forms", OperationsPerInvoke = Forms)]
    public int CheckGenerated()
    {
        var n = 0;
        foreach (var form in _generated)
        {
            n += _checker.Check(form).Count;
        }

        return n;
    }

    [Benchmark(Description = "score only, generated forms", OperationsPerInvoke = Forms)]
    public decimal ScoreGenerated()
    {
        var total = 0m;
        foreach (var form in _generated)
        {
            total += _scorer.Score(form).Recomputed;
        }

        return total;
    }
}

/// <summary>JSON interchange: writing 10,000 generated forms to a null stream, and reading them back.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private const int Forms = 10_000;
    private List<PerformanceForm> _forms = [];
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _forms = [.. new FormGenerator(1).Generate(Forms).Select(g => g.Form)];
        using var buffer = new MemoryStream();
        FormJsonWriter.WriteArray(buffer, _forms);
        _json = buffer.ToArray();
    }

    [Benchmark(Description = "write jixiao.form/1", OperationsPerInvoke = Forms)]
    public long Write() => FormJsonWriter.WriteArray(Stream.Null, _forms);

    [Benchmark(Description = "read jixiao.form/1", OperationsPerInvoke = Forms)]
    public int Read() => FormJsonReader.Read(new MemoryStream(_json), "bench.json", null).Count();
}

/// <summary>The synthetic generator: 10 MB of corpus-layout text to a null writer.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    [Benchmark(Description = "generate 10 MB")]
    public long Generate() => new FormGenerator(1).WriteText(TextWriter.Null, long.MaxValue, 10_000_000).Bytes;
}
