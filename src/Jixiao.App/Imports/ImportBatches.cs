using Jixiao.App.Access;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;

namespace Jixiao.App.Imports;

/// <summary>
/// Import batches as a caller may see them (导入批次): everyone sees every batch, except a department user, who sees the
/// batches holding forms of their department, with the counts of those forms.
/// </summary>
public sealed class ImportBatches(AccessPolicy policy, ImportBatchStore store)
{
    public async Task<PagedResult<ImportBatchView>> ListAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default) =>
        await store.ListAsync(page, pageSize, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    public async Task<ImportBatchView?> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default) =>
        await store.GetAsync(id, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);
}
