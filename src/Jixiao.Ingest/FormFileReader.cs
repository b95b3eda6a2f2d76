using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;

namespace Jixiao.Ingest;

/// <summary>
/// Opens a file of forms and streams them with the format its content shows: a thin door to
/// <see cref="FormatRegistry.Default"/>, which decides what a file is (text in UTF-8, UTF-16 or GB18030;
/// <c>jixiao.form/1</c> JSON; PDF, Office, HTML and binary files refused with one error each). A missing or
/// unreadable file gives an error, never an exception.
/// </summary>
public static class FormFileReader
{
    /// <summary>Opens <paramref name="path"/> and streams its forms; diagnostics name the file as given.</summary>
    public static IEnumerable<PerformanceForm> Read(string path, Action<Diagnostic>? report = null) =>
        FormatRegistry.Default.ReadFile(path, report);

    /// <summary>Streams the forms of <paramref name="stream"/>, which is read once and not disposed.</summary>
    public static IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report = null) =>
        FormatRegistry.Default.Read(stream, fileName, report);

    /// <summary>
    /// True when a file is taken for <c>jixiao.form/1</c> JSON by the older rule, where the name alone decides: its
    /// name ends in <c>.json</c> or <c>.jsonl</c>, or its first block (<paramref name="head"/>) carries the JSON
    /// signature (see <see cref="JsonFormat"/>). Reading asks <see cref="FormatRegistry"/>, where the content
    /// decides and the name only breaks ties.
    /// </summary>
    public static bool IsJson(string? fileName, ReadOnlySpan<byte> head)
    {
        if (fileName is not null
            && (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return new JsonFormat().Recognises(head) == Recognition.Signature;
    }
}
