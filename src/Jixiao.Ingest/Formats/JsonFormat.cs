using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Ingest.Formats;

/// <summary>
/// The interchange format <c>jixiao.form/1</c> (JSON), read by <see cref="FormJsonReader"/>: UTF-8 that begins,
/// after a BOM and white space, with <c>[</c> (an array of forms) or <c>{</c> (a form, or forms one after another).
/// Published text never begins so: it begins with a heading or a table row.
/// </summary>
public sealed class JsonFormat : IFileFormat
{
    public string Name => "json";

    public IReadOnlyList<string> Extensions { get; } = [".json", ".jsonl"];

    public Recognition Recognises(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return Recognition.No;
        }

        var body = Heads.Body(head);
        if (body.IsEmpty)
        {
            // White space only: an empty document of any text format; the name decides.
            return Recognition.Plausible;
        }

        return body[0] == (byte)'[' || (body[0] == (byte)'{' && !body.StartsWith(@"{\rtf"u8))
            ? Recognition.Signature
            : Recognition.No;
    }

    public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report) =>
        FormJsonReader.Read(stream, fileName ?? "", report);
}
