using System.Text.Json;
using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Imports;

/// <summary>
/// The import page: drop or choose files; each accepted file becomes an import batch processed in the background,
/// whose progress the page follows (<c>/imports/{id}/status</c>). Refused files say why and store nothing. The list
/// below shows the recent batches. Administrators and finance reviewers import; only administrators delete a batch with its forms (AccessPolicy).
/// </summary>
public sealed class IndexModel(UploadHandler uploads, ImportBatches batches, DeleteBatch delete, ImportQueue queue) : PageModel
{
    private const string OutcomesKey = "import-outcomes";

    public PagedResult<ImportBatchView> Batches { get; private set; } = new([], 0, 1, 50);

    public IReadOnlyList<UploadOutcome> Outcomes { get; private set; } = [];

    public string? Message { get; private set; }

    public long MaxFileBytes => uploads.MaxFileBytes;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[OutcomesKey] is string json)
        {
            Outcomes = JsonSerializer.Deserialize<List<UploadOutcome>>(json) ?? [];
        }

        Message = TempData["message"] as string;
        Batches = await batches.ListAsync(User.Caller(), PageNumber, 50, cancellationToken);
    }

    /// <summary>
    /// GET /imports?handler=Batches: the batch table alone (<c>_BatchTable</c>), which the page's script puts in place
    /// after an upload and while a batch is queued or running, so that new batches, their status and progress show
    /// without a full reload.
    /// </summary>
    public async Task<IActionResult> OnGetBatchesAsync(CancellationToken cancellationToken)
    {
        Batches = await batches.ListAsync(User.Caller(), PageNumber, 50, cancellationToken);
        return Partial("_BatchTable", this);
    }

    /// <summary>How far a running batch is: forms stored so far and the share of the file read; null when not running.</summary>
    public BatchProgress? ProgressOf(ImportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Status != ImportStatus.Running || queue.ProgressOf(batch.Id) is not { } p)
        {
            return null;
        }

        var total = p.TotalBytes ?? batch.SizeBytes;
        return new BatchProgress(p.Forms, total > 0 ? (int)Math.Clamp(100 * p.BytesRead / total, 0, 100) : 0);
    }

    /// <summary>POST /imports?handler=upload (multipart, field <c>files</c>): JSON for scripts, a redirect for plain forms.</summary>
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var files = Request.HasFormContentType ? Request.Form.Files : null;
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (files is null || files.Count == 0)
        {
            var message = Ui.T("请选择要导入的文件。", "Choose the files to import.");
            return wantsJson ? new JsonResult(new { files = Array.Empty<object>(), error = message }) { StatusCode = StatusCodes.Status400BadRequest } : Back(message);
        }

        var outcomes = await uploads.AcceptAsync(files, User.Actor(), cancellationToken);
        if (wantsJson)
        {
            return new JsonResult(new
            {
                files = outcomes.Select(o => new
                {
                    fileName = o.FileName,
                    size = o.SizeBytes,
                    batchId = o.BatchId,
                    error = o.Error,
                    statusUrl = o.BatchId is { } id ? $"/imports/{id}/status" : null,
                }),
            })
            {
                StatusCode = outcomes.Any(o => o.Accepted) ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
            };
        }

        TempData[OutcomesKey] = JsonSerializer.Serialize(outcomes);
        return RedirectToPage();
    }

    /// <summary>Deletes a batch and all its forms (written to the audit log). Administrators only, as in the API.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.Allows(User.Caller(), Permission.DeleteBatch))
        {
            return Forbid();
        }

        var result = await delete.ExecuteAsync(User.Caller(), id, cancellationToken: cancellationToken);
        if (result.Outcome == BatchDeletion.NotFound || result.Batch is not { } batch)
        {
            return NotFound();
        }

        if (result.Outcome == BatchDeletion.Busy)
        {
            return Back(Ui.T("批次仍在处理中，完成后才能删除。", "The batch is still being processed; delete it when it is done."));
        }

        return Back(Ui.T($"已删除批次 #{id}（{batch.FileName}）及其 {batch.FormCount} 张表。", $"Deleted batch #{id} ({batch.FileName}) and its {batch.FormCount} forms."));
    }

    private RedirectToPageResult Back(string message)
    {
        TempData["message"] = message;
        return RedirectToPage();
    }
}

/// <summary>A running batch's progress in the batch table: forms stored so far and the percent of the file read.</summary>
public sealed record BatchProgress(long Forms, int Percent);
