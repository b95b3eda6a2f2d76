using System.Globalization;
using System.Text.Json;
using Jixiao.App.Monitoring;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Filings;
using Jixiao.Web.Review;
using Microsoft.AspNetCore.Antiforgery;

namespace Jixiao.Web.Monitoring;

/// <summary>
/// Mid-year monitoring in the JSON API (绩效运行监控, <c>/api/v1/monitoring</c>): the monitoring table (approved
/// declarations × latest checkpoint, by department and year), one declaration's checkpoints with their reports, and
/// recording a checkpoint (department users of the declaration's department; the version edited, 409 with who saved
/// it and what differs). Problems are RFC 7807 in Chinese with the English in <c>detailEn</c>. docs/web.md, "Monitoring".
/// </summary>
public static class MonitoringApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var monitoring = api.MapGroup("/monitoring").WithMetadata(new ReviewEndpointMetadata());

        monitoring.MapGet("", TableAsync)
            .WithName("ListMonitoring")
            .WithSummary("The monitoring table (监控表): the approved declarations the caller sees, each with its latest checkpoint, lights and warnings")
            .WithQueryParameters([ApiQuery.Department, ApiQuery.Year])
            .Produces<IReadOnlyList<MonitoringRowItem>>()
            .ProducesValidationProblem();

        MonitoringExport.Map(monitoring);

        monitoring.MapGet("/{id}", GetAsync)
            .WithName("GetMonitoring")
            .WithSummary("One approved declaration's checkpoints, each with execution progress, indicator lights and warnings")
            .Produces<MonitoringDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        monitoring.MapPut("/{id}/checkpoints/{date}", SaveAsync)
            .Step<MonitoringCheckpointBody, MonitoringCheckpointItem>(
                UserClaims.CanFillPolicy,
                "SaveMonitoringCheckpoint",
                "Record a checkpoint (监控时点, date yyyy-MM-dd in the budget year) of an approved declaration: answers with its report",
                "Body {\"version\": 0 (new) | 1…, \"executed\": 300000, \"budget\": null, \"indicators\": [{\"index\": 0, \"toDate\": \"8个\", \"expected\": \"20个\", "
                + "\"likelihood\": \"certain|possible|impossible\", \"cause\": \"funding|institutional|staffing|facilities|other\", \"causeText\": \"…\"}], \"note\": \"…\"}. "
                + "Department users of the declaration's department. Signed in by a session: needs the antiforgery token in X-CSRF-TOKEN.",
                StatusCodes.Status200OK);
    }

    private static async Task<IResult> TableAsync(HttpContext http, MonitoringCatalog catalog, CancellationToken cancellationToken)
    {
        var reader = ApiQuery.Read(http.Request.Query, [ApiQuery.Department, ApiQuery.Year], []);
        var department = reader.String(ApiQuery.Department);
        var year = reader.Int(ApiQuery.Year, 1900, 2200, "a year from 1900 to 2200");
        if (!reader.IsValid)
        {
            return ApiProblems.BadQuery(reader);
        }

        var rows = await catalog.TableAsync(http.User.Caller(), department, year, cancellationToken);
        return TypedResults.Json<IReadOnlyList<MonitoringRowItem>>([.. rows.Select(MonitoringJson.ToItem)], MonitoringJson.Context.IReadOnlyListMonitoringRowItem);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, MonitoringCatalog catalog, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryId(id, out var filingId))
        {
            return ReviewApi.BadId("id", id);
        }

        var view = await catalog.GetAsync(http.User.Caller(), filingId, cancellationToken);
        return view is null
            ? Refused(MonitoringResult.Refused(MonitoringOutcome.NotFound, MonitoringMessages.NotFound.Format()))
            : TypedResults.Json(MonitoringJson.ToDetail(view), MonitoringJson.Context.MonitoringDetail);
    }

    private static async Task<IResult> SaveAsync(string id, string date, HttpContext http, IAntiforgery antiforgery, RecordCheckpoint record, CancellationToken cancellationToken)
    {
        var (filingId, body, bad) = await ReviewApi.InputAsync(http, antiforgery, "id", id, MonitoringJson.Context.MonitoringCheckpointBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ReviewApi.Problem(StatusCodes.Status400BadRequest, "日期无效", $"监控时点应写作 yyyy-MM-dd，例如 2025-06-30，而不是“{date}”。",
                $"The checkpoint date must read yyyy-MM-dd, e.g. 2025-06-30, not \"{date}\".", "date-invalid");
        }

        var indicators = new List<IndicatorProgress>();
        foreach (var i in body!.Indicators ?? [])
        {
            if (i is null)
            {
                continue;
            }

            if (!MonitoringJson.TryParse<Likelihood>(i.Likelihood, out var likelihood) || !MonitoringJson.TryParse<DeviationCause>(i.Cause, out var cause))
            {
                return ReviewApi.Problem(StatusCodes.Status400BadRequest, "选项无效",
                    $"第 {i.Index + 1} 行指标：完成目标可能性应为 certain/possible/impossible，偏差原因应为 funding/institutional/staffing/facilities/other。",
                    $"Indicator row {i.Index + 1}: likelihood must be certain, possible or impossible; cause funding, institutional, staffing, facilities or other.", "choice-invalid");
            }

            indicators.Add(new IndicatorProgress(i.Index, i.ToDate, i.Expected, likelihood, cause, i.CauseText));
        }

        var input = new CheckpointInput(day, body.Executed, indicators) { Budget = body.Budget, Note = body.Note };
        var result = await record.ExecuteAsync(http.User.Caller(), filingId, input, body.Version ?? 0, cancellationToken);
        return result.Succeeded ? TypedResults.Json(MonitoringJson.ToItem(result.Checkpoint!), MonitoringJson.Context.MonitoringCheckpointItem) : Refused(result);
    }

    /// <summary>A refusal as a problem: 404, 403, 400, 409 (not approved; a conflict with <c>currentVersion</c>, <c>changedBy</c>, <c>changedAt</c>, <c>changes</c>).</summary>
    private static IResult Refused(MonitoringResult result)
    {
        var (status, title, problem) = result.Outcome switch
        {
            MonitoringOutcome.NotFound => (StatusCodes.Status404NotFound, "未找到", "not-found"),
            MonitoringOutcome.Forbidden => (StatusCodes.Status403Forbidden, "无权操作", "forbidden"),
            MonitoringOutcome.Invalid => (StatusCodes.Status400BadRequest, "输入无效", "invalid"),
            MonitoringOutcome.NotApproved => (StatusCodes.Status409Conflict, "尚未批复", "not-approved"),
            _ => (StatusCodes.Status409Conflict, "并发修改", "conflict"),
        };
        var extensions = new Dictionary<string, object?> { ["detailEn"] = result.Message?.En, ["problem"] = problem };
        if (result.Conflict is { } c)
        {
            extensions["expectedVersion"] = c.ExpectedVersion;
            extensions["currentVersion"] = c.CurrentVersion;
            extensions["changedBy"] = c.ChangedBy;
            extensions["changedAt"] = DateTime.SpecifyKind(c.ChangedAt, DateTimeKind.Utc);
            extensions["changes"] = JsonSerializer.SerializeToElement(FilingJson.ToItems(c.Changes), FilingJson.Context.IReadOnlyListFilingChangeItem);
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: result.Message?.Zh, extensions: extensions);
    }
}
