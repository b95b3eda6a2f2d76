using System.Diagnostics;
using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Ingest;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;

namespace Jixiao.Bench;

/// <summary>
/// <c>memory --size 1GB [--file F] [--check] [--json] [--keep]</c>: streams a large input through the reader (and
/// optionally the checker and the JSON writer, as <c>jixiao extract</c> / <c>check</c> do) and reports the peak
/// working set. Without --file, the input is generated first into a temporary file (also streamed).
/// </summary>
public static class MemoryTest
{
    public static int Run(string[] args)
    {
        var size = Options.Size(args, "--size", 1_000_000_000);
        var file = Options.Value(args, "--file");
        var check = Options.Flag(args, "--check");
        var json = Options.Flag(args, "--json");
        var keep = Options.Flag(args, "--keep");
        var generatedHere = file is null;
        file ??= Path.Combine(Path.GetTempPath(), $"jixiao-memory-{size}.txt");
        var process = Process.GetCurrentProcess();

        if (generatedHere && !File.Exists(file))
        {
            var sw = Stopwatch.StartNew();
            using (var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 20))
            {
                var summary = new FormGenerator(1).WriteText(writer, long.MaxValue, size);
                Console.WriteLine($"generated {summary.Forms:N0} forms, {BenchData.Mb(summary.Bytes)} in {sw.Elapsed.TotalSeconds:0.0} s ({summary.Bytes / 1e6 / sw.Elapsed.TotalSeconds:0.0} MB/s) -> {file}");
            }

            process.Refresh();
            Console.WriteLine($"  peak working set after generating: {process.PeakWorkingSet64 / 1e6:0.0} MB");
        }

        var length = new FileInfo(file).Length;
        var checker = new FormChecker();
        long forms = 0, findings = 0, maxHeap = 0, maxWorkingSet = 0;
        var errors = 0;
        var jsonWriter = json ? new FormJsonWriter(Stream.Null) : null;
        var read = Stopwatch.StartNew();
        foreach (var form in FormFileReader.Read(file, d => errors += d.Severity == Jixiao.Core.Forms.DiagnosticSeverity.Error ? 1 : 0))
        {
            forms++;
            if (check)
            {
                findings += checker.Check(form).Count;
            }

            jsonWriter?.Write(form);
            if (forms % 20_000 == 0)
            {
                process.Refresh();
                maxWorkingSet = Math.Max(maxWorkingSet, process.WorkingSet64);
                maxHeap = Math.Max(maxHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            }
        }

        jsonWriter?.Complete();
        read.Stop();
        process.Refresh();
        var info = GC.GetGCMemoryInfo();
        var pipeline = "read" + (check ? " + score + check" : "") + (json ? " + JSON write" : "");
        Console.WriteLine($"{pipeline}: {forms:N0} forms, {BenchData.Mb(length)} in {read.Elapsed.TotalSeconds:0.0} s = {length / 1e6 / read.Elapsed.TotalSeconds:0.0} MB/s, {forms / read.Elapsed.TotalSeconds:N0} forms/s"
            + (check ? $", {findings:N0} findings" : "") + $", {errors} reader errors");
        Console.WriteLine($"  peak working set (process): {process.PeakWorkingSet64 / 1e6:0.0} MB");
        Console.WriteLine($"  largest working set sampled while reading: {maxWorkingSet / 1e6:0.0} MB; largest GC heap sampled: {maxHeap / 1e6:0.0} MB; heap now {info.HeapSizeBytes / 1e6:0.0} MB");
        Console.WriteLine($"  allocated in total: {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB; collections gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        if (generatedHere && !keep)
        {
            File.Delete(file);
        }

        return 0;
    }
}
