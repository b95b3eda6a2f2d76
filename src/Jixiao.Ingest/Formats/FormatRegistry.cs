using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Formats;

/// <summary>
/// The formats the system reads (格式登记), and the one place that decides what a file is: by its content, never by
/// its name alone. Asked by the CLI (which files of a folder, how to read each), the web upload (which files to
/// accept, what to tell the user) and the importer (through <see cref="FormFileReader"/>).
/// </summary>
/// <remarks>
/// <para>How a file is recognised, from its first <see cref="HeadLength"/> bytes (the head):</para>
/// <list type="number">
/// <item>No bytes: refused as <see cref="RefusalReason.Empty"/>.</item>
/// <item>A format that finds its signature reads it (JSON beginning with <c>[</c>, later <c>%PDF</c> …); if
/// several do, the one whose extension the file name has, else the first registered.</item>
/// <item>Else a kind recognised but not read yet (<see cref="UnreadFormat.Known"/>: PDF, Office, HTML …) is
/// refused as <see cref="RefusalReason.NotReadYet"/> with a message naming it.</item>
/// <item>Else a format that finds the content plausible reads it (plain text); among several, the name breaks the tie.</item>
/// <item>Else the content is refused as <see cref="RefusalReason.NotText"/>.</item>
/// </list>
/// <para>A new reader plugs in with one line in <see cref="Default"/> (or <see cref="With"/>): see docs/formats.md.</para>
/// </remarks>
public sealed class FormatRegistry
{
    /// <summary>How many bytes of a file are looked at to recognise it (64 KiB).</summary>
    public const int HeadLength = 64 * 1024;

    /// <summary>The message of <see cref="RefusalReason.NotText"/>.</summary>
    public static string NotTextMessage => ReaderMessages.NotText.En;

    /// <summary>The message of <see cref="RefusalReason.Empty"/>.</summary>
    public static string EmptyMessage => ReaderMessages.Empty.En;

    private readonly IFileFormat[] formats;
    private readonly UnreadFormat[] unread;

    /// <summary>A registry of <paramref name="formats"/> (in order of preference) and of kinds recognised but not read yet (default: <see cref="UnreadFormat.Known"/>).</summary>
    public FormatRegistry(IEnumerable<IFileFormat> formats, IEnumerable<UnreadFormat>? unread = null)
    {
        ArgumentNullException.ThrowIfNull(formats);
        this.formats = [.. formats];
        if (this.formats.Length == 0 || this.formats.Any(f => f is null))
        {
            throw new ArgumentException("a registry needs at least one format, and no null one", nameof(formats));
        }

        if (this.formats.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != this.formats.Length)
        {
            throw new ArgumentException("two formats have the same name", nameof(formats));
        }

        this.unread = [.. unread ?? UnreadFormat.Known];
        Extensions = [.. this.formats.SelectMany(f => f.Extensions).Select(e => e.ToLowerInvariant()).Distinct()];
        UnreadExtensions = [.. this.unread.SelectMany(u => u.Extensions).Select(e => e.ToLowerInvariant()).Distinct().Except(Extensions)];
    }

    /// <summary>The formats read today: text, <c>jixiao.form/1</c> JSON, PDF, Excel workbooks (.xlsx, .xls), Word documents (.docx) and web pages (.html).</summary>
    public static FormatRegistry Default { get; } = new([
        new TextFormat(), new JsonFormat(), new Pdf.PdfFormat(), new Excel.XlsxFormat(), new Excel.XlsFormat(), new Word.DocxFormat(), new Html.HtmlFormat()]);

    /// <summary>The registered formats, in order of preference.</summary>
    public IReadOnlyList<IFileFormat> Formats => formats;

    /// <summary>The kinds recognised but not read yet.</summary>
    public IReadOnlyList<UnreadFormat> Unread => unread;

    /// <summary>Every extension a registered format reads, lower case with the dot: <c>.txt</c>, <c>.json</c>, <c>.jsonl</c>.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The extensions of kinds recognised but not read yet (<c>.pdf</c>, <c>.xlsx</c> …), minus those a format reads.</summary>
    public IReadOnlyList<string> UnreadExtensions { get; }

    /// <summary>The value of a file picker's <c>accept</c> attribute: <c>.txt,.json,.jsonl</c>.</summary>
    public string Accept => string.Join(',', Extensions);

    /// <summary>A registry with <paramref name="format"/> added after the others.</summary>
    public FormatRegistry With(IFileFormat format) => new([.. formats, format], unread);

    /// <summary>True when <paramref name="fileName"/> (a name, a path or an extension such as <c>.txt</c>) has an extension a format reads.</summary>
    public bool Accepts(string? fileName) => ByName(fileName) is not null;

    /// <summary>The format whose extension <paramref name="fileName"/> has; null when none.</summary>
    public IFileFormat? ByName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        foreach (var format in formats)
        {
            if (HasExtension(fileName, format.Extensions))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>The kind not read yet whose extension <paramref name="fileName"/> has (and no format reads); null when none.</summary>
    public UnreadFormat? UnreadByName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName) || Accepts(fileName))
        {
            return null;
        }

        return unread.FirstOrDefault(u => HasExtension(fileName, u.Extensions));
    }

    /// <summary>The registered format called <paramref name="name"/> (<c>text</c>, <c>json</c>); null when none.</summary>
    public IFileFormat? Named(string name) => formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What <paramref name="head"/> — the first <see cref="HeadLength"/> bytes of a file, or all of a shorter one —
    /// is: the format that reads it, or why none does. <paramref name="fileName"/> only breaks ties. Never throws.
    /// </summary>
    public FormatMatch Identify(ReadOnlySpan<byte> head, string? fileName = null)
    {
        if (head.IsEmpty)
        {
            return FormatMatch.Refused(new FormatRefusal(RefusalReason.Empty, ReaderMessages.Empty.Format()));
        }

        IFileFormat? best = null;
        var bestRecognition = Recognition.No;
        var bestByName = false;
        foreach (var format in formats)
        {
            var recognition = Recognise(format, head);
            if (recognition == Recognition.No || recognition < bestRecognition)
            {
                continue;
            }

            var byName = fileName is not null && HasExtension(fileName, format.Extensions);
            if (recognition > bestRecognition || (byName && !bestByName))
            {
                (best, bestRecognition, bestByName) = (format, recognition, byName);
            }
        }

        if (bestRecognition == Recognition.Signature)
        {
            return FormatMatch.Of(best!);
        }

        foreach (var kind in unread)
        {
            if (Test(kind, head))
            {
                return FormatMatch.Refused(new FormatRefusal(RefusalReason.NotReadYet, kind.Text, kind));
            }
        }

        return best is not null
            ? FormatMatch.Of(best)
            : FormatMatch.Refused(new FormatRefusal(RefusalReason.NotText, ReaderMessages.NotText.Format()));
    }

    /// <summary>Reads the first <see cref="HeadLength"/> bytes of <paramref name="content"/> and identifies them (see <see cref="Identify(ReadOnlySpan{byte}, string?)"/>).</summary>
    public async Task<FormatMatch> IdentifyAsync(Stream content, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var head = new byte[HeadLength];
        var length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return Identify(head.AsSpan(0, length), fileName);
    }

    /// <summary>
    /// Streams the forms of <paramref name="stream"/> (read once, not disposed) with the format its content shows.
    /// Content no format reads gives one error diagnostic with the reason; an empty file goes to the format the name
    /// points to (text when none), which says in its own words that it found no form. Diagnostics name the file as
    /// <paramref name="fileName"/>. Never throws on bad input.
    /// </summary>
    public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadStream(stream, fileName ?? "", report);
    }

    /// <summary>Opens <paramref name="path"/> and streams its forms (see <see cref="Read(Stream, string, Action{Diagnostic}?)"/>); a missing or unreadable file or a folder gives one error.</summary>
    public IEnumerable<PerformanceForm> ReadFile(string path, Action<Diagnostic>? report = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadPath(path, report);
    }

    private IEnumerable<PerformanceForm> ReadPath(string path, Action<Diagnostic>? report)
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

    private IEnumerable<PerformanceForm> ReadStream(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        var start = stream.CanSeek ? stream.Position : -1;
        if (ReadHead(stream, fileName, report) is not { } head)
        {
            yield break;
        }

        var match = Identify(head.Bytes, fileName);
        var format = match.Format ?? (match.Refusal!.Reason == RefusalReason.Empty ? ByName(fileName) ?? formats[0] : null);
        if (format is null)
        {
            report?.Invoke(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, match.Refusal!.Text));
            yield break;
        }

        // A seekable stream is handed back from its start (workbooks and PDFs need to seek); another one replays the head.
        Stream content;
        if (start >= 0)
        {
            stream.Position = start;
            content = stream;
        }
        else
        {
            content = head.Replay(stream);
        }

        foreach (var form in format.Read(content, fileName, report))
        {
            yield return form;
        }
    }

    private static FileStream? Open(string path, Action<Diagnostic>? report)
    {
        try
        {
            if (Directory.Exists(path))
            {
                report?.Invoke(new Diagnostic(path, 0, DiagnosticSeverity.Error, ReaderMessages.Folder.Format()));
                return null;
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            object reason = ex is FileNotFoundException or DirectoryNotFoundException ? ReaderMessages.NoSuchFile.Format() : ex.Message;
            report?.Invoke(new Diagnostic(path, 0, DiagnosticSeverity.Error, ReaderMessages.CannotOpen.Format(reason)));
            return null;
        }
    }

    /// <summary>Reads the head of a stream; null (with one error reported) when the stream cannot be read.</summary>
    internal static Head? ReadHead(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        var buffer = new byte[HeadLength];
        try
        {
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return new Head(buffer, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            report?.Invoke(new Diagnostic(fileName, 0, DiagnosticSeverity.Error, ReaderMessages.CannotRead.Format(ex.Message)));
            return null;
        }
    }

    private static bool HasExtension(string fileName, IReadOnlyList<string> extensions)
    {
        foreach (var extension in extensions)
        {
            if (fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

#pragma warning disable CA1031 // a plugged-in format that fails to recognise must not stop the recognition of the others
    private static Recognition Recognise(IFileFormat format, ReadOnlySpan<byte> head)
    {
        try
        {
            return format.Recognises(head);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Recognition.No;
        }
    }

    private static bool Test(UnreadFormat kind, ReadOnlySpan<byte> head)
    {
        try
        {
            return kind.Test(head);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }
#pragma warning restore CA1031

    /// <summary>The first bytes of a stream, read once to recognise it and then read again by the format.</summary>
    internal sealed class Head(byte[] buffer, int length)
    {
        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        /// <summary>True when the stream ended within the head.</summary>
        public bool IsWholeFile => length < buffer.Length;

        /// <summary>A stream that gives the head again, then the rest of <paramref name="rest"/>.</summary>
        public Stream Replay(Stream rest) => new ReplayStream(buffer, length, rest);
    }
}
