using Jixiao.App.Exports;
using Jixiao.App.Monitoring;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Exports;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Monitoring;

/// <summary>
/// The monitoring table as a download: <c>GET /api/v1/monitoring/export?format=csv|xlsx&amp;department=…&amp;year=…</c>
/// — the rows and columns of the page <c>/monitoring</c> (<see cref="MonitoringTable"/>), worst first, made like the
/// other list exports (CSV UTF-8 with BOM, formula-guarded; written to the audit log). A department user's own
/// department only.
/// </summary>
public static class MonitoringExport
{
    public static readonly ParameterSpec Format = new("format", ParameterType.String, "Export format (default csv).", null, ["csv", "xlsx"]);

    public static void Map(RouteGroupBuilder monitoring)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        monitoring.MapGet("/export", ExportAsync)
            .WithName("ExportMonitoring")
            .WithSummary("Download the monitoring table (监控表) as CSV or xlsx: the rows and columns of the page /monitoring, worst first")
            .WithQueryParameters([Format, ApiQuery.Department, ApiQuery.Year])
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, MonitoringCatalog catalog, ExportLog log)
    {
        var reader = ApiQuery.Read(http.Request.Query, [Format, ApiQuery.Department, ApiQuery.Year], []);
        var format = reader.OneOf(Format) ?? "csv";
        var department = reader.String(ApiQuery.Department);
        var year = reader.Int(ApiQuery.Year, 1900, 2200, "a year from 1900 to 2200");
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var cancellationToken = http.RequestAborted;
        var caller = http.User.Caller();
        var table = MonitoringTable.WorstFirst(await catalog.TableAsync(caller, department, year, cancellationToken));
        var rows = log.CountAsync(caller, ExportEndpoints.Describe(http, "monitoring", format), table.ToAsyncEnumerable(), cancellationToken);
        var name = ExportEndpoints.FileName("monitoring", format);
        ExportEndpoints.NoCache(http);
        return format == "csv"
            ? TypedResults.Stream(body => CsvExport.WriteAsync(body, rows, MonitoringTable.Columns, null, cancellationToken), CsvExport.ContentType, name)
            : TypedResults.Stream(body => ExportEndpoints.WriteXlsxAsync(body,
                file => XlsxListExport.WriteAsync(file, rows, MonitoringTable.Columns, Ui.T("监控表", "Monitoring"), null, cancellationToken), cancellationToken), Xlsx.ContentType, name);
    }
}
