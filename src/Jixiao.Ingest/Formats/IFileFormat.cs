using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Formats;

/// <summary>
/// A file format (文件格式) the system reads forms from: text, <c>jixiao.form/1</c> JSON, and later PDF, Excel,
/// Word and web pages. A format is registered in a <see cref="FormatRegistry"/>, which recognises a file by its
/// content and hands it to the format's reader. See docs/formats.md for how a new reader plugs in.
/// </summary>
public interface IFileFormat
{
    /// <summary>The short lower-case name: <c>text</c>, <c>json</c>, later <c>pdf</c>, <c>xlsx</c> ….</summary>
    string Name { get; }

    /// <summary>The usual extensions, lower case with the dot (<c>.txt</c>), the most usual first.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// How sure the content is of this format, judged by its first bytes only (<paramref name="head"/>: up to
    /// <see cref="FormatRegistry.HeadLength"/> bytes, the whole file when it is shorter; never empty). Never throws.
    /// </summary>
    Recognition Recognises(ReadOnlySpan<byte> head);

    /// <summary>
    /// Streams the forms of <paramref name="stream"/> (read once from its start, not disposed). Diagnostics about a
    /// form go into its <see cref="PerformanceForm.Diagnostics"/>, the others to <paramref name="report"/>, with the
    /// file, the place and what was expected. Never throws on bad input.
    /// </summary>
    IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report);
}

/// <summary>How sure a format is that content is its own (识别结果); the surest format reads the file.</summary>
public enum Recognition
{
    /// <summary>Not this format.</summary>
    No = 0,

    /// <summary>
    /// Could be this format but carries no mark of it (plain text could be any text format). When several formats
    /// are plausible, the one whose extension the file name has reads it.
    /// </summary>
    Plausible = 1,

    /// <summary>Carries the format's signature (magic bytes, a JSON array or object): this format reads it.</summary>
    Signature = 2,
}
