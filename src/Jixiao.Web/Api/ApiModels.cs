using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Web.Api;

/// <summary>One row of <c>GET /api/v1/forms</c>. Money in yuan; rates in percent; grades as printed characters.</summary>
public sealed record FormListItem(
    long Id,
    string Kind,
    int? Year,
    string ProjectName,
    string? Department,
    string? ImplementingUnit,
    decimal? Budget,
    decimal? Executed,
    decimal? ExecutionRate,
    decimal? TotalScore,
    string? Grade,
    string? ClaimedGrade,
    decimal? RecomputedTotal,
    string? RecomputedGrade,
    int NotAssessable,
    int Indicators,
    FindingCounts Findings,
    long ImportBatchId,
    string LineageKey,
    string Url);

/// <summary>Findings of a form by severity.</summary>
public sealed record FindingCounts(int Errors, int Warnings, int Infos);

/// <summary>A page of a list: its items, where it is, and links to the pages beside it (null at the ends).</summary>
/// <summary>
/// One page of a list. <c>totalIsLowerBound</c>: a full-text search counts up to 1,000 forms (further only as far as
/// the requested page); past that <c>totalCount</c> is a lower bound and <c>next</c> still leads on.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount, int PageCount, string? Next, string? Previous)
{
    public bool TotalIsLowerBound { get; init; }
}

/// <summary>Findings of one check (<c>GET /api/v1/findings/groups</c>), with the departments they occur in.</summary>
public sealed record FindingCheckGroup(
    string Code,
    string Severity,
    string? Category,
    string? MeaningZh,
    string? MeaningEn,
    int Findings,
    int Forms,
    IReadOnlyList<FindingDepartmentGroup> Departments);

/// <summary>Findings of one check in one department, and the list of the forms behind them.</summary>
public sealed record FindingDepartmentGroup(long? DepartmentId, string? Department, int Findings, int Forms, string FormsUrl);

/// <summary>All findings over the selected forms, by check (most frequent first).</summary>
public sealed record FindingsResponse(int Findings, IReadOnlyList<FindingCheckGroup> Checks);

/// <summary>
/// The overview (<c>GET /api/v1/statistics</c>): totals, per year and department, and findings by check. Budget and
/// executed (yuan) are those of the self-evaluations that state both amounts, executionRate is Σ executed ÷ Σ budget
/// × 100 over them; declaredBudget is the money of the target declarations, apart.
/// </summary>
public sealed record StatisticsResponse(
    int Forms,
    decimal Budget,
    decimal Executed,
    decimal? ExecutionRate,
    decimal DeclaredBudget,
    IReadOnlyList<decimal> ScoreBucketBounds,
    IReadOnlyList<StatisticsRow> Rows,
    IReadOnlyList<CheckCountItem> FindingsByCheck);

public sealed record StatisticsRow(
    int? Year,
    long? DepartmentId,
    string? Department,
    int Forms,
    int SelfEvaluations,
    int Declarations,
    decimal Budget,
    decimal Executed,
    decimal? ExecutionRate,
    decimal DeclaredBudget,
    decimal? MeanExecutionRate,
    IReadOnlyList<int> ScoreBuckets,
    GradeCountsItem Grades,
    GradeCountsItem RecomputedGrades,
    int Errors,
    int Warnings,
    int FormsWithErrors,
    string FormsUrl);

/// <summary>
/// The totals of the forms the filters select (<c>GET /api/v1/forms/totals</c>, and <c>totals</c> in a JSON export):
/// money in yuan of the self-evaluations that state both 全年预算数 and 全年执行数, executionRate = Σ executed ÷ Σ
/// budget × 100 over them, the declarations' money apart, mean printed and recomputed totals over the forms that have
/// one, and findings by severity.
/// </summary>
public sealed record TotalsItem(
    long Forms,
    long SelfEvaluations,
    long Declarations,
    decimal Budget,
    decimal Executed,
    decimal? ExecutionRate,
    decimal DeclaredBudget,
    decimal? MeanPrintedTotal,
    long PrintedTotals,
    decimal? MeanRecomputedTotal,
    long RecomputedTotals,
    FindingTotals Findings)
{
    public static TotalsItem From(FormTotals t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new TotalsItem(
            t.Forms, t.SelfEvaluations, t.Declarations,
            ApiJson.Shortest(t.Budget) ?? 0, ApiJson.Shortest(t.Executed) ?? 0, ApiJson.Shortest(t.ExecutionRate), ApiJson.Shortest(t.DeclaredBudget) ?? 0,
            ApiJson.Shortest(t.MeanPrintedTotal), t.PrintedTotals, ApiJson.Shortest(t.MeanRecomputedTotal), t.RecomputedTotals,
            new FindingTotals(t.Errors, t.Warnings, t.Infos));
    }
}

/// <summary>Findings by severity over a selection of forms.</summary>
public sealed record FindingTotals(long Errors, long Warnings, long Infos);

/// <summary>Counts of 优 (excellent) / 良 (good) / 中 (fair) / 差 (poor) and of forms with no grade.</summary>
public sealed record GradeCountsItem(int Excellent, int Good, int Fair, int Poor, int None);

public sealed record CheckCountItem(string Code, string Severity, int Findings, int Forms);

/// <summary>One check of the catalogue (<c>GET /api/v1/checks</c>).</summary>
public sealed record CheckItem(string Code, string Severity, string Category, string AppliesTo, string Field, string MeaningZh, string MeaningEn, string Rationale);

/// <summary>
/// One import batch (<c>GET /api/v1/imports</c>, <c>/imports/{id}</c>). <c>error</c> is why it failed (or the
/// duplicate's note) in the request's language, <c>errorZh</c> and <c>errorEn</c> in each.
/// </summary>
public sealed record ImportItem(
    long Id,
    string FileName,
    string Status,
    bool Done,
    int Forms,
    int Indicators,
    int Findings,
    long SizeBytes,
    long BytesRead,
    string? Error,
    string? ErrorZh,
    string? ErrorEn,
    int? ErrorLine,
    long? DuplicateOf,
    string? CreatedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string Url,
    string FormsUrl);

/// <summary>What <c>POST /api/v1/imports</c> did with each file.</summary>
public sealed record ImportAccepted(IReadOnlyList<QueuedFile> Queued, IReadOnlyList<RefusedFile> Refused);

public sealed record QueuedFile(string FileName, long SizeBytes, long BatchId, string Status, string Url);

public sealed record RefusedFile(string FileName, long SizeBytes, int Status, string Error);

/// <summary>The antiforgery token to send as a header on <c>POST /api/v1/imports</c>.</summary>
public sealed record AntiforgeryToken(string HeaderName, string Token);

/// <summary>The health of the application: <c>ok</c>, or <c>unavailable</c> (503) with a message when the database does not answer.</summary>
public sealed record HealthItem(string Status, string Database, string? Message = null);

/// <summary>The API's JSON: camelCase, Chinese readable, HTML-sensitive characters escaped, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PagedList<FormListItem>))]
[JsonSerializable(typeof(FindingsResponse))]
[JsonSerializable(typeof(StatisticsResponse))]
[JsonSerializable(typeof(TotalsItem))]
[JsonSerializable(typeof(IReadOnlyList<CheckItem>))]
[JsonSerializable(typeof(PagedList<ImportItem>))]
[JsonSerializable(typeof(ImportItem))]
[JsonSerializable(typeof(ImportAccepted))]
[JsonSerializable(typeof(AntiforgeryToken))]
[JsonSerializable(typeof(HealthItem))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>The serializer options and the names of values shared by the API and the exports.</summary>
public static class ApiJson
{
    /// <summary>Escapes <c>&lt; &gt; &amp; ' "</c> (a form's text can hold HTML), keeps CJK readable.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static readonly ApiJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = Encoder });

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    public static string KindName(FormKind kind) => kind.ToJsonLabel();

    public static string? GradeName(Grade? grade) => grade?.ToChinese();

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string CategoryName(CheckCategory category) => JsonNamingPolicy.CamelCase.ConvertName(category.ToString());

    public static string StatusName(ImportStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A decimal without trailing zeros (a numeric(12,4) column gives 10.0000 back).</summary>
    public static decimal? Shortest(decimal? value) => value is { } v ? FormJsonWriter.Shortest(v) : null;

    public static FormListItem ToItem(FormSummary f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var id = f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new FormListItem(
            f.Id, KindName(f.Kind), f.Year, f.ProjectName, f.Department, f.ImplementingUnit,
            Shortest(f.Budget), Shortest(f.Executed), Shortest(f.ExecutionRate), Shortest(f.TotalScore),
            f.GradePrinted, GradeName(f.Grade), Shortest(f.RecomputedTotal), GradeName(f.RecomputedGrade),
            f.CannotAssessCount, f.IndicatorCount, new FindingCounts(f.ErrorCount, f.WarningCount, f.InfoCount),
            f.ImportBatchId, f.LineageKey, "/api/v1/forms/" + id);
    }
}
