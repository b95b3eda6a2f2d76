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

    /// <summary>How many lines are looked at to tell text with one cell per line from text with one row per line.</summary>
    private const int ProbeLines = 400;

    /// <summary>Most characters held while looking at the first lines (4 MiB): a file of huge lines is decided sooner.</summary>
    private const int ProbeChars = 4 << 20;

    /// <summary>Most cells of one chunk (a form) regrouped at once; a longer run is regrouped in parts.</summary>
    private const int MaxChunkCells = 200_000;

    private static IEnumerable<PerformanceForm> ReadForms(TextReader reader, string fileName, Action<Diagnostic>? report)
    {
        var parser = new FormParser(fileName, report);
        var lines = new LineSource(reader);
        var warnedUndecodable = false;
        var probe = new List<(string Text, int Line)>();
        var probeChars = 0;
        var truncated = new HashSet<int>();
        bool? cellPerLine = null;
        var chunk = new List<(string Text, int Line)>();
        var regrouper = new CellRegrouper();
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
                parser.Report(DiagnosticSeverity.Error, lines.LineNumber + 1, ReaderMessages.TextStopped.Format(ex.Message));
                break;
            }

            var line = lines.LineNumber;
            if (lines.LastLineTruncated)
            {
                if (cellPerLine is null)
                {
                    // Said when the line is placed, so that it goes to the form the line is in.
                    truncated.Add(line);
                }
                else
                {
                    Truncated(parser, line);
                }
            }

            var text = lines.Buffer.AsSpan(offset, length);
            if (!warnedUndecodable && text.Contains('\uFFFD'))
            {
                warnedUndecodable = true;
                parser.Report(DiagnosticSeverity.Warning, line, ReaderMessages.LineUndecodable.Format());
            }

            if (cellPerLine is null)
            {
                // Look at the first lines before deciding how the text is laid out.
                probe.Add((text.ToString(), line));
                probeChars += text.Length;
                if (probe.Count < ProbeLines && probeChars < ProbeChars)
                {
                    continue;
                }

                cellPerLine = IsCellPerLine(probe);
                foreach (var form in Replay(probe, truncated, cellPerLine.Value, parser, regrouper, chunk))
                {
                    yield return form;
                }

                probe.Clear();
                continue;
            }

            if (cellPerLine.Value)
            {
                foreach (var form in AddCell(text.ToString(), line, parser, regrouper, chunk))
                {
                    yield return form;
                }

                continue;
            }

            // Split the line into a row of cells, then the one row entry; a form flattened onto one line is regrouped.
            if (IsFlattenedForm(text))
            {
                foreach (var form in Regrouped(SplitWords(text.ToString(), line), parser, regrouper))
                {
                    yield return form;
                }

                continue;
            }

            parser.Row.Load(lines.Buffer, offset, length, line);
            foreach (var form in Placed(parser))
            {
                yield return form;
            }
        }

        if (cellPerLine is null)
        {
            cellPerLine = IsCellPerLine(probe);
            foreach (var form in Replay(probe, truncated, cellPerLine.Value, parser, regrouper, chunk))
            {
                yield return form;
            }
        }

        foreach (var form in Regrouped(chunk, parser, regrouper))
        {
            yield return form;
        }

        parser.Finish();
        while (parser.TryTake(out var form))
        {
            yield return form;
        }
    }

    /// <summary>Reads the probed lines as the layout decided.</summary>
    private static IEnumerable<PerformanceForm> Replay(List<(string Text, int Line)> probe, HashSet<int> truncated, bool cellPerLine, FormParser parser, CellRegrouper regrouper, List<(string Text, int Line)> chunk)
    {
        foreach (var (text, line) in probe)
        {
            if (truncated.Contains(line))
            {
                Truncated(parser, line);
            }

            if (cellPerLine)
            {
                foreach (var form in AddCell(text, line, parser, regrouper, chunk))
                {
                    yield return form;
                }
            }
            else if (IsFlattenedForm(text))
            {
                foreach (var form in Regrouped(SplitWords(text, line), parser, regrouper))
                {
                    yield return form;
                }
            }
            else
            {
                var chars = text.ToCharArray();
                parser.Row.Load(chars, 0, chars.Length, line);
                foreach (var form in Placed(parser))
                {
                    yield return form;
                }
            }
        }
    }

    private static void Truncated(FormParser parser, int line) =>
        parser.Diagnose(DiagnosticSeverity.Warning, line, ReaderMessages.LineTooLong.Format(LineSource.MaxLineLength));

    /// <summary>One line of text with one cell per line: gathered into the chunk of its form, regrouped when the next form begins.</summary>
    private static IEnumerable<PerformanceForm> AddCell(string text, int line, FormParser parser, CellRegrouper regrouper, List<(string Text, int Line)> chunk)
    {
        var cell = text.Trim();
        if (cell.Length == 0)
        {
            return [];
        }

        IEnumerable<PerformanceForm> forms = [];
        if ((chunk.Count > 0 && Lexicon.HeadingKind(Hanzi.Simplified(TextKey.Of(cell))) is not null) || chunk.Count >= MaxChunkCells)
        {
            forms = [.. Regrouped(chunk, parser, regrouper)];
            chunk.Clear();
        }

        chunk.Add((cell, line));
        return forms;
    }

    /// <summary>Places the rows rebuilt from <paramref name="cells"/>.</summary>
    private static IEnumerable<PerformanceForm> Regrouped(List<(string Text, int Line)> cells, FormParser parser, CellRegrouper regrouper)
    {
        if (cells.Count == 0)
        {
            yield break;
        }

        foreach (var (row, line) in regrouper.Regroup(cells))
        {
            parser.Row.Load(row, line);
            foreach (var form in Placed(parser))
            {
                yield return form;
            }
        }
    }

    private static IEnumerable<PerformanceForm> Placed(FormParser parser)
    {
        parser.Place();
        while (parser.TryTake(out var form))
        {
            yield return form;
        }
    }

    /// <summary>
    /// True when the text prints one cell per line: no line holds a TAB, a table pipe or a run of spaces, and the
    /// indicator header's cells (一级指标, 二级指标, 三级指标) and 项目名称 stand on lines of their own.
    /// </summary>
    internal static bool IsCellPerLine(IReadOnlyList<(string Text, int Line)> probe)
    {
        var alone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, _) in probe)
        {
            var trimmed = text.Trim();
            if (trimmed.Contains('\t') || trimmed.Contains('|') || trimmed.Contains("  ", StringComparison.Ordinal))
            {
                return false;
            }

            var key = Hanzi.Simplified(TextKey.Of(trimmed));
            if (key is "项目名称" or "一级指标" or "二级指标" or "三级指标")
            {
                alone.Add(key);
            }
        }

        return alone.Count == 4;
    }

    /// <summary>True when one line holds a whole form: a heading, 项目名称 and the indicator header, without TAB or pipes.</summary>
    internal static bool IsFlattenedForm(ReadOnlySpan<char> text)
    {
        if (text.Length < 40 || text.Contains('\t') || text.Contains('|'))
        {
            return false;
        }

        var key = Hanzi.Simplified(TextKey.Of(text));
        return key.Contains("项目名称", StringComparison.Ordinal) && key.Contains("一级指标", StringComparison.Ordinal)
            && (key.Contains("自评表", StringComparison.Ordinal) || key.Contains("申报表", StringComparison.Ordinal));
    }

    /// <summary>The words of a flattened line: cells separated by white space.</summary>
    private static List<(string Text, int Line)> SplitWords(string text, int line) =>
        CellRegrouper.JoinWords(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), line);
}
