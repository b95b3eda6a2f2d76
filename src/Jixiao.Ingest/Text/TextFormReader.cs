using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Reads performance forms (财政项目支出绩效自评表 and 绩效目标申报表) from PDF-extracted text: one table row per
/// line, cells separated by TAB (markdown pipes and runs of spaces are tolerated). Survives the layout damage
/// catalogued in corpus/LAYOUTS.md: drifting cell positions, labels split over cells, rows and pages, wrapped
/// rows, repeated headers and ghost rows.
/// </summary>
/// <remarks>
/// The text is only split into rows of cells here; the rows go through the same entry as the rows of a table
/// reader (<see cref="Tables.TableFormReader"/>), so both give the same forms for the same cells.
/// </remarks>
public static class TextFormReader
{
    /// <summary>
    /// Streams the forms of <paramref name="reader"/> in document order, each as soon as the next one begins.
    /// Diagnostics about a form go into its <see cref="PerformanceForm.Diagnostics"/>; diagnostics about lines
    /// outside any form, or about the input as a whole, go to <paramref name="report"/>. Never throws on bad input.
    /// </summary>
    /// <param name="reader">The text; read once, line by line, and not disposed.</param>
    /// <param name="fileName">The name used in diagnostics and <see cref="Provenance"/>.</param>
    /// <param name="report">Receives the diagnostics that belong to no form.</param>
    public static IEnumerable<PerformanceForm> Read(TextReader reader, string fileName, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadForms(reader, fileName ?? "", report);
    }

    private static IEnumerable<PerformanceForm> ReadForms(TextReader reader, string fileName, Action<Diagnostic>? report)
    {
        var parser = new FormParser(fileName, report);
        var lines = new LineSource(reader);
        var warnedUndecodable = false;
        while (true)
        {
            int offset, length;
            try
            {
                if (!lines.TryReadLine(out offset, out length))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // I/O, decoding or a failing reader: what was read so far is kept.
                parser.Report(DiagnosticSeverity.Error, lines.LineNumber + 1, $"could not read the text after this point ({ex.Message}): expected readable UTF-8 or GB18030 text");
                break;
            }

            var line = lines.LineNumber;
            if (lines.LastLineTruncated)
            {
                parser.Diagnose(DiagnosticSeverity.Warning, line,
                    $"the line is longer than {LineSource.MaxLineLength:N0} characters: only its first {LineSource.MaxLineLength:N0} characters were read (expected one table row per line)");
            }

            if (!warnedUndecodable && lines.Buffer.AsSpan(offset, length).Contains('\uFFFD'))
            {
                warnedUndecodable = true;
                parser.Report(DiagnosticSeverity.Warning, line,
                    "the line holds bytes that could not be decoded (shown as U+FFFD): expected UTF-8 or GB18030 text; values on such lines may be damaged");
            }

            // Split the line into a row of cells, then the one row entry.
            parser.Row.Load(lines.Buffer, offset, length, line);
            parser.Place();
            while (parser.TryTake(out var form))
            {
                yield return form;
            }
        }

        parser.Finish();
        while (parser.TryTake(out var form))
        {
            yield return form;
        }
    }
}
