using System.Globalization;
using Jixiao.App.Library;
using Jixiao.App.Portfolio;
using Jixiao.Data.Forms;
using Jixiao.Data.Library;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Library;

/// <summary>
/// The indicator library (指标库): every indicator name of the stored forms under its levels, how often it is used, and
/// the way to its typical targets and achieved values (<c>/library/{id}</c>). Filters by level, department, project type,
/// curation state and text; sorting and paging like the form list (<see cref="LibraryFilter"/>). Department users see their
/// own department's forms beside the anonymised whole.
/// </summary>
public sealed class IndexModel(IndicatorLibrary library, PortfolioView portfolio) : PageModel
{
    public LibraryFilter Filter { get; private set; } = LibraryFilter.Parse(new QueryCollection());

    public LibraryPage Result { get; private set; } = new([], 0, 1, LibraryFilter.DefaultPageSize, 0);

    public LibraryStatus Status { get; private set; } = new(0, 0, 0, 0, null);

    public IReadOnlyList<string> Level1s { get; private set; } = [];

    public IReadOnlyList<string> Level2s { get; private set; } = [];

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    /// <summary>True for a department user: the list shows their own department's forms beside the whole.</summary>
    public bool Scoped { get; private set; }

    /// <summary>The page sizes offered.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [20, 50, 100, 200];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = LibraryFilter.Parse(Request.Query);
        var caller = User.Caller();
        Result = await library.ListAsync(caller, Filter.ToQuery(), cancellationToken);
        var last = Math.Max(1, Result.PageCount);
        if (Result.Items.Count == 0 && Filter.Page > last)
        {
            return Redirect("/library" + Filter.With(("page", last > 1 ? last.ToString(CultureInfo.InvariantCulture) : null)));
        }

        Scoped = caller.Role == Data.Entities.UserRole.DepartmentUser;
        Status = await library.StatusAsync(cancellationToken);
        var levels = await library.LevelsAsync(cancellationToken);
        Level1s = [.. levels.Select(l => l.Level1).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        Level2s = [.. levels.Where(l => Filter.Level1 is null || l.Level1 == Core.Forms.IndicatorVocabulary.Key(Filter.Level1)).Select(l => l.Level2).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);
        return Page();
    }
}
