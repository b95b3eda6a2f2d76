using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>FUND-SUM: 年度资金总额 (or 项目资金总额) is not the sum of its 其中 rows.</summary>
public sealed class FundSumCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-SUM", Severity.Error, CheckCategory.Arithmetic, FormKinds.Both, "funds.total.{column} / funds.annualTotal / funds.projectTotal",
        "资金总额不等于其中各项（当年财政拨款 + 上年结转资金 + 其他资金）之和。",
        "A fund total is not the sum of its parts (appropriation + carry-over + other).",
        "The 其中 rows split the total (form structure, rules-reference §1.7); S26 shows a total row of zeros beside a filled 当年财政拨款 row.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var tol = context.HalfUnit * 4m;
        if (context.Form.SelfEvaluationFunds is { Total: { } total } f)
        {
            Column(context, total, "initialBudget", "年初预算数", "initial budget", total.InitialBudget, f.Appropriation?.InitialBudget, f.Carryover?.InitialBudget, f.Other?.InitialBudget, tol);
            Column(context, total, "annualBudget", "全年预算数", "full-year budget", total.AnnualBudget, f.Appropriation?.AnnualBudget, f.Carryover?.AnnualBudget, f.Other?.AnnualBudget, tol);
            Column(context, total, "executed", "全年执行数", "executed", total.Executed, f.Appropriation?.Executed, f.Carryover?.Executed, f.Other?.Executed, tol);
        }

        if (context.Form.DeclarationFunds is { } d)
        {
            Sum(context, "funds.annualTotal", "年度资金申请总额", "annual request", d.AnnualTotal, d.AnnualAppropriation, d.AnnualCarryover, d.AnnualOther, tol);
            Sum(context, "funds.projectTotal", "项目资金总额", "project total", d.ProjectTotal, d.ProjectFiscal, d.ProjectOther, null, tol);
        }
    }

    private static void Column(CheckContext context, FundLine totalLine, string column, string zh, string en, decimal? total, decimal? a, decimal? b, decimal? c, decimal tol) =>
        Sum(context, Fields.Fund("total", column), zh, en, total, a, b, c, tol, totalLine.SourceLine);

    private static void Sum(CheckContext context, string field, string zh, string en, decimal? total, decimal? a, decimal? b, decimal? c, decimal tol, int sourceLine = 0)
    {
        if (total is not { } t || (a is null && b is null && c is null))
        {
            return;
        }

        var sum = (a ?? 0m) + (b ?? 0m) + (c ?? 0m);
        if (Math.Abs(sum - t) <= tol)
        {
            return;
        }

        context.Report(Rule, field,
            $"{zh}合计为 {context.Money(t)}，但其中各项之和为 {context.Money(sum)}。",
            $"The {en} total is {context.Money(t)}, but its parts add up to {context.Money(sum)}.",
            sourceLine);
    }
}
