using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>
/// COST-FUNDS: a cost indicator whose actual contradicts the form's own fund table — a budget-execution rate that is
/// not the table's rate, a cost above everything the project spent, a total cost that is not the executed amount, or
/// a cap claimed in words that the executed amount exceeds.
/// </summary>
public sealed class CostFundsCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "COST-FUNDS", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].actual",
        "成本指标的实际完成值与表中项目资金不符：预算执行类比率（如“≤100%”的预算控制率）不等于资金表执行率；成本金额超过全年执行数；总成本不等于全年执行数；或以文字声称未超指标值，而全年执行数已超过。",
        "A cost indicator's actual contradicts the form's fund table: a budget-execution rate (e.g. a budget-control rate of ≤100%) that is not the table's rate, a cost above the whole executed amount, a total cost that is not the executed amount, or words claiming a cap was kept while the executed amount exceeds it.",
        "Cost indicators state what the project cost (101号 [U], Shanghai 2025 guide S13: 总成本 / 单位成本 / 分项成本; rules-reference §2.1, §2.3); the fund table's 全年执行数 is what it spent (§1.5). Amounts compare within the rounding of both printed numbers.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var total = context.Form.SelfEvaluationFunds?.Total;
        if (total?.AnnualBudget is not { } budget || total.Executed is not { } executed || budget <= 0m)
        {
            return;
        }

        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            if (IsBudgetRate(s))
            {
                CheckRate(context, s);
            }
            else if (IndicatorKinds.IsCost(s))
            {
                CheckAmount(context, s, total.InitialBudget, budget, executed);
            }
        }
    }

    /// <summary>
    /// A rate of the budget: a cost indicator capped at ≤ 100% (spend no more than the budget), or an indicator named
    /// as the execution or spending rate of the budget or funds (预算执行率, 资金支出率) under any level.
    /// </summary>
    private static bool IsBudgetRate(IndicatorScore s)
    {
        var t = s.Target;
        if (t.Kind != TargetValueKind.Quantitative || !t.IsPercent || t.Number is not { } n)
        {
            return false;
        }

        if (n == 100m && t.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.Less && IndicatorKinds.IsCost(s))
        {
            return true;
        }

        var name = s.Indicator.Name;
        return (name.Contains("执行率", StringComparison.Ordinal) || name.Contains("支出率", StringComparison.Ordinal) || name.Contains("使用率", StringComparison.Ordinal))
            && (name.Contains("预算", StringComparison.Ordinal) || name.Contains("资金", StringComparison.Ordinal) || name.Contains("经费", StringComparison.Ordinal));
    }

    private static void CheckRate(CheckContext context, IndicatorScore s)
    {
        var a = s.Actual;
        if (a.Kind != TargetValueKind.Quantitative || !a.IsPercent || a.Number is not { } claimed || a.Operator is not (ComparisonOperator.None or ComparisonOperator.Equal))
        {
            return;
        }

        var rate = context.FundRate(0);
        if (!rate.Defined)
        {
            return;
        }

        var slack = HalfDigit(claimed) + context.Rules.Tolerances.Rate;
        if ((claimed >= rate.Low - slack && claimed <= rate.High + slack)
            || (rate.Line!.ExecutionRate is { } printed && Math.Abs(claimed - printed) <= slack))
        {
            return;
        }

        var ind = s.Indicator;
        var line = rate.Line;
        context.ReportIndicator(Rule, s.Index, "actual",
            $"指标{Fields.Name(ind)}（指标值 {s.Target.Raw}）实际完成值 {a.Raw}，而资金表执行率为 {X(rate.Exact)}%（全年执行数 {context.Money(line.Executed!.Value)} / 全年预算数 {context.Money(line.AnnualBudget!.Value)}）。",
            $"Indicator \"{ind.Name}\" (target {s.Target.Raw}) reports {a.Raw}, but the fund table's execution rate is {X(rate.Exact)}% (executed {context.Money(line.Executed.Value)} of the full-year budget {context.Money(line.AnnualBudget.Value)}).");
    }

    private static void CheckAmount(CheckContext context, IndicatorScore s, decimal? initial, decimal budget, decimal executed)
    {
        var t = s.Target;
        var a = s.Actual;
        var half = context.HalfUnit;
        var targetYuan = t.Kind == TargetValueKind.Quantitative && t.Number is { } tn && Units.YuanPer(t.Unit) is > 0m and var tf ? tn * tf : (decimal?)null;
        var targetSlack = targetYuan is null ? 0m : (HalfDigit(t.Number!.Value) * Units.YuanPer(t.Unit)) + half;
        var (actualYuan, actualSlack) = ActualYuan(s, half);
        var ind = s.Indicator;
        if (actualYuan is { } spent && spent > executed + actualSlack && (targetYuan is null || targetYuan <= budget + targetSlack))
        {
            context.ReportIndicator(Rule, s.Index, "actual",
                $"成本指标{Fields.Name(ind)}实际完成值 {a.Raw}（{context.Money(spent)}）超过项目全年执行数 {context.Money(executed)}。",
                $"The cost indicator \"{ind.Name}\" reports {a.Raw} ({context.Money(spent)}), more than the project's whole executed amount {context.Money(executed)}.");
            return;
        }

        if (!IsTotalCost(ind.Name, targetYuan, targetSlack, initial, budget))
        {
            return;
        }

        if (actualYuan is { } cost && Math.Abs(cost - executed) > actualSlack)
        {
            context.ReportIndicator(Rule, s.Index, "actual",
                $"总成本指标{Fields.Name(ind)}（指标值 {t.Raw}）实际完成值 {a.Raw}（{context.Money(cost)}），而资金表全年执行数为 {context.Money(executed)}。",
                $"The total-cost indicator \"{ind.Name}\" (target {t.Raw}) reports {a.Raw} ({context.Money(cost)}), but the fund table's executed amount is {context.Money(executed)}.");
        }
        else if (actualYuan is null && a.Kind == TargetValueKind.Qualitative && targetYuan is { } cap
            && t.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.Less && executed > cap + targetSlack)
        {
            context.ReportIndicator(Rule, s.Index, "actual",
                $"总成本指标{Fields.Name(ind)}指标值 {t.Raw}，实际完成值为“{a.Raw}”，而资金表全年执行数 {context.Money(executed)} 已超过指标值；表中得分 {N(s.Printed)}/{N(s.Weight)}。",
                $"The total-cost indicator \"{ind.Name}\" has the cap {t.Raw} and reports \"{a.Raw}\", but the fund table's executed amount {context.Money(executed)} exceeds the cap; printed {N(s.Printed)}/{N(s.Weight)}.");
        }
    }

    /// <summary>The actual as an amount in yuan, and how far rounding may move it (its own last digit and the table's).</summary>
    private static (decimal? Yuan, decimal Slack) ActualYuan(IndicatorScore s, decimal tableHalfUnit)
    {
        var a = s.Actual;
        if (a.Kind != TargetValueKind.Quantitative || a.Number is not { } number || a.Operator is not (ComparisonOperator.None or ComparisonOperator.Equal))
        {
            return (null, 0m);
        }

        var factor = Units.YuanPer(a.Unit);
        if (factor == 0m && string.IsNullOrEmpty(a.Unit) && !a.IsPercent)
        {
            factor = Units.YuanPer(s.Target.Unit); // 12.5 against ≤15万元: the target's unit
        }

        return factor == 0m ? (null, 0m) : (number * factor, (HalfDigit(number) * factor) + tableHalfUnit);
    }

    /// <summary>
    /// The project's total cost: named so (总成本, 总支出, 总投入, 总费用 — the Shanghai 2025 guide's 总成本), or an amount
    /// equal to the full-year or the initial budget.
    /// </summary>
    private static bool IsTotalCost(string name, decimal? targetYuan, decimal slack, decimal? initial, decimal budget) =>
        name.Contains("总成本", StringComparison.Ordinal) || name.Contains("总支出", StringComparison.Ordinal)
        || name.Contains("总投入", StringComparison.Ordinal) || name.Contains("总费用", StringComparison.Ordinal)
        || (targetYuan is { } t && (Math.Abs(t - budget) <= slack || (initial is { } i && i > 0m && Math.Abs(t - i) <= slack)));

    /// <summary>Half the last printed digit of <paramref name="number"/> (0.005 for 93.77, 0.5 for 90).</summary>
    private static decimal HalfDigit(decimal number)
    {
        var half = 0.5m;
        for (var i = 0; i < number.Scale; i++)
        {
            half /= 10m;
        }

        return half;
    }
}
