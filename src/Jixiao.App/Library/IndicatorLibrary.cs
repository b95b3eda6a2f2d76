using Jixiao.App.Access;
using Jixiao.Data.Library;

namespace Jixiao.App.Library;

/// <summary>
/// The indicator library (指标库) as a caller may see it: the list of entries, one entry, the suggestions while
/// declaring, and how far the counts have come. A thin facade: it sets the caller's department scope on every query
/// (a department user sees their own department's figures beside the anonymised whole), and it runs the build of the
/// counts for the host's background worker (<see cref="CatchUpAsync"/>).
/// </summary>
public sealed class IndicatorLibrary(AccessPolicy policy, LibraryQueries queries, LibraryBuilder builder)
{
    /// <summary>One page of the entries <paramref name="query"/> selects.</summary>
    public async Task<LibraryPage> ListAsync(Caller caller, LibraryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.ListAsync(query with { Scope = await ScopeAsync(caller, cancellationToken) }, cancellationToken);
    }

    /// <summary>One entry in full (that of the entry it is merged into, when it is merged); null when there is none.</summary>
    public async Task<LibraryEntryDetail?> EntryAsync(Caller caller, long id, string? projectType = null, CancellationToken cancellationToken = default) =>
        await queries.EntryAsync(id, await ScopeAsync(caller, cancellationToken), projectType, cancellationToken);

    /// <summary>The indicators projects like <see cref="SuggestionQuery.Project"/> usually measure.</summary>
    public async Task<Suggestions> SuggestAsync(Caller caller, SuggestionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await queries.SuggestAsync(query with { Scope = await ScopeAsync(caller, cancellationToken) }, cancellationToken);
    }

    /// <summary>The first- and second-level labels the entries use (the level filter's choices).</summary>
    public Task<IReadOnlyList<(string Level1, string Level2)>> LevelsAsync(CancellationToken cancellationToken = default) => queries.LevelsAsync(cancellationToken);

    /// <summary>How far the counts have come (batches counted, batches waiting).</summary>
    public Task<LibraryStatus> StatusAsync(CancellationToken cancellationToken = default) => builder.StatusAsync(cancellationToken);

    /// <summary>Counts the import batches not counted yet (the host's background worker; tests).</summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) => builder.CatchUpAsync(cancellationToken);

    private async ValueTask<Jixiao.Data.Forms.DepartmentScope?> ScopeAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = await policy.ScopeAsync(caller, cancellationToken);
        return scope.IsAll ? null : scope;
    }
}
