using Jixiao.Core.Forms;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>VALUE-MISSING: a value the form kind requires is not printed.</summary>
public sealed class ValueMissingCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "VALUE-MISSING", Severity.Warning, CheckCategory.Completeness, FormKinds.Both,
        "indicators[i].target / .actual / .weight / .score, funds.total.*, totalScore",
        "必填数值缺失：指标值、实际完成值、分值、得分、年度资金总额行或总分。",
        "A required value is missing: target, actual, weight, score, the fund total row or the total score.",
        "Form structure of the 自评表 / 申报表 (rules-reference §1.7, §3); often a damaged source row, hence a warning.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var self = context.IsSelfEvaluation;
        foreach (var s in context.Score.Indicators)
        {
            var ind = s.Indicator;
            if (s.Target.Kind == TargetValueKind.Empty)
            {
                Missing(context, s.Index, ind, "target", "年度指标值", "target");
            }

            if (!self)
            {
                continue;
            }

            if (s.Actual.Kind == TargetValueKind.Empty)
            {
                Missing(context, s.Index, ind, "actual", "实际完成值", "actual value");
            }

            if (ind.Weight is null)
            {
                Missing(context, s.Index, ind, "weight", "分值", "weight");
            }

            if (ind.Score is null)
            {
                Missing(context, s.Index, ind, "score", "得分", "score");
            }
        }

        if (!self)
        {
            return;
        }

        var total = context.Form.SelfEvaluationFunds?.Total;
        if (total is null)
        {
            context.Report(Rule, "funds.total", "缺少年度资金总额行。", "The fund total row (年度资金总额) is missing.");
        }
        else
        {
            if (total.AnnualBudget is null)
            {
                context.ReportFund(Rule, total, "total", "annualBudget", "年度资金总额缺少全年预算数。", "The fund total has no full-year budget.");
            }

            if (total.Executed is null)
            {
                context.ReportFund(Rule, total, "total", "executed", "年度资金总额缺少全年执行数。", "The fund total has no executed amount.");
            }

            if (total.Score is null)
            {
                context.ReportFund(Rule, total, "total", "score", "年度资金总额缺少得分。", "The fund total has no execution score.");
            }
        }

        if (context.Form.TotalScore is null)
        {
            context.Report(Rule, Fields.TotalScore, "缺少总分。", "The total score is missing.");
        }
    }

    private static void Missing(CheckContext context, int index, Indicator ind, string member, string zh, string en) =>
        context.ReportIndicator(Rule, index, member,
            $"指标{Fields.Name(ind)}缺少{zh}。",
            $"Indicator \"{ind.Name}\" has no {en}.");
}
