using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>FUND-OVERSPEND: 全年执行数 above 全年预算数.</summary>
public sealed class FundOverspendCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-OVERSPEND", Severity.Error, CheckCategory.Consistency, FormKinds.SelfEvaluation, "funds.{line}.executed",
        "全年执行数超过全年预算数。",
        "The executed amount exceeds the full-year budget.",
        "Spending is bounded by the adjusted full-year budget (全年预算数) — rules-reference §1.5; either the amounts are misreported or the budget was overspent.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        if (context.Form.SelfEvaluationFunds is not { } funds)
        {
            return;
        }

        var h = context.HalfUnit * 2m;
        Line(context, "total", "年度资金总额", "total", funds.Total, h);
        Line(context, "appropriation", "当年财政拨款", "appropriation", funds.Appropriation, h);
        Line(context, "carryover", "上年结转资金", "carry-over", funds.Carryover, h);
        Line(context, "other", "其他资金", "other funds", funds.Other, h);
    }

    private static void Line(CheckContext context, string name, string zh, string en, FundLine? line, decimal tolerance)
    {
        if (line?.AnnualBudget is not { } b || line.Executed is not { } e || e <= b + tolerance)
        {
            return;
        }

        context.ReportFund(Rule, line, name, "executed",
            $"{zh}全年执行数 {context.Money(e)} 超过全年预算数 {context.Money(b)}。",
            $"The {en} line executed {context.Money(e)}, more than its full-year budget {context.Money(b)}.");
    }
}
