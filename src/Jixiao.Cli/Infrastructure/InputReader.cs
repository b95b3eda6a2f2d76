using System.Buffers;
using Jixiao.Core.Forms;
using Jixiao.Ingest;
using Jixiao.Ingest.Json;

namespace Jixiao.Cli.Infrastructure;

/// <summary>One form read from an input, with its file and its ordinal in that file (from 1).</summary>
internal sealed record InputForm(string File, int Ordinal, PerformanceForm Form);

/// <summary>
/// Reads the inputs named on the command line, one form at a time, in document order: text files (PDF-extracted,
/// TAB-separated) through the text reader, <c>jixiao.form/1</c> JSON through <see cref="FormJsonReader"/>;
/// directories are read file by file (*.txt, *.json, sorted). A file that cannot be read — missing, a directory
/// without forms, a PDF, binary data, malformed JSON, text without any form — gives one line on stderr and counts
/// as a failed input; the other files are still read. Reader diagnostics go to stderr as
/// <c>file:line: severity: message</c> (info only with --verbose; at most 50 per file unless --verbose).
/// </summary>
internal sealed class InputReader(CliContext context, ProgressReporter? progress = null)
{
    private const int SniffBytes = 64 * 1024;
    private const int MaxDiagnosticsPerFile = 50;

    private long _bytesDone;

    /// <summary>Bytes of input read so far (all files).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Forms read so far (all files).</summary>
    public long FormsRead { get; private set; }

    public IEnumerable<InputForm> ReadAll(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    context.InputFailed(path, 0, "a directory without .txt or .json files; expected performance forms (PDF-extracted text) or jixiao.form/1 JSON");
                }

                foreach (var file in files)
                {
                    foreach (var form in ReadFile(file))
                    {
                        yield return form;
                    }
                }
            }
            else
            {
                foreach (var form in ReadFile(path))
                {
                    yield return form;
                }
            }
        }

        progress?.Finish(BytesRead, FormsRead);
    }

    private IEnumerable<InputForm> ReadFile(string path)
    {
        var stream = Open(path, out var json);
        if (stream is null)
        {
            yield break;
        }

        var state = new FileState(context, path);
        var ordinal = 0;
        using (stream)
        {
            // JSON is ours; everything else goes to the file reader, which refuses PDF, Office and binary files
            // with one error and decodes UTF-8, UTF-16 or GB18030 text
            var forms = json
                ? FormJsonReader.Read(stream, path, state.Report)
                : FormFileReader.Read(stream, path, state.Report);
            using var e = forms.GetEnumerator();
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

        if (json && state.InputErrors > 0)
        {
            // malformed JSON: the reader said where and what it expected
            context.FailedInputs++;
        }
        else if (ordinal == 0 && !json)
        {
            if (state.InputErrors > 0)
            {
                context.FailedInputs++; // the reader said why (PDF, binary, empty …)
            }
            else
            {
                context.InputFailed(path, 0, "no performance form found: expected a heading 财政项目支出绩效自评表 or 财政项目支出绩效目标申报表, or a 项目名称 row");
            }
        }
    }

    /// <summary>Opens a file; null (with one line on stderr) when it is missing or cannot be opened.</summary>
    private FileStream? Open(string path, out bool json)
    {
        json = false;
        if (!File.Exists(path))
        {
            context.InputFailed(path, 0, Directory.Exists(path) ? "is a directory" : "no such file");
            return null;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            context.InputFailed(path, 0, $"cannot open: {ex.Message}");
            return null;
        }

        try
        {
            json = LooksLikeJson(stream, path);
            stream.Position = 0;
            return stream;
        }
        catch (IOException ex)
        {
            context.InputFailed(path, 0, $"read failed: {ex.Message}");
            stream.Dispose();
            return null;
        }
    }

    /// <summary>JSON when the name ends in .json, or the first non-blank character is '[' or '{' in a file without NUL bytes.</summary>
    private static bool LooksLikeJson(FileStream stream, string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(SniffBytes);
        try
        {
            var n = stream.ReadAtLeast(buffer.AsSpan(0, SniffBytes), SniffBytes, throwOnEndOfStream: false);
            var head = buffer.AsSpan(0, n);
            if (head.IndexOf((byte)0) >= 0)
            {
                return false;
            }

            var body = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
            var first = body.TrimStart(" \t\r\n"u8);
            return !first.IsEmpty && first[0] is (byte)'[' or (byte)'{';
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
