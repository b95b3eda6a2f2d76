using System.Diagnostics;
using System.Net;
using System.Text;
using Jixiao.Ingest.Pdf;
using Jixiao.Tests.Shared;

namespace Jixiao.Bench;

/// <summary>
/// <c>pdf [folder]</c>: pages per second of <see cref="PdfFormat"/> on one core, beside <c>pdftotext -layout</c>
/// (poppler) on the same files, as a ratio. Without a folder, the corpus is printed to PDF by Chromium — with ruling
/// lines, without, and the police file ten times over (about 500 pages) — into a scratch folder. Each figure is the
/// best of three runs after a warm-up reading of every file (the JIT's first tier is slow); the peak managed memory of reading the largest file is given.
/// </summary>
public static class PdfBench
{
    public static int Run(string[] args)
    {
        var files = args.Length > 0 ? Directory.GetFiles(args[0], "*.pdf").Order().ToList() : Render();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        Console.WriteLine($"pdf benchmark: {files.Count} files, one core; best of 3 after one warm-up reading of every file (JIT tiers)");
        foreach (var file in files)
        {
            ReadOnce(file);
        }

        Console.WriteLine($"{"file",-58} {"pages",6} {"forms",6} {"pages/s",9} {"pdftotext p/s",14} {"ratio",7}");
        long totalPages = 0;
        double totalOurs = 0, totalPoppler = 0;
        foreach (var file in files)
        {
            var pages = 0;
            var forms = 0;
            var ours = Best(() => (pages, forms) = ReadOnce(file));
            var poppler = Best(() => Poppler(file));
            totalPages += pages;
            totalOurs += ours.TotalSeconds;
            totalPoppler += poppler.TotalSeconds;
            Console.WriteLine($"{Path.GetFileName(file),-58} {pages,6} {forms,6} {pages / ours.TotalSeconds,9:F1} {pages / poppler.TotalSeconds,14:F1} {poppler.TotalSeconds / ours.TotalSeconds,7:F2}");
        }

        Console.WriteLine($"{"all",-58} {totalPages,6} {"",6} {totalPages / totalOurs,9:F1} {totalPages / totalPoppler,14:F1} {totalPoppler / totalOurs,7:F2}");
        // Memory per page, not per file: the peak managed heap while reading the largest file and one a tenth its size.
        var largest = files.OrderByDescending(f => new FileInfo(f).Length).First();
        var tenth = files.Where(f => new FileInfo(f).Length * 5 < new FileInfo(largest).Length).OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault();
        foreach (var file in new[] { tenth, largest }.OfType<string>())
        {
            Console.WriteLine($"{Path.GetFileName(file)} ({new FileInfo(file).Length / 1e6:F1} MB): live managed heap at most {PeakMegabytes(file):F0} MB above the start while reading");
        }

        return 0;
    }

    private static double PeakMegabytes(string file)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var peak = before;
        using var stream = File.OpenRead(file);
        var n = 0;
        foreach (var _ in new PdfFormat().Read(stream, file, null))
        {
            // Live objects only (a full collection), every fifth form: garbage not yet collected is not memory kept.
            if (n++ % 5 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(true));
            }
        }

        return (peak - before) / 1e6;
    }

    private static (int Pages, int Forms) ReadOnce(string file)
    {
        var pages = 0;
        using var stream = File.OpenRead(file);
        var forms = new PdfFormat().Read(stream, file, null).Count();
        using (var document = UglyToad.PdfPig.PdfDocument.Open(file))
        {
            pages = document.NumberOfPages;
        }

        return (pages, forms);
    }

    private static void Poppler(string file)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-layout", file, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }

    private static TimeSpan Best(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }

    /// <summary>The corpus printed by Chromium with and without ruling lines, and the police file ten times over.</summary>
    private static List<string> Render()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jixiao-bench-pdf");
        Directory.CreateDirectory(dir);
        var outputs = new List<string>();
        foreach (var corpus in Corpus.AllFiles.Select(Corpus.PathOf))
        {
            foreach (var borders in new[] { true, false })
            {
                var name = Path.GetFileNameWithoutExtension(corpus) + (borders ? "-ruled" : "-borderless");
                outputs.Add(Print(dir, name, Html(corpus, borders, 1)));
            }
        }

        var police = Corpus.PathOf(Corpus.Police2024);
        outputs.Add(Print(dir, "police-ten-times-ruled", Html(police, true, 10)));
        return outputs;
    }

    private static string Print(string dir, string name, string html)
    {
        var pdf = Path.Combine(dir, name + ".pdf");
        if (File.Exists(pdf))
        {
            return pdf;
        }

        var path = Path.Combine(dir, name + ".html");
        File.WriteAllText(path, html);
        var start = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", "file://" + path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        process.WaitForExit(300_000);
        return pdf;
    }

    /// <summary>The corpus file as one HTML table per copy, as the round-trip tests print it.</summary>
    private static string Html(string corpus, bool borders, int copies)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>body{font-family:'WenQuanYi Zen Hei',sans-serif;font-size:9pt}table{border-collapse:collapse}td{padding:2px 4px;vertical-align:top;")
            .Append(borders ? "border:1px solid #000" : "border:none")
            .Append("}</style></head><body>\n");
        var lines = File.ReadAllLines(corpus);
        for (var copy = 0; copy < copies; copy++)
        {
            html.Append("<table>\n");
            foreach (var line in lines)
            {
                html.Append("<tr>");
                foreach (var cell in line.Length == 0 ? [""] : line.Split('\t'))
                {
                    html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }
}
