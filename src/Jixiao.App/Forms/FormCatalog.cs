using Jixiao.App.Access;
using Jixiao.Data.Forms;

namespace Jixiao.App.Forms;

/// <summary>
/// The stored forms as a caller may see them (表单): the list, one form, and every form of a query for exports. A thin
/// facade: it applies the caller's department scope (from the <see cref="AccessPolicy"/>) to every query, whatever the
/// query says, and leaves the rest to the queries of Jixiao.Data.
/// </summary>
public sealed class FormCatalog(AccessPolicy policy, FormQueries queries, FormReader reader)
{
    /// <summary>A full-text list is counted up to this many forms (see <see cref="FormQueries.TextCountLimit"/>).</summary>
    public const int TextCountLimit = FormQueries.TextCountLimit;

    /// <summary>One page of the forms <paramref name="query"/> selects within the caller's scope.</summary>
    public Task<PagedResult<FormSummary>> ListAsync(Caller caller, FormQuery query, CancellationToken cancellationToken = default) =>
        ListAsync(caller, query, exactCount: false, cancellationToken);

    /// <summary>The same, a full-text search counted to the end when <paramref name="exactCount"/> (精确计数).</summary>
    public async Task<PagedResult<FormSummary>> ListAsync(Caller caller, FormQuery query, bool exactCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.ListAsync(query with { Scope = await policy.ScopeAsync(caller, cancellationToken) }, exactCount, cancellationToken);
    }

    /// <summary>The totals (汇总) of every form <paramref name="query"/> selects within the caller's scope.</summary>
    public async Task<FormTotals> TotalsAsync(Caller caller, FormQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.GetTotalsAsync(query with { Scope = await policy.ScopeAsync(caller, cancellationToken) }, cancellationToken);
    }

    /// <summary>One form with its goals, indicators, findings and batch; null when missing or out of scope.</summary>
    public async Task<FormDetail?> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default) =>
        await queries.GetAsync(id, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    /// <summary>
    /// One form for the API's hottest path (one prepared round trip, no import batch); null when missing or out of
    /// scope. Same answer as <see cref="GetAsync"/> otherwise.
    /// </summary>
    public async Task<FormDetail?> ReadAsync(Caller caller, long id, CancellationToken cancellationToken = default) =>
        await reader.GetAsync(id, await policy.ScopeAsync(caller, cancellationToken), cancellationToken);

    /// <summary>Every form <paramref name="query"/> selects within the caller's scope, in its order, with details (exports).</summary>
    public async IAsyncEnumerable<FormDetail> StreamAsync(Caller caller, FormQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scoped = query with { Scope = await policy.ScopeAsync(caller, cancellationToken) };
        await foreach (var form in queries.StreamAsync(scoped, cancellationToken))
        {
            yield return form;
        }
    }
}
