using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Filing;

/// <summary>
/// Evaluates a form while it is being filled (填报中的实时评估): a target declaration (绩效目标申报表) or a
/// self-evaluation (绩效自评表) that may be incomplete — empty cells, no scores yet. Everything comes from the existing
/// rules: the target grammar reads the cells, the <see cref="Scorer"/> suggests the scores, the <see cref="FormChecker"/>
/// runs the catalogue's checks. No I/O; thread-safe; one instance per rule set can serve every request.
/// </summary>
/// <remarks>
/// <para>The contract with a store: keep <see cref="LiveEvaluation.Form"/> — what the unit typed — as the draft, and
/// file <see cref="LiveEvaluation.AsFiled"/> on submission. A suggested score written back into the draft would read
/// as a typed score (an override) once the actual value changes.</para>
/// <para>Override reasons (改分理由) are not part of the form: pass them keyed by the score cell's field path
/// (<c>indicators[3].score</c>, <c>funds.total.score</c>).</para>
/// </remarks>
public sealed class LiveEvaluator
{
    private static readonly IReadOnlyDictionary<string, string> NoReasons = new Dictionary<string, string>();

    /// <summary>The weight checks a declaration filled in Jixiao also gets: the editor gives its indicators weights, which published declarations do not print.</summary>
    private static readonly ICheck[] DeclarationWeightChecks = [new WeightSumCheck(), new WeightSplitCheck(), new WeightConcentratedCheck()];

    private static readonly LiveEvaluator[] Known = [.. RuleSets.All.Select(r => new LiveEvaluator(r))];

    private readonly FormChecker checker;

    /// <param name="rules">The rule set; <see cref="RuleSets.National2020"/> when null. Choose it with
    /// <see cref="RuleSets.For(string?, int?)"/> by jurisdiction and year, or use <see cref="For(PerformanceForm)"/>.</param>
    public LiveEvaluator(RuleSet? rules = null) => checker = new FormChecker(rules);

    /// <summary>The rule set.</summary>
    public RuleSet Rules => checker.Rules;

    /// <summary>A shared evaluator of the rule set of <paramref name="form"/>'s jurisdiction and year (<see cref="RuleSets.For(PerformanceForm)"/>).</summary>
    public static LiveEvaluator For(PerformanceForm form) => For(RuleSets.For(form));

    /// <summary>A shared evaluator of <paramref name="rules"/> (a new one for a rule set not in <see cref="RuleSets.All"/>).</summary>
    public static LiveEvaluator For(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var e in Known)
        {
            if (ReferenceEquals(e.Rules, rules))
            {
                return e;
            }
        }

        return new LiveEvaluator(rules);
    }

    /// <summary>Evaluates <paramref name="form"/> as typed; never changes it.</summary>
    /// <param name="form">The form being filled.</param>
    /// <param name="overrideReasons">Reasons for overridden scores, by the score cell's field path; blank reasons count as none.</param>
    public LiveEvaluation Evaluate(PerformanceForm form, IReadOnlyDictionary<string, string>? overrideReasons = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var typed = checker.Scorer.Score(form);
        var self = form.Kind != FormKind.TargetDeclaration;
        var cells = Cells(typed, self);
        var weights = WeightSums.Of(typed);
        if (!self)
        {
            var found = new List<Finding>(checker.Check(typed));
            var context = new CheckContext(form, typed);
            foreach (var check in DeclarationWeightChecks)
            {
                check.Run(context);
            }

            found.AddRange(context.Findings);
            var (shown, deferred) = Split(found, form);
            return new LiveEvaluation
            {
                Rules = Rules, Form = form, AsFiled = form, Score = typed, Indicators = cells, Weights = weights,
                Findings = shown, Deferred = deferred,
            };
        }

        var filed = FiledForm.Of(form, typed);
        var filedScore = ReferenceEquals(filed.Form, form) ? typed : checker.Scorer.Score(filed.Form);
        var (visible, waiting) = Split(checker.Check(filedScore), form);
        var scores = Scores(typed, filed, visible, overrideReasons ?? NoReasons);
        AddMissingReasons(visible, scores);
        return new LiveEvaluation
        {
            Rules = Rules, Form = form, AsFiled = filed.Form, Score = typed, Indicators = cells, Weights = weights,
            Scores = scores, Findings = visible, Deferred = waiting,
        };
    }

    private static IndicatorCells[] Cells(FormScore score, bool self)
    {
        var cells = new IndicatorCells[score.Indicators.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var s = score.Indicators[i];
            cells[i] = new IndicatorCells(i, s.Category,
                ValueCell.Of(s.Target, ValueColumn.Target, Fields.Indicator(i, "target")),
                self ? ValueCell.Of(s.Actual, ValueColumn.Actual, Fields.Indicator(i, "actual")) : null);
        }

        return cells;
    }

    private static (List<Finding> Shown, List<Finding> Deferred) Split(IReadOnlyList<Finding> findings, PerformanceForm typed)
    {
        var shown = new List<Finding>(findings.Count + 2);
        var deferred = new List<Finding>();
        foreach (var f in findings)
        {
            (LiveChecks.IsDeferred(f, typed) ? deferred : shown).Add(f);
        }

        return (shown, deferred);
    }

    private LiveScores Scores(FormScore typed, FiledForm filed, List<Finding> findings, IReadOnlyDictionary<string, string> reasons)
    {
        var rules = Rules;
        var list = new IndicatorSuggestion[typed.Indicators.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var s = typed.Indicators[i];
            var field = Fields.Indicator(i, "score");
            var entered = s.Printed;
            var isOverride = entered is { } e && s.Outcome != IndicatorOutcome.CannotAssess && !Agrees(s, e, rules);
            var needsDeviation = Has(findings, DeviationMissingCheck.Rule.Code, Fields.Indicator(i, "deviation"));
            list[i] = new IndicatorSuggestion(field, s, entered, filed.Effective[i], isOverride, HasReason(reasons, field), needsDeviation);
        }

        var execution = new ExecutionSuggestion(LiveScores.ExecutionField, typed.Execution, filed.ExecutionEffective,
            Has(findings, FundScoreCheck.Rule.Code, LiveScores.ExecutionField), HasReason(reasons, LiveScores.ExecutionField));
        var bands = rules.GradeBands;
        return new LiveScores(list, execution, filed.Total, bands.GradeOf(filed.Total), typed.Recomputed, bands.GradeOf(typed.Recomputed));
    }

    /// <summary>A typed score agrees with the rules: the point up to rounding (<see cref="Rounding.Compare(decimal, decimal, RoundingMode, decimal)"/>), or inside the range (a qualitative band with its slack, B4).</summary>
    private static bool Agrees(IndicatorScore s, decimal entered, RuleSet rules)
    {
        if (s.IsPoint)
        {
            return Rounding.Compare(entered, s.Raw ?? s.Min, rules.Rounding, rules.Tolerances.Score) != PrintedMatch.Mismatch;
        }

        var slack = s.Outcome == IndicatorOutcome.Qualitative ? rules.Tolerances.BandSlack(s.Weight ?? 0m) : rules.Tolerances.Score;
        return entered >= s.Min - slack && entered <= s.Max + slack;
    }

    private static void AddMissingReasons(List<Finding> findings, LiveScores scores)
    {
        var rule = LiveChecks.OverrideReason;
        foreach (var s in scores.Indicators)
        {
            if (!s.NeedsReason)
            {
                continue;
            }

            var ind = s.Rules.Indicator;
            var suggested = ScoreText.Range(s.Min, s.Max);
            findings.Add(new Finding(rule.Code, rule.Severity, rule.Category, s.Field,
                $"指标{Fields.Name(ind)}填写得分 {ScoreText.N(s.Entered)}，按规则建议得分 {suggested}（{s.ExplanationZh}），改分须说明理由。",
                $"Indicator \"{ind.Name}\" is given {ScoreText.N(s.Entered)}; the rules suggest {suggested} ({s.ExplanationEn}). Overriding it needs a reason.")
            {
                SourceLine = ind.SourceLine,
            });
        }

        var x = scores.Execution;
        if (x.NeedsReason)
        {
            findings.Add(new Finding(rule.Code, rule.Severity, rule.Category, x.Field,
                $"预算执行得分填写 {ScoreText.N(x.Entered)}，按执行率 {ScoreText.N(x.Rate)}% × 分值 {ScoreText.N(x.Weight)} 应为 {ScoreText.N(x.Point)}，改分须说明理由。",
                $"The execution score is given {ScoreText.N(x.Entered)}; rate {ScoreText.N(x.Rate)}% × weight {ScoreText.N(x.Weight)} gives {ScoreText.N(x.Point)}. Overriding it needs a reason.")
            {
                SourceLine = x.Rules.Line?.SourceLine ?? 0,
            });
        }
    }

    private static bool Has(List<Finding> findings, string code, string field)
    {
        foreach (var f in findings)
        {
            if (f.Code == code && f.Field == field)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasReason(IReadOnlyDictionary<string, string> reasons, string field) =>
        reasons.TryGetValue(field, out var reason) && !string.IsNullOrWhiteSpace(reason);
}
