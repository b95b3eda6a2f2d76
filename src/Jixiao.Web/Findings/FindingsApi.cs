using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.App.Exports;
using Jixiao.App.Forms;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Exports;
using Jixiao.Web.Forms;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Findings;

/// <summary>
/// The findings list in the API: <c>GET /api/v1/findings</c> (one page, one item per finding) and
/// <c>GET /api/v1/findings/export?format=csv|xlsx|json</c> (every finding the filters select, in their order). The
/// filters are those of the form list (<c>check</c> selects the findings of that check) plus <c>severity</c>; the
/// counts by check and department are at <c>GET /api/v1/findings/groups</c>. Department users see their department only.
/// </summary>
public static class FindingsApi
{
    public static readonly ParameterSpec Sort = new("sort", ParameterType.String,
        "Sort order; a leading '-' sorts descending (e.g. -severity: errors first). Default: newest year first, then the latest imported form; a form's findings in their order.",
        null, ["form", "department", "severity", "check", "year"]);


    private static readonly ParameterSpec[] Sorting = [Sort, ApiQuery.Descending];

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/findings", ListAsync)
            .WithName("ListFindings")
            .WithSummary("The findings the filters select, one per item, a page at a time")
            .WithDescription("Each item: the form (id, url and the page's anchor of the finding), its kind, year, project, 主管部门 and 实施单位, the indicator (三级指标), the check (code, severity, category, meaning), the field, the message (message in the request's language, messageZh, messageEn), the printed and recomputed value where the form has them, and the source line. totalIsLowerBound: counting stopped at 1,000 or one batch past the page (exact=true counts all). Department users see their own department only.")
            .WithQueryParameters([.. ApiQuery.Filters, ApiQuery.Severity, ApiQuery.Decision, .. Sorting, .. ApiQuery.Paging, ApiQuery.Exact])
            .Produces<PagedList<FindingListItem>>()
            .ProducesValidationProblem();

        api.MapGet("/findings/export", ExportAsync)
            .WithName("ExportFindings")
            .WithSummary("Download the findings the filters select as CSV, xlsx or JSON, one row per finding")
            .WithDescription("CSV: UTF-8 with BOM, RFC 4180, formula-guarded text. xlsx: one sheet. JSON: an array of the items of GET /api/v1/findings. Headings and messages in the request's language (JSON has both). page and pageSize are ignored.")
            .WithQueryParameters([ApiQuery.Format, .. ApiQuery.Filters, ApiQuery.Severity, ApiQuery.Decision, .. Sorting, .. ApiQuery.Paging])
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(HttpContext http, FindingCatalog findings, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, ApiQuery.Filters, [ApiQuery.Severity, ApiQuery.Decision, ApiQuery.Exact], Sorting, ApiQuery.Paging);
        var query = Query(reader, paging: true);
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var result = await findings.ListAsync(http.User.Caller(), query, cancellationToken);
        var page = new PagedList<FindingListItem>(
            [.. result.Items.Select(ToItem)],
            result.Page,
            result.PageSize,
            result.TotalCount,
            result.PageCount,
            result.Page < result.PageCount ? FormsApi.PageUrl(http.Request, result.Page + 1) : null,
            result.Page > 1 ? FormsApi.PageUrl(http.Request, Math.Min(result.Page - 1, Math.Max(1, result.PageCount))) : null)
        {
            TotalIsLowerBound = result.TotalIsLowerBound,
        };
        return TypedResults.Json(page, FindingsJson.Context.PagedListFindingListItem);
    }

    private static IResult ExportAsync(HttpContext http, FindingCatalog findings, ExportLog log)
    {
        var reader = ApiQuery.Read(http.Request.Query, [ApiQuery.Format], ApiQuery.Filters, [ApiQuery.Severity, ApiQuery.Decision], Sorting, ApiQuery.Paging);
        var query = Query(reader, paging: false);
        if (ExportEndpoints.Format(reader) is not { } format)
        {
            return ApiProblems.BadQuery(reader);
        }

        var name = ExportEndpoints.FileName("findings", format);
        var cancellationToken = http.RequestAborted;
        var caller = http.User.Caller();
        var rows = log.CountAsync(caller, ExportEndpoints.Describe(http, "findings", format), findings.StreamAsync(caller, query, cancellationToken), cancellationToken);
        ExportEndpoints.NoCache(http);
        return format switch
        {
            "csv" => TypedResults.Stream(body => CsvExport.WriteAsync(body, rows, FindingExportColumns.All, null, cancellationToken), CsvExport.ContentType, name),
            "json" => TypedResults.Stream(body => WriteJsonAsync(body, rows, cancellationToken), JsonExport.ContentType, name),
            _ => TypedResults.Stream(body => ExportEndpoints.WriteXlsxAsync(body,
                file => XlsxListExport.WriteAsync(file, rows, FindingExportColumns.All, Ui.T("问题", "Findings"), null, cancellationToken), cancellationToken), Xlsx.ContentType, name),
        };
    }

    /// <summary>The findings query of an API request: the form filters, severity, sort, page and count.</summary>
    private static FindingQuery Query(ApiQuery reader, bool paging)
    {
        var forms = reader.FormQuery(paging: false, sorting: false);
        var severity = reader.OneOf(ApiQuery.Severity) switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            _ => (Severity?)null,
        };
        var (sort, descending) = SortOrder(reader);
        return new FindingQuery
        {
            Forms = forms,
            Severity = severity,
            Decision = FindingFilter.ParseDecision(reader.OneOf(ApiQuery.Decision)),
            Sort = sort,
            Descending = descending,
            Page = paging ? reader.PageNumber() : 1,
            PageSize = paging ? reader.PageSizeValue() : FindingQuery.MaxPageSize,
            ExactCount = paging && (reader.Bool(ApiQuery.Exact) ?? false),
        };
    }

    private static (FindingSort Sort, bool Descending) SortOrder(ApiQuery reader)
    {
        var descending = reader.Bool(ApiQuery.Descending) ?? false;
        var v = reader.Raw(Sort);
        if (v is null)
        {
            return (FindingSort.Default, descending);
        }

        var name = v;
        if (name.StartsWith('-'))
        {
            descending = true;
            name = name[1..];
        }

        FindingSort? sort = name.ToLowerInvariant() switch
        {
            "form" or "name" => FindingSort.Form,
            "department" or "dept" => FindingSort.Department,
            "severity" => FindingSort.Severity,
            "check" or "code" => FindingSort.Check,
            "year" => FindingSort.Year,
            _ => null,
        };
        if (sort is null)
        {
            reader.Add(Sort.Name, $"'{ApiQuery.Clip(v)}' is not a sort order of findings: expected one of {string.Join(", ", Sort.Values!)}, optionally with a leading '-' for descending.");
            return (FindingSort.Default, descending);
        }

        return (sort.Value, descending);
    }

    /// <summary>One finding as the API and the JSON export give it.</summary>
    public static FindingListItem ToItem(FindingRow x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var definition = CheckCatalogue.Definition(x.Code);
        var form = "/forms/" + x.FormId.ToString(CultureInfo.InvariantCulture);
        return new FindingListItem(
            x.FormId,
            x.Number,
            form,
            FormSheet.FindingLink(x.FormId, x.Kind, x.Field, x.Number),
            "/api/v1/forms/" + x.FormId.ToString(CultureInfo.InvariantCulture),
            ApiJson.KindName(x.Kind),
            Ui.KindText(x.Kind),
            x.Year,
            x.ProjectName,
            x.Department,
            x.ImplementingUnit,
            x.IndicatorIndex,
            x.IndicatorName,
            x.Code,
            ApiJson.SeverityName(x.Severity),
            Ui.SeverityText(x.Severity),
            ApiJson.CategoryName(x.Category),
            Ui.CategoryText(x.Category),
            definition?.MeaningZh,
            definition?.MeaningEn,
            x.Field,
            Ui.T(x.MessageZh, x.MessageEn),
            x.MessageZh,
            x.MessageEn,
            x.Values is { } v ? new FindingValuesItem(
                JsonNamingPolicy.CamelCase.ConvertName(v.Measure.ToString()),
                ApiJson.Shortest(v.Printed),
                ApiJson.Shortest(v.Recomputed),
                v.PrintedText ?? ApiJson.GradeName(v.PrintedGrade),
                ApiJson.GradeName(v.RecomputedGrade),
                v.Differs) : null,
            x.SourceLine > 0 ? x.SourceLine : null,
            x.HasSourceLine ? FormSheet.SourceLink(x.FormId, x.SourceLine) : null,
            x.Decision is { } decision ? Review.ReviewTexts.DecisionName(decision) : "undecided",
            x.RelatedFormId,
            x.RelatedFormId is { } related ? "/forms/" + related.ToString(CultureInfo.InvariantCulture) : null,
            x.RelatedProjectName,
            x.RelatedYear);
    }

    /// <summary>The items as one JSON array, written to a buffer and copied to the response every 32 KiB, asynchronously.</summary>
    private static async Task<long> WriteJsonAsync(Stream body, IAsyncEnumerable<FindingRow> rows, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions);
        writer.WriteStartArray();
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, ToItem(row), FindingsJson.Context.FindingListItem);
            count++;
            if (buffer.WrittenCount >= 32 * 1024)
            {
                await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return count;
    }
}

/// <summary>
/// One finding of <c>GET /api/v1/findings</c>: its form (<c>formUrl</c> the page, <c>findingUrl</c> the finding's
/// cell on it, or its place in the page's list), the indicator (三级指标), the check, the message and the values, its
/// conclusion (<c>decision</c>: undecided, confirmed, dismissed) and, for a check across forms, the other form.
/// <c>kind</c>, <c>severity</c> and <c>category</c> are stable names; <c>kindText</c>, <c>severityText</c> and
/// <c>categoryText</c> are their words in the request's language, as the CSV and xlsx exports write them.
/// </summary>
public sealed record FindingListItem(
    long FormId,
    int Number,
    string FormUrl,
    string FindingUrl,
    string ApiUrl,
    string Kind,
    string KindText,
    int? Year,
    string ProjectName,
    string? Department,
    string? ImplementingUnit,
    int? IndicatorIndex,
    string? Indicator,
    string Code,
    string Severity,
    string SeverityText,
    string Category,
    string CategoryText,
    string? MeaningZh,
    string? MeaningEn,
    string Field,
    string Message,
    string MessageZh,
    string MessageEn,
    FindingValuesItem? Values,
    int? SourceLine,
    string? SourceUrl,
    string Decision,
    long? RelatedFormId,
    string? RelatedFormUrl,
    string? RelatedProjectName,
    int? RelatedYear);

/// <summary>The value a finding concerns as printed and as recomputed (<c>measure</c>: score, rate in percent, or grade).</summary>
public sealed record FindingValuesItem(string Measure, decimal? Printed, decimal? Recomputed, string? PrintedGrade, string? RecomputedGrade, bool Differs);

/// <summary>The findings list's JSON (source-generated, with the API's encoder).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PagedList<FindingListItem>))]
[JsonSerializable(typeof(FindingListItem))]
public sealed partial class FindingsJsonContext : JsonSerializerContext;

/// <summary>The serializer of the findings list.</summary>
public static class FindingsJson
{
    public static readonly FindingsJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });
}

/// <summary>
/// The columns of a findings export (CSV and xlsx): one row per finding, with its form, indicator, check, message in
/// the request's language, the printed and recomputed value, the source line and the finding's page.
/// </summary>
public static class FindingExportColumns
{
    public static IReadOnlyList<ExportColumn<FindingRow>> All { get; } =
    [
        new("formId", "表单编号", "Form ID", x => x.FormId),
        new("number", "问题序号", "Finding no.", x => x.Number),
        new("year", "年度", "Year", x => x.Year),
        new("kind", "表类型", "Kind", x => Ui.KindText(x.Kind)),
        new("projectName", "项目名称", "Project name", x => x.ProjectName),
        new("department", "主管部门", "Department", x => x.Department),
        new("implementingUnit", "实施单位", "Implementing unit", x => x.ImplementingUnit),
        new("indicator", "三级指标", "Indicator", x => x.IndicatorName),
        new("code", "检查项", "Check", x => x.Code),
        new("check", "检查项含义", "Check meaning", x => CheckLabels.Of(x.Code)),
        new("severity", "严重程度", "Severity", x => Ui.SeverityText(x.Severity)),
        new("category", "类别", "Category", x => Ui.CategoryText(x.Category)),
        new("field", "字段", "Field", x => x.Field),
        new("message", "问题说明", "Message", x => Ui.T(x.MessageZh, x.MessageEn)),
        new("printed", "表中值", "Printed", x => Printed(x.Values)),
        new("recomputed", "复核值", "Recomputed", x => Recomputed(x.Values)),
        new("sourceLine", "来源行", "Source line", x => x.SourceLine > 0 ? x.SourceLine : (int?)null),
        new("decision", "复核结论", "Conclusion", x => Review.ReviewTexts.DecisionText(x.Decision)),
        new("relatedFormId", "相关表单编号", "Related form ID", x => x.RelatedFormId),
        new("relatedProject", "相关项目", "Related project", x => x.RelatedProjectName),
        new("url", "链接", "Link", x => FormSheet.FindingLink(x.FormId, x.Kind, x.Field, x.Number)),
    ];

    /// <summary>The printed value: a number, or the grade as printed.</summary>
    private static ExportValue Printed(FindingValues? v) =>
        v is { Measure: FindingMeasure.Grade } ? v.PrintedText ?? Ui.GradeText(v.PrintedGrade) : v?.Printed;

    /// <summary>The recomputed value: a number, or the recomputed grade.</summary>
    private static ExportValue Recomputed(FindingValues? v) =>
        v is { Measure: FindingMeasure.Grade } ? Ui.GradeText(v.RecomputedGrade) : v?.Recomputed;
}
