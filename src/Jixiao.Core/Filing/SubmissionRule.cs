using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Filing;

/// <summary>Why a cell keeps a form from being submitted (<see cref="SubmissionRule"/>).</summary>
public enum BlockerKind
{
    /// <summary>A cell the form kind requires is empty (指标名称, 年度指标值, 分值, 实际完成值, 得分, 年度目标, 资金).</summary>
    Required,

    /// <summary>A target or actual value the target grammar cannot read (no number, not one value).</summary>
    Unreadable,

    /// <summary>Every weight is typed and they do not add up to the total (100).</summary>
    WeightSum,

    /// <summary>A score differs from the rules' suggestion (改分) and no reason is given.</summary>
    OverrideReason,

    /// <summary>A row loses points and its 偏差原因分析及改进措施 is empty.</summary>
    Deviation,
}

/// <summary>One cell the filler must fix before the form can be submitted, named by its field path and in both languages.</summary>
/// <param name="Field">The cell, e.g. <c>indicators[1].target</c> (0-based, as the checks name cells).</param>
/// <param name="Kind">Why.</param>
/// <param name="MessageZh">What to fix, in Chinese, e.g. <c>指标 2 目标值「≥」缺少数值</c> (rows counted from 1).</param>
/// <param name="MessageEn">What to fix, in English.</param>
public sealed record SubmissionBlocker(string Field, BlockerKind Kind, string MessageZh, string MessageEn)
{
    /// <summary>The kind as a stable code (<c>SUBMIT-REQUIRED</c>, <c>SUBMIT-UNREADABLE</c> …).</summary>
    public string Code => Kind switch
    {
        BlockerKind.Required => "SUBMIT-REQUIRED",
        BlockerKind.Unreadable => "SUBMIT-UNREADABLE",
        BlockerKind.WeightSum => "SUBMIT-WEIGHT-SUM",
        BlockerKind.OverrideReason => "SUBMIT-OVERRIDE-REASON",
        _ => "SUBMIT-DEVIATION",
    };
}

/// <summary>
/// What keeps a form filled in Jixiao from being submitted (提交条件, docs/rules.md §8.4): the cells the filler must fix
/// on the form itself, read from its <see cref="LiveEvaluation"/> — required cells left empty, target and actual values
/// the grammar cannot read, weights that are all typed and do not add up, overridden scores without a reason, scores
/// that lose points without a deviation explanation. Nothing else blocks: the findings of the checks (also the deferred
/// ones, <see cref="LiveChecks.Deferrals"/>) are shown with the submission and are the reviewer's to weigh — an error
/// among them blocks approval unless the reviewer overrides it with a reason. Pure; no I/O.
/// </summary>
public static class SubmissionRule
{
    /// <summary>The cells of <paramref name="live"/> to fix before submission, in the order of the form; empty when it may be submitted.</summary>
    public static IReadOnlyList<SubmissionBlocker> Blockers(LiveEvaluation live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var form = live.Form;
        var self = form.Kind != FormKind.TargetDeclaration;
        var found = new List<SubmissionBlocker>();
        if (self ? Blank(form.Goals.Actual) : Blank(form.Goals.Annual))
        {
            found.Add(self
                ? new(Fields.GoalsActual, BlockerKind.Required, "缺少年度总体目标完成情况", "the overall goal's achievement (年度总体目标完成情况) is empty")
                : new("goals.annual", BlockerKind.Required, "缺少年度目标", "the annual goal (年度目标) is empty"));
        }

        if (form.Indicators.Count == 0)
        {
            found.Add(new(Fields.Indicators, BlockerKind.Required, "未填写任何绩效指标", "the form has no indicator"));
        }

        for (var i = 0; i < form.Indicators.Count; i++)
        {
            Row(live, i, found);
        }

        var weights = live.Weights;
        if (form.Indicators.Count > 0 && weights.MissingWeights == 0 && !weights.AddsUp)
        {
            found.Add(new(Fields.TotalWeight, BlockerKind.WeightSum,
                $"分值合计 {N(weights.Total)}（指标 {N(weights.Indicators)} + 预算执行 {N(weights.Execution)}），应为 {N(weights.Expected)}",
                $"the weights add up to {N(weights.Total)} (indicators {N(weights.Indicators)} + execution {N(weights.Execution)}), not {N(weights.Expected)}"));
        }

        if (self)
        {
            Funds(live, found);
        }

        return found;
    }

    /// <summary>The blockers of indicator row <paramref name="i"/>: its name, value cells, weight, score and deviation.</summary>
    private static void Row(LiveEvaluation live, int i, List<SubmissionBlocker> found)
    {
        var ind = live.Form.Indicators[i];
        var n = i + 1;
        if (Blank(ind.Name))
        {
            found.Add(Missing(i, "name", $"指标 {n} 缺少指标名称", $"indicator {n} has no name"));
        }

        var cells = live.Indicators[i];
        Value(cells.Target, n, "目标值", "target", found);
        if (cells.Actual is { } actual)
        {
            Value(actual, n, "实际完成值", "actual value", found);
        }

        if (ind.Weight is null)
        {
            found.Add(Missing(i, "weight", $"指标 {n} 缺少分值", $"indicator {n} has no weight"));
        }

        if (live.Scores is not { } scores)
        {
            return;
        }

        var s = scores.Indicators[i];
        if (s.IsPending && !cells.Actual!.IsEmpty && cells.Actual.IsRead && ind.Weight is not null)
        {
            found.Add(Missing(i, "score", $"指标 {n} 缺少得分（请在建议区间 {Range(s.Min, s.Max)} 内填写）",
                $"indicator {n} has no score (type one within the suggested {Range(s.Min, s.Max)})"));
        }

        if (s.NeedsReason)
        {
            found.Add(new(s.Field, BlockerKind.OverrideReason,
                $"指标 {n} 得分 {N(s.Entered)} 与建议得分 {Range(s.Min, s.Max)} 不同，未说明改分理由",
                $"indicator {n} is given {N(s.Entered)}, not the suggested {Range(s.Min, s.Max)}, and no reason is given"));
        }

        if (s.NeedsDeviation)
        {
            found.Add(new(Fields.Indicator(i, "deviation"), BlockerKind.Deviation,
                $"指标 {n} 扣分，未填写偏差原因分析及改进措施",
                $"indicator {n} loses points and has no deviation explanation (偏差原因分析及改进措施)"));
        }
    }

    /// <summary>An empty or unreadable value cell of row <paramref name="n"/> (1-based).</summary>
    private static void Value(ValueCell cell, int n, string zh, string en, List<SubmissionBlocker> found)
    {
        if (cell.IsEmpty)
        {
            found.Add(new(cell.Field, BlockerKind.Required, $"指标 {n} 缺少{zh}", $"indicator {n} has no {en}"));
        }
        else if ((cell.Problems & ValueProblem.NoNumber) != 0)
        {
            found.Add(new(cell.Field, BlockerKind.Unreadable, $"指标 {n} {zh}「{cell.Value.Raw}」缺少数值", $"indicator {n} {en} \"{cell.Value.Raw}\" has no number"));
        }
        else if ((cell.Problems & ValueProblem.NotOneValue) != 0)
        {
            found.Add(new(cell.Field, BlockerKind.Unreadable, $"指标 {n} {zh}「{cell.Value.Raw}」无法读成一个数值", $"indicator {n} {en} \"{cell.Value.Raw}\" cannot be read as one value"));
        }
    }

    /// <summary>The fund total's amounts a self-evaluation needs, and an execution score overridden without a reason.</summary>
    private static void Funds(LiveEvaluation live, List<SubmissionBlocker> found)
    {
        var total = live.Form.SelfEvaluationFunds?.Total;
        if (total?.AnnualBudget is null)
        {
            found.Add(new(Fields.Fund("total", "annualBudget"), BlockerKind.Required, "年度资金总额缺少全年预算数", "the fund total has no full-year budget"));
        }

        if (total?.Executed is null)
        {
            found.Add(new(Fields.Fund("total", "executed"), BlockerKind.Required, "年度资金总额缺少全年执行数", "the fund total has no executed amount"));
        }

        if (live.Scores?.Execution is { NeedsReason: true } x)
        {
            found.Add(new(x.Field, BlockerKind.OverrideReason,
                $"预算执行得分 {N(x.Entered)} 与按执行率计算的 {N(x.Point)} 不同，未说明改分理由",
                $"the execution score is given {N(x.Entered)}, not the {N(x.Point)} the rate gives, and no reason is given"));
        }
    }

    private static SubmissionBlocker Missing(int i, string member, string zh, string en) => new(Fields.Indicator(i, member), BlockerKind.Required, zh, en);

    private static string Range(decimal min, decimal max) => min == max ? N(min) : N(min) + "–" + N(max);

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
