using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Damaged and hostile workbooks (issue 9, item 7): a ZIP bomb, a truncated file, macros, a Word document or junk
/// named .xlsx, a .doc given to the .xls reader, a workbook of a million rows: a clear error or the forms, never a
/// throw, a hang or unbounded memory.
/// </summary>
public sealed class ExcelRobustnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly XlsxFormat Xlsx = new();

    [Fact]
    public void AZipBombNamedXlsxIsRefusedBeforeItExpands()
    {
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, "xl/workbook.xml", "<workbook/>");
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
            using var part = entry.Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 1024; i++)
            {
                part.Write(zeros);
            }
        }

        Assert.True(bomb.Length < 2 << 20, $"the bomb is {bomb.Length:N0} bytes");
        Assert.Equal(Recognition.Signature, Xlsx.Recognises(bomb.GetBuffer().AsSpan(0, (int)Math.Min(bomb.Length, FormatRegistry.HeadLength))));
        bomb.Position = 0;
        var (forms, diagnostics) = Read(Xlsx, bomb, "bomb.xlsx");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.Equal("bomb.xlsx", error.File);
        Assert.Contains("xl/worksheets/sheet1.xml expands to 1,073,741,824 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("ZIP bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHighlyCompressedPartIsRefusedByItsRatio()
    {
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "xl/workbook.xml", "<workbook/>");
            Write(zip, "xl/sharedStrings.xml", new string(' ', 50 << 20));
        }

        bomb.Position = 0;
        var (forms, diagnostics) = Read(Xlsx, bomb, "spaces.xlsx");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.Contains("the part xl/sharedStrings.xml expands", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the ratio 200 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipBombWhoseHeadersLieAboutItsSizeIsStopped()
    {
        // A real workbook whose shared strings hold one string of 300 MiB, the archive then told it is 2,000 bytes.
        using var bomb = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(bomb, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            using (var part = strings.GetStream(FileMode.Create))
            {
                var head = Encoding.UTF8.GetBytes("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
                part.Write(head);
                var block = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
                for (var i = 0; i < 300; i++)
                {
                    part.Write(block);
                }

                part.Write(Encoding.UTF8.GetBytes("</t></si></sst>"));
            }

            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "表" }));
        }

        var bytes = bomb.ToArray();
        var lied = LieAboutSizes(bytes, "xl/sharedStrings.xml", 2_000);
        Assert.True(lied >= 2, "the local and central headers of the part were both patched");
        var (forms, diagnostics) = Read(Xlsx, new MemoryStream(bytes), "liar.xlsx");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.Equal("liar.xlsx", error.File);
        // .NET's ZIP reader gives no more than the declared size: the part ends after 2,000 bytes, unfinished.
        Assert.StartsWith("the Excel workbook could not be read further (Unexpected end of file has occurred.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected an Office Open XML workbook; the forms read before were kept", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedWorkbookIsAClearError()
    {
        var bytes = File.ReadAllBytes(RealWorld.ShenzhenWorkbooks[0]);
        using var truncated = new MemoryStream(bytes[..(bytes.Length / 2)]);
        var (forms, diagnostics) = Read(Xlsx, truncated, "half.xlsx");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.StartsWith("the file is not a complete ZIP archive", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected an Excel workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JunkNamedXlsxIsNotRecognisedAndIsAClearErrorWhenRead()
    {
        var junk = new byte[4096];
        new Random(9).NextBytes(junk);
        Assert.Equal(Recognition.No, Xlsx.Recognises(junk));
        Assert.Equal(Recognition.No, new XlsFormat().Recognises(junk));

        var (forms, diagnostics) = Read(Xlsx, new MemoryStream(junk), "junk.xlsx");
        Assert.Empty(forms);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.File == "junk.xlsx" && d.Message.Contains("not a complete ZIP archive", StringComparison.Ordinal));

        (forms, diagnostics) = Read(new XlsFormat(), new MemoryStream(junk), "junk.xls");
        Assert.Empty(forms);
        Assert.Equal("the file is not a legacy Office (OLE2) file: expected an Excel workbook (.xls) beginning with D0 CF 11 E0 A1 B1 1A E1", FirstError(diagnostics).Message);
    }

    [Fact]
    public void AWordDocumentNamedXlsxSaysWhatItIs()
    {
        using var docx = new MemoryStream();
        using (var word = WordprocessingDocument.Create(docx, WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("项目名称")))));
        }

        Assert.Equal(Recognition.No, Xlsx.Recognises(docx.ToArray()));
        docx.Position = 0;
        var (forms, diagnostics) = Read(Xlsx, docx, "form.xlsx");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.Equal("the file is a Word document (it holds word/document.xml), not an Excel workbook: expected the folder xl/ in the archive; save the tables as an Excel workbook and read that", error.Message);
    }

    [Fact]
    public void AWorkbookWithMacrosIsReadAndTheMacrosAreNeverRun()
    {
        // A corpus file as a macro-enabled workbook of inline strings, with a VBA project part.
        var path = Corpus.PathOf(Corpus.Police2023Targets);
        using var xlsm = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(xlsm, SpreadsheetDocumentType.MacroEnabledWorkbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var line in File.ReadLines(path))
            {
                var row = new Row();
                foreach (var cell in line.Split('\t'))
                {
                    row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(cell)) });
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "宏" }));
            var vba = workbook.AddNewPart<VbaProjectPart>();
            using var bin = vba.GetStream(FileMode.Create);
            bin.Write(Encoding.ASCII.GetBytes("Attribute VB_Name = \"Module1\"\r\nSub Auto_Open()\r\nShell \"calc.exe\"\r\nEnd Sub\r\n"));
        }

        xlsm.Position = 0;
        var (forms, diagnostics) = Read(Xlsx, xlsm, "macros.xlsm");

        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.StartsWith("the workbook holds macros (vbaProject.bin): they are never run", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        FormFields.AssertSame([.. FormatRegistry.Default.ReadFile(path)], forms, "the corpus as an .xlsm of inline strings");
    }

    [Fact]
    public void AWordDocumentGivenToTheXlsReaderIsTold()
    {
        // A minimal OLE2 compound file whose directory names a WordDocument stream, as a .doc's does.
        var doc = new byte[4096];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(doc, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(doc, 1024);
        var xls = new XlsFormat();
        Assert.Equal(Recognition.Signature, xls.Recognises(doc));

        var (forms, diagnostics) = Read(xls, new MemoryStream(doc), "report.doc");

        Assert.Empty(forms);
        var error = FirstError(diagnostics);
        Assert.Equal("report.doc", error.File);
        Assert.StartsWith("a legacy Word document (.doc, or WPS 文字 .wps) is not read: save it as .docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMillionRowsStopAtTheCellBudgetInBoundedMemory()
    {
        var dir = CorpusRendering.Scratch("million");
        var path = Path.Combine(dir, "million.xlsx");
        try
        {
            WriteMillionRows(path, rows: 1_000_000, columns: 6);
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            var diagnostics = new List<Diagnostic>();
            int forms;
            using (var file = new SampledStream(File.OpenRead(path), () => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline)))
            {
                forms = Xlsx.Read(file, "million.xlsx", diagnostics.Add).Count();
            }

            Assert.Equal(0, forms);
            var error = FirstError(diagnostics);
            Assert.Equal("million.xlsx", error.File);
            Assert.StartsWith("the file holds more than 5,000,000 table cells, the most one file may have: reading stopped there", error.Message, StringComparison.Ordinal);
            // Live memory while reading stays far below the sheet's 6,000,000 cells (a loaded sheet needs gigabytes).
            output.WriteLine($"live memory grew by at most {peak:N0} bytes while reading {new FileInfo(path).Length:N0} bytes of workbook");
            Assert.True(peak < 64L << 20, $"live memory grew by {peak:N0} bytes while reading");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void WriteMillionRows(string path, int rows, int columns)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            for (var r = 1; r <= rows; r++)
            {
                writer.WriteStartElement(new Row());
                for (var c = 0; c < columns; c++)
                {
                    writer.WriteElement(new Cell(new CellValue(r * columns + c)));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "rows" }));
    }

    private static (List<PerformanceForm> Forms, List<Diagnostic> Diagnostics) Read(IFileFormat format, Stream stream, string name)
    {
        var diagnostics = new List<Diagnostic>();
        var forms = format.Read(stream, name, diagnostics.Add).ToList();
        return (forms, diagnostics);
    }

    /// <summary>
    /// The reader's error: the first one. The assembler adds its own "no form found" after it (the reader's error
    /// is the one that says why); nothing else may be an error.
    /// </summary>
    private static Diagnostic FirstError(List<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors.Skip(1), e => Assert.StartsWith("no form found", e.Message, StringComparison.Ordinal));
        return errors[0];
    }

    /// <summary>Sets the uncompressed size of <paramref name="name"/> in its local and central headers to <paramref name="size"/>; returns how many headers were patched.</summary>
    private static int LieAboutSizes(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B)
            {
                continue;
            }

            if (zip[i + 2] == 3 && zip[i + 3] == 4 && zip.AsSpan(i + 30).StartsWith(nameBytes))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
                patched++;
            }
            else if (zip[i + 2] == 1 && zip[i + 3] == 2 && zip.AsSpan(i + 46).StartsWith(nameBytes))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
                patched++;
            }
        }

        return patched;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A read-only stream that calls <c>sample</c> after every 4 MiB read (to watch memory while a reader consumes it).</summary>
    private sealed class SampledStream(Stream inner, Action sample) : Stream
    {
        private long sinceSample;

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            sinceSample += n;
            if (sinceSample >= 4 << 20)
            {
                sinceSample = 0;
                sample();
            }

            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
