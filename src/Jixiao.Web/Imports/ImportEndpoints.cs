using Jixiao.App.Imports;
using Jixiao.Data.Entities;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Imports;

/// <summary>The small JSON endpoints the import page and the layout poll.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportStatus(this IEndpointRouteBuilder app)
    {
        // GET /imports/{id}/status: a batch's status and progress
        app.MapGet("/imports/{id:long}/status", async (long id, HttpContext http, ImportBatches batches, ImportQueue queue, CancellationToken ct) =>
        {
            var view = await batches.GetAsync(http.User.Caller(), id, ct);
            return view is null ? Results.NotFound() : Results.Json(StatusOf(view.Batch, queue));
        }).RequireAuthorization(UserClaims.CanChangePolicy);

        // GET /demo/status: whether the demo data set is still loading
        app.MapGet("/demo/status", (DemoState demo) => Results.Json(new
        {
            status = demo.Status.ToString().ToLowerInvariant(),
            forms = demo.Forms,
            target = demo.Target,
        })).AllowAnonymous();
        return app;
    }

    public static object StatusOf(ImportBatch batch, ImportQueue queue)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(queue);
        var progress = queue.ProgressOf(batch.Id);
        var done = batch.Status is ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Duplicate;
        return new
        {
            id = batch.Id,
            fileName = batch.FileName,
            status = batch.Status.ToString().ToLowerInvariant(),
            statusText = Ui.StatusText(batch.Status),
            done,
            forms = done ? batch.FormCount : progress?.Forms ?? 0,
            findings = batch.FindingCount,
            bytesRead = done ? batch.SizeBytes : progress?.BytesRead ?? 0,
            totalBytes = batch.SizeBytes,
            error = batch.ErrorMessage is null ? null : Ui.Kept(batch.ErrorMessage),
            duplicateOf = batch.DuplicateOfBatchId,
        };
    }
}
