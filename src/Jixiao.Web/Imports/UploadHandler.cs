using Jixiao.App.Imports;
using Jixiao.Web.Shared;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Imports;

/// <summary>What became of one uploaded file: a queued batch, or the reason it was refused (nothing stored).</summary>
public sealed record UploadOutcome(string FileName, long SizeBytes, long? BatchId, string? Error)
{
    public bool Accepted => BatchId is not null;
}

/// <summary>
/// Accepts uploaded files for import: checks each one (type by extension and by its first bytes, size, emptiness),
/// keeps it, records a queued batch and queues it for <see cref="ImportWorker"/>. A refused file stores nothing and
/// does not stop the others. Used by the import page and, later, by <c>POST /api/v1/imports</c>.
/// </summary>
public sealed class UploadHandler(FormImporter importer, UploadStore uploads, ImportQueue queue, IOptions<JixiaoOptions> options)
{
    public long MaxFileBytes => options.Value.Imports.MaxFileBytes;

    public int MaxFiles => options.Value.Imports.MaxFiles;

    public async Task<IReadOnlyList<UploadOutcome>> AcceptAsync(IReadOnlyList<IFormFile> files, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var outcomes = new List<UploadOutcome>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = FileNames.Clean(file.FileName, "upload.txt");
            if (i >= MaxFiles)
            {
                outcomes.Add(new UploadOutcome(name, file.Length, null, Ui.T($"一次最多上传 {MaxFiles} 个文件，此文件未处理", $"At most {MaxFiles} files per upload: this file was not processed")));
                continue;
            }

            var error = await ValidateAsync(file, name, cancellationToken);
            if (error is not null)
            {
                outcomes.Add(new UploadOutcome(name, file.Length, null, error));
                continue;
            }

            var batchId = await importer.QueueAsync(name, file.Length, user, cancellationToken);
            string path;
            await using (var content = file.OpenReadStream())
            {
                path = await uploads.SaveAsync(batchId, name, content, cancellationToken);
            }

            await queue.EnqueueAsync(new ImportJob(batchId, path, name, user), cancellationToken);
            outcomes.Add(new UploadOutcome(name, file.Length, batchId, null));
        }

        return outcomes;
    }

    /// <summary>Why <paramref name="file"/> cannot be imported, in the request's language; null when it can.</summary>
    public async Task<string?> ValidateAsync(IFormFile file, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (UploadStore.NotYetSupported.Contains(ext))
        {
            return ext is ".pdf" or ".ofd"
                ? Ui.T("暂不支持 PDF 文件：请先把 PDF 转成文本（.txt，每行一行表格）或 JSON（jixiao.form/1）再上传。未保存任何内容。",
                    "PDF files are not supported yet: convert the PDF to text (.txt, one table row per line) or JSON (jixiao.form/1) first. Nothing was stored.")
                : Ui.T("暂不支持 Excel/Word 文件：请另存为文本（.txt）或 JSON（jixiao.form/1）再上传。未保存任何内容。",
                    "Excel and Word files are not supported yet: save them as text (.txt) or JSON (jixiao.form/1) first. Nothing was stored.");
        }

        if (!UploadStore.Accepted.Contains(ext))
        {
            return Ui.T($"不支持的文件类型「{ext}」：请上传 .txt（PDF 提取的文本）或 .json 文件。未保存任何内容。",
                $"Unsupported file type \"{ext}\": upload .txt (text extracted from PDF) or .json files. Nothing was stored.");
        }

        if (file.Length == 0)
        {
            return Ui.T("文件为空。未保存任何内容。", "The file is empty. Nothing was stored.");
        }

        if (file.Length > MaxFileBytes)
        {
            return Ui.T($"文件过大（{Ui.Bytes(file.Length)}），单个文件上限为 {Ui.Bytes(MaxFileBytes)}。未保存任何内容。",
                $"The file is too large ({Ui.Bytes(file.Length)}); the limit is {Ui.Bytes(MaxFileBytes)} per file. Nothing was stored.");
        }

        var head = new byte[8];
        int read;
        await using (var s = file.OpenReadStream())
        {
            read = await s.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var kind = Sniff(head.AsSpan(0, read));
        return kind is null
            ? null
            : Ui.T($"文件扩展名是 {ext}，但内容是 {kind} 文件：暂不支持，请上传文本或 JSON。未保存任何内容。",
                $"The file is named {ext} but holds a {kind} file: not supported yet; upload text or JSON. Nothing was stored.");
    }

    /// <summary>The kind of a binary file by its first bytes (PDF, Excel/ZIP, old Office), or null.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF"u8))
        {
            return "PDF";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "Excel/ZIP";
        }

        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            return "Office";
        }

        return null;
    }
}
