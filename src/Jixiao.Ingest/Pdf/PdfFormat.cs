using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Jixiao.Ingest.Pdf;

/// <summary>
/// Reads forms from PDF (便携式文档): each page's tables are rebuilt from the positioned characters — from the ruling
/// lines where the page draws them (merged cells included), from the alignment of the text where it does not — and
/// handed, row by row, to the one form assembler (<see cref="TableFormReader"/>). Text outside the tables that names
/// the form (财政项目支出绩效自评表, （2024年度）, 单位：万元) is given as one-cell rows in reading order. Pages are read
/// one at a time. A scanned page (only an image), an encrypted file, a damaged file and a PDF without a table are
/// each reported as such, with the file and the page.
/// </summary>
public sealed class PdfFormat(ReadLimits? limits = null) : TableFormat(limits)
{
    /// <summary>After this many pages in a row fail, the file is taken as truncated and reading stops.</summary>
    private const int MaxFailedPagesInARow = 3;

    public override string Name => "pdf";

    public override IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public override string Label => "PDF";

    /// <summary>A PDF carries <c>%PDF-</c> in its first kilobyte.</summary>
    public override Recognition Recognises(ReadOnlySpan<byte> head) => UnreadFormat.IsPdf(head) ? Recognition.Signature : Recognition.No;

    /// <summary>The rows the reader hands to the assembler (for tests): the file's tables and one-cell rows in reading order.</summary>
    internal IEnumerable<TableRow> RowsOf(Stream stream, string fileName, Action<Diagnostic> report) =>
        ReadRows(stream, fileName, new ReadBudget(Limits), report);

    protected override IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        var document = Open(stream, fileName, report);
        if (document is null)
        {
            yield break;
        }

        using (document)
        {
            var state = new ReadState(fileName, report);
            var borderless = new BorderlessTable();
            var line = 1;
            TableRow? held = null;
            var pages = document.NumberOfPages;
            if (pages == 0)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.PdfWithoutPages.Format()));
                yield break;
            }

            for (var n = 1; n <= pages; n++)
            {
                budget.Page(n);
                var blocks = ReadPage(document, n, borderless, state);
                if (blocks is null)
                {
                    if (state.FailedInARow >= MaxFailedPagesInARow && n < pages)
                    {
                        report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.PdfPagesFailed.Format(n - state.FailedInARow + 1, n, pages - n)));
                        state.Stopped = true;
                        break;
                    }

                    continue;
                }

                for (var b = 0; b < blocks.Count; b++)
                {
                    var block = blocks[b];
                    budget.Spend(block.Table.Cells.Count);
                    var rows = block.Table.Rows(line).ToList();
                    if (held is not null)
                    {
                        if (b == 0 && block.OpenTop && rows.Count > 0)
                        {
                            // A row cut by the page break: its two parts are one row.
                            rows = [.. block.Table.Rows(held.Line)];
                            rows[0] = Joined(held, rows[0]);
                            line = held.Line;
                        }
                        else
                        {
                            state.Count(held);
                            yield return held;
                        }

                        held = null;
                    }

                    line += block.Table.RowCount;
                    if (b == blocks.Count - 1 && block.OpenBottom && n < pages && rows.Count > 0)
                    {
                        held = rows[^1];
                        rows.RemoveAt(rows.Count - 1);
                    }

                    foreach (var row in rows)
                    {
                        state.Count(row);
                        yield return row;
                    }
                }
            }

            if (held is not null)
            {
                state.Count(held);
                yield return held;
            }

            state.Finish(pages, line);
        }
    }

    /// <summary>The two parts of a row cut by a page break as one row: each cell's text on the first page, then on the next.</summary>
    private static TableRow Joined(TableRow first, TableRow rest)
    {
        var cells = new string?[Math.Max(first.Cells.Count, rest.Cells.Count)];
        for (var i = 0; i < cells.Length; i++)
        {
            var a = i < first.Cells.Count ? first.Cells[i] : null;
            var b = i < rest.Cells.Count ? rest.Cells[i] : null;
            cells[i] = string.IsNullOrWhiteSpace(a) ? b : string.IsNullOrWhiteSpace(b) ? a : PageText.Join(a, b);
        }

        return first with { Cells = cells };
    }

    private static PdfDocument? Open(Stream stream, string fileName, Action<Diagnostic> report)
    {
        try
        {
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }

            return PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, ClipPaths = false });
        }
        catch (PdfDocumentEncryptedException)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.PdfEncrypted.Format()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.PdfCannotOpen.Format(ex.Message)));
        }

        return null;
    }

    private static List<PageBlock>? ReadPage(PdfDocument document, int n, BorderlessTable borderless, ReadState state)
    {
        try
        {
            var page = document.GetPage(n);
            var blocks = PdfPageReader.Read(page, n, borderless, out var content, out var glyphs);
            state.Page(n, content, glyphs);
            return blocks;
        }
        catch (PdfDocumentEncryptedException)
        {
            state.Fail(ReaderMessages.PdfPageEncrypted.Format(n));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not Formats.ReadBudgetExceededException)
        {
            state.Fail(ReaderMessages.PdfPageFailed.Format(n, ex.Message));
        }

        return null;
    }

    /// <summary>What the pages held so far, for the diagnostics about scanned and empty pages and a PDF without a table.</summary>
    private sealed class ReadState(string fileName, Action<Diagnostic> report)
    {
        private int scannedFrom;
        private int scannedTo;
        private int scannedPages;
        private int textPages;
        private long glyphs;

        public int FailedInARow { get; private set; }

        public int TableRows { get; private set; }

        /// <summary>Counts the row when it holds two or more cells with text (a row of a table).</summary>
        public void Count(TableRow row)
        {
            if (row.Cells.Count(c => !string.IsNullOrWhiteSpace(c)) >= 2)
            {
                TableRows++;
            }
        }

        public bool Stopped { get; set; }

        public void Page(int n, PageContent content, int glyphCount)
        {
            FailedInARow = 0;
            if (content == PageContent.ImagesOnly)
            {
                if (scannedTo != n - 1 || scannedFrom == 0)
                {
                    FlushScanned();
                    scannedFrom = n;
                }

                scannedTo = n;
                scannedPages++;
                return;
            }

            FlushScanned();
            if (content == PageContent.Tables)
            {
                textPages++;
                glyphs += glyphCount;
            }
        }

        public void Fail(LocalText message)
        {
            FlushScanned();
            FailedInARow++;
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, message));
        }

        public void Finish(int pages, int nextLine)
        {
            if (scannedPages == pages)
            {
                scannedFrom = 0;
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error,
                    pages == 1 ? ReaderMessages.PdfScannedPage.Format() : ReaderMessages.PdfScanned.Format(pages)));
                return;
            }

            FlushScanned();
            if (Stopped)
            {
                return;
            }

            if (textPages == 0 && scannedPages == 0)
            {
                report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error,
                    (pages == 1 ? ReaderMessages.PdfWithoutTextPage : ReaderMessages.PdfWithoutText).Format(pages)));
            }
            else if (TableRows == 0 && textPages > 0)
            {
                report(new Diagnostic(fileName, nextLine > 1 ? 1 : 0, DiagnosticSeverity.Error,
                    (textPages == 1 ? ReaderMessages.PdfWithoutTablePage : ReaderMessages.PdfWithoutTable).Format(textPages, glyphs)));
            }
        }

        private void FlushScanned()
        {
            if (scannedFrom == 0)
            {
                return;
            }

            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Warning, scannedFrom == scannedTo
                ? ReaderMessages.PdfScannedSkipped.Format(scannedFrom)
                : ReaderMessages.PdfScannedPagesSkipped.Format(scannedFrom, scannedTo)));
            scannedFrom = 0;
        }
    }
}
