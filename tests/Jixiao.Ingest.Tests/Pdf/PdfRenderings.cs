using System.Collections.Concurrent;
using System.Diagnostics;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Pdf;

/// <summary>How a corpus file is printed to PDF for a round trip.</summary>
public enum PdfRendering
{
    /// <summary>The HTML table with ruling lines, printed by headless Chromium.</summary>
    ChromiumRuled,

    /// <summary>The borderless HTML table, printed by headless Chromium: rows and columns only from the text's alignment.</summary>
    ChromiumBorderless,

    /// <summary>
    /// The HTML converted by LibreOffice (<c>soffice --convert-to pdf</c>), which draws no ruling lines for CSS borders,
    /// so <c>border="1"</c> is set on the table; each form is its own table (LibreOffice lays one long table out in minutes).
    /// </summary>
    LibreOfficeRuled,
}

/// <summary>
/// The corpus printed to PDF once per test run (renderings take seconds each), into a scratch folder; every test
/// asks for the path of the rendering it needs.
/// </summary>
public static class PdfRenderings
{
    private static readonly ConcurrentDictionary<(string, PdfRendering), Lazy<string>> Made = new();
    private static readonly Lazy<string> Folder = new(() => CorpusRendering.Scratch("pdf"));

    /// <summary>The PDF of <paramref name="corpusFile"/> printed as <paramref name="rendering"/> says.</summary>
    public static string PathOf(string corpusFile, PdfRendering rendering) =>
        Made.GetOrAdd((corpusFile, rendering), key => new Lazy<string>(() => Render(key.Item1, key.Item2))).Value;

    /// <summary>A scratch folder shared by this run's PDF tests.</summary>
    public static string ScratchFolder => Folder.Value;

    /// <summary>Why <paramref name="rendering"/> cannot be made here, or null.</summary>
    public static string? Missing(PdfRendering rendering) =>
        rendering == PdfRendering.LibreOfficeRuled ? CorpusRendering.NoLibreOffice : CorpusRendering.NoChromium;

    /// <summary>
    /// LibreOffice's PDF of an HTML page. <see cref="CorpusRendering.Soffice"/> allows 3 minutes, which the police file
    /// (896 rows) passes on a loaded machine: LibreOffice's HTML import lays a long table out slowly; 10 minutes here.
    /// </summary>
    private static string SofficePdf(string htmlPath)
    {
        var dir = Path.GetDirectoryName(htmlPath)!;
        var start = new ProcessStartInfo("/usr/bin/soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"-env:UserInstallation=file://{Path.Combine(dir, ".lo-profile")}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, htmlPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not convert {htmlPath} in 10 minutes");
        }

        var output = Path.ChangeExtension(htmlPath, ".pdf");
        return File.Exists(output) ? output : throw new InvalidOperationException($"LibreOffice wrote no PDF for {htmlPath}: {stderr.Result}{stdout.Result}");
    }

    private static string Render(string corpusFile, PdfRendering rendering)
    {
        var dir = Path.Combine(Folder.Value, rendering.ToString());
        Directory.CreateDirectory(dir);
        var html = CorpusRendering.Html(Corpus.PathOf(corpusFile), borders: rendering != PdfRendering.ChromiumBorderless);
        if (rendering == PdfRendering.LibreOfficeRuled)
        {
            // LibreOffice's HTML import ignores CSS borders; the table's own border attribute it draws. It lays one long
            // table out in minutes (the police file's 896 rows took more than 10 on a loaded machine), so each form is
            // its own table, the blank row between forms a paragraph, as a bureau's document would have it.
            const string Ruled = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">";
            html = html.Replace("<table>", Ruled, StringComparison.Ordinal)
                .Replace("<tr><td></td></tr>\n", "</table>\n<p>&nbsp;</p>\n" + Ruled + "\n", StringComparison.Ordinal);
        }

        var htmlPath = Path.Combine(dir, Path.GetFileNameWithoutExtension(corpusFile) + ".html");
        File.WriteAllText(htmlPath, html);
        return rendering == PdfRendering.LibreOfficeRuled ? SofficePdf(htmlPath) : CorpusRendering.ChromiumPdf(htmlPath);
    }
}

/// <summary>A PDF test that needs Chromium: skipped, with the reason, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (CorpusRendering.NoChromium is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>A PDF round trip over renderings by Chromium and LibreOffice: skipped, with the reason, when Chromium is not installed (a LibreOffice case without LibreOffice fails with its reason).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RenderingTheoryAttribute : TheoryAttribute
{
    public RenderingTheoryAttribute()
    {
        if (CorpusRendering.NoChromium is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>A PDF theory that needs Chromium: skipped, with the reason, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (CorpusRendering.NoChromium is { } why)
        {
            Skip = why;
        }
    }
}
