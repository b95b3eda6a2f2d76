using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Synthetic;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Bench;

/// <summary>Inputs of the benchmarks, built once: the corpus repeated to a size, generated text, forms read in advance.</summary>
public static class BenchData
{
    /// <summary>The four corpus files concatenated and repeated until the UTF-8 text is at least <paramref name="bytes"/> long.</summary>
    public static byte[] CorpusRepeated(long bytes)
    {
        var one = string.Concat(Corpus.AllFiles.Select(f => File.ReadAllText(Corpus.PathOf(f)) + "\n\n"));
        var oneBytes = Encoding.UTF8.GetByteCount(one);
        var copies = (int)Math.Max(1, (bytes + oneBytes - 1) / oneBytes);
        var sb = new StringBuilder(one.Length * copies);
        for (var i = 0; i < copies; i++)
        {
            sb.Append(one);
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Forms in the corpus (79).</summary>
    public const int CorpusForms = 79;

    /// <summary>Synthetic forms in the corpus layout, at least <paramref name="bytes"/> of UTF-8.</summary>
    public static byte[] Generated(long bytes, int seed = 1)
    {
        using var writer = new StringWriter();
        new FormGenerator(seed).WriteText(writer, long.MaxValue, bytes);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    /// <summary>Reads all forms of UTF-8 text (the way the CLI reads a file).</summary>
    public static List<PerformanceForm> Read(byte[] text)
    {
        using var reader = new StreamReader(new MemoryStream(text), Encoding.UTF8, false, 64 * 1024);
        return [.. TextFormReader.Read(reader, "bench.txt")];
    }

    /// <summary>Counts the forms of UTF-8 text, streaming.</summary>
    public static int Count(byte[] text)
    {
        using var reader = new StreamReader(new MemoryStream(text), Encoding.UTF8, false, 64 * 1024);
        var n = 0;
        foreach (var form in TextFormReader.Read(reader, "bench.txt"))
        {
            n += form.Indicators.Count >= 0 ? 1 : 0;
        }

        return n;
    }

    public static string Mb(long bytes) => $"{bytes / 1_000_000.0:0.0} MB";
}
