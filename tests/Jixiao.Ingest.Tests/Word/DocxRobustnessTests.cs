using System.IO.Compression;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Word;

namespace Jixiao.Ingest.Tests.Word;

/// <summary>Damaged and hostile Word documents: one clear error naming the file, never a throw, a hang or a huge allocation.</summary>
public class DocxRobustnessTests
{
    private static (List<PerformanceForm> Forms, List<Diagnostic> Reported) Read(byte[] bytes, string name, ReadLimits? limits = null)
    {
        var reported = new List<Diagnostic>();
        using var stream = new MemoryStream(bytes);
        var forms = new DocxFormat(limits).Read(stream, name, reported.Add).ToList();
        return (forms, reported);
    }

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(data);
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void A_zip_bomb_renamed_docx_is_refused_by_its_compression_ratio_before_it_is_expanded()
    {
        // 32 MiB of zeros compress about a thousand times.
        var bomb = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[32 * 1024 * 1024]));

        var (forms, reported) = Read(bomb, "bomb.docx");

        Assert.Empty(forms);
        var error = reported[0]; // then the assembler's "no form found"
        Assert.Equal((DiagnosticSeverity.Error, "bomb.docx", 0), (error.Severity, error.File, error.Line));
        Assert.Contains("word/document.xml", error.Message);
        Assert.Contains("ZIP bomb", error.Message);
    }

    [Fact]
    public void A_part_larger_than_the_limit_is_refused()
    {
        var big = Zip(("word/document.xml", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 100_000).Select(i => i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))))));

        var (forms, reported) = Read(big, "big.docx", new ReadLimits(TimeSpan.FromMinutes(1), MaxUncompressedBytes: 500_000));

        Assert.Empty(forms);
        Assert.Contains("800,000 bytes, more than the 500,000", reported[0].Message);
    }

    [Fact]
    public void A_truncated_docx_is_reported_as_truncated()
    {
        var whole = DocxFixtures.Form();

        var (forms, reported) = Read(whole[..(whole.Length / 2)], "cut.docx");

        Assert.Empty(forms);
        var error = reported[0]; // then the assembler's "no form found"
        Assert.Equal((DiagnosticSeverity.Error, "cut.docx"), (error.Severity, error.File));
        Assert.StartsWith("the Word document is truncated or damaged", error.Message);
    }

    [Fact]
    public void A_zip_without_a_word_document_is_refused()
    {
        var (forms, reported) = Read(Zip(("xl/workbook.xml", "<workbook/>"u8.ToArray())), "book.docx");

        Assert.Empty(forms);
        Assert.Contains("holds no word/ document part", reported[0].Message);
    }

    [Fact]
    public void A_damaged_document_part_is_one_error_not_a_throw()
    {
        var damaged = Zip(
            ("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""u8.ToArray()),
            ("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""u8.ToArray()),
            ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称"u8.ToArray()));

        var (forms, reported) = Read(damaged, "damaged.docx");

        Assert.Empty(forms);
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Error && d.File == "damaged.docx" && d.Message.Contains("Word document could not be read further"));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read()
    {
        using var stream = new ForwardOnly(DocxFixtures.Form());

        var forms = new DocxFormat().Read(stream, "form.docx", null).ToList();

        Assert.Equal("综治中心事务", Assert.Single(forms).ProjectName);
    }

    [Fact]
    public void Thousands_of_nested_tables_are_refused_before_the_document_is_loaded()
    {
        const int depth = 5_000;
        var xml = new System.Text.StringBuilder("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        for (var i = 0; i < depth; i++)
        {
            xml.Append("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>菜单</w:t></w:r></w:p></w:tc><w:tc>");
        }

        xml.Append("<w:p/>");
        for (var i = 0; i < depth; i++)
        {
            xml.Append("<w:p/></w:tc></w:tr></w:tbl>");
        }

        xml.Append("</w:body></w:document>");
        var nested = Zip(
            ("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""u8.ToArray()),
            ("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""u8.ToArray()),
            ("word/document.xml", System.Text.Encoding.UTF8.GetBytes(xml.ToString())));

        var (forms, reported) = Read(nested, "nested.docx");

        Assert.Empty(forms);
        Assert.StartsWith("the Word document holds tables nested more than 64 deep", reported[0].Message);
        Assert.Equal((DiagnosticSeverity.Error, "nested.docx"), (reported[0].Severity, reported[0].File));
    }

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
