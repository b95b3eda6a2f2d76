using System.IO.Compression;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// Looks into an Office Open XML container (ZIP, 压缩包) before a library opens it: a truncated or damaged archive, a
/// part that would expand beyond <see cref="ReadLimits.MaxUncompressedBytes"/> or above
/// <see cref="ReadLimits.MaxCompressionRatio"/> (a ZIP bomb), a container of another kind (a Word document named
/// .xlsx), and macros (宏), which are never run.
/// </summary>
internal static class ZipGuard
{
    /// <summary>Parts this small are not judged by their compression ratio (a tiny repetitive part compresses well).</summary>
    private const long RatioFloor = 1024 * 1024;

    /// <summary>What the look found.</summary>
    /// <param name="Error">Why the file is not read, for the user; null when it may be opened.</param>
    /// <param name="HasMacros">True when the container holds a VBA project (vbaProject.bin).</param>
    public readonly record struct Finding(LocalText? Error, bool HasMacros);

    /// <summary>
    /// Checks the archive in <paramref name="stream"/> (seekable; left open and rewound) for a part named
    /// parts in <paramref name="mainFolder"/> (e.g. <c>xl/</c>) of an <paramref name="expected"/> (e.g. Excel workbook).
    /// </summary>
    public static Finding Check(Stream stream, ReadLimits limits, string mainFolder, LocalText expected)
    {
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var hasMain = false;
            var macros = false;
            var word = false;
            var slides = false;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/').TrimStart('/');
                hasMain |= name.StartsWith(mainFolder, StringComparison.OrdinalIgnoreCase);
                macros |= name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase);
                word |= name.StartsWith("word/", StringComparison.OrdinalIgnoreCase);
                slides |= name.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase);
                if (entry.Length > limits.MaxUncompressedBytes)
                {
                    return new(ReaderMessages.ZipPartTooLarge.Format(name, entry.Length, limits.MaxUncompressedBytes, expected), macros);
                }

                if (entry.Length > RatioFloor && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    var ratio = entry.Length / (double)Math.Max(1, entry.CompressedLength);
                    return new(ReaderMessages.ZipPartRatio.Format(name, ratio, entry.CompressedLength, entry.Length, limits.MaxCompressionRatio, expected), macros);
                }
            }

            if (!hasMain)
            {
                var what = word ? ReaderMessages.ZipHoldsWord.Format()
                    : slides ? ReaderMessages.ZipHoldsSlides.Format()
                    : ReaderMessages.ZipWithout.Format(mainFolder);
                return new(ReaderMessages.ZipWithoutMain.Format(what, expected, mainFolder), macros);
            }

            return new(null, macros);
        }
        catch (InvalidDataException ex)
        {
            return new(ReaderMessages.ZipIncomplete.Format(ex.Message, expected), false);
        }
        catch (IOException ex)
        {
            return new(ReaderMessages.ZipUnreadable.Format(ex.Message, expected), false);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// <paramref name="stream"/> when it can seek, else a copy in a temporary file deleted on close (the archive's
    /// directory is at its end); <paramref name="owned"/> says whether the caller disposes the result.
    /// </summary>
    public static Stream Seekable(Stream stream, out bool owned)
    {
        if (stream.CanSeek)
        {
            owned = false;
            return stream;
        }

        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        stream.CopyTo(copy);
        copy.Position = 0;
        owned = true;
        return copy;
    }
}
