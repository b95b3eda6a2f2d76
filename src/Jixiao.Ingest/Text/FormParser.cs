using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Splits a stream of rows into forms (the text placer). A reader loads each row into <see cref="Row"/> and calls
/// <see cref="Place"/>: <see cref="TextFormReader"/> splits lines of text into rows,
/// <see cref="Tables.TableFormReader"/> takes rows of table cells. A form begins at a heading
/// (财政项目支出绩效自评表 / 绩效目标申报表, with or without the year in the same cell, with or without a markdown
/// <c>#</c>), or at a 项目名称 row when the open form already has one (a form whose heading is missing). Blank rows
/// never end a form: page breaks leave them inside tables. A form is handed out when the next one begins, so only
/// one form is held at a time.
/// </summary>
internal sealed class FormParser
{
    private const int MaxOutsideReports = 100;

    private readonly string file;
    private readonly Action<Diagnostic>? report;
    private readonly Row row = new();
    private readonly char[] norm = new char[Lexicon.MaxKeyLength];
    private readonly Queue<PerformanceForm> done = new();

    private FormBuilder? current;
    private int pendingYear;
    private int pendingYearLine;
    private FormKind lastKind = FormKind.SelfEvaluation;
    private int forms;
    private int outsideReports;
    private int outsideSuppressed;
    private int firstSuppressedLine;
    private bool finished;

    public FormParser(string file, Action<Diagnostic>? report)
    {
        this.file = file;
        this.report = report;
    }

    /// <summary>The row a reader loads (from a line of text or from table cells) before it calls <see cref="Place"/>.</summary>
    public Row Row => row;

    public bool TryTake(out PerformanceForm form) => done.TryDequeue(out form!);

    /// <summary>
    /// Places the row loaded into <see cref="Row"/>: the one entry through which every row reaches the forms, whether
    /// it was split from a line of text or read as table cells. A finished form is then ready for <see cref="TryTake"/>.
    /// </summary>
    public void Place()
    {
        try
        {
            Process();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never let a bug on one strange row end the reading of the file.
            Diagnose(DiagnosticSeverity.Error, row.Line, ReaderMessages.InternalError.Format(ex.GetType().Name, ex.Message));
        }
    }

    /// <summary>Ends the input: hands out the last form and reports what the file as a whole lacks.</summary>
    public void Finish()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        FlushPendingYear();
        CompleteCurrent();
        if (outsideSuppressed > 0)
        {
            Report(DiagnosticSeverity.Warning, firstSuppressedLine, ReaderMessages.MoreOutside.Format(outsideSuppressed, firstSuppressedLine));
        }

        if (forms == 0)
        {
            Report(DiagnosticSeverity.Error, 0, ReaderMessages.NoFormFound.Format());
        }
    }

    private void Process()
    {
        if (row.IsBlank)
        {
            return;
        }

        var firstIndex = row.FirstNonEmpty;
        var n = TextKey.Write(row[firstIndex], norm);
        var first = n < 0 ? ReadOnlySpan<char>.Empty : norm.AsSpan(0, n);
        Hanzi.Simplify(norm.AsSpan(0, Math.Max(n, 0)));

        // A heading opens a form.
        if (n > 0 && row.NonEmptyCount <= 3 && Lexicon.HeadingKind(first) is { } kind)
        {
            var year = Lexicon.YearIn(first);
            for (var i = row.NextNonEmpty(firstIndex); year is null && i >= 0; i = row.NextNonEmpty(i))
            {
                year = Lexicon.YearIn(TextKey.Of(row[i]));
            }

            Open(kind, hasHeading: true, row.Line);
            if (year is null && pendingYear != 0)
            {
                year = pendingYear;
            }

            pendingYear = 0;
            current!.Form.Year = year;
            for (var i = row.NextNonEmpty(firstIndex); i >= 0; i = row.NextNonEmpty(i))
            {
                if (Lexicon.UnitOf(TextKey.Of(row[i])) is { } unit)
                {
                    current.SuggestUnit(unit);
                }
            }

            return;
        }

        if (n > 0 && row.NonEmptyCount == 1)
        {
            if (Lexicon.YearLine(first) is { } y)
            {
                YearLine(y);
                return;
            }

            if (Lexicon.IsPageNumber(first))
            {
                return;
            }
        }

        if (Lexicon.KeyOf(first) == HeaderKey.ProjectName || StartsWithProjectNameKey(row[firstIndex]))
        {
            if (current is null || current.HasProjectNameRow || current.Section != Section.Header)
            {
                OpenWithoutHeading();
            }

            current!.Accept(row, first);
            return;
        }

        FlushPendingYear();
        if (current is null)
        {
            Outside();
            return;
        }

        current.Accept(row, first);
    }

    private static bool StartsWithProjectNameKey(ReadOnlySpan<char> cell)
    {
        var colon = cell.IndexOfAny(':', '：');
        return colon > 0 && colon <= 8 && Lexicon.KeyOf(Hanzi.Simplified(TextKey.Of(cell[..colon]))) == HeaderKey.ProjectName;
    }

    private void YearLine(int year)
    {
        if (current is not null && !current.HasProjectNameRow && current.Section == Section.Header)
        {
            if (current.Form.Year is null)
            {
                current.Form.Year = year;
            }
            else if (current.Form.Year != year)
            {
                current.Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.SecondYear.Format(year, current.Form.Year));
            }

            current.LastLine = row.Line;
            return;
        }

        // Perhaps the year of a form whose heading is missing: it counts if a 项目名称 row follows.
        FlushPendingYear();
        pendingYear = year;
        pendingYearLine = row.Line;
    }

    private void FlushPendingYear()
    {
        if (pendingYear == 0)
        {
            return;
        }

        var line = pendingYearLine;
        pendingYear = 0;
        Diagnose(DiagnosticSeverity.Warning, line, ReaderMessages.OrphanYear.Format());
    }

    private void Open(FormKind kind, bool hasHeading, int firstLine)
    {
        CompleteCurrent();
        current = new FormBuilder(file, kind, firstLine, hasHeading);
    }

    private void OpenWithoutHeading()
    {
        var firstLine = pendingYear != 0 ? pendingYearLine : row.Line;
        var year = pendingYear != 0 ? pendingYear : (int?)null;
        pendingYear = 0;
        Open(lastKind, hasHeading: false, firstLine);
        current!.Form.Year = year;
        current.Diagnose(DiagnosticSeverity.Info, row.Line, ReaderMessages.NoHeading.Format());
    }

    /// <summary>
    /// Ends the open form at the end of a part of the source that a form never crosses (a worksheet): the next rows
    /// cannot continue it.
    /// </summary>
    public void EndPart()
    {
        FlushPendingYear();
        CompleteCurrent();
    }

    private void CompleteCurrent()
    {
        if (current is null)
        {
            return;
        }

        if (!current.HasHeading && current.IsBare)
        {
            // A 项目名称 row with nothing of a form after it (a list, a summary sheet): not a form.
            var bare = current;
            current = null;
            Report(DiagnosticSeverity.Warning, bare.FirstLine, ReaderMessages.BareProject.Format(bare.FirstLine, bare.LastLine, Short(bare.Form.ProjectName)));
            return;
        }

        var form = current.Complete();
        current = null;
        lastKind = form.Kind;
        forms++;
        done.Enqueue(form);
    }

    private void Outside()
    {
        if (outsideReports >= MaxOutsideReports)
        {
            if (outsideSuppressed++ == 0)
            {
                firstSuppressedLine = row.Line;
            }

            return;
        }

        outsideReports++;
        Report(DiagnosticSeverity.Warning, row.Line, ReaderMessages.OutsideForm.Format(row.Preview()));
    }

    /// <summary>A diagnostic about a line: into the open form, or to the report when no form is open.</summary>
    public void Diagnose(DiagnosticSeverity severity, int line, LocalText message)
    {
        if (current is not null)
        {
            current.Diagnose(severity, line, message);
        }
        else
        {
            Report(severity, line, message);
        }
    }

    /// <summary>A diagnostic about the input as a whole or outside any form: to the report.</summary>
    public void Report(DiagnosticSeverity severity, int line, LocalText message) =>
        report?.Invoke(new Diagnostic(file, line, severity, message));

    private static string Short(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
