using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using Jixiao.Ingest.Json;
using Jixiao.Web.Api;
using Jixiao.Web.Review;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Filings;

/// <summary>
/// <c>POST /api/v1/filings/live</c>: the form being edited (<c>jixiao.form/1</c>, possibly incomplete), the rule set
/// by name (optional: else the form's jurisdiction and year) and the override reasons by score cell.
/// </summary>
public sealed record FilingLiveBody(string? RuleSet, JsonElement? Content, IReadOnlyDictionary<string, string>? Reasons);

/// <summary>A first-level indicator of the rule set's standard scheme, with its second levels (the editor's choices).</summary>
public sealed record LiveLevelItem(string Category, string Name, bool Required, IReadOnlyList<string> Level2);

/// <summary>One value cell as read by the target grammar; <c>message</c> names what is wrong (null when nothing is).</summary>
public sealed record LiveCellItem(string Field, bool Empty, bool Read, string? Operator, decimal? Number, string? Unit, string? Message, string? MessageZh, string? MessageEn);

/// <summary>One indicator row's category and value cells.</summary>
public sealed record LiveRowItem(int Index, string Category, LiveCellItem Target, LiveCellItem? Actual);

/// <summary>The running sum of one first-level indicator.</summary>
public sealed record LiveLevelSumItem(string Category, string Name, bool Required, int Count, decimal Sum, decimal Default, decimal Remaining);

/// <summary>The running weight sums.</summary>
public sealed record LiveWeightsItem(
    IReadOnlyList<LiveLevelSumItem> Levels, decimal Unclassified, int UnclassifiedCount, decimal Indicators, decimal Execution, decimal Expected,
    decimal Total, decimal Remaining, int MissingWeights, bool WithCost, bool AddsUp);

/// <summary>The score the rules suggest for one indicator, beside the typed one.</summary>
public sealed record LiveSuggestionItem(
    int Index, string Field, bool HasSuggestion, decimal? Point, decimal Min, decimal Max, decimal? Entered, decimal Effective,
    bool IsOverride, bool ReasonGiven, bool NeedsReason, bool NeedsDeviation, bool Pending, string Explanation);

/// <summary>The budget-execution part: the rate and score the rules compute from the amounts.</summary>
public sealed record LiveExecutionItem(string Field, decimal? Rate, decimal? Point, decimal? Entered, decimal Weight, decimal Effective, bool IsOverride, bool NeedsReason);

/// <summary>The live scores of a self-evaluation: suggestions, the execution part, total and grade.</summary>
public sealed record LiveScoresItem(
    IReadOnlyList<LiveSuggestionItem> Indicators, LiveExecutionItem Execution, decimal Total, string Grade, decimal RulesTotal, string RulesGrade,
    bool Provisional, int Pending, int ReasonsMissing);

/// <summary>
/// The answer of <c>POST /api/v1/filings/live</c>: the rule set's level names and default weights, every value cell
/// as read, the running sums, a self-evaluation's scores, and the findings keyed by field path (<c>deferred</c>:
/// those shown on submission).
/// </summary>
public sealed record LiveEvaluationItem(
    string RuleSet,
    IReadOnlyList<LiveLevelItem> Levels,
    IReadOnlyDictionary<string, decimal> DefaultWeights,
    decimal DefaultExecutionWeight,
    IReadOnlyList<LiveRowItem> Indicators,
    LiveWeightsItem Weights,
    LiveScoresItem? Scores,
    IReadOnlyList<FilingFindingItem> Findings,
    IReadOnlyList<FilingFindingItem> Deferred,
    bool HasErrors);

/// <summary>The live evaluation's JSON.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FilingLiveBody))]
[JsonSerializable(typeof(LiveEvaluationItem))]
[JsonSerializable(typeof(List<WorkbookErrorItem>))]
public sealed partial class FilingLiveJsonContext : JsonSerializerContext;

/// <summary>
/// The live evaluation of a form being edited (填报实时评估, docs/rules.md §8) in the JSON API: the editor posts the form
/// as typed after each change and shows what <see cref="LiveEvaluator"/> says — cells, sums, suggested scores, total,
/// grade and findings on their cells. Nothing is stored or read from the database: only the rules run.
/// </summary>
public static class FilingLiveApi
{
    internal static readonly FilingLiveJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = ApiJson.Encoder });

    public static void Map(RouteGroupBuilder filings)
    {
        ArgumentNullException.ThrowIfNull(filings);
        filings.MapPost("/live", LiveAsync)
            .WithName("EvaluateFilingLive")
            .WithSummary("The live evaluation of a form being edited (填报实时评估): value cells as read, running weight sums, suggested scores, total, grade, findings by cell")
            .WithDescription("Body {\"ruleSet\": \"national-2020\" (optional), \"content\": {jixiao.form/1, possibly incomplete}, \"reasons\": {\"indicators[3].score\": \"…\"}}. Stores nothing.")
            .Accepts<FilingLiveBody>("application/json")
            .Produces<LiveEvaluationItem>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> LiveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (body, bad) = await ReviewApi.BodyAsync(http, Context.FilingLiveBody, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (body!.Content is not { ValueKind: JsonValueKind.Object } content)
        {
            return ReviewApi.Problem(StatusCodes.Status400BadRequest, "输入无效", "请在 content 中给出正在填写的表（jixiao.form/1 对象）。",
                "Give the form being edited in content (a jixiao.form/1 object).", "content-invalid");
        }

        Diagnostic? error = null;
        var form = FormJsonReader.ReadString(content.GetRawText(), "content", d => error ??= d.Severity == DiagnosticSeverity.Error ? d : null).FirstOrDefault();
        error ??= form?.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null || form is null)
        {
            return ReviewApi.Problem(StatusCodes.Status400BadRequest, "输入无效", "表的内容无法读取：" + (error?.MessageZh ?? error?.Message ?? "不是表"),
                "The content cannot be read: " + (error?.Message ?? "not a form"), "content-invalid");
        }

        RuleSet rules;
        if (body.RuleSet is { Length: > 0 } name)
        {
            if (RuleSets.Find(name.Trim()) is not { } found)
            {
                return ReviewApi.Problem(StatusCodes.Status400BadRequest, "输入无效", $"没有名为“{ApiQueryClip(name)}”的规则集。",
                    $"There is no rule set '{ApiQueryClip(name)}'.", "unknown-rule-set");
            }

            rules = found;
        }
        else
        {
            rules = RuleSets.For(form);
        }

        var live = LiveEvaluator.For(rules).Evaluate(form, body.Reasons);
        return TypedResults.Json(ToItem(live), Context.LiveEvaluationItem);
    }

    private static string ApiQueryClip(string value) => ApiQuery.Clip(value.Trim(), 60);

    /// <summary>The API's view of a live evaluation.</summary>
    public static LiveEvaluationItem ToItem(LiveEvaluation live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var defaults = live.DefaultWeights;
        var weights = live.Weights;
        return new LiveEvaluationItem(
            live.Rules.Name,
            [.. live.Levels.Select(l => new LiveLevelItem(CategoryName(l.Category), l.Name, live.Rules.RequiredCategories.Contains(l.Category), l.Level2))],
            live.Levels.ToDictionary(l => CategoryName(l.Category), l => defaults.Of(l.Category)),
            live.DefaultExecutionWeight,
            [.. live.Indicators.Select(r => new LiveRowItem(r.Index, CategoryName(r.Category), Cell(r.Target), r.Actual is { } a ? Cell(a) : null))],
            new LiveWeightsItem(
                [.. weights.Levels.Select(l => new LiveLevelSumItem(CategoryName(l.Category), l.Name, l.Required, l.Count, l.Sum, l.Default, l.Remaining))],
                weights.Unclassified, weights.UnclassifiedCount, weights.Indicators, weights.Execution, weights.Expected, weights.Total, weights.Remaining,
                weights.MissingWeights, weights.WithCost, weights.AddsUp),
            live.Scores is { } s ? Scores(s) : null,
            FilingJson.ToItems(live.Findings),
            FilingJson.ToItems(live.Deferred),
            live.HasErrors);
    }

    private static LiveScoresItem Scores(LiveScores s)
    {
        var x = s.Execution;
        return new LiveScoresItem(
            [.. s.Indicators.Select(i => new LiveSuggestionItem(i.Index, i.Field, i.HasSuggestion, i.Point, i.Min, i.Max, i.Entered, i.Effective,
                i.IsOverride, i.ReasonGiven, i.NeedsReason, i.NeedsDeviation, i.IsPending, Ui.T(i.ExplanationZh, i.ExplanationEn)))],
            new LiveExecutionItem(x.Field, x.Rate, x.Point, x.Entered, x.Weight, x.Effective, x.IsOverride, x.NeedsReason),
            s.Total, s.Grade.ToChinese(), s.RulesTotal, s.RulesGrade.ToChinese(), s.IsProvisional, s.Pending, s.ReasonsMissing);
    }

    private static LiveCellItem Cell(ValueCell c) => new(
        c.Field, c.IsEmpty, c.IsRead, c.IsNumeric && c.Operator != ComparisonOperator.None ? OperatorText(c.Operator) : null, c.Number, c.Unit,
        c.MessageZh is null ? null : Ui.T(c.MessageZh, c.MessageEn ?? c.MessageZh), c.MessageZh, c.MessageEn);

    private static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterOrEqual => "≥",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.Less => "<",
        ComparisonOperator.Equal => "=",
        _ => op.ToString(),
    };

    /// <summary>A category's name in JSON: <c>output benefit satisfaction cost unknown</c>.</summary>
    public static string CategoryName(IndicatorCategory category) => category.ToString().ToLowerInvariant();
}
