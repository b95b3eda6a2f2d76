using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Tables;

/// <summary>
/// Reads performance forms from rows of table cells (表格行): the entry for readers that find tables (PDF, Excel,
/// Word, web pages) and need not render them as text. The rows go through the same placer as the lines of
/// <see cref="TextFormReader"/> — headings, labels split over cells, wrapped rows, repeated headers — so the same
/// cells give the same forms, field for field, whichever reader found them.
/// </summary>
public static class TableFormReader
{
    private const int MaxPlaces = 1 << 16;

    /// <summary>
    /// Streams the forms of <paramref name="rows"/> in order, each as soon as the next one begins; the rows are
    /// enumerated once. Diagnostics cite the rows' <see cref="TableRow.Line"/>, and begin with the row's page or sheet
    /// when it names one (<c>page 3: could not place this row …</c>). Diagnostics about a form go into its
    /// <see cref="PerformanceForm.Diagnostics"/>; the others go to <paramref name="report"/>. Never throws on bad
    /// input: a failing enumeration ends the reading with an error, and the forms read so far are kept.
    /// </summary>
    /// <param name="rows">The rows of the source in document order.</param>
    /// <param name="sourceName">The name used in diagnostics and <see cref="Provenance"/>: the file the rows come from.</param>
    /// <param name="report">Receives the diagnostics that belong to no form.</param>
    public static IEnumerable<PerformanceForm> Read(IEnumerable<TableRow?> rows, string sourceName, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ReadForms(rows, sourceName ?? "", report);
    }

    private static IEnumerable<PerformanceForm> ReadForms(IEnumerable<TableRow?> rows, string sourceName, Action<Diagnostic>? report)
    {
        // The page or sheet of each row of the open form, for the diagnostics and the form's source; forgotten once the form is handed out.
        var places = new Dictionary<int, TableRow>();
        var parser = new FormParser(sourceName, report is null ? null : d => report(Placed(d, places)));
        var lastLine = 0;
        string? sheet = null;
        IEnumerator<TableRow?>? e = null;
        try
        {
            while (true)
            {
                TableRow? row;
                try
                {
                    e ??= rows.GetEnumerator();
                    if (!e.MoveNext())
                    {
                        break;
                    }

                    row = e.Current;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    parser.Report(DiagnosticSeverity.Error, lastLine + 1, ReaderMessages.RowsStopped.Format(ex.Message));
                    break;
                }

                if (row is null)
                {
                    continue;
                }

                lastLine = row.Line;
                if (row.Sheet != sheet)
                {
                    // A form never crosses a worksheet: the next sheet's rows begin afresh.
                    if (sheet is not null)
                    {
                        parser.EndPart();
                        while (parser.TryTake(out var ended))
                        {
                            yield return Handed(ended, places);
                        }
                    }

                    sheet = row.Sheet;
                }

                if (row.Place is not null)
                {
                    if (places.Count >= MaxPlaces)
                    {
                        // Rows outside any form are never handed out: forget them rather than grow without bound.
                        places.Clear();
                    }

                    places[row.Line] = row with { Cells = [] };
                }

                if (!parser.Row.Load(row.Cells ?? [], row.Line))
                {
                    parser.Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.RowTooLong.Format(LineSource.MaxLineLength));
                }

                parser.Place();
                while (parser.TryTake(out var form))
                {
                    yield return Handed(form, places);
                }
            }
        }
        finally
        {
            e?.Dispose();
        }

        parser.Finish();
        while (parser.TryTake(out var form))
        {
            yield return Handed(form, places);
        }
    }

    /// <summary>Puts the page or sheet before the form's diagnostics, then forgets the places of its rows.</summary>
    private static PerformanceForm Handed(PerformanceForm form, Dictionary<int, TableRow> places)
    {
        if (places.Count == 0)
        {
            return form;
        }

        // The form's sheet and page: those of its first row that names one.
        var first = form.Provenance?.FirstLine ?? 0;
        var start = places.Where(p => p.Key >= first).OrderBy(p => p.Key).Select(p => p.Value).FirstOrDefault();
        if (start is not null)
        {
            form.Details.SourceSheet ??= start.Sheet;
            form.Details.SourcePage ??= start.Page;
        }

        var diagnostics = form.Diagnostics;
        for (var i = 0; i < diagnostics.Count; i++)
        {
            diagnostics[i] = Placed(diagnostics[i], places);
        }

        var last = form.Provenance?.LastLine ?? 0;
        foreach (var line in places.Keys.Where(l => l <= last).ToList())
        {
            places.Remove(line);
        }

        return form;
    }

    private static Diagnostic Placed(Diagnostic diagnostic, Dictionary<int, TableRow> places) =>
        diagnostic.Line > 0 && places.TryGetValue(diagnostic.Line, out var row) && row.Place is { } place
            ? diagnostic with { Message = place + ": " + diagnostic.Message }
            : diagnostic;
}
