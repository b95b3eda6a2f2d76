using System.Runtime.CompilerServices;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Imports;
using Jixiao.Data.Portfolio;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;

namespace Jixiao.Data.Tests;

/// <summary>
/// The queries of Jixiao.Data as the data tests use them, over one database: forms (<see cref="FormQueries"/>), the
/// portfolio (<see cref="PortfolioQueries"/>), batches (<see cref="ImportBatchStore"/>) and deletions
/// (<see cref="FormWriter"/>). A department scope given by name is resolved the way the access policy does it.
/// </summary>
public sealed class TestStore
{
    public const int TextCountLimit = FormQueries.TextCountLimit;

    private readonly JixiaoDatabase database;

    public TestStore(JixiaoDatabase database) => this.database = database;

    public int TextWalkWindow { get; init; } = 10_000;

    public bool UseSearchGrams { get; init; } = true;

    private FormQueries Forms => new(database) { TextWalkWindow = TextWalkWindow, UseSearchGrams = UseSearchGrams };

    private PortfolioQueries Portfolio => new(database, Forms);

    public static string EscapeLike(string text) => TextSearch.EscapeLike(text);

    /// <summary>The scope of a department user of <paramref name="department"/>; null for everyone.</summary>
    public async Task<DepartmentScope?> ScopeAsync(string? department) =>
        department is null ? null : DepartmentScope.Only(await new DepartmentDirectory(database).IdsOfAsync(department));

    public Task<PagedResult<FormSummary>> ListAsync(FormQuery query) => Forms.ListAsync(query);

    public Task<PagedResult<FormSummary>> ListAsync(FormQuery query, bool exactCount) => Forms.ListAsync(query, exactCount);

    public Task<FormTotals> GetTotalsAsync(FormQuery query) => Forms.GetTotalsAsync(query);

    public Task<FormTotals> ComputeTotalsAsync(FormQuery query) => Forms.ComputeTotalsAsync(query);

    public async Task<FormDetail?> GetAsync(long id, string? scopeDepartment = null) => await Forms.GetAsync(id, await ScopeAsync(scopeDepartment));

    public Task<PortfolioStatistics> GetStatisticsAsync(FormQuery query) => Portfolio.GetStatisticsAsync(query);

    public Task<PortfolioStatistics> ComputeStatisticsAsync(FormQuery query) => Portfolio.ComputeStatisticsAsync(query);

    public Task<IReadOnlyList<FindingGroup>> GetFindingGroupsAsync(FormQuery query, FindingGrouping by = FindingGrouping.CheckAndDepartment) =>
        Portfolio.GetFindingGroupsAsync(query, by);

    public Task<IReadOnlyList<FindingGroup>> ComputeFindingGroupsAsync(FormQuery query) => Portfolio.ComputeFindingGroupsAsync(query);

    public async Task<ProjectLineage?> GetLineageAsync(long formId, string? scopeDepartment = null) =>
        await Portfolio.GetLineageAsync(formId, await ScopeAsync(scopeDepartment));

    public async Task<ProjectLineage> GetLineageAsync(string lineageKey, string? department = null, string? scopeDepartment = null) =>
        await Portfolio.GetLineageAsync(lineageKey, department, await ScopeAsync(scopeDepartment));

    public async IAsyncEnumerable<FormDetail> StreamAsync(FormQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var d in Forms.StreamAsync(query, cancellationToken))
        {
            yield return d;
        }
    }

    public async Task<IReadOnlyList<OrganisationItem>> ListDepartmentsAsync(string? scopeDepartment = null) =>
        await Portfolio.ListDepartmentsAsync(await ScopeAsync(scopeDepartment));

    public Task<IReadOnlyList<int>> ListYearsAsync() => Portfolio.ListYearsAsync();

    public async Task<ImportBatch?> GetBatchAsync(long id) => (await new ImportBatchStore(database).GetAsync(id))?.Batch;

    public async Task<bool> DeleteBatchAsync(long id) =>
        await new FormWriter(database).DeleteBatchAsync(id, new AuditRecord("test", "delete", "import", id.ToString(System.Globalization.CultureInfo.InvariantCulture))) == BatchDeletion.Deleted;
}
