using Jixiao.App.Imports;
using Jixiao.Ingest.Formats;
using Jixiao.Web.Shared;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Imports;

/// <summary>What became of one uploaded file: a queued batch, or the reason it was refused (nothing stored).</summary>
public sealed record UploadOutcome(string FileName, long SizeBytes, long? BatchId, string? Error)
{
    public bool Accepted => BatchId is not null;
}

/// <summary>
/// Accepts uploaded files for import: checks each one (type by extension and by content, as the format registry says;
/// size, emptiness),
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

    /// <summary>
    /// Why <paramref name="file"/> cannot be imported, in the request's language; null when it can. What the file is
    /// comes from <see cref="FormatRegistry.Default"/>: its name must have an extension a format reads, and its
    /// content must be recognised by one (a PDF renamed .txt is refused).
    /// </summary>
    public async Task<string?> ValidateAsync(IFormFile file, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var formats = FormatRegistry.Default;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (formats.UnreadByName(name) is { } unread)
        {
            return NotReadYet(unread, ext);
        }

        if (!formats.Accepts(name))
        {
            return Ui.T($"不支持的文件类型「{ext}」：请上传 PDF、Excel（.xlsx、.xls）、Word（.docx）、网页（.html）、文本（.txt）或 JSON 文件。未保存任何内容。",
                $"Unsupported file type \"{ext}\": upload PDF, Excel (.xlsx, .xls), Word (.docx), web page (.html), text (.txt) or JSON files. Nothing was stored.");
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

        FormatMatch match;
        await using (var s = file.OpenReadStream())
        {
            match = await formats.IdentifyAsync(s, name, cancellationToken);
        }

        return match.Refusal switch
        {
            null => null,
            { Reason: RefusalReason.NotReadYet, Kind: { } kind } =>
                Ui.T($"文件扩展名是 {ext}，但内容是 {kind.Label} 文件：暂不支持，请上传 PDF、Excel、Word、网页、文本或 JSON。未保存任何内容。",
                    $"The file is named {ext} but holds a {kind.Label} file: not supported yet; upload PDF, Excel, Word, a web page, text or JSON. Nothing was stored."),
            { Reason: RefusalReason.Empty } => Ui.T("文件为空。未保存任何内容。", "The file is empty. Nothing was stored."),
            _ => Ui.T($"文件扩展名是 {ext}，但内容不是文本（含有 NUL 字节或大量控制字符）：请上传 UTF-8 或 GB18030 编码的文本或 JSON。未保存任何内容。",
                $"The file is named {ext} but is not text (it holds NUL bytes or mostly control characters): upload UTF-8 or GB18030 text or JSON. Nothing was stored."),
        };
    }

    /// <summary>The message for a file whose name says it is of a kind not read yet.</summary>
    private static string NotReadYet(UnreadFormat kind, string ext) => kind.Name switch
    {
        "ofd" => Ui.T("暂不支持 OFD 文件：请先导出为 PDF 再上传。未保存任何内容。",
            "OFD files are not supported yet: export the document as PDF first. Nothing was stored."),
        "ole" => Ui.T("暂不支持旧版 Word/WPS 文档（.doc、.wps）：请另存为 .docx 或 PDF 再上传。未保存任何内容。",
            "Legacy Word/WPS documents (.doc, .wps) are not supported: save them as .docx or PDF first. Nothing was stored."),
        "zip" => Ui.T("这是一个 ZIP 压缩包，不是 Excel 工作簿或 Word 文档：请解压后上传其中的文件。未保存任何内容。",
            "This is a ZIP archive, not an Excel workbook or a Word document: unpack it and upload the files inside. Nothing was stored."),
        _ => Ui.T($"暂不支持 {kind.Label} 文件（{ext}）：请把表格另存为 PDF、Excel（.xlsx）或 Word（.docx）再上传。未保存任何内容。",
            $"{kind.Label} files ({ext}) are not supported: save the tables as PDF, Excel (.xlsx) or Word (.docx) first. Nothing was stored."),
    };
}
