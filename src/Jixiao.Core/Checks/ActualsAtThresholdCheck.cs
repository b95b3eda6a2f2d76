using System.Text;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>
/// ACT-AT-THRESHOLD: most measured actuals sit exactly on the bound of their ≥ / ≤ target (≥90% → 90%, ≤5% → 5%) —
/// copied from the targets rather than measured.
/// </summary>
public sealed class ActualsAtThresholdCheck : ICheck
{
    /// <summary>At least this many actuals on their bound.</summary>
    public const int MinimumCount = 3;

    /// <summary>And at least this share of the rows that count.</summary>
    public const decimal MinimumShare = 0.6m;

    public static CheckDefinition Rule { get; } = new(
        "ACT-AT-THRESHOLD", Severity.Info, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators",
        "多数带“≥/≤”的定量指标（至少3个且不少于60%），其实际完成值恰好等于指标值的界限（如 ≥90% 填 90%）：实际完成值可能照抄指标值而非实测。",
        "Most quantitative indicators with a ≥ / ≤ target (at least 3, and 60% or more) have an actual exactly on the target's bound (≥90% answered 90%): the actuals may be copied from the targets rather than measured.",
        "Actual values are filled against the targets and must not be inflated (S21 [C], rules-reference §2.3). Left out: = targets (equality is what they ask), bounds that are the only way to meet them (≥100%, ≤0) and 数量指标 (a planned quantity is delivered exactly).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        int counted = 0, onBound = 0, first = -1;
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            if (!Counts(s))
            {
                continue;
            }

            counted++;
            if (s.ActualNumber == s.Target.Number)
            {
                onBound++;
                first = first < 0 ? s.Index : first;
            }
        }

        if (onBound < MinimumCount || onBound < MinimumShare * counted)
        {
            return;
        }

        var list = new StringBuilder();
        var shown = 0;
        for (var row = 0; row < indicators.Count; row++)
        {
            var s = indicators[row];
            if (Counts(s) && s.ActualNumber == s.Target.Number && shown++ < 4)
            {
                list.Append(list.Length > 0 ? "、" : "").Append(Fields.Name(s.Indicator)).Append(' ').Append(s.Target.Raw).Append(" → ").Append(s.Actual.Raw);
            }
        }

        var more = onBound > 4 ? " …" : "";
        context.Report(Rule, Fields.Indicators,
            $"{counted} 个带“≥/≤”的定量指标中有 {onBound} 个实际完成值恰好等于指标值的界限：{list}{more}；实际完成值可能照抄指标值而非实测。",
            $"{onBound} of {counted} quantitative indicators with a ≥ / ≤ target have an actual exactly on the bound: {list}{more}; the actuals may be copied from the targets rather than measured.",
            context.Form.Indicators[first].SourceLine);
    }

    /// <summary>A measured actual against a ≥ / ≤ / &gt; / &lt; bound that can be met without sitting on it.</summary>
    private static bool Counts(IndicatorScore s)
    {
        var t = s.Target;
        if (t.Kind != TargetValueKind.Quantitative || t.Number is not { } bound || s.ActualNumber is null
            || t.Operator is ComparisonOperator.None or ComparisonOperator.Equal)
        {
            return false;
        }

        return bound != 0m && !(t.IsPercent && bound >= 100m) && IndicatorKinds.Level2(s.Indicator) != IndicatorKinds.Quantity;
    }
}
