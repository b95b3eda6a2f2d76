using System.IO.Compression;
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
    public readonly record struct Finding(string? Error, bool HasMacros);

    /// <summary>
    /// Checks the archive in <paramref name="stream"/> (seekable; left open and rewound) for a part named
    /// parts in <paramref name="mainFolder"/> (e.g. <c>xl/</c>) of an <paramref name="expected"/> (e.g. Excel workbook).
    /// </summary>
    public static Finding Check(Stream stream, ReadLimits limits, string mainFolder, string expected)
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
                    return new($"the part {name} expands to {entry.Length:N0} bytes, more than the {limits.MaxUncompressedBytes:N0} one part may have (a ZIP bomb?): expected an {expected} of ordinary size; nothing was read", macros);
                }

                if (entry.Length > RatioFloor && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    var ratio = entry.Length / (double)Math.Max(1, entry.CompressedLength);
                    return new($"the part {name} expands {ratio:N0} times ({entry.CompressedLength:N0} to {entry.Length:N0} bytes), more than the ratio {limits.MaxCompressionRatio:N0} allowed (a ZIP bomb?): expected an {expected}; nothing was read", macros);
                }
            }

            if (!hasMain)
            {
                var what = word ? "a Word document (it holds word/document.xml)"
                    : slides ? "a PowerPoint presentation (it holds ppt/)"
                    : "a ZIP archive without " + mainFolder;
                return new($"the file is {what}, not an {expected}: expected the folder {mainFolder} in the archive; save the tables as an {expected} and read that", macros);
            }

            return new(null, macros);
        }
        catch (InvalidDataException ex)
        {
            return new($"the file is not a complete ZIP archive ({ex.Message}): it may be truncated or damaged; expected an {expected}", false);
        }
        catch (IOException ex)
        {
            return new($"the ZIP archive could not be read ({ex.Message}): it may be truncated or damaged; expected an {expected}", false);
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
