using System.Globalization;
using Jixiao.App.Portfolio;
using Jixiao.Data.Portfolio;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Compare;

/// <summary>
/// Departments side by side on the signals of score inflation: share of indicators at full marks, share of forms
/// claiming 优 (and recomputed as 优), points lost without a reason, grades the recomputation lowers, and the gap
/// between the printed and the recomputed mean total. Self-evaluations only.
/// </summary>
public sealed class IndexModel(PortfolioView portfolio) : PageModel
{
    public IReadOnlyList<DepartmentComparison> Rows { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public int? Year { get; private set; }

    public string Sort { get; private set; } = "full";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = int.TryParse(Request.Query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1900 and < 2200 ? y : null;
        Sort = Request.Query["sort"].ToString() switch
        {
            "excellent" => "excellent",
            "noreason" => "noreason",
            "inflation" => "inflation",
            "name" => "name",
            "lower" => "lower",
            _ => "full",
        };
        Years = await portfolio.YearsAsync(cancellationToken);
        var rows = await portfolio.CompareAsync(User.Caller(), Year, cancellationToken);
        Rows = Sort switch
        {
            "excellent" => [.. rows.OrderByDescending(r => Safe(r.ExcellentShare)).ThenBy(r => r.Department, StringComparer.Ordinal)],
            "noreason" => [.. rows.OrderByDescending(r => r.DeductedWithoutReason).ThenBy(r => r.Department, StringComparer.Ordinal)],
            "inflation" => [.. rows.OrderByDescending(r => r.Inflation ?? decimal.MinValue).ThenBy(r => r.Department, StringComparer.Ordinal)],
            "lower" => [.. rows.OrderByDescending(r => r.GradedLower).ThenBy(r => r.Department, StringComparer.Ordinal)],
            "name" => [.. rows.OrderBy(r => r.Department, StringComparer.Ordinal)],
            _ => [.. rows.OrderByDescending(r => Safe(r.FullMarksShare)).ThenBy(r => r.Department, StringComparer.Ordinal)],
        };
    }

    public string Link(string sort) => "/compare?sort=" + sort + (Year is { } y ? "&year=" + y.ToString(CultureInfo.InvariantCulture) : "");

    public string FormsLink(string? department, params (string Key, string Value)[] more)
    {
        var q = "/forms?kind=self&dept=" + Uri.EscapeDataString(department ?? "");
        if (Year is { } y)
        {
            q += "&year=" + y.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (k, v) in more)
        {
            q += "&" + k + "=" + Uri.EscapeDataString(v);
        }

        return q;
    }

    private static double Safe(double d) => double.IsNaN(d) ? -1 : d;
}
