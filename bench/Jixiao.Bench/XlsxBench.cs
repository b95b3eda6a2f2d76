using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Ingest.Excel;
using Jixiao.Tests.Shared;

namespace Jixiao.Bench;

/// <summary>
/// <c>xlsx [--rounds 20] [--copies 27]</c>: forms per second reading Excel workbooks with <see cref="XlsxFormat"/>
/// (reader and form assembler together) on one thread, with a stopwatch: the 13 Shenzhen workbooks
/// (../shared/real-world, 251 worksheets, one form each) and a generated workbook of one sheet holding the corpus file
/// of self-evaluations <c>--copies</c> times (numbers as numbers in a 0.00 or #,##0.00 format, as published). Each
/// figure is the best of <c>--rounds</c> passes after a warm-up pass, by the stopwatch and by the processor time spent.
/// </summary>
public static partial class XlsxBench
{
    public static int Run(string[] args)
    {
        var rounds = (int)Options.Size(args, "--rounds", 20);
        var copies = (int)Options.Size(args, "--copies", 27);
        Console.WriteLine($"xlsx benchmark, {Environment.ProcessorCount} cores visible, single-threaded, best of {rounds} passes");

        var shenzhen = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "real-world", "songgang-2023-declarations"));
        if (!Directory.Exists(shenzhen))
        {
            shenzhen = "/work/shared/real-world/songgang-2023-declarations";
        }

        var books = Directory.GetFiles(shenzhen, "*.xlsx").Select(p => (Path.GetFileName(p), File.ReadAllBytes(p))).ToList();
        Report($"Shenzhen workbooks ({books.Count} files, {books.Sum(b => b.Item2.Length) / 1024:N0} KiB)", books, rounds);

        var generated = Generated(Corpus.PathOf(Corpus.Police2024), copies);
        Report($"generated workbook ({Corpus.Police2024} x {copies}, one sheet, {generated.Length / 1024:N0} KiB)", [("generated.xlsx", generated)], rounds);
        return 0;
    }

    private static void Report(string what, List<(string Name, byte[] Bytes)> files, int rounds)
    {
        var format = new XlsxFormat();
        int Pass()
        {
            var forms = 0;
            foreach (var (name, bytes) in files)
            {
                using var stream = new MemoryStream(bytes, writable: false);
                forms += format.Read(stream, name, null).Count();
            }

            return forms;
        }

        var count = Pass();
        var best = TimeSpan.MaxValue;
        var bestCpu = TimeSpan.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < rounds; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Pass();
            var elapsed = sw.Elapsed;
            process.Refresh();
            best = elapsed < best ? elapsed : best;
            var spent = process.TotalProcessorTime - cpu;
            bestCpu = spent < bestCpu ? spent : bestCpu;
        }

        // The processor time is the process's (the reading thread, the JIT's and the garbage collector's): on a
        // machine shared with other work it says what the reading costs when the stopwatch also counts waiting.
        Console.WriteLine($"{what}: {count:N0} forms in {best.TotalMilliseconds:N1} ms = {count / best.TotalSeconds:N0} forms/s (stopwatch); "
            + $"{bestCpu.TotalMilliseconds:N1} ms of processor time = {count / Math.Max(bestCpu.TotalSeconds, 1e-6):N0} forms per processor second");
    }

    /// <summary>A workbook of one sheet holding the corpus file <paramref name="copies"/> times, one cell per TAB-separated cell.</summary>
    private static byte[] Generated(string corpusPath, int copies)
    {
        var lines = File.ReadAllLines(corpusPath);
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 2 }, new CellFormat { NumberFormatId = 4 }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                for (var copy = 0; copy < copies; copy++)
                {
                    foreach (var line in lines)
                    {
                        writer.WriteStartElement(new Row());
                        foreach (var cell in line.Split('\t'))
                        {
                            writer.WriteElement(Cell(cell));
                        }

                        writer.WriteEndElement();
                    }
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "forms" }));
        }

        return buffer.ToArray();
    }

    private static Cell Cell(string text)
    {
        if (Amount().Match(text) is { Success: true } m)
        {
            var value = decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            return new Cell { CellValue = new CellValue(value), StyleIndex = text.Contains(',') ? 2U : 1U };
        }

        return new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
    }

    [GeneratedRegex(@"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[1-9][0-9]*|0)\.[0-9]{2}$")]
    private static partial Regex Amount();
}
