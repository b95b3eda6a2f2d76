using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Data.Search;
using Jixiao.Web.Forms;

namespace Jixiao.Web.Shared;

/// <summary>
/// What the form filters (<c>_FormFilterFields</c>) need: the view's filter, the choices of its lists, the 实施单位
/// offered as suggestions and how the search text was read (shown under the box).
/// </summary>
public sealed record FormFilterFields(
    FormFilter Filter,
    IReadOnlyList<int> Years,
    IReadOnlyList<OrganisationItem> Departments,
    IReadOnlyList<CheckDefinition> Checks,
    IReadOnlyList<string> Units,
    SearchTerms Terms);

/// <summary>
/// What the pager of a list (<c>_Pager</c>) shows: where the page is, how many there are, the range of rows in
/// words (“第 1–50 张，共 79 张”), and the link of each page.
/// </summary>
public sealed record PagerModel(int Page, int PageCount, string Range, Func<int, string> Link);
