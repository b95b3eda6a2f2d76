namespace Jixiao.Core.Checks;

/// <summary>FUND-MIDYEAR: a full-year budget with 年初预算数 0 that is not carried over — the project was funded during the year.</summary>
public sealed class FundMidYearCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-MIDYEAR", Severity.Info, CheckCategory.Completeness, FormKinds.SelfEvaluation, "funds.total.initialBudget",
        "年初预算数为 0，全年预算数（扣除上年结转后）大于 0：项目资金为年中追加，未列入年初预算。",
        "The budget at the start of the year (年初预算数) is 0 while the full-year budget, less the carry-over, is not: the project was funded during the year, outside the budget adopted at its start.",
        "Rate = 全年执行数 / 全年预算数, the adjusted budget (rules-reference §1.5); a budget wholly added during the year is what a budget reviewer (人大预算审查) asks about first.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var funds = context.Form.SelfEvaluationFunds;
        var total = funds?.Total;
        if (total?.InitialBudget is not { } initial || total.AnnualBudget is not { } annual)
        {
            return;
        }

        var half = context.HalfUnit;
        var carried = funds!.Carryover?.AnnualBudget ?? 0m;
        if (initial > half || annual - carried <= half)
        {
            return;
        }

        var added = context.Money(annual - carried);
        if (carried > half)
        {
            context.ReportFund(Rule, total, "total", "initialBudget",
                $"年初预算数为 0，全年预算数 {context.Money(annual)} 中上年结转 {context.Money(carried)}，其余 {added} 为年中追加（未列入年初预算）。",
                $"The budget at the start of the year is 0; of the full-year budget {context.Money(annual)}, {context.Money(carried)} was carried over and {added} added during the year (outside the budget adopted at its start).");
            return;
        }

        context.ReportFund(Rule, total, "total", "initialBudget",
            $"年初预算数为 0，全年预算数 {added} 全部为年中追加（未列入年初预算）。",
            $"The budget at the start of the year is 0: the whole full-year budget of {added} was added during the year (outside the budget adopted at its start).");
    }
}
