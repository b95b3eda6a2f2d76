using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests;

/// <summary>Opening files: encodings, refused formats, missing files.</summary>
public sealed class FormFileReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("jixiao-reader-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Reads_a_corpus_file_by_path()
    {
        var reported = new List<Diagnostic>();
        var forms = FormFileReader.Read(Corpus.PathOf(Corpus.Songnan2023), reported.Add).ToList();
        Assert.Equal(5, forms.Count);
        Assert.Empty(reported);
        Assert.Equal(Corpus.PathOf(Corpus.Songnan2023), forms[0].Provenance!.File);
    }

    [Fact]
    public void Reads_GBK_text_as_GB18030_with_a_warning()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Police2023Targets));
        var path = Write("gbk.txt", Encoding.GetEncoding("GB18030").GetBytes(text));

        var reported = new List<Diagnostic>();
        var forms = FormFileReader.Read(path, reported.Add).ToList();

        Assert.Equal(3, forms.Count);
        Assert.Equal(40, forms.Sum(f => f.Indicators.Count));
        Assert.Equal("区特保队伍经费", forms[0].ProjectName);
        Assert.Equal("≥95%", forms[1].Indicators.Single(i => i.Name == "辅警留任率").Target);
        Assert.Equal(33_913_200m, forms[0].DeclarationFunds!.ProjectTotal);
        var warning = Assert.Single(reported);
        Assert.Equal((DiagnosticSeverity.Warning, path), (warning.Severity, warning.File));
        Assert.Contains("GB18030", warning.Message);
    }

    [Fact]
    public void Reads_UTF8_with_a_few_damaged_bytes_as_UTF8()
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf(Corpus.Songnan2023));
        var at = Encoding.UTF8.GetByteCount(File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023))[..200]);
        bytes[at] = 0xFF;
        var reported = new List<Diagnostic>();
        var forms = FormFileReader.Read(new MemoryStream(bytes), "damaged.txt", reported.Add).ToList();
        Assert.Equal(5, forms.Count);
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("invalid byte", StringComparison.Ordinal));
        Assert.Contains(reported, d => d.Message.Contains("U+FFFD", StringComparison.Ordinal) && d.Line > 0);
    }

    [Fact]
    public void Reads_UTF16_with_a_byte_order_mark()
    {
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023));
        var forms = FormFileReader.Read(new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]), "utf16.txt").ToList();
        Assert.Equal([19, 5, 5, 13, 8], forms.Select(f => f.Indicators.Count));
    }

    [Fact]
    public void Refuses_binary_content_with_one_error()
    {
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        junk[10] = 0;
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(Write("junk.bin", junk), reported.Add));
        var error = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith("not a text file", error.Message);
    }

    [Fact]
    public void Refuses_control_characters_without_NUL_bytes()
    {
        var junk = Enumerable.Range(0, 3000).Select(i => (byte)(1 + (i % 8))).ToArray();
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(new MemoryStream(junk), "control.txt", reported.Add));
        Assert.StartsWith("not a text file", Assert.Single(reported).Message);
    }

    [Fact]
    public void A_damaged_PDF_gives_one_error_saying_what_it_is()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(Write("form.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n")), reported.Add));
        var error = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith("the file could not be opened as a PDF", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_spreadsheets_give_one_clear_error_each_and_no_form()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(Write("forms.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), reported.Add));
        Assert.Empty(FormFileReader.Read(Write("forms.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), reported.Add));
        var errors = reported.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.File.EndsWith("forms.xlsx", StringComparison.Ordinal) && !d.Message.StartsWith("no form found", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.File.EndsWith("forms.xls", StringComparison.Ordinal) && !d.Message.StartsWith("no form found", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_a_missing_file_or_a_folder_as_an_error()
    {
        var reported = new List<Diagnostic>();
        var missing = Path.Combine(folder, "missing.txt");
        Assert.Empty(FormFileReader.Read(missing, reported.Add));
        Assert.Empty(FormFileReader.Read(folder, reported.Add));
        Assert.Equal([missing, folder], reported.Select(d => d.File));
        Assert.All(reported, d => Assert.Equal((DiagnosticSeverity.Error, 0), (d.Severity, d.Line)));
        Assert.Contains("does not exist", reported[0].Message);
    }

    [Fact]
    public void Reports_an_empty_file()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(Write("empty.txt", []), reported.Add));
        var error = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row", error.Message);
    }

    [Fact]
    public void Reports_a_text_file_without_forms()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(FormFileReader.Read(Write("notes.txt", Encoding.UTF8.GetBytes("会议纪要\n下周继续讨论。\n")), reported.Add));
        Assert.Equal("no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row", reported[^1].Message);
        Assert.Equal(2, reported.Count(d => d.Severity == DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Streams_forms_before_the_whole_file_is_read()
    {
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Police2024));
        var stream = new CountingStream(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text + "\n", 20)))));
        using var forms = FormFileReader.Read(stream, "big.txt").GetEnumerator();
        Assert.True(forms.MoveNext());
        Assert.Equal("2024年涉案财务存放管理", forms.Current.ProjectName);
        Assert.True(stream.BytesRead < stream.Length / 4, $"{stream.BytesRead} of {stream.Length} bytes read for the first form");
    }

    /// <summary>The forms of a corpus file as jixiao.form/1 JSON bytes.</summary>
    private static byte[] CorpusAsJson(string file, bool indented = false)
    {
        using var buffer = new MemoryStream();
        FormJsonWriter.WriteArray(buffer, FormFileReader.Read(Corpus.PathOf(file)), indented);
        return buffer.ToArray();
    }

    [Fact]
    public void Reads_a_json_file_through_the_same_entry_point()
    {
        var path = Write("songnan.json", CorpusAsJson(Corpus.Songnan2023));
        var reported = new List<Diagnostic>();

        var forms = FormFileReader.Read(path, reported.Add).ToList();

        Assert.Empty(reported);
        Assert.Equal([19, 5, 5, 13, 8], forms.Select(f => f.Indicators.Count));
        Assert.Equal(
            FormFileReader.Read(Corpus.PathOf(Corpus.Songnan2023)).Select(f => FormJsonWriter.ToJson(f)),
            forms.Select(f => FormJsonWriter.ToJson(f)));
    }

    [Fact]
    public void Recognises_json_by_its_first_character_whatever_the_name()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. " \r\n\t"u8, .. CorpusAsJson(Corpus.Police2023Targets, indented: true)];
        var reported = new List<Diagnostic>();

        var fromStream = FormFileReader.Read(new MemoryStream(bytes), "upload", reported.Add).ToList();
        var fromFile = FormFileReader.Read(Write("targets.txt", bytes), reported.Add).ToList();

        Assert.Empty(reported);
        Assert.Equal((3, 3), (fromStream.Count, fromFile.Count));
        Assert.Equal(new DateOnly(2023, 12, 31), fromStream[0].PlannedEnd);
        Assert.True(FormFileReader.IsJson("forms.JSONL", "财政"u8));
        Assert.False(FormFileReader.IsJson("forms.txt", "财政项目支出绩效自评表\n"u8));
        Assert.False(FormFileReader.IsJson("junk.bin", "\0{"u8));
    }

    [Fact]
    public void Reports_malformed_json_with_its_line_and_no_exception()
    {
        var reported = new List<Diagnostic>();

        var forms = FormFileReader.Read(Write("bad.json", "[\n  {\"schema\": \"jixiao.form/1\",\n  oops\n]"u8.ToArray()), reported.Add).ToList();

        Assert.Empty(forms);
        var error = Assert.Single(reported, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(3, error.Line);
        Assert.EndsWith("bad.json", error.File, StringComparison.Ordinal);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
