using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Web.Exports;

namespace Jixiao.Web.Public;

/// <summary>
/// One column of an open-data table (公开数据) and its entry in the data dictionary: a stable key (the CSV heading,
/// the same in every language, so that a download's bytes and checksum do not depend on who asks), its type, its unit,
/// and its meaning in Chinese and English.
/// </summary>
public sealed record OpenDataColumn<T>(string Key, string Type, string? Unit, string Zh, string En, Func<T, ExportValue> Value, ExportFormat Format = ExportFormat.General)
{
    /// <summary>The column as the CSV writer takes it: headed by its key in either language.</summary>
    public ExportColumn<T> ForCsv() => new(Key, Key, Key, Value, Format);

    public DictionaryEntry Entry => new(Key, Type, Unit, Zh, En);
}

/// <summary>A column of the data dictionary: key, type (<c>integer</c>, <c>decimal</c>, <c>text</c>, <c>date</c>, <c>datetime</c>), unit, meaning.</summary>
public sealed record DictionaryEntry(string Key, string Type, string? Unit, string Zh, string En);

/// <summary>One indicator row of a published form (三级指标), with the form it belongs to.</summary>
public sealed record PublicIndicator(PublicForm Form, IndicatorRecord Indicator);

/// <summary>
/// The columns of the two open-data tables: <c>forms.csv</c> (one row per published form, the values the form prints,
/// money in yuan) and <c>indicators.csv</c> (one row per indicator). Values are written invariant: numbers plain,
/// scores and rates with two decimals, dates ISO; what the form prints (names, targets, grades) stays as printed.
/// </summary>
public static class OpenDataColumns
{
    private const string Yuan = "元";

    public static IReadOnlyList<OpenDataColumn<PublicForm>> Forms { get; } =
    [
        new("id", "integer", null, "编号：公开表单的编号，与网页地址 /public/forms/{id} 相同", "ID of the published form, as in the page address /public/forms/{id}", p => p.Detail.Form.Id),
        new("kind", "text", null, "表类型代码：target-declaration（绩效目标申报表）、self-evaluation（项目支出绩效自评表）、department-self-evaluation（部门整体支出绩效自评表）",
            "Kind code: target-declaration, self-evaluation (project), department-self-evaluation", p => p.Detail.Form.Kind.ToJsonLabel()),
        new("year", "integer", null, "年度", "Budget year", p => p.Detail.Form.Year),
        new("region", "text", null, "地区（主管部门所在地区）", "Region (of the department)", p => p.Region),
        new("department", "text", null, "主管部门", "Department (主管部门)", p => p.Detail.Form.Department),
        new("implementingUnit", "text", null, "实施单位", "Implementing unit (实施单位)", p => p.Detail.Form.ImplementingUnit),
        new("projectName", "text", null, "项目名称", "Project name", p => p.Detail.Form.ProjectName),
        new("category", "text", null, "项目类别（申报表）", "Project category (declarations)", p => p.Detail.Form.Category),
        new("plannedStart", "date", null, "计划开始日期（申报表）", "Planned start (declarations)", p => Day(p.Detail.Form.PlannedStart)),
        new("plannedEnd", "date", null, "计划完成日期（申报表）", "Planned end (declarations)", p => Day(p.Detail.Form.PlannedEnd)),
        new("moneyUnit", "text", null, "原表金额单位（元或万元）；本数据中的金额一律为元", "Money unit of the printed form (元 or 万元); amounts here are always in yuan", p => p.Detail.Form.MoneyUnit.Label()),
        new("projectTotal", "decimal", Yuan, "项目资金总额（申报表）", "Project funds in total (declarations)", p => p.Detail.Form.ProjectTotal, ExportFormat.Money),
        new("annualTotal", "decimal", Yuan, "年度资金申请总额（申报表）", "Annual funds requested (declarations)", p => p.Detail.Form.AnnualTotal, ExportFormat.Money),
        new("initialBudget", "decimal", Yuan, "年初预算数：年度资金总额（自评表）", "Initial budget, all funds (self-evaluations)", p => p.Detail.Form.TotalInitialBudget, ExportFormat.Money),
        new("annualBudget", "decimal", Yuan, "全年预算数：年度资金总额（自评表）", "Full-year budget, all funds (self-evaluations)", p => p.Detail.Form.TotalAnnualBudget, ExportFormat.Money),
        new("executed", "decimal", Yuan, "全年执行数：年度资金总额（自评表）", "Executed in the year, all funds (self-evaluations)", p => p.Detail.Form.TotalExecuted, ExportFormat.Money),
        new("executionRate", "decimal", "%", "执行率（表中所填）", "Execution rate as on the form", p => p.Detail.Form.TotalExecutionRate, ExportFormat.Percent),
        new("totalWeight", "decimal", "分", "总分分值", "Total weight (points)", p => p.Detail.Form.TotalWeight),
        new("totalScore", "decimal", "分", "自评得分（总分）", "Total score as on the form", p => p.Detail.Form.TotalScore, ExportFormat.Score),
        new("grade", "text", null, "评分等级（优、良、中、差，表中所填）", "Grade as on the form (优 excellent, 良 good, 中 fair, 差 poor)", p => p.Detail.Form.GradePrinted),
        new("indicatorCount", "integer", null, "绩效指标（三级指标）数", "Number of indicators (三级指标)", p => p.Detail.Form.IndicatorCount),
        new("publishedAt", "datetime", null, "公开时间（UTC，ISO 8601）", "When it was published (UTC, ISO 8601)", p => Instant(p.PublishedAt)),
    ];

    public static IReadOnlyList<OpenDataColumn<PublicIndicator>> Indicators { get; } =
    [
        new("formId", "integer", null, "所属公开表单的编号（forms.csv 的 id）", "ID of the published form (id in forms.csv)", x => x.Form.Detail.Form.Id),
        new("position", "integer", null, "指标在表中的顺序（从 1 起）", "Position of the indicator on the form (from 1)", x => x.Indicator.Position + 1),
        new("level1", "text", null, "一级指标", "Level-1 indicator (一级指标)", x => x.Indicator.Level1),
        new("level2", "text", null, "二级指标", "Level-2 indicator (二级指标)", x => x.Indicator.Level2),
        new("name", "text", null, "三级指标（指标名称）", "Indicator (三级指标)", x => x.Indicator.Name),
        new("target", "text", null, "年度指标值（目标值，原文）", "Annual target, as printed", x => x.Indicator.Target),
        new("actual", "text", null, "实际完成值（自评表，原文）", "Actual value, as printed (self-evaluations)", x => x.Indicator.Actual),
        new("weight", "decimal", "分", "分值（申报表为计划分值）", "Weight in points (planned, on a declaration)", x => x.Indicator.Weight),
        new("score", "decimal", "分", "得分（自评表）", "Score (self-evaluations)", x => x.Indicator.Score, ExportFormat.Score),
        new("deviation", "text", null, "偏差原因分析及改进措施（自评表）", "Reasons for deviations and improvements (self-evaluations)", x => x.Indicator.Deviation),
    ];

    /// <summary>The members of each object of <c>forms.json</c>; <c>form</c> is the interchange object (docs/schema.md).</summary>
    public static IReadOnlyList<DictionaryEntry> JsonMembers { get; } =
    [
        new("id", "integer", null, "编号（同 forms.csv 的 id）", "ID (as id in forms.csv)"),
        new("url", "text", null, "公开网页的地址", "Address of the public page"),
        new("region", "text", null, "地区（主管部门所在地区）", "Region (of the department)"),
        new("publishedAt", "datetime", null, "公开时间（UTC，ISO 8601）", "When it was published (UTC, ISO 8601)"),
        new("form", "object", null, "表的全部内容，格式为 jixiao.form/1（金额为元，见 docs/schema.md）", "The whole form in the interchange format jixiao.form/1 (money in yuan; docs/schema.md)"),
    ];

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant as ISO 8601 UTC to the second.</summary>
    public static string? Instant(DateTime? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
