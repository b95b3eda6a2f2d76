using System.Globalization;
using Jixiao.Data.Forms;
using Jixiao.Web.Api;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Exports;

/// <summary>One value of an exported cell: text, or a number (never both).</summary>
public readonly record struct ExportValue(string? Text, decimal? Number)
{
    public static implicit operator ExportValue(string? text) => new(text, null);

    public static implicit operator ExportValue(decimal? number) => new(null, number);

    public static implicit operator ExportValue(int number) => new(null, number);

    public static implicit operator ExportValue(long number) => new(null, number);

    public bool IsEmpty => Text is null && Number is null;

    /// <summary>
    /// The number as written in CSV, invariant: scores and rates with two decimals as on the pages (<c>96.80</c>,
    /// <c>94.30</c>), anything else in its shortest form (<c>3221300</c>, <c>10</c>).
    /// </summary>
    public string NumberText(ExportFormat format) => Number is not { } n ? ""
        : format is ExportFormat.Score or ExportFormat.Percent ? n.ToString("0.00", CultureInfo.InvariantCulture)
        : ApiJson.Shortest(n)!.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One column of a list export of <typeparamref name="T"/> rows: a stable key, its heading in Chinese and English, and its value.</summary>
public sealed record ExportColumn<T>(string Key, string Zh, string En, Func<T, ExportValue> Value, ExportFormat Format = ExportFormat.General)
{
    /// <summary>The heading in the request's language (Chinese unless English was chosen).</summary>
    public string Heading => Ui.T(Zh, En);
}

/// <summary>How a numeric column is shown in a spreadsheet.</summary>
public enum ExportFormat
{
    General,
    Money,

    /// <summary>A rate in percent (the heading says %): two decimals.</summary>
    Percent,

    /// <summary>A score (得分): two decimals, as everywhere scores are shown.</summary>
    Score,
}

/// <summary>
/// The columns of a list export (CSV and xlsx): one row per form, money in yuan, rates in percent and scores with
/// two decimals (the pages' rule), the printed values beside the recomputed ones, the finding counts and codes, and where the form came from.
/// Headings and the words of values (表类型, the grades, the money unit) are in the request's language; what the
/// form printed (评分等级) stays as printed.
/// </summary>
public static class ExportColumns
{
    public static IReadOnlyList<ExportColumn<FormDetail>> All { get; } =
    [
        new("id", "编号", "ID", d => d.Form.Id),
        new("kind", "表类型", "Kind", d => Ui.KindText(d.Form.Kind)),
        new("year", "年度", "Year", d => d.Form.Year),
        new("projectName", "项目名称", "Project name", d => d.Form.ProjectName),
        new("department", "主管部门", "Department", d => d.Form.Department),
        new("implementingUnit", "实施单位", "Implementing unit", d => d.Form.ImplementingUnit),
        new("moneyUnit", "原表金额单位", "Printed money unit", d => Ui.UnitLabel(d.Form.MoneyUnit)),
        new("budget", "年度预算（元）", "Budget (yuan)", d => d.Form.Budget, ExportFormat.Money),
        new("executed", "全年执行数（元）", "Executed (yuan)", d => d.Form.Executed, ExportFormat.Money),
        new("executionRate", "执行率（%）", "Execution rate (%)", d => d.Form.ExecutionRate, ExportFormat.Percent),
        new("totalWeight", "总分分值", "Total weight", d => d.Form.TotalWeight),
        new("totalScore", "自评得分", "Printed total", d => d.Form.TotalScore, ExportFormat.Score),
        new("grade", "评分等级（原表）", "Printed grade", d => d.Form.GradePrinted),
        new("claimedGrade", "自评等级", "Claimed grade", d => Grade(d.Form.Grade)),
        new("recomputedTotal", "复核得分", "Recomputed total", d => d.Form.RecomputedTotal, ExportFormat.Score),
        new("recomputedMin", "复核下限", "Recomputed min", d => d.Form.RecomputedMin, ExportFormat.Score),
        new("recomputedMax", "复核上限", "Recomputed max", d => d.Form.RecomputedMax, ExportFormat.Score),
        new("recomputedGrade", "复核等级", "Recomputed grade", d => Grade(d.Form.RecomputedGrade)),
        new("notAssessable", "无法评估项", "Not assessable", d => d.Form.CannotAssessCount),
        new("indicators", "指标数", "Indicators", d => d.Form.IndicatorCount),
        new("errors", "错误", "Errors", d => d.Form.ErrorCount),
        new("warnings", "警告", "Warnings", d => d.Form.WarningCount),
        new("infos", "提示", "Infos", d => d.Form.InfoCount),
        new("findingCodes", "问题代码", "Finding codes", d => Codes(d)),
        new("importBatchId", "导入批次", "Import batch", d => d.Form.ImportBatchId),
        new("sourceFile", "来源文件", "Source file", d => d.Form.SourceFile),
        new("sourceLines", "来源行", "Source lines", d => d.Form.SourceFirstLine is { } a ? $"{a}-{d.Form.SourceLastLine ?? a}" : null),
    ];

    /// <summary>A grade in the request's language (优 / Excellent), empty when there is none.</summary>
    private static string? Grade(Core.Scoring.Grade? grade) => grade is null ? null : Ui.GradeText(grade);

    /// <summary>The distinct finding codes of a form, in the order first reported, separated by spaces.</summary>
    private static string? Codes(FormDetail d) =>
        d.Findings.Count == 0 ? null : string.Join(' ', d.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal));
}
