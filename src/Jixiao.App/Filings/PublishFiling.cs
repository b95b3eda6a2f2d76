using System.Globalization;
using Jixiao.App.Access;
using Jixiao.App.Imports;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Filings;
using Jixiao.Data.Forms;

namespace Jixiao.App.Filings;

/// <summary>
/// The use case "publish" (公开): the finance bureau publishes an approved filing. Its content — exactly as approved,
/// with the cells the rules compute filled in as the editor and the review showed them (<see cref="FilingCatalog.Filed"/>) —
/// is scored and checked by the filing's rule set and written to the stored forms through the one door
/// (<see cref="FormWriter"/>, decision 004) as an import batch of one form, so the portfolio, the search, the checks
/// across forms and the exports see it like any published form; in the same transaction the filing becomes published
/// with a link to the stored form, and both are audited. The new form is then compared with the stored forms (checks
/// across forms) as an import's would be; a comparison that fails is left to the background pass. A filing withdrawn
/// from public disclosure (<see cref="UnpublishFiling"/>) keeps its stored form: publishing it again links that same
/// form again without writing it twice (unless its batch was deleted meanwhile: then it is written anew).
/// </summary>
public sealed class PublishFiling(FilingCatalog filings, CrossFormChecks crossChecks, TimeProvider clock)
{
    /// <summary>Publishes approved filing <paramref name="id"/>.</summary>
    public async Task<FilingResult> ExecuteAsync(Caller caller, long id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Publish, expectedVersion, cancellationToken);
        if (refusal is not null || filing is null)
        {
            return refusal ?? FilingResult.NotFound;
        }

        var form = FilingCatalog.Filed(filing); // the computed cells filled in, as approved (docs/rules.md §8)
        var result = filings.Check(filing, form);
        var filingId = id.ToString(CultureInfo.InvariantCulture);
        if (filing.PublishedFormId is { } kept)
        {
            // published before and withdrawn (撤销公开): the same approved content is stored already; show it again
            var again = new FilingChange(id, filing.Version, filing.Status, FilingStatus.Published, caller.Name, clock.GetUtcNow().UtcDateTime,
                [new AuditRecord(caller.Name, "filing-publish", "filing", filingId,
                    $"{filing.Status} -> {FilingStatus.Published}; revision={(filing.Version + 1).ToString(CultureInfo.InvariantCulture)}; "
                    + $"form={kept.ToString(CultureInfo.InvariantCulture)}; again; project={filing.ProjectName}")])
            {
                Mark = FilingMark.Republished,
            };
            if (await filings.Store.WriteAsync(again, cancellationToken))
            {
                return await filings.DoneAsync(caller, id, result.Findings, cancellationToken);
            }

            if (await filings.Store.GetAsync(id, cancellationToken) is not { Status: FilingStatus.Approved } now || now.Version != filing.Version)
            {
                return await filings.ConflictAsync(id, filing.Version, cancellationToken);
            }

            // unchanged, so its stored form is gone (an administrator deleted the batch): written anew below
        }

        var batchName = FileNames.Clean($"filing-{filingId}.json");
        var published = await filings.Store.PublishAsync(new FilingPublication(
            id, filing.Version, form, result, result.Rules.Name, batchName, caller.Name, clock.GetUtcNow().UtcDateTime,
            formId => new AuditRecord(caller.Name, "filing-publish", "filing", filingId,
                $"{filing.Status} -> {FilingStatus.Published}; revision={(filing.Version + 1).ToString(CultureInfo.InvariantCulture)}; "
                + $"form={formId.ToString(CultureInfo.InvariantCulture)}; project={filing.ProjectName}"),
            batchId => new AuditRecord(caller.Name, "import", "import", batchId.ToString(CultureInfo.InvariantCulture),
                $"{batchName}: {ImportStatus.Succeeded}; forms=1; findings={result.Findings.Count.ToString(CultureInfo.InvariantCulture)}")),
            cancellationToken);
        if (published is null)
        {
            return await filings.ConflictAsync(id, filing.Version, cancellationToken);
        }

        try
        {
            await crossChecks.RunBatchAsync(published.BatchId, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // published; the comparison with the other forms is left to the background pass (CrossFormChecks.RunPendingAsync)
        }

        return await filings.DoneAsync(caller, id, result.Findings, cancellationToken);
    }
}
