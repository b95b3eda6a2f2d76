using System.Globalization;
using Jixiao.App.Exports;
using Jixiao.App.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Microsoft.Net.Http.Headers;

namespace Jixiao.Web.Exports;

/// <summary>
/// Downloads: <c>GET /api/v1/forms/export?format=csv|xlsx|json&amp;…filters</c> (every form the filters select, in
/// their sort order; page and pageSize are ignored; <c>totals=true</c> adds their totals) and <c>GET /api/v1/forms/{id}/export?format=xlsx|json</c> (one
/// form: the official table layout, or its interchange object). Department users export their own department only.
/// Every export is written to the audit log (<see cref="ExportLog"/>): who, what, the filter and the rows sent.
/// </summary>
public static class ExportEndpoints
{
    public static readonly ParameterSpec FormFormat = new("format", ParameterType.String, "Export format (default xlsx).", null, ["xlsx", "json"]);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/forms/export", ListAsync)
            .WithName("ExportForms")
            .WithSummary("Download the forms the filters select as CSV, xlsx or JSON (jixiao.form/1)")
            .WithDescription("CSV: UTF-8 with BOM, RFC 4180, text that a spreadsheet would run as a formula is prefixed with an apostrophe. xlsx: one sheet, a row per form. JSON: an array of jixiao.form/1 objects. All formats stream; page and pageSize are ignored. With totals=true the totals of the selection (as GET /api/v1/forms/totals gives them) come too: after the rows of a CSV, an empty line and lines 汇总,label,value; a second sheet 汇总 in xlsx; in JSON the object {\"totals\": {…}, \"forms\": [ … ]} instead of the array.")
            .WithQueryParameters([ApiQuery.Format, ApiQuery.Totals, .. ApiQuery.Filters, .. ApiQuery.Sorting, .. ApiQuery.Paging])
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        api.MapGet("/forms/{id}/export", OneAsync)
            .WithName("ExportForm")
            .WithSummary("Download one form as xlsx in the official table layout, or as its jixiao.form/1 object")
            .WithQueryParameters(FormFormat)
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(HttpContext http, FormCatalog catalog, ExportLog log)
    {
        var reader = ApiQuery.Read(http.Request.Query, [ApiQuery.Format, ApiQuery.Totals], ApiQuery.Filters, ApiQuery.Sorting, ApiQuery.Paging);
        var withTotals = reader.Bool(ApiQuery.Totals) ?? false;
        var query = reader.FormQuery(paging: false);
        if (Format(reader) is not { } format)
        {
            return ApiProblems.BadQuery(reader);
        }

        var name = FileName("forms", format);
        var cancellationToken = http.RequestAborted;
        var caller = http.User.Caller();
        var totals = withTotals ? await catalog.TotalsAsync(caller, query, cancellationToken) : null;
        var forms = log.CountAsync(caller, Describe(http, "forms", format), catalog.StreamAsync(caller, query, cancellationToken), cancellationToken);
        NoCache(http);
        return format switch
        {
            "csv" => TypedResults.Stream(body => CsvExport.WriteAsync(body, forms, totals, cancellationToken), CsvExport.ContentType, name),
            "json" => TypedResults.Stream(body => JsonExport.WriteAsync(body, forms, totals, cancellationToken), JsonExport.ContentType, name),
            _ => TypedResults.Stream(body => WriteXlsxAsync(body, file => XlsxListExport.WriteAsync(file, forms, totals, cancellationToken), cancellationToken), Xlsx.ContentType, name),
        };
    }

    private static async Task<IResult> OneAsync(string id, HttpContext http, FormCatalog catalog, ExportLog log, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var formId))
        {
            return ApiProblems.BadId("id", id, "a form");
        }

        var reader = ApiQuery.Read(http.Request.Query, [FormFormat]);
        var format = reader.OneOf(FormFormat) ?? "xlsx";
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var caller = http.User.Caller();
        var detail = await catalog.GetAsync(caller, formId, cancellationToken);
        if (detail is null)
        {
            return ApiProblems.NotFound("form", formId);
        }

        await log.WriteAsync(caller, Describe(http, "form", format, formId.ToString(CultureInfo.InvariantCulture)), 1, complete: true, cancellationToken);
        NoCache(http);
        var name = $"jixiao-form-{formId.ToString(CultureInfo.InvariantCulture)}-{detail.Form.Year?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}.{format}";
        return format == "json"
            ? TypedResults.File(JsonExport.One(detail), JsonExport.ContentType, name)
            : TypedResults.File(XlsxFormExport.Write(detail), Xlsx.ContentType, name);
    }

    /// <summary>
    /// The workbook is written to a temporary file (the package format needs a file, not the response) and then
    /// copied to the response asynchronously; the file is deleted when closed.
    /// </summary>
    internal static async Task WriteXlsxAsync(Stream body, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "jixiao-export-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await write(file);
        file.Position = 0;
        await file.CopyToAsync(body, cancellationToken);
    }

    /// <summary>
    /// The format of a list export (csv, xlsx or json), read after the other parameters; null when the query has a
    /// problem, a missing format included (then answer <see cref="ApiProblems.BadQuery"/>).
    /// </summary>
    internal static string? Format(ApiQuery reader)
    {
        var format = reader.OneOf(ApiQuery.Format);
        if (format is null && reader.IsValid)
        {
            reader.Add(ApiQuery.Format.Name, "Missing: give format=csv, format=xlsx or format=json.");
        }

        return reader.IsValid ? format : null;
    }

    /// <summary>
    /// What the audit log records of an export: <paramref name="what"/>, the format, and the filter — the request's
    /// query as given (decoded), without the format.
    /// </summary>
    internal static ExportRequest Describe(HttpContext http, string what, string format, string? id = null)
    {
        var filter = string.Join("&", http.Request.Query
            .Where(p => !string.Equals(p.Key, ApiQuery.Format.Name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => p.Key + "=" + v)));
        return new ExportRequest(what, format, filter, id);
    }

    /// <summary>A download's name: <c>jixiao-{what}-{date-time in China}.{format}</c>.</summary>
    internal static string FileName(string what, string format) =>
        "jixiao-" + what + "-" + DateTime.UtcNow.AddHours(8).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "." + format;

    /// <summary>Exports hold data that may be scoped to a user: never cached by shared caches.</summary>
    internal static void NoCache(HttpContext http) => http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
}
