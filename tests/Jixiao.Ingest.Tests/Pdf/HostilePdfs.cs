using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Pdf;

/// <summary>
/// The hostile PDFs of the robustness tests, made once per test run in a scratch folder: a scanned page (only an
/// image), a PDF of prose without a table, a 500-page PDF, an encrypted PDF (qpdf), a truncated one and junk.
/// </summary>
public static class HostilePdfs
{
    private static readonly Lazy<string> ScannedPdf = new(() => Print("scanned", $"<img src=\"data:image/png;base64,{Convert.ToBase64String(Png(400, 300))}\" width=\"400\" height=\"300\">"));

    private static readonly Lazy<string> ProsePdf = new(() => Print("prose",
        "<h1>关于开展2024年度财政项目绩效自评工作的通知</h1><p>各预算单位：根据《中华人民共和国预算法》和有关规定，现将2024年度项目支出绩效自评工作有关事项通知如下。请各单位认真组织，按时报送。</p><p>特此通知。</p>"));

    private static readonly Lazy<string> LongPdf = new(() =>
    {
        // The police corpus printed ten times over: about 500 pages of forms.
        var table = CorpusRendering.Html(Corpus.PathOf(Corpus.Police2024), borders: true);
        var start = table.IndexOf("<table>", StringComparison.Ordinal);
        var end = table.IndexOf("</table>", StringComparison.Ordinal) + "</table>".Length;
        var body = new StringBuilder(table[..start]);
        for (var i = 0; i < LongCopies; i++)
        {
            body.Append(table[start..end]);
        }

        body.Append("</body></html>\n");
        var path = Path.Combine(PdfRenderings.ScratchFolder, "long.html");
        File.WriteAllText(path, body.ToString());
        return CorpusRendering.ChromiumPdf(path);
    });

    /// <summary>How many times the police corpus is printed in <see cref="Long"/>.</summary>
    public const int LongCopies = 10;

    /// <summary>Why the encrypted PDF cannot be made here (qpdf missing), or null.</summary>
    public static string? NoQpdf => File.Exists("/usr/bin/qpdf") ? null : "qpdf is not installed (apt-get install -y qpdf): it encrypts the test PDF";

    /// <summary>A PDF whose one page holds only an image, as a scanner makes.</summary>
    public static string Scanned => ScannedPdf.Value;

    /// <summary>A PDF of a heading and two paragraphs: text, no table.</summary>
    public static string Prose => ProsePdf.Value;

    /// <summary>The police corpus printed <see cref="LongCopies"/> times with ruling lines.</summary>
    public static string Long => LongPdf.Value;

    /// <summary>The target declarations printed with ruling lines, encrypted by qpdf with a user password.</summary>
    public static string Encrypted()
    {
        var source = PdfRenderings.PathOf(Corpus.Police2023Targets, PdfRendering.ChromiumRuled);
        var output = Path.Combine(PdfRenderings.ScratchFolder, "encrypted.pdf");
        if (!File.Exists(output))
        {
            var start = new ProcessStartInfo("/usr/bin/qpdf") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "--encrypt", "secret", "owner-secret", "256", "--", source, output })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit(60_000);
            if (!File.Exists(output))
            {
                throw new InvalidOperationException("qpdf wrote no encrypted PDF: " + process.StandardError.ReadToEnd());
            }
        }

        return output;
    }

    private static string Print(string name, string body)
    {
        var path = Path.Combine(PdfRenderings.ScratchFolder, name + ".html");
        File.WriteAllText(path, $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>body{{font-family:'WenQuanYi Zen Hei',sans-serif}}</style></head><body>{body}</body></html>");
        return CorpusRendering.ChromiumPdf(path);
    }

    /// <summary>A grey-scale PNG of stripes (a stand-in for a scanned page).</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(((x / 8) + (y / 8)) % 2 == 0 ? 40 : 220));
            }
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteInt(header, 0, width);
        WriteInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 0; // grey
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteInt(length, 0, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        WriteInt(crc, 0, (int)Crc32(typed));
        png.Write(crc);
    }

    private static void WriteInt(byte[] buffer, int at, int value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
