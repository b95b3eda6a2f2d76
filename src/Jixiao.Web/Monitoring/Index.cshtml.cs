using System.Globalization;
using Jixiao.App.Monitoring;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Monitoring;

/// <summary>
/// The monitoring table (绩效运行监控表, <c>/monitoring</c>): every approved or published declaration the caller sees
/// with its latest checkpoint — execution progress against the time line, the indicators' lights and the warnings;
/// declarations with no checkpoint yet say so. Filtered by department and year (<c>department=…&amp;year=…</c>, a
/// value the caller does not see simply selects nothing), worst first (<see cref="MonitoringTable.WorstFirst"/>), and
/// downloadable as CSV with the same rows and columns (<c>/api/v1/monitoring/export</c>). A department user sees their
/// department only; the finance bureau, administrators and supervisors all.
/// </summary>
public sealed class MonitoringIndexModel(MonitoringCatalog monitoring) : PageModel
{
    /// <summary>The rows shown, worst first.</summary>
    public IReadOnlyList<MonitoringRow> Rows { get; private set; } = [];

    /// <summary>The departments of the caller's monitored declarations (the filter's choices).</summary>
    public IReadOnlyList<string> Departments { get; private set; } = [];

    /// <summary>Their years, newest first.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public string? Department { get; private set; }

    public int? Year { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Department = Request.Query["department"].ToString() is { Length: > 0 and <= 200 } d ? d.Trim() : null;
        Year = int.TryParse(Request.Query["year"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 ? y : null;
        var all = await monitoring.TableAsync(User.Caller(), null, null, cancellationToken);
        Departments = [.. all.Select(r => r.Department).Distinct().Order(StringComparer.Ordinal)];
        Years = [.. all.Select(r => r.Year).Distinct().OrderDescending()];
        Rows = MonitoringTable.WorstFirst(all.Where(r => (Department is null || r.Department == Department) && (Year is null || r.Year == Year)));
    }

    /// <summary>The query string of the current filter (empty or starting with ?).</summary>
    public string Query(string? format = null)
    {
        var parts = new List<string>();
        if (format is not null)
        {
            parts.Add("format=" + format);
        }

        if (Department is not null)
        {
            parts.Add("department=" + Uri.EscapeDataString(Department));
        }

        if (Year is { } y)
        {
            parts.Add("year=" + y.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
