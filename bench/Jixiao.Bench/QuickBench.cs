using System.Diagnostics;
using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Core.Scoring;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Tables;

namespace Jixiao.Bench;

/// <summary>
/// <c>quick [--size 100MB]</c>: a stopwatch pass over every component on one core, for profiling which part is
/// slow (BenchmarkDotNet gives the careful figures). Each figure is the best of three runs.
/// </summary>
public static class QuickBench
{
    public static int Run(string[] args)
    {
        var size = Options.Size(args, "--size", 100_000_000);
        Console.WriteLine($"quick benchmark, {Environment.ProcessorCount} cores visible, single-threaded, {BenchData.Mb(size)} inputs");

        var sw = Stopwatch.StartNew();
        var generated = BenchData.Generated(size);
        Report("generate text (to memory)", generated.Length, sw.Elapsed, null);

        var corpus = BenchData.CorpusRepeated(size);
        Report("decode UTF-8 + split lines only (baseline)", corpus.Length, Best(() => Lines(corpus)), null);

        var forms = 0;
        var t = Best(() => forms = BenchData.Count(corpus));
        Report("read corpus repeated", corpus.Length, t, forms);
        t = Best(() => forms = BenchData.Count(generated));
        Report("read generated", generated.Length, t, forms);
        t = Best(() => forms = TableFormReader.Read(Rows(corpus), "bench.txt").Count());
        Report("read corpus as rows of string cells", corpus.Length, t, forms);

        var read = BenchData.Read(generated).Take(50_000).ToList();
        var scorer = new Scorer();
        var checker = new FormChecker();
        t = Best(() =>
        {
            foreach (var f in read)
            {
                _ = scorer.Score(f);
            }
        });
        Report("score only (generated forms)", 0, t, read.Count);
        t = Best(() =>
        {
            foreach (var f in read)
            {
                _ = checker.Check(f);
            }
        });
        Report("score + check (generated forms)", 0, t, read.Count);

        var corpusForms = BenchData.Read(BenchData.CorpusRepeated(1));
        var many = Enumerable.Range(0, 50_000).Select(i => corpusForms[i % corpusForms.Count]).ToList();
        t = Best(() =>
        {
            foreach (var f in many)
            {
                _ = checker.Check(f);
            }
        });
        Report("score + check (corpus forms, repeated)", 0, t, many.Count);

        // the checks alone, on forms scored in advance: what the catalogue itself costs
        var scored = read.Select(f => scorer.Score(f)).ToList();
        t = Best(() =>
        {
            foreach (var s in scored)
            {
                _ = checker.Check(s);
            }
        });
        Report($"check only, {CheckCatalogue.All.Count} checks (generated forms)", 0, t, scored.Count);
        var scoredCorpus = many.Select(f => scorer.Score(f)).ToList();
        t = Best(() =>
        {
            foreach (var s in scoredCorpus)
            {
                _ = checker.Check(s);
            }
        });
        Report($"check only, {CheckCatalogue.All.Count} checks (corpus forms)", 0, t, scoredCorpus.Count);

        var counter = new CountingStream();
        t = Best(() =>
        {
            counter.Count = 0;
            FormJsonWriter.WriteArray(counter, read);
        });
        Report("write jixiao.form/1 JSON", counter.Count, t, read.Count);

        using var buffer = new MemoryStream();
        FormJsonWriter.WriteArray(buffer, read);
        var json = buffer.ToArray();
        t = Best(() => forms = FormJsonReader.Read(new MemoryStream(json), "bench.json", null).Count());
        Report("read jixiao.form/1 JSON", json.Length, t, forms);
        return 0;
    }

    private static int Lines(byte[] text)
    {
        using var reader = new StreamReader(new MemoryStream(text), Encoding.UTF8, false, 64 * 1024);
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n += line.Split('\t').Length;
        }

        return n;
    }

    /// <summary>The lines as table rows of string cells, as a table reader would hand them to the placer.</summary>
    private static IEnumerable<TableRow> Rows(byte[] text)
    {
        using var reader = new StreamReader(new MemoryStream(text), Encoding.UTF8, false, 64 * 1024);
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            yield return new TableRow(line.Split('\t'), ++n);
        }
    }

    private static TimeSpan Best(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            action();
            sw.Stop();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }

    private static void Report(string what, long bytes, TimeSpan time, int? forms)
    {
        var s = time.TotalSeconds;
        var parts = new List<string> { $"{s,7:0.000} s" };
        if (bytes > 0)
        {
            parts.Add($"{bytes / 1e6 / s,8:0.0} MB/s");
        }

        if (forms is { } n && n > 0)
        {
            parts.Add($"{n / s,10:N0} forms/s ({n:N0} forms)");
        }

        Console.WriteLine($"  {what,-42} {string.Join("  ", parts)}");
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>Tiny option parsing for the non-BenchmarkDotNet modes.</summary>
internal static class Options
{
    public static long Size(string[] args, string name, long fallback)
    {
        var text = Value(args, name);
        if (text is null)
        {
            return fallback;
        }

        var units = new (string Suffix, long Factor)[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (long)(decimal.Parse(text[..^suffix.Length], System.Globalization.CultureInfo.InvariantCulture) * factor);
            }
        }

        return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);
}
