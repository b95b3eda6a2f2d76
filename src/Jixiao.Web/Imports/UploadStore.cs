using System.Text;
using Jixiao.App.Imports;
using Jixiao.Ingest.Formats;
using Jixiao.Web.Shared;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Imports;

/// <summary>
/// Keeps each imported file as <c>{DataDirectory}/uploads/{batchId}{.txt|.json|.jsonl}</c>: the background import reads it
/// from there, and the form page shows a form's source lines (provenance) from it. Files of failed or duplicate
/// batches are removed.
/// </summary>
public sealed class UploadStore : IKeptFiles
{
    public UploadStore(IOptions<JixiaoOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "uploads"));
    }

    public string Directory { get; }

    /// <summary>The kept file of a batch whose file was named <paramref name="fileName"/>.</summary>
    public string PathOf(long batchId, string fileName) =>
        Path.Combine(Directory, batchId.ToString(System.Globalization.CultureInfo.InvariantCulture) + Extension(fileName));

    /// <summary>The lower-case extension when a registered format reads it (else <c>.txt</c>).</summary>
    public static string Extension(string fileName)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return FormatRegistry.Default.Accepts(ext) ? ext : ".txt";
    }

    public async Task<string> SaveAsync(long batchId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(batchId, fileName);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
        return path;
    }

    public void Delete(long batchId, string fileName)
    {
        try
        {
            File.Delete(PathOf(batchId, fileName));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Lines <paramref name="first"/>..<paramref name="last"/> (1-based, inclusive, at most 400) of a batch's kept
    /// text file; empty when the file is not kept or not text (the format registry tells by its content, as it did
    /// when the file was read).
    /// </summary>
    public async Task<IReadOnlyList<(int Line, string Text)>> ReadLinesAsync(long batchId, string batchFileName, int first, int last, CancellationToken cancellationToken)
    {
        if (first < 1 || last < first)
        {
            return [];
        }

        last = Math.Min(last, first + 399);
        var path = PathOf(batchId, batchFileName);
        if (!File.Exists(path) || !await IsTextAsync(path, batchFileName, cancellationToken))
        {
            return [];
        }

        try
        {
            return await ReadLinesAsync(path, new UTF8Encoding(false, throwOnInvalidBytes: true), first, last, cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            // not UTF-8: the reader took it as GB18030 (GBK), and so does this view
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return await ReadLinesAsync(path, Encoding.GetEncoding("GB18030"), first, last, cancellationToken);
        }
    }

    private static async Task<bool> IsTextAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            return (await FormatRegistry.Default.IdentifyAsync(file, fileName, cancellationToken)).Format is TextFormat;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<(int Line, string Text)>> ReadLinesAsync(string path, Encoding encoding, int first, int last, CancellationToken cancellationToken)
    {
        var lines = new List<(int, string)>(last - first + 1);
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var n = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            n++;
            if (n >= first)
            {
                lines.Add((n, line.Length > 2000 ? line[..2000] : line));
            }

            if (n >= last)
            {
                break;
            }
        }

        return lines;
    }
}
