using System.Diagnostics;
using System.Net;
using System.Text;

namespace Jixiao.Ingest.Tests.RoundTrip;

/// <summary>
/// Renders a corpus file (PDF-extracted text, one table row per line, cells separated by TAB) as other formats, the
/// way a bureau would publish it: an HTML page of one table (with ruling lines or borderless), and through LibreOffice
/// (headless) or Chromium a PDF, XLSX, XLS or DOCX of it. The renderings go into a scratch folder; nothing is kept in
/// the project.
/// </summary>
public static class CorpusRendering
{
    /// <summary>Why the LibreOffice renderings cannot run here, or null when <c>soffice</c> is installed.</summary>
    public static string? NoLibreOffice => File.Exists("/usr/bin/soffice") ? null : "LibreOffice (soffice) is not installed: scripts/test.sh installs it with apt-get";

    /// <summary>Why the Chromium renderings cannot run here, or null when Chromium is installed.</summary>
    public static string? NoChromium => File.Exists("/usr/bin/chromium") ? null : "Chromium is not installed: scripts/test.sh installs it with apt-get";

    /// <summary>
    /// The corpus file as an HTML page holding one table: one row per line (a blank line is an empty row), one cell
    /// per TAB-separated cell; with <paramref name="borders"/> every cell has ruling lines, else none.
    /// </summary>
    public static string Html(string corpusPath, bool borders)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(corpusPath)))
            .Append("</title><style>body{font-family:'WenQuanYi Zen Hei',sans-serif;font-size:9pt}table{border-collapse:collapse}td{padding:2px 4px;vertical-align:top;")
            .Append(borders ? "border:1px solid #000" : "border:none")
            .Append("}</style></head><body><table>\n");
        foreach (var line in File.ReadLines(corpusPath))
        {
            html.Append("<tr>");
            foreach (var cell in line.Length == 0 ? [""] : line.Split('\t'))
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</table></body></html>\n").ToString();
    }

    /// <summary>A new scratch folder under the system's temporary folder.</summary>
    public static string Scratch(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "jixiao-roundtrip", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Converts <paramref name="input"/> with LibreOffice to <paramref name="filter"/> (e.g. <c>xlsx</c>, <c>xls</c>,
    /// <c>docx</c>, <c>pdf</c>, or <c>xlsx:"Calc MS Excel 2007 XML"</c>) in the input's folder; returns the output path.
    /// </summary>
    public static string Soffice(string input, string filter, string? importFilter = null)
    {
        var dir = Path.GetDirectoryName(input)!;
        var profile = Path.Combine(dir, ".lo-profile");
        var args = new List<string> { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore" };
        if (importFilter is not null)
        {
            args.Add($"--infilter={importFilter}");
        }

        args.AddRange(["--convert-to", filter, "--outdir", dir, input]);
        Run("/usr/bin/soffice", args, TimeSpan.FromMinutes(3));
        var extension = filter.Split(':')[0];
        var output = Path.Combine(dir, Path.GetFileNameWithoutExtension(input) + "." + extension);
        return File.Exists(output) ? output : throw new InvalidOperationException($"LibreOffice wrote no {extension} for {input}");
    }

    /// <summary>Prints an HTML file to PDF with headless Chromium; returns the PDF's path.</summary>
    public static string ChromiumPdf(string htmlPath)
    {
        var output = Path.ChangeExtension(htmlPath, ".pdf");
        Run("/usr/bin/chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={output}", "file://" + htmlPath],
            TimeSpan.FromMinutes(2));
        return File.Exists(output) ? output : throw new InvalidOperationException($"Chromium wrote no PDF for {htmlPath}");
    }

    private static void Run(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeout.TotalSeconds:N0} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
