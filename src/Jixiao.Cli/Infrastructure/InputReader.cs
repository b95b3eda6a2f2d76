using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;

namespace Jixiao.Cli.Infrastructure;

/// <summary>One form read from an input, with its file and its ordinal in that file (from 1).</summary>
internal sealed record InputForm(string File, int Ordinal, PerformanceForm Form);

/// <summary>
/// Reads the inputs named on the command line, one form at a time, in document order, with the format that
/// <see cref="FormatRegistry.Default"/> recognises in each file's content (text files, PDF-extracted and
/// TAB-separated, and <c>jixiao.form/1</c> JSON); directories are read file by file (the extensions the registry
/// reads, sorted). A file that cannot be read — missing, a directory without forms, a PDF, binary data, malformed
/// JSON, text without any form — gives one line on stderr and counts as a failed input; the other files are still
/// read. Reader diagnostics go to stderr as
/// <c>file:line: severity: message</c> (info only with --verbose; at most 50 per file unless --verbose).
/// </summary>
internal sealed class InputReader(CliContext context, ProgressReporter? progress = null)
{
    private const int MaxDiagnosticsPerFile = 50;

    private long _bytesDone;

    /// <summary>Bytes of input read so far (all files).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Forms read so far (all files).</summary>
    public long FormsRead { get; private set; }

    public IEnumerable<InputForm> ReadAll(IEnumerable<string> paths)
    {
        foreach (var file in InputFiles.Expand(context, paths))
        {
            foreach (var form in ReadFile(file))
            {
                yield return form;
            }
        }

        progress?.Finish(BytesRead, FormsRead);
    }

    private IEnumerable<InputForm> ReadFile(string path)
    {
        var stream = Open(path);
        if (stream is null)
        {
            yield break;
        }

        var state = new FileState(context, path);
        var ordinal = 0;
        using (stream)
        {
            // the registry tells JSON from text by the content, refuses PDF, Office, HTML and binary files with one
            // error each, and the text format decodes UTF-8, UTF-16 or GB18030
            using var e = FormatRegistry.Default.Read(stream, path, state.Report).GetEnumerator();
            while (true)
            {
                PerformanceForm form;
                try
                {
                    if (!e.MoveNext())
                    {
                        break;
                    }

                    form = e.Current;
                }
                catch (IOException ex)
                {
                    context.InputFailed(path, 0, $"read failed: {ex.Message}");
                    state.Failed = true;
                    break;
                }
#pragma warning disable CA1031 // a bug in a reader must not stop the other files: one line, then go on
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    context.InputFailed(path, 0, $"internal error while reading ({ex.GetType().Name}: {ex.Message}); please report it");
                    state.Failed = true;
                    break;
                }

                state.FormSeen();
                foreach (var d in form.Diagnostics)
                {
                    state.ReportInForm(d);
                }

                ordinal++;
                FormsRead++;
                BytesRead = _bytesDone + SafePosition(stream);
                progress?.Update(BytesRead, FormsRead);
                yield return new InputForm(path, ordinal, form);
            }

            _bytesDone += SafeLength(stream);
            BytesRead = _bytesDone;
        }

        state.Finish();
        if (state.Failed)
        {
            yield break;
        }

        if (state.InputErrors > 0)
        {
            // the reader said where and what it expected: malformed JSON, PDF, binary, text without any form …
            context.FailedInputs++;
        }
    }

    /// <summary>Opens a file; null (with one line on stderr) when it is missing or cannot be opened.</summary>
    private FileStream? Open(string path)
    {
        if (!InputFiles.Exists(context, path))
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            context.InputFailed(path, 0, $"cannot open: {ex.Message}");
            return null;
        }
    }

    private static long SafePosition(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Position : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long SafeLength(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Diagnostics of one file: printed, counted and capped.</summary>
    private sealed class FileState(CliContext context, string path)
    {
        private readonly List<Diagnostic> _pending = [];
        private int _shown;
        private int _suppressed;
        private bool _formSeen;

        /// <summary>Error diagnostics of the input as a whole (passed to the reader's callback, not inside a form).</summary>
        public int InputErrors { get; private set; }

        public bool Failed { get; set; }

        /// <summary>The reader's callback: problems of the input as a whole.</summary>
        public void Report(Diagnostic diagnostic)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                InputErrors++;
            }
            else if (!_formSeen && !context.Verbose)
            {
                // held back until a form appears: a file without any form is one error line, not a warning per line
                if (_pending.Count < MaxDiagnosticsPerFile)
                {
                    _pending.Add(diagnostic);
                }

                return;
            }

            Print(diagnostic);
        }

        /// <summary>A form was read: the warnings held back belong to a readable file after all.</summary>
        public void FormSeen()
        {
            if (_formSeen)
            {
                return;
            }

            _formSeen = true;
            foreach (var d in _pending)
            {
                Print(d);
            }

            _pending.Clear();
        }

        /// <summary>A diagnostic inside a form: printed, not counted against the input.</summary>
        public void ReportInForm(Diagnostic diagnostic) => Print(diagnostic);

        private void Print(Diagnostic diagnostic)
        {

            if (diagnostic.Severity == DiagnosticSeverity.Info && !context.Verbose)
            {
                return;
            }

            if (!context.Verbose && _shown >= MaxDiagnosticsPerFile)
            {
                _suppressed++;
                return;
            }

            _shown++;
            context.Err.WriteLine(diagnostic.ToString());
        }

        public void Finish()
        {
            if (_suppressed > 0)
            {
                context.Err.WriteLine($"{path}: note: {_suppressed} more diagnostics not shown (--verbose shows all)");
            }
        }
    }
}
