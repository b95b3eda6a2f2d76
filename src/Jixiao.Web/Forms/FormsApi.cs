using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Jixiao.App.Forms;
using Jixiao.App.Portfolio;
using Jixiao.Core.Checks;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;

using Jixiao.Web.Api;

namespace Jixiao.Web.Forms;

/// <summary>
/// The read endpoints: forms (list and one), findings by check and department, statistics by year and department,
/// and the check catalogue. Every one is limited to the caller's department when the caller is a department user.
/// </summary>
public static class FormsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/forms", ListAsync)
            .WithName("ListForms")
            .WithSummary("The forms the filters select, one page at a time")
            .WithDescription("The same filters as the form list page (the page's short parameter names work too). Department users see their own department only.")
            .WithQueryParameters([.. ApiQuery.Filters, .. ApiQuery.Sorting, .. ApiQuery.Paging, ApiQuery.Exact])
            .Produces<PagedList<FormListItem>>()
            .ProducesValidationProblem();

        api.MapGet("/forms/totals", TotalsAsync)
            .WithName("GetFormTotals")
            .WithSummary("The totals of the forms the filters select: forms, money, execution rate, mean totals, findings by severity")
            .WithDescription("budget and executed (yuan) are the 全年预算数 and 全年执行数 of the self-evaluations that state both; executionRate = Σ executed ÷ Σ budget × 100 over them (two decimals); declaredBudget is the money of the target declarations, in neither. meanPrintedTotal and meanRecomputedTotal are over the forms that have one (printedTotals, recomputedTotals of them). Always exact, whatever the list counts.")
            .WithQueryParameters(ApiQuery.Filters)
            .Produces<TotalsItem>()
            .ProducesValidationProblem();

        api.MapGet("/forms/{id}", GetAsync)
            .WithName("GetForm")
            .WithSummary("One form in the interchange format jixiao.form/1, plus id, recomputed and findings")
            .WithDescription("Members of jixiao.form/1 (docs/schema.md) with `id` first and, after `provenance`, `recomputed` (total, min, max, grade, claimedGrade, executionRate, executionScore, notAssessable, indicators[{score, outcome}]), `findings` [{code, severity, category, field, indicator, message, messageEn, line}] and `importBatchId`.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        api.MapGet("/findings/groups", FindingsAsync)
            .WithName("ListFindingGroups")
            .WithSummary("Findings over the selected forms, grouped by check and department")
            .WithDescription("The counts behind the findings list (GET /api/v1/findings lists the findings one by one). check and severity keep only that check or severity.")
            .WithQueryParameters([.. ApiQuery.Filters, ApiQuery.Severity])
            .Produces<FindingsResponse>()
            .ProducesValidationProblem();

        api.MapGet("/statistics", StatisticsAsync)
            .WithName("GetStatistics")
            .WithSummary("The overview per year and department over the selected forms")
            .WithDescription("Forms, money (yuan), execution rate, printed totals per score bucket, printed and recomputed grades, findings by severity; and findings by check. budget and executed are the 全年预算数 and 全年执行数 of the self-evaluations that state both, executionRate = Σ executed ÷ Σ budget × 100 over them; declaredBudget is the money of the target declarations, in neither. meanExecutionRate is the plain mean of the forms' own rates.")
            .WithQueryParameters(ApiQuery.Filters)
            .Produces<StatisticsResponse>()
            .ProducesValidationProblem();

        api.MapGet("/checks", Checks)
            .WithName("ListChecks")
            .WithSummary("The check catalogue: code, severity, category, meaning")
            .Produces<IReadOnlyList<CheckItem>>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, FormCatalog forms, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, ApiQuery.Filters, ApiQuery.Sorting, ApiQuery.Paging, [ApiQuery.Exact]);
        var query = reader.FormQuery();
        var exact = reader.Bool(ApiQuery.Exact) ?? false;
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var result = await forms.ListAsync(http.User.Caller(), query, exact, cancellationToken);
        var page = new PagedList<FormListItem>(
            [.. result.Items.Select(ApiJson.ToItem)],
            result.Page,
            result.PageSize,
            result.TotalCount,
            result.PageCount,
            result.Page < result.PageCount ? PageUrl(http.Request, result.Page + 1) : null,
            result.Page > 1 ? PageUrl(http.Request, Math.Min(result.Page - 1, Math.Max(1, result.PageCount))) : null)
        {
            TotalIsLowerBound = result.TotalIsLowerBound,
        };
        return TypedResults.Json(page, ApiJson.Context.PagedListFormListItem);
    }

    private static async Task<IResult> TotalsAsync(HttpContext http, FormCatalog forms, CancellationToken cancellationToken)
    {
        var (query, problem) = Filters(http);
        return problem ?? TypedResults.Json(TotalsItem.From(await forms.TotalsAsync(http.User.Caller(), query, cancellationToken)), ApiJson.Context.TotalsItem);
    }

    /// <summary>The filters of a request that takes nothing else (no sort, no page), or the problem that refuses it.</summary>
    private static (FormQuery Query, IResult? Problem) Filters(HttpContext http)
    {
        var reader = ApiQuery.Read(http.Request.Query, ApiQuery.Filters);
        var query = reader.FormQuery(paging: false);
        return (query, reader.IsValid ? null : ApiProblems.BadQuery(reader));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, FormCatalog forms, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var formId))
        {
            return ApiProblems.BadId("id", id, "a form");
        }

        var reader = ApiQuery.Read(http.Request.Query);
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var detail = await forms.ReadAsync(http.User.Caller(), formId, cancellationToken);
        return detail is null
            ? ApiProblems.NotFound("form", formId)
            : TypedResults.Bytes(FormDocument.Serialize(detail), "application/json; charset=utf-8");
    }

    private static async Task<IResult> FindingsAsync(HttpContext http, PortfolioView portfolio, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, ApiQuery.Filters, [ApiQuery.Severity]);
        var query = reader.FormQuery(paging: false);
        var severity = reader.OneOf(ApiQuery.Severity);
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var groups = await portfolio.FindingGroupsAsync(http.User.Caller(), query, cancellationToken: cancellationToken);
        var checks = groups
            .Where(g => query.CheckCode is null || g.Code == query.CheckCode)
            .Where(g => severity is null || ApiJson.SeverityName(g.Severity) == severity)
            .GroupBy(g => g.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var definition = CheckCatalogue.Definition(g.Key);
                return new FindingCheckGroup(
                    g.Key,
                    ApiJson.SeverityName(g.First().Severity),
                    definition is null ? null : ApiJson.CategoryName(definition.Category),
                    definition?.MeaningZh,
                    definition?.MeaningEn,
                    g.Sum(x => x.Findings),
                    g.Sum(x => x.Forms),
                    [.. g.OrderByDescending(x => x.Findings).ThenBy(x => x.Department, StringComparer.Ordinal)
                        .Select(x => new FindingDepartmentGroup(x.DepartmentId, x.Department, x.Findings, x.Forms, FormsUrl(("check", g.Key), ("department", x.Department))))]);
            })
            .OrderByDescending(c => c.Findings)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Json(new FindingsResponse(checks.Sum(c => c.Findings), checks), ApiJson.Context.FindingsResponse);
    }

    private static async Task<IResult> StatisticsAsync(HttpContext http, PortfolioView portfolio, CancellationToken cancellationToken)
    {
        var (query, problem) = Filters(http);
        if (problem is not null)
        {
            return problem;
        }

        var stats = await portfolio.StatisticsAsync(http.User.Caller(), query, cancellationToken);
        var response = new StatisticsResponse(
            stats.Forms,
            ApiJson.Shortest(stats.Budget) ?? 0,
            ApiJson.Shortest(stats.Executed) ?? 0,
            ApiJson.Shortest(stats.ExecutionRate),
            ApiJson.Shortest(stats.DeclaredBudget) ?? 0,
            PortfolioStatistics.ScoreBucketBounds,
            [.. stats.Rows.Select(r => new StatisticsRow(
                r.Year, r.DepartmentId, r.Department, r.Forms, r.SelfEvaluations, r.Declarations,
                ApiJson.Shortest(r.Budget) ?? 0, ApiJson.Shortest(r.Executed) ?? 0, ApiJson.Shortest(r.ExecutionRate),
                ApiJson.Shortest(r.DeclaredBudget) ?? 0, ApiJson.Shortest(r.MeanExecutionRate),
                r.ScoreBuckets, Grades(r.Grades), Grades(r.RecomputedGrades), r.Errors, r.Warnings, r.FormsWithErrors,
                FormsUrl(("year", r.Year?.ToString(CultureInfo.InvariantCulture)), ("department", r.Department))))],
            [.. stats.FindingsByCheck.Select(c => new CheckCountItem(c.Code, ApiJson.SeverityName(c.Severity), c.Findings, c.Forms))]);
        return TypedResults.Json(response, ApiJson.Context.StatisticsResponse);
    }

    private static IResult Checks() => TypedResults.Json<IReadOnlyList<CheckItem>>(
        [.. CheckCatalogue.Definitions.Select(d => new CheckItem(
            d.Code, ApiJson.SeverityName(d.Severity), ApiJson.CategoryName(d.Category), d.AppliesTo.ToString(), d.Field, d.MeaningZh, d.MeaningEn, d.Rationale))],
        ApiJson.Context.IReadOnlyListCheckItem);

    private static GradeCountsItem Grades(GradeCounts g) => new(g.Excellent, g.Good, g.Fair, g.Poor, g.None);

    /// <summary><c>/api/v1/forms?…</c> with the given parameters (null values left out).</summary>
    internal static string FormsUrl(params (string Key, string? Value)[] parameters)
    {
        var sb = new StringBuilder("/api/v1/forms");
        foreach (var (key, value) in parameters)
        {
            if (value is not null)
            {
                sb.Append(sb.Length == "/api/v1/forms".Length ? '?' : '&').Append(key).Append('=').Append(UrlEncoder.Default.Encode(value));
            }
        }

        return sb.ToString();
    }

    /// <summary>This request's URL (path and query) with another page.</summary>
    internal static string PageUrl(HttpRequest request, int page)
    {
        var sb = new StringBuilder(request.PathBase + request.Path);
        var first = true;
        foreach (var (key, values) in request.Query)
        {
            if (string.Equals(key, ApiQuery.Page.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                sb.Append(first ? '?' : '&').Append(UrlEncoder.Default.Encode(key)).Append('=').Append(UrlEncoder.Default.Encode(value ?? ""));
                first = false;
            }
        }

        sb.Append(first ? '?' : '&').Append("page=").Append(page.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
