using System.Collections.Concurrent;
using Jixiao.Core.Forms;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>Reads each corpus file once per test run (tests only read the forms, never change them).</summary>
internal static class CorpusForms
{
    private static readonly ConcurrentDictionary<string, Lazy<CorpusFile>> Cache = new();

    public static CorpusFile Of(string fileName) =>
        Cache.GetOrAdd(fileName, name => new Lazy<CorpusFile>(() => Read(name))).Value;

    private static CorpusFile Read(string fileName)
    {
        var reported = new List<Diagnostic>();
        var forms = FormFileReader.Read(Corpus.PathOf(fileName), reported.Add).ToList();
        return new CorpusFile(fileName, forms, reported);
    }
}

internal sealed record CorpusFile(string Name, IReadOnlyList<PerformanceForm> Forms, IReadOnlyList<Diagnostic> Reported)
{
    /// <summary>The form whose table holds 1-based line <paramref name="line"/> of the corpus file.</summary>
    public PerformanceForm FormAt(int line) =>
        Forms.Single(f => f.Provenance!.FirstLine <= line && line <= f.Provenance.LastLine);

    /// <summary>The indicator read from line <paramref name="line"/>.</summary>
    public Indicator IndicatorAt(int line) =>
        Forms.SelectMany(f => f.Indicators).Single(i => i.SourceLine == line);

    public IEnumerable<Diagnostic> AllDiagnostics => Reported.Concat(Forms.SelectMany(f => f.Diagnostics));
}
