using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Formats;

/// <summary>Tells by its first bytes whether content is of a kind (see <see cref="UnreadFormat"/>).</summary>
public delegate bool HeadTest(ReadOnlySpan<byte> head);

/// <summary>
/// A kind of file that is recognised by its content but not read yet (尚不支持的格式): PDF, Office files, web pages.
/// The registry names it when no registered format takes the content, so a user learns what the file is and what
/// to do instead of "no form found". When a reader for the kind is registered, its signature wins and this entry is
/// no longer consulted; its extensions become accepted ones.
/// </summary>
/// <param name="Name">A short lower-case name: <c>pdf</c>, <c>xlsx</c>, <c>html</c> ….</param>
/// <param name="Label">What a person calls it, as shown in messages: <c>PDF</c>, <c>Excel/ZIP</c>.</param>
/// <param name="Extensions">Its usual extensions, lower case with the dot; may be empty (a ZIP of anything).</param>
/// <param name="Text">The diagnostic: what the file is, that it is not read yet, and what to do instead.</param>
/// <param name="Test">Whether a head is of this kind.</param>
public sealed record UnreadFormat(string Name, string Label, IReadOnlyList<string> Extensions, LocalText Text, HeadTest Test)
{
    /// <summary>The diagnostic in English.</summary>
    public string Message => Text.En;

    /// <summary>
    /// The kinds recognised today, most specific first: PDF, OFD, Word and Excel in ZIP (Office Open XML), other ZIP
    /// files, legacy Office (OLE2: .xls, .doc, WPS), RTF, and HTML/XML markup.
    /// </summary>
    public static IReadOnlyList<UnreadFormat> Known { get; } =
    [
        new("pdf", "PDF", [".pdf"],
            ReaderMessages.UnreadPdf.Format(),
            IsPdf),
        new("ofd", "OFD", [".ofd"],
            ReaderMessages.UnreadOfd.Format(),
            head => IsZip(head) && head.IndexOf("OFD.xml"u8) >= 0),
        new("docx", "Word (.docx)", [".docx", ".docm"],
            ReaderMessages.UnreadDocx.Format(),
            head => IsZip(head) && head.IndexOf("word/"u8) >= 0),
        new("xlsx", "Excel (.xlsx)", [".xlsx", ".xlsm"],
            ReaderMessages.UnreadXlsx.Format(),
            head => IsZip(head) && head.IndexOf("xl/"u8) >= 0),
        new("zip", "Excel/ZIP", [],
            ReaderMessages.UnreadZip.Format(),
            IsZip),
        new("ole", "Office (.xls/.doc)", [".xls", ".doc", ".wps", ".et"],
            ReaderMessages.UnreadOle.Format(),
            head => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])),
        new("rtf", "RTF", [".rtf"],
            ReaderMessages.UnreadRtf.Format(),
            head => Heads.Body(head).StartsWith(@"{\rtf"u8)),
        new("html", "HTML", [".html", ".htm", ".xhtml", ".xml"],
            ReaderMessages.UnreadMarkup.Format(),
            IsMarkup),
    ];

    /// <summary>True when the head is a PDF: <c>%PDF-</c> within its first 1,024 bytes, as readers of PDF allow.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>True when the head begins as a ZIP archive (a local file header, or an empty or spanned archive).</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) || head.StartsWith("PK\u0007\u0008"u8);

    /// <summary>
    /// True when the head is HTML or XML markup: after a BOM and white space, <c>&lt;</c> followed by a letter,
    /// <c>!</c> (a doctype or comment) or <c>?</c> (an XML declaration). Published text never begins with a tag.
    /// </summary>
    public static bool IsMarkup(ReadOnlySpan<byte> head)
    {
        var body = Heads.Body(head);
        return body.Length >= 2 && body[0] == (byte)'<' && (body[1] is (byte)'!' or (byte)'?' || char.IsAsciiLetter((char)body[1]));
    }
}
