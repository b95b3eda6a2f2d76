using System.Globalization;
using Jixiao.App.Monitoring;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Exports;
using Jixiao.Web.Filings;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Monitoring;

/// <summary>
/// The monitoring table (监控表) as the page <c>/monitoring</c> shows it and its CSV gives it: the rows worst first and
/// one list of columns for both, so that the download has exactly the page's rows and columns.
/// </summary>
public static class MonitoringTable
{
    /// <summary>
    /// The rows worst first: red, then yellow, then what cannot be judged (no checkpoint yet, or nothing assessed),
    /// then green; within a light the most warnings first, then the lowest execution progress, then by department,
    /// project and id.
    /// </summary>
    public static IReadOnlyList<MonitoringRow> WorstFirst(IEnumerable<MonitoringRow> rows) =>
    [
        .. rows.OrderBy(r => Rank(r.Light))
            .ThenByDescending(r => r.Latest?.WarningCount ?? 0)
            .ThenBy(r => r.Latest?.Report.Execution.Progress ?? decimal.MaxValue)
            .ThenBy(r => r.Department, StringComparer.Ordinal)
            .ThenBy(r => r.ProjectName, StringComparer.Ordinal)
            .ThenBy(r => r.FilingId),
    ];

    /// <summary>0 for the gravest light: red, yellow, unknown, green.</summary>
    public static int Rank(MonitoringLight light) => light switch
    {
        MonitoringLight.Red => 0,
        MonitoringLight.Yellow => 1,
        MonitoringLight.Unknown => 2,
        _ => 3,
    };

    /// <summary>红灯 / 黄灯 / 绿灯 / 未评估.</summary>
    public static string LightText(MonitoringLight light) => light switch
    {
        MonitoringLight.Red => Ui.T("红灯", "Red"),
        MonitoringLight.Yellow => Ui.T("黄灯", "Yellow"),
        MonitoringLight.Green => Ui.T("绿灯", "Green"),
        _ => Ui.T("未评估", "Not assessed"),
    };

    /// <summary>The badge class of a light.</summary>
    public static string LightCss(MonitoringLight light) => light switch
    {
        MonitoringLight.Red => "badge badge-error light-red",
        MonitoringLight.Yellow => "badge badge-warn light-yellow",
        MonitoringLight.Green => "badge badge-ok light-green",
        _ => "badge badge-muted light-unknown",
    };

    /// <summary>A row's light in words: the latest checkpoint's, or 尚未监控 without one.</summary>
    public static string RowLightText(MonitoringRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Latest is null ? Ui.T("尚未监控", "Not monitored yet") : LightText(row.Light);
    }

    /// <summary>A date as the pages and the CSV write it: yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The link to the checkpoint page of declaration <paramref name="filingId"/>.</summary>
    public static string Link(long filingId) => "/monitoring/" + filingId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The columns of the table and its export: money in yuan, rates and progress in percent with two decimals.</summary>
    public static IReadOnlyList<ExportColumn<MonitoringRow>> Columns { get; } =
    [
        new("filingId", "编号", "ID", r => r.FilingId),
        new("department", "主管部门", "Department", r => r.Department),
        new("year", "年度", "Year", r => r.Year),
        new("projectName", "项目名称", "Project name", r => r.ProjectName),
        new("status", "状态", "Status", r => FilingJson.StatusText(r.Status)),
        new("date", "最近监控时点", "Latest checkpoint", r => r.Latest is { } l ? Date(l.Record.Date) : Ui.T("尚未监控", "Not monitored yet")),
        new("budget", "全年预算数（元）", "Budget (yuan)", r => r.Latest?.Report.Execution.Budget, ExportFormat.Money),
        new("executed", "执行数（元）", "Executed (yuan)", r => r.Latest?.Report.Execution.Executed, ExportFormat.Money),
        new("rate", "执行率（%）", "Execution rate (%)", r => Round(r.Latest?.Report.Execution.Rate), ExportFormat.Percent),
        new("timeShare", "时间进度（%）", "Time elapsed (%)", r => Round(r.Latest?.Report.Execution.TimeShare), ExportFormat.Percent),
        new("progress", "执行进度（%）", "Execution progress (%)", r => Round(r.Latest?.Report.Execution.Progress), ExportFormat.Percent),
        new("executionLight", "执行进度灯", "Execution light", r => r.Latest is { } l ? LightText(l.Report.Execution.Light) : null),
        new("light", "监控结果", "Result", r => RowLightText(r)),
        new("red", "红灯指标", "Red indicators", r => r.Latest is null ? null : (decimal?)r.Indicators(MonitoringLight.Red)),
        new("yellow", "黄灯指标", "Yellow indicators", r => r.Latest is null ? null : (decimal?)r.Indicators(MonitoringLight.Yellow)),
        new("green", "绿灯指标", "Green indicators", r => r.Latest is null ? null : (decimal?)r.Indicators(MonitoringLight.Green)),
        new("warnings", "预警数", "Warnings", r => (decimal?)r.Latest?.WarningCount),
    ];

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2) : null;
}
