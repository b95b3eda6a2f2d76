using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest;

/// <summary>
/// Opens a file of forms and streams them — the one entry point for every input format. <c>jixiao.form/1</c> JSON
/// (a name ending in <c>.json</c> or <c>.jsonl</c>, or a first character <c>[</c> or <c>{</c>) goes to
/// <see cref="FormJsonReader"/>; anything else is published text, and the first block of bytes decides how to decode
/// it: UTF-8 (with or without BOM), UTF-16 with a BOM, or — when the bytes are not UTF-8 — GB18030 (which covers
/// GBK), with a warning. PDF, spreadsheet and binary files are refused with one error each; a missing or unreadable
/// file gives an error, never an exception.
/// </summary>
public static class FormFileReader
{
    private const int SniffLength = 64 * 1024;

    /// <summary>Opens <paramref name="path"/> and streams its forms; diagnostics name the file as given.</summary>
    public static IEnumerable<PerformanceForm> Read(string path, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFile(path, report);
    }

    /// <summary>Streams the forms of <paramref name="stream"/>, which is read once and not disposed.</summary>
    public static IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadStream(stream, fileName ?? "", report);
    }

    private static IEnumerable<PerformanceForm> ReadFile(string path, Action<Diagnostic>? report)
    {
        var stream = Open(path, report);
        if (stream is null)
        {
            yield break;
        }

        using (stream)
        {
            foreach (var form in ReadStream(stream, path, report))
            {
                yield return form;
            }
        }
    }

    private static FileStream? Open(string path, Action<Diagnostic>? report)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Report(report, path, DiagnosticSeverity.Error, "this is a folder, not a file: expected a text file of forms");
                return null;
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : ex.Message;
            Report(report, path, DiagnosticSeverity.Error, $"cannot open the file ({reason}): expected a readable text file of forms");
            return null;
        }
    }

    private static IEnumerable<PerformanceForm> ReadStream(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        var head = new byte[SniffLength];
        int length;
        try
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            Report(report, fileName, DiagnosticSeverity.Error, $"cannot read the file ({ex.Message}): expected a readable text file of forms");
            yield break;
        }

        var replay = new ReplayStream(head, length, stream);
        if (IsJson(fileName, head.AsSpan(0, length)))
        {
            foreach (var form in FormJsonReader.Read(replay, fileName, report))
            {
                yield return form;
            }

            yield break;
        }

        var encoding = Sniff(head.AsSpan(0, length), length < head.Length, fileName, report);
        if (encoding is null)
        {
            yield break;
        }

        using var reader = new StreamReader(replay, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        foreach (var form in TextFormReader.Read(reader, fileName, report))
        {
            yield return form;
        }
    }

    /// <summary>
    /// True when a file is <c>jixiao.form/1</c> JSON: its name ends in <c>.json</c> or <c>.jsonl</c>, or its first
    /// block (<paramref name="head"/>) holds no NUL byte and begins, after a UTF-8 BOM and white space, with
    /// <c>[</c> or <c>{</c>. Published text never does: it begins with a heading or a table row.
    /// </summary>
    public static bool IsJson(string? fileName, ReadOnlySpan<byte> head)
    {
        if (fileName is not null
            && (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var body = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        var first = body.TrimStart(" \t\r\n"u8);
        return !first.IsEmpty && first[0] is (byte)'[' or (byte)'{';
    }

    /// <summary>Decides how to decode the file from its first block; null (with an error reported) when it is not text.</summary>
    private static Encoding? Sniff(ReadOnlySpan<byte> head, bool wholeFile, string fileName, Action<Diagnostic>? report)
    {
        if (head.IsEmpty)
        {
            // An empty file is text without forms: the text reader says "no form found".
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        if (head.StartsWith("%PDF"u8))
        {
            Report(report, fileName, DiagnosticSeverity.Error,
                "PDF files are not read yet: extract the text first (e.g. pdftotext -layout, or a tool that keeps table cells as TAB-separated text) and read the .txt file");
            return null;
        }

        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            Report(report, fileName, DiagnosticSeverity.Error,
                "spreadsheets (.xlsx, .xls) and other Office or ZIP files are not read yet: save the sheet as TAB-separated text (.txt) and read that");
            return null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        if (LooksBinary(head))
        {
            Report(report, fileName, DiagnosticSeverity.Error,
                "not a text file: its first block holds NUL bytes or mostly control characters; expected UTF-8 or GB18030 text with one table row per line");
            return null;
        }

        var (valid, invalid, firstInvalid) = CountUtf8(head, wholeFile);
        if (invalid == 0)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        var line = LineAt(head, firstInvalid);
        if (valid >= 4 * invalid)
        {
            // Mostly UTF-8 with a few damaged bytes: keep UTF-8, the damaged characters read as U+FFFD.
            Report(report, fileName, DiagnosticSeverity.Warning,
                $"the text is UTF-8 but holds {invalid} invalid byte sequence(s) in its first {head.Length:N0} bytes (the first on line {line}): they were read as U+FFFD");
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        Report(report, fileName, DiagnosticSeverity.Warning,
            $"the text is not valid UTF-8 (first invalid byte on line {line}): it was decoded as GB18030 (GBK); expected UTF-8");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not (byte)'\f')
            {
                control++;
            }
        }

        return control * 10 > head.Length;
    }

    /// <summary>Counts well-formed multi-byte UTF-8 sequences and invalid bytes; a sequence cut by the end of the block is not counted.</summary>
    private static (int Valid, int Invalid, int FirstInvalid) CountUtf8(ReadOnlySpan<byte> bytes, bool wholeFile)
    {
        int valid = 0, invalid = 0, firstInvalid = -1;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            var need = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xC2 && b <= 0xDF ? 1 : -1;
            if (need < 0)
            {
                invalid++;
                firstInvalid = firstInvalid < 0 ? i : firstInvalid;
                i++;
                continue;
            }

            if (i + need >= bytes.Length && !wholeFile)
            {
                break;
            }

            var ok = i + need < bytes.Length;
            for (var k = 1; ok && k <= need; k++)
            {
                ok = (bytes[i + k] & 0xC0) == 0x80;
            }

            if (ok)
            {
                valid++;
                i += need + 1;
            }
            else
            {
                invalid++;
                firstInvalid = firstInvalid < 0 ? i : firstInvalid;
                i++;
            }
        }

        return (valid, invalid, firstInvalid);
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) =>
        offset < 0 ? 0 : bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;

    private static void Report(Action<Diagnostic>? report, string fileName, DiagnosticSeverity severity, string message) =>
        report?.Invoke(new Diagnostic(fileName, 0, severity, message));

    /// <summary>Reads the sniffed block again, then the rest of the underlying stream.</summary>
    private sealed class ReplayStream(byte[] head, int headLength, Stream rest) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position < headLength)
            {
                var n = Math.Min(buffer.Length, headLength - position);
                head.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
