using System.Diagnostics;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;
using Xunit.Abstractions;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>
/// A rough speed and memory check of the reader on the corpus repeated (no wall-clock assertion: the numbers are
/// printed). Reads about 3 MB by default; set JIXIAO_READER_MB=100 for the full check. The benchmark proper is in bench/.
/// </summary>
public class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Manual")]
    public void Streams_the_corpus_repeated_with_flat_memory()
    {
        var text = string.Concat(Corpus.AllFiles.Select(f => File.ReadAllText(Corpus.PathOf(f)) + "\n"));
        var bytesPerCopy = System.Text.Encoding.UTF8.GetByteCount(text);
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("JIXIAO_READER_MB"), out var mb) ? mb : 3;
        var copies = Math.Max(1, (int)(megabytes * 1_000_000L / bytesPerCopy));

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long forms = 0, indicators = 0, peak = 0;
        foreach (var form in TextFormReader.Read(new RepeatingReader(text, copies), "repeated.txt"))
        {
            forms++;
            indicators += form.Indicators.Count;
            if (forms % 5000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - before);
            }
        }

        clock.Stop();
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var total = (double)bytesPerCopy * copies / 1e6;
        output.WriteLine($"{total:F1} MB, {forms} forms, {indicators} indicators: {clock.Elapsed.TotalSeconds:F2} s wall ({total / clock.Elapsed.TotalSeconds:F1} MB/s), {seconds:F2} s CPU; heap growth seen {peak / 1e6:F1} MB");

        Assert.Equal(79L * copies, forms);
        Assert.Equal(814L * copies, indicators);
    }

    /// <summary>The same text <paramref name="copies"/> times, without holding the copies in memory.</summary>
    private sealed class RepeatingReader(string text, int copies) : TextReader
    {
        private int copy;
        private int position;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (position == text.Length)
            {
                if (++copy >= copies)
                {
                    return 0;
                }

                position = 0;
            }

            var n = Math.Min(buffer.Length, text.Length - position);
            text.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }
    }
}
