using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;

namespace Jixiao.Ingest.Tables;

/// <summary>
/// The base of every format whose reader finds tables (PDF, Excel, Word, web pages): the reader yields rows of table
/// cells (<see cref="ReadRows"/>, usually from <see cref="SourceTable.Rows"/>), and the one form assembler,
/// <see cref="TableFormReader"/>, turns them into forms by their labels. The base keeps the budget of the file
/// (<see cref="ReadLimits"/>) and turns any failure of the reader's library into one clear error that names the file,
/// the format and what was expected; forms read before the failure are kept.
/// </summary>
public abstract class TableFormat(ReadLimits? limits) : IFileFormat
{
    /// <summary>The budget of one file.</summary>
    public ReadLimits Limits { get; } = limits ?? ReadLimits.Default;

    public abstract string Name { get; }

    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>What a person calls the format in messages: <c>PDF</c>, <c>Excel workbook</c>, <c>Word document</c>, <c>web page</c>.</summary>
    public abstract string Label { get; }

    public abstract Recognition Recognises(ReadOnlySpan<byte> head);

    public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        fileName ??= "";
        var budget = new ReadBudget(Limits);

        // When the reader itself has said why the file gives nothing (encrypted, scanned, damaged), the assembler's
        // "no form found" would only repeat it.
        var readerError = false;
        void Report(Diagnostic d)
        {
            if (readerError && d.Severity == DiagnosticSeverity.Error && d.Code == ReaderMessages.NoFormFound.Code)
            {
                return;
            }

            readerError |= d.Severity == DiagnosticSeverity.Error;
            report?.Invoke(d);
        }

        return TableFormReader.Read(Guarded(stream, fileName, budget, Report), fileName, Report).Select(Sourced);
    }

    private PerformanceForm Sourced(PerformanceForm form)
    {
        form.Details.SourceFormat ??= Name;
        return form;
    }

    /// <summary>
    /// The rows of the file's tables in document order, numbered from 1 over the whole file. Diagnostics that belong to
    /// no row (an encrypted file, a scanned page, a sheet skipped) go to <paramref name="report"/> with line 0, or with
    /// the line of the next row. Call <paramref name="budget"/>'s <see cref="ReadBudget.Spend"/> as cells are read.
    /// May throw: the base reports the failure and keeps the forms read before it.
    /// </summary>
    protected abstract IEnumerable<TableRow> ReadRows(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report);

    /// <summary>The message for a failure of the reader's library (the file is damaged, not of this format, …).</summary>
    protected virtual LocalText FailureMessage(Exception ex) =>
        ReaderMessages.TablesFailed.Format(ReaderMessages.Label(Label), ex?.Message);

    private IEnumerable<TableRow?> Guarded(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic>? report)
    {
        var lastLine = 0;
        void Report(Diagnostic d) => report?.Invoke(d);
        IEnumerator<TableRow>? e = null;
        Stream? spooled = null;
        try
        {
            if (!stream.CanSeek)
            {
                // Workbooks, documents and PDFs are read with seeking: a stream that cannot seek is spooled to a
                // temporary file first (deleted when closed), never into memory.
                spooled = Spool(stream, fileName, budget, Report);
                if (spooled is null)
                {
                    yield break;
                }

                stream = spooled;
            }

            while (true)
            {
                TableRow row;
                try
                {
                    e ??= ReadRows(stream, fileName, budget, Report).GetEnumerator();
                    if (!e.MoveNext())
                    {
                        yield break;
                    }

                    row = e.Current;
                }
                catch (ReadBudgetExceededException ex)
                {
                    Report(new Diagnostic(fileName, lastLine, DiagnosticSeverity.Error, ex.Text));
                    yield break;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Report(new Diagnostic(fileName, lastLine, DiagnosticSeverity.Error, FailureMessage(ex)));
                    yield break;
                }

                lastLine = row.Line;
                yield return row;
            }
        }
        finally
        {
            e?.Dispose();
            spooled?.Dispose();
        }
    }

    private static FileStream? Spool(Stream stream, string fileName, ReadBudget budget, Action<Diagnostic> report)
    {
        FileStream? file = null;
        try
        {
            file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                total += n;
                if (total > budget.Limits.MaxUncompressedBytes)
                {
                    throw new ReadBudgetExceededException(ReaderMessages.FileTooLarge.Format(budget.Limits.MaxUncompressedBytes / (1024 * 1024)));
                }

                file.Write(buffer, 0, n);
                budget.Spend();
            }

            file.Position = 0;
            return file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ReadBudgetExceededException)
        {
            file?.Dispose();
            report(new Diagnostic(fileName, 0, DiagnosticSeverity.Error,
                ex is ReadBudgetExceededException budgetExceeded ? budgetExceeded.Text : ReaderMessages.CannotReadTables.Format(ex.Message)));
            return null;
        }
    }
}
