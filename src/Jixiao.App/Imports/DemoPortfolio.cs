using System.Globalization;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;

namespace Jixiao.App.Imports;

/// <summary>
/// The demo data set's part of the import (演示数据): it loads only into an empty database, and a demo load cut short
/// by a stop is removed first (its batch failed, then deleted with whatever it holds), through the same writer as
/// every other deletion.
/// </summary>
public sealed class DemoPortfolio(FormQueries forms, ImportBatchStore batches, FormWriter writer, IKeptFiles kept)
{
    /// <summary>
    /// True when the demo data may be loaded: no form is stored and every batch is the demo loader's own
    /// (<paramref name="demoUser"/>); such batches are removed.
    /// </summary>
    public async Task<bool> PrepareAsync(string demoUser, CancellationToken cancellationToken = default)
    {
        var all = await batches.ListAllAsync(cancellationToken);
        if (all.Any(b => b.CreatedBy != demoUser))
        {
            return false;
        }

        // a demo load cut short is failed first: on SQLite an import commits its forms in chunks, and failing the
        // batch removes the ones it had stored
        foreach (var b in all.Where(b => b.Status is ImportStatus.Queued or ImportStatus.Running))
        {
            await batches.FailAsync(b.Id, ImportMessages.DemoInterrupted.Format(b.FileName).Kept, 0, b.ContentHash, null, cancellationToken);
        }

        if (await forms.AnyAsync(cancellationToken))
        {
            return false;
        }

        foreach (var b in all)
        {
            var id = b.Id.ToString(CultureInfo.InvariantCulture);
            await writer.DeleteBatchAsync(b.Id, new AuditRecord(demoUser, "delete", "import", id, $"{b.FileName}: an interrupted demo load removed"), cancellationToken);
            kept.Delete(b.Id, b.FileName);
        }

        return true;
    }
}
