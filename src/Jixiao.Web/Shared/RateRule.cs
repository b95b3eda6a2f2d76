namespace Jixiao.Web.Shared;

/// <summary>
/// How the budget, the executed amount and the execution rate (执行率) of a set of forms are added up
/// (<see cref="Data.Forms.ExecutionRates"/>), in the words the overview, the form list and the exports show.
/// </summary>
public static class RateRule
{
    /// <summary>The rule in full, for a footnote or a tooltip.</summary>
    public static string Text => Ui.T(
        "执行率 = Σ全年执行数 ÷ Σ全年预算数，只计同时填有这两个数的自评表（项目和部门整体支出绩效自评表）；预算与执行数也只计这些表。申报表的年度资金申请总额另列为“申报预算”，不计入预算与执行率（同一项目同一年的申报与自评不重复计算）。",
        "Execution rate = Σ executed ÷ Σ full-year budget, over the self-evaluations (of projects and of departments) that state both amounts; the budget and executed shown are over the same forms. The money of target declarations is shown apart as “declared” and is in neither (a project declared and evaluated in one year is not counted twice).");

    /// <summary>The rule in a few words, under a figure.</summary>
    public static string Short => Ui.T("Σ全年执行数 ÷ Σ全年预算数（自评表）", "Σ executed ÷ Σ full-year budget (self-evaluations)");
}
