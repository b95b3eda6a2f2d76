using Jixiao.Data.Forms;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Exports;

/// <summary>One line of the totals (汇总) of an exported list: its label in the request's language, its value and format.</summary>
public sealed record ExportTotalLine(string Key, string Label, ExportValue Value, ExportFormat Format = ExportFormat.General);

/// <summary>
/// The totals of an exported list (<see cref="FormTotals"/>) as labelled lines, shared by the CSV block and the xlsx
/// sheet 汇总 (JSON carries them as the object <c>totals</c>): money in yuan, the rate in percent, the rule last.
/// </summary>
public static class ExportTotals
{
    /// <summary>The name of the block and of the sheet.</summary>
    public static string Title => Ui.T("汇总", "Totals");

    public static IReadOnlyList<ExportTotalLine> Lines(FormTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return
        [
            new("forms", Ui.T("表单数", "Forms"), totals.Forms),
            new("selfEvaluations", Ui.T("自评表", "Self-evaluations"), totals.SelfEvaluations),
            new("declarations", Ui.T("申报表", "Target declarations"), totals.Declarations),
            new("budget", Ui.T("全年预算数（元，自评表）", "Full-year budget (yuan, self-evaluations)"), totals.Budget, ExportFormat.Money),
            new("executed", Ui.T("全年执行数（元，自评表）", "Executed (yuan, self-evaluations)"), totals.Executed, ExportFormat.Money),
            new("executionRate", Ui.T("执行率（%）", "Execution rate (%)"), totals.ExecutionRate, ExportFormat.Percent),
            new("declaredBudget", Ui.T("申报预算（元，申报表）", "Declared budget (yuan, target declarations)"), totals.DeclaredBudget, ExportFormat.Money),
            new("meanPrintedTotal", Ui.T("平均自评得分", "Mean printed total"), totals.MeanPrintedTotal),
            new("printedTotals", Ui.T("有自评得分的表单", "Forms with a printed total"), totals.PrintedTotals),
            new("meanRecomputedTotal", Ui.T("平均复核得分", "Mean recomputed total"), totals.MeanRecomputedTotal),
            new("recomputedTotals", Ui.T("有复核得分的表单", "Forms with a recomputed total"), totals.RecomputedTotals),
            new("errors", Ui.T("错误", "Errors"), totals.Errors),
            new("warnings", Ui.T("警告", "Warnings"), totals.Warnings),
            new("infos", Ui.T("提示", "Infos"), totals.Infos),
            new("rule", Ui.T("说明", "Note"), RateRule.Text),
        ];
    }
}
