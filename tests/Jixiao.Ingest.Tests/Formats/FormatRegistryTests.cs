using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Tables;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Formats;

/// <summary>The format registry: what a file is, by its content; which extensions are read; why content is refused.</summary>
public sealed class FormatRegistryTests
{
    private static readonly FormatRegistry Registry = FormatRegistry.Default;

    private static byte[] CorpusBytes(string file) => File.ReadAllBytes(Corpus.PathOf(file));

    private static byte[] CorpusAsJson(string file)
    {
        using var buffer = new MemoryStream();
        FormJsonWriter.WriteArray(buffer, FormFileReader.Read(Corpus.PathOf(file)), indented: true);
        return buffer.ToArray();
    }

    private static string? NameOf(byte[] content, string? fileName = null) => Registry.Identify(content, fileName).Format?.Name;

    private static FormatRefusal RefusalOf(byte[] content, string? fileName = null)
    {
        var match = Registry.Identify(content, fileName);
        Assert.False(match.IsReadable, $"expected a refusal, got {match}");
        return match.Refusal!;
    }

    [Fact]
    public void The_default_registry_reads_text_json_workbooks_documents_and_web_pages_with_their_extensions()
    {
        Assert.Equal(["text", "json", "pdf", "xlsx", "xls", "docx", "html"], Registry.Formats.Select(f => f.Name));
        Assert.Equal([".txt", ".json", ".jsonl", ".pdf", ".xlsx", ".xlsm", ".xls", ".et", ".docx", ".docm", ".html", ".htm", ".xhtml"], Registry.Extensions);
        Assert.Equal(".txt,.json,.jsonl,.pdf,.xlsx,.xlsm,.xls,.et,.docx,.docm,.html,.htm,.xhtml", Registry.Accept);
        Assert.True(Registry.Accepts("scan.PDF"));
        Assert.True(Registry.Accepts("/data/FORMS.TXT"));
        Assert.True(Registry.Accepts(".jsonl"));
        Assert.True(Registry.Accepts("预算.XLSX"));
        Assert.False(Registry.Accepts("old.doc"));
        Assert.False(Registry.Accepts("notes"));
        Assert.Equal("json", Registry.ByName("a.b.JSON")!.Name);
        Assert.Same(Registry.Formats[0], Registry.Named("TEXT"));
    }

    [Fact]
    public void Kinds_not_read_yet_are_known_by_their_extensions_too()
    {
        Assert.Equal([".ofd", ".doc", ".wps", ".rtf", ".xml"], Registry.UnreadExtensions);
        Assert.Null(Registry.UnreadByName("report.PDF"));
        Assert.Equal("ofd", Registry.UnreadByName("notice.ofd")!.Name);
        Assert.Equal("ole", Registry.UnreadByName("old.doc")!.Name);
        Assert.Null(Registry.UnreadByName("old.xls"));
        Assert.Null(Registry.UnreadByName("forms.txt"));
        Assert.Null(Registry.UnreadByName("run.exe"));
    }

    [Theory]
    [InlineData(Corpus.Songnan2023, null)]
    [InlineData(Corpus.Police2024, "police.txt")]
    [InlineData(Corpus.DataBureau2024, "upload")]
    [InlineData(Corpus.Police2023Targets, "targets.bin")]
    public void Published_text_is_text_whatever_the_name(string file, string? name) =>
        Assert.Equal("text", NameOf(CorpusBytes(file), name));

    [Fact]
    public void Text_in_GB18030_and_UTF16_with_a_byte_order_mark_is_text()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023));

        Assert.Equal("text", NameOf(Encoding.GetEncoding("GB18030").GetBytes(text)));
        Assert.Equal("text", NameOf([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]));
        Assert.Equal("text", NameOf([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]));
    }

    [Theory]
    [InlineData("forms.json")]
    [InlineData("forms.txt")]
    [InlineData(null)]
    public void Json_is_json_by_its_first_character_whatever_the_name(string? name)
    {
        var json = CorpusAsJson(Corpus.Police2023Targets);

        Assert.Equal("json", NameOf(json, name));
        Assert.Equal("json", NameOf([.. Encoding.UTF8.GetPreamble(), .. " \r\n"u8, .. json], name));
        Assert.Equal("json", NameOf("{\"schema\":\"jixiao.form/1\"}\n{\"schema\":\"jixiao.form/1\"}"u8.ToArray(), name));
    }

    [Fact]
    public void Published_text_named_json_is_still_read_as_text()
    {
        var reported = new List<Diagnostic>();

        var forms = Registry.Read(new MemoryStream(CorpusBytes(Corpus.Songnan2023)), "songnan.json", reported.Add).ToList();

        Assert.Equal("text", NameOf(CorpusBytes(Corpus.Songnan2023), "songnan.json"));
        Assert.Equal([19, 5, 5, 13, 8], forms.Select(f => f.Indicators.Count));
        Assert.Empty(reported);
    }

    [Fact]
    public void Json_named_txt_is_read_as_json()
    {
        var forms = Registry.Read(new MemoryStream(CorpusAsJson(Corpus.Police2023Targets)), "targets.txt").ToList();

        Assert.Equal(3, forms.Count);
        Assert.Equal(40, forms.Sum(f => f.Indicators.Count));
        Assert.Equal(new DateOnly(2023, 12, 31), forms[0].PlannedEnd);
    }

    [Theory]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>", "forms.pdf")]
    [InlineData("%PDF-1.4\n", "renamed.txt")]
    [InlineData("\r\n\r\nleading junk from a web server\r\n%PDF-1.6\n", "download.json")]
    public void A_PDF_is_recognised_by_its_signature_whatever_its_name(string content, string name)
    {
        Assert.Equal("pdf", NameOf(Encoding.Latin1.GetBytes(content), name));

        // A registry without the PDF reader still names the kind instead of reading a PDF as text.
        var refusal = new FormatRegistry([new TextFormat(), new JsonFormat()]).Identify(Encoding.Latin1.GetBytes(content), name).Refusal!;
        Assert.Equal((RefusalReason.NotReadYet, "pdf", "PDF"), (refusal.Reason, refusal.Kind!.Name, refusal.Kind.Label));
    }

    [Fact]
    public void Zip_heads_are_told_apart_by_the_names_of_their_parts()
    {
        byte[] Zip(string firstPart) => [.. "PK\u0003\u0004\u0014\0\u0006\0\b\0"u8, .. new byte[18], .. Encoding.ASCII.GetBytes(firstPart), .. new byte[40]];

        Assert.Equal("docx", NameOf(Zip("word/document.xml"), "forms.txt"));
        Assert.Equal("xlsx", NameOf(Zip("xl/workbook.xml"), "forms.json"));
        Assert.Equal("ofd", RefusalOf(Zip("OFD.xml"), "forms.ofd").Kind!.Name);
        var other = RefusalOf(Zip("[Content_Types].xml"), "forms.xlsx");
        Assert.Equal(("zip", "Excel/ZIP"), (other.Kind!.Name, other.Kind.Label));
        Assert.StartsWith("a ZIP archive that is neither an Excel workbook nor a Word document is not read", other.Message, StringComparison.Ordinal);
        Assert.Equal("zip", RefusalOf("PK\u0003\u0004 not really a zip"u8.ToArray()).Kind!.Name);
        Assert.Equal("zip", RefusalOf("PK\u0005\u0006"u8.ToArray()).Kind!.Name);
    }

    [Fact]
    public void Legacy_office_rtf_and_markup_are_recognised_and_not_read_yet()
    {
        // Any OLE2 file is read as a legacy workbook; a .doc inside says so when it is read (XlsFormat).
        Assert.Equal("xls", NameOf([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "forms.txt"));

        Assert.Equal("rtf", RefusalOf(@"{\rtf1\ansi\ansicpg936 绩效目标"u8.ToArray(), "forms.doc").Kind!.Name);

        foreach (var page in new[] { "<!DOCTYPE html><html><body><table>", "\uFEFF\r\n  <html lang=\"zh\">", "<TABLE border=1><TR><TD>项目名称" })
        {
            Assert.Equal("html", NameOf(Encoding.UTF8.GetBytes(page), "page.txt"));
        }

        foreach (var page in new[] { "<?xml version=\"1.0\"?><Workbook>", "<!-- saved from url=(0042) -->" })
        {
            var refusal = RefusalOf(Encoding.UTF8.GetBytes(page), "page.txt");
            Assert.Equal(("html", "HTML"), (refusal.Kind!.Name, refusal.Kind.Label));
            Assert.StartsWith("XML files and markup without a table are not read", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Binary_content_is_not_text()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        junk[10] = 0;
        var control = Enumerable.Range(0, 3000).Select(i => (byte)(1 + (i % 8))).ToArray();

        Assert.Equal((RefusalReason.NotText, FormatRegistry.NotTextMessage), (RefusalOf(junk, "forms.txt").Reason, RefusalOf(junk).Message));
        Assert.Equal(RefusalReason.NotText, RefusalOf(control, "control.json").Reason);
        Assert.Null(RefusalOf(control).Kind);
        Assert.StartsWith("not a text file", FormatRegistry.NotTextMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_head_is_refused_as_empty_and_white_space_goes_by_the_name()
    {
        var empty = RefusalOf([], "forms.txt");
        Assert.Equal((RefusalReason.Empty, FormatRegistry.EmptyMessage, null), (empty.Reason, empty.Message, empty.Kind));

        Assert.Equal("json", NameOf(" \n\t\n"u8.ToArray(), "forms.jsonl"));
        Assert.Equal("text", NameOf(" \n\t\n"u8.ToArray(), "forms.txt"));
        Assert.Equal("text", NameOf(" \n\t\n"u8.ToArray()));
    }

    [Fact]
    public void Reading_an_empty_file_lets_the_named_format_say_it_found_nothing()
    {
        var reported = new List<Diagnostic>();

        Assert.Empty(Registry.Read(new MemoryStream(), "empty.json", reported.Add));
        Assert.Empty(Registry.Read(new MemoryStream(), "empty.txt", reported.Add));

        Assert.Equal(
            ["the file is empty: expected a JSON array of jixiao.form/1 objects", "no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row"],
            reported.Select(d => d.Message));
    }

    [Fact]
    public void Reading_refused_content_gives_one_error_with_the_file_and_the_reason()
    {
        var reported = new List<Diagnostic>();

        var forms = Registry.Read(new MemoryStream(@"{\rtf1\ansi 项目名称 绩效自评表}"u8.ToArray()), "saved-page.txt", reported.Add).ToList();

        Assert.Empty(forms);
        var error = Assert.Single(reported);
        Assert.Equal(("saved-page.txt", 0, DiagnosticSeverity.Error), (error.File, error.Line, error.Severity));
        Assert.StartsWith("RTF documents are not read yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_async_reads_only_the_head_of_a_stream()
    {
        var bytes = CorpusBytes(Corpus.DataBureau2024);
        using var stream = new MemoryStream([.. bytes, .. bytes]);

        var match = await Registry.IdentifyAsync(stream, "bureau.txt");

        Assert.Equal("text", match.Format!.Name);
        Assert.Equal(FormatRegistry.HeadLength, stream.Position);
    }

    [Fact]
    public void A_registered_reader_plugs_in_recognises_its_content_and_reads_through_the_row_entry()
    {
        var registry = Registry.With(new SemicolonTables());
        var text = File.ReadAllLines(Corpus.PathOf(Corpus.Songnan2023));
        var content = Encoding.UTF8.GetBytes("%CELLS\n" + string.Join('\n', text.Select(l => l.Replace('\t', ';'))));

        var forms = registry.Read(new MemoryStream(content), "songnan.cells").ToList();

        Assert.EndsWith(",.cells", registry.Accept, StringComparison.Ordinal);
        Assert.Equal("cells", registry.Identify(content, "songnan.txt").Format!.Name);
        Assert.Equal("text", Registry.Identify(content).Format!.Name); // without the reader: plain text
        Assert.Equal(
            FormFileReader.Read(Corpus.PathOf(Corpus.Songnan2023)).Select(f => f.ProjectName + "/" + f.Indicators.Count),
            forms.Select(f => f.ProjectName + "/" + f.Indicators.Count));
        Assert.Equal(FormFileReader.Read(Corpus.PathOf(Corpus.Songnan2023)).First().Provenance! with { File = "songnan.cells" }, forms[0].Provenance);
        Assert.Equal(new Provenance("songnan.cells", 3, 36), forms[0].Provenance);
    }

    [Fact]
    public void A_registered_reader_of_a_kind_not_read_yet_takes_it_over()
    {
        var registry = new FormatRegistry([new TextFormat(), new JsonFormat()]).With(new FakePdf());

        Assert.Equal("pdf", registry.Identify("%PDF-1.7\n"u8, "scan.pdf").Format!.Name);
        Assert.True(registry.Accepts("scan.pdf"));
        Assert.DoesNotContain(".pdf", registry.UnreadExtensions);
        Assert.Null(registry.UnreadByName("scan.pdf"));
    }

    [Fact]
    public void A_format_that_throws_while_recognising_is_passed_over()
    {
        var registry = new FormatRegistry([new Throwing(), new JsonFormat(), new TextFormat()]);

        Assert.Equal("text", registry.Identify(CorpusBytes(Corpus.Songnan2023)).Format!.Name);
        Assert.Throws<ArgumentException>(() => new FormatRegistry([new TextFormat(), new TextFormat()]));
        Assert.Throws<ArgumentException>(() => new FormatRegistry([]));
    }

    /// <summary>A toy table format: a <c>%CELLS</c> line, then one row per line with cells separated by semicolons.</summary>
    private sealed class SemicolonTables : IFileFormat
    {
        public string Name => "cells";

        public IReadOnlyList<string> Extensions { get; } = [".cells"];

        public Recognition Recognises(ReadOnlySpan<byte> head) => head.StartsWith("%CELLS\n"u8) ? Recognition.Signature : Recognition.No;

        public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report)
        {
            var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            reader.ReadLine();
            return TableFormReader.Read(Rows(reader), fileName, report);

            static IEnumerable<TableRow> Rows(StreamReader reader)
            {
                var line = 0;
                while (reader.ReadLine() is { } text)
                {
                    yield return new TableRow(text.Split(';'), ++line);
                }
            }
        }
    }

    private sealed class FakePdf : IFileFormat
    {
        public string Name => "pdf";

        public IReadOnlyList<string> Extensions { get; } = [".pdf"];

        public Recognition Recognises(ReadOnlySpan<byte> head) => head.StartsWith("%PDF-"u8) ? Recognition.Signature : Recognition.No;

        public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report) => [];
    }

    private sealed class Throwing : IFileFormat
    {
        public string Name => "throwing";

        public IReadOnlyList<string> Extensions { get; } = [".txt"];

        public Recognition Recognises(ReadOnlySpan<byte> head) => throw new InvalidOperationException("broken");

        public IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report) => [];
    }
}
