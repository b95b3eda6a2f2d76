using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;

namespace Jixiao.App.Imports;

/// <summary>What became of a request to delete a batch, and the batch as it was.</summary>
public sealed record BatchDeletionResult(BatchDeletion Outcome, ImportBatch? Batch);

/// <summary>
/// The use case "delete an import batch" (删除批次): administrators only; the batch's forms and everything derived from
/// them go through <see cref="FormWriter"/> in one transaction with the audit entry; the kept file goes after. Of
/// concurrent deletions of one batch exactly one deletes it, the others find it gone.
/// </summary>
public sealed class DeleteBatch(FormWriter writer, ImportBatchStore batches, IKeptFiles kept)
{
    /// <summary>Deletes batch <paramref name="batchId"/>; <paramref name="via"/> is noted in the audit entry (e.g. <c>API</c>).</summary>
    public async Task<BatchDeletionResult> ExecuteAsync(Caller caller, long batchId, string? via = null, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Demand(caller, Permission.DeleteBatch);
        var view = await batches.GetAsync(batchId, DepartmentScope.All, cancellationToken);
        if (view is null)
        {
            return new BatchDeletionResult(BatchDeletion.NotFound, null);
        }

        var batch = view.Batch;
        if (batch.Status is ImportStatus.Queued or ImportStatus.Running)
        {
            return new BatchDeletionResult(BatchDeletion.Busy, batch);
        }

        var audit = new AuditRecord(caller.Name, "delete", "import", batchId.ToString(CultureInfo.InvariantCulture),
            $"{batch.FileName}: {batch.FormCount} forms deleted" + (via is null ? "" : $" ({via})"));
        var outcome = await writer.DeleteBatchAsync(batchId, audit, cancellationToken);
        if (outcome == BatchDeletion.Deleted)
        {
            kept.Delete(batchId, batch.FileName);
        }

        return new BatchDeletionResult(outcome, batch);
    }
}
