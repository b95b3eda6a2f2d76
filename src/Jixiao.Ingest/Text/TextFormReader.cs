using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Reads performance forms (财政项目支出绩效自评表 and 绩效目标申报表) from PDF-extracted text: one table row per
/// line, cells separated by TAB (markdown pipes and runs of spaces are tolerated). Survives the layout damage
/// catalogued in corpus/LAYOUTS.md: drifting cell positions, labels split over cells, rows and pages, wrapped
/// rows, repeated headers and ghost rows.
/// </summary>
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
        var parser = new FormParser(reader, fileName, report);
        while (parser.Step())
        {
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
