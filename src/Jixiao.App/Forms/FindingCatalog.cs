using System.Runtime.CompilerServices;
using Jixiao.App.Access;
using Jixiao.Data.Forms;

namespace Jixiao.App.Forms;

/// <summary>
/// The stored findings as a caller may see them (问题清单): one page of the list, and every finding of a query for
/// exports. A thin facade like <see cref="FormCatalog"/>: it applies the caller's department scope to the forms of
/// every query, whatever the query says, and leaves the rest to <see cref="FindingQueries"/>.
/// </summary>
public sealed class FindingCatalog(AccessPolicy policy, FindingQueries queries)
{
    /// <summary>A list the stored totals cannot count is counted up to this many findings (<see cref="FindingQueries.CountLimit"/>).</summary>
    public const int CountLimit = FindingQueries.CountLimit;

    /// <summary>One page of the findings <paramref name="query"/> selects within the caller's scope.</summary>
    public async Task<PagedResult<FindingRow>> ListAsync(Caller caller, FindingQuery query, CancellationToken cancellationToken = default) =>
        await queries.ListAsync(await ScopedAsync(caller, query, cancellationToken), cancellationToken);

    /// <summary>Every finding <paramref name="query"/> selects within the caller's scope, in its order (exports).</summary>
    public async IAsyncEnumerable<FindingRow> StreamAsync(Caller caller, FindingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scoped = await ScopedAsync(caller, query, cancellationToken);
        await foreach (var row in queries.StreamAsync(scoped, cancellationToken))
        {
            yield return row;
        }
    }

    private async Task<FindingQuery> ScopedAsync(Caller caller, FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query with { Forms = query.Forms with { Scope = await policy.ScopeAsync(caller, cancellationToken) } };
    }
}
