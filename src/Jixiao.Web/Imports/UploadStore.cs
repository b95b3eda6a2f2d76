using System.Text;
using Jixiao.App.Imports;
using Jixiao.Web.Shared;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Imports;

/// <summary>
/// Keeps each imported file as <c>{DataDirectory}/uploads/{batchId}{.txt|.json}</c>: the background import reads it
/// from there, and the form page shows a form's source lines (provenance) from it. Files of failed or duplicate
/// batches are removed.
/// </summary>
public sealed class UploadStore : IKeptFiles
{
    /// <summary>Extensions that are imported.</summary>
    public static readonly string[] Accepted = [".txt", ".json", ".jsonl"];

    /// <summary>Kinds that are recognised but not read yet: PDF and Excel (converted text or JSON is).</summary>
    public static readonly string[] NotYetSupported = [".pdf", ".xlsx", ".xls", ".xlsm", ".doc", ".docx", ".ofd", ".wps", ".et"];

    public UploadStore(IOptions<JixiaoOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "uploads"));
    }

    public string Directory { get; }

    /// <summary>The kept file of a batch whose file was named <paramref name="fileName"/>.</summary>
    public string PathOf(long batchId, string fileName) =>
        Path.Combine(Directory, batchId.ToString(System.Globalization.CultureInfo.InvariantCulture) + Extension(fileName));

    /// <summary>The lower-case extension, one of <see cref="Accepted"/> (else <c>.txt</c>).</summary>
    public static string Extension(string fileName)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return Accepted.Contains(ext) ? ext : ".txt";
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
    /// text file; empty when the file is not kept or not text.
    /// </summary>
    public async Task<IReadOnlyList<(int Line, string Text)>> ReadLinesAsync(long batchId, string batchFileName, int first, int last, CancellationToken cancellationToken)
    {
        if (first < 1 || last < first || Extension(batchFileName) != ".txt")
        {
            return [];
        }

        last = Math.Min(last, first + 399);
        var path = PathOf(batchId, batchFileName);
        if (!File.Exists(path))
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
