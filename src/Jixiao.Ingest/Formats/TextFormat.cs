using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;

namespace Jixiao.Ingest.Formats;

/// <summary>
/// Published forms as text (文本): one table row per line, cells separated by TAB (PDF-extracted, or a sheet saved as
/// text), read by <see cref="TextFormReader"/>. Any content that is not binary is plausibly text. The first block of
/// bytes decides how to decode it: UTF-8 (with or without BOM), UTF-16 with a BOM, or — when the bytes are not UTF-8 —
/// GB18030 (which covers GBK), with a warning.
/// </summary>
public sealed class TextFormat : IFileFormat
{
    public string Name => "text";

    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public Recognition Recognises(ReadOnlySpan<byte> head) =>
        head.StartsWith(Heads.Utf8Bom) || Heads.HasUtf16Bom(head) || !Heads.LooksBinary(head) ? Recognition.Plausible : Recognition.No;

    public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadText(stream, fileName ?? "", report);
    }

    private static IEnumerable<PerformanceForm> ReadText(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        if (FormatRegistry.ReadHead(stream, fileName, report) is not { } head)
        {
            yield break;
        }

        var encoding = Decide(head.Bytes, head.IsWholeFile, fileName, report);
        if (encoding is null)
        {
            yield break;
        }

        using var reader = new StreamReader(head.Replay(stream), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        foreach (var form in TextFormReader.Read(reader, fileName, report))
        {
            yield return form;
        }
    }

    /// <summary>Decides how to decode the file from its first block; null (with an error reported) when it is not text.</summary>
    private static Encoding? Decide(ReadOnlySpan<byte> head, bool wholeFile, string fileName, Action<Diagnostic>? report)
    {
        if (head.IsEmpty || head.StartsWith(Heads.Utf8Bom))
        {
            // An empty file is text without forms: the text reader says "no form found".
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

        if (Heads.LooksBinary(head))
        {
            Report(report, fileName, DiagnosticSeverity.Error, ReaderMessages.NotText.Format());
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
            Report(report, fileName, DiagnosticSeverity.Warning, ReaderMessages.InvalidUtf8.Format(invalid, head.Length, line));
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        Report(report, fileName, DiagnosticSeverity.Warning, ReaderMessages.ReadAsGb18030.Format(line));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
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

    private static void Report(Action<Diagnostic>? report, string fileName, DiagnosticSeverity severity, LocalText message) =>
        report?.Invoke(new Diagnostic(fileName, 0, severity, message));
}
