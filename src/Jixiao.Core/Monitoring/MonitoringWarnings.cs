using Jixiao.Core.Checks;

namespace Jixiao.Core.Monitoring;

/// <summary>What a monitoring warning is: a stable code, one severity, its meaning in Chinese and English, and why.</summary>
/// <param name="Code">Stable code, e.g. <c>MON-EXEC-RED</c>.</param>
/// <param name="Severity">Error for a red light (funding may be suspended, S18), warning for yellow, info for what could not be assessed.</param>
/// <param name="Field">The field path pattern it points at.</param>
/// <param name="MeaningZh">What it means, in Chinese.</param>
/// <param name="MeaningEn">What it means, in English.</param>
/// <param name="Rationale">The rule and its source in rules-reference.md.</param>
public sealed record MonitoringWarningDefinition(string Code, Severity Severity, string Field, string MeaningZh, string MeaningEn, string Rationale);

/// <summary>One warning of a monitoring checkpoint, with the concrete values.</summary>
/// <param name="Code">The definition's code.</param>
/// <param name="Severity">The definition's severity.</param>
/// <param name="Light">The light it belongs to.</param>
/// <param name="Field">Where it points: <c>date</c>, <c>executed</c>, <c>indicators[3].expected</c> …</param>
/// <param name="MessageZh">中文.</param>
/// <param name="MessageEn">English.</param>
public sealed record MonitoringWarning(string Code, Severity Severity, MonitoringLight Light, string Field, string MessageZh, string MessageEn)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code} {Field}: {MessageEn}";
}

/// <summary>The monitoring warnings (绩效运行监控预警), each with a stable code like the checks'.</summary>
public static class MonitoringWarnings
{
    /// <summary>Field of the checkpoint date.</summary>
    public const string DateField = "date";

    /// <summary>Field of the amount executed to the checkpoint.</summary>
    public const string ExecutedField = "executed";

    public static MonitoringWarningDefinition DateOutsideYear { get; } = new(
        "MON-DATE", Severity.Error, DateField,
        "监控时点不在项目的预算年度内，无法计算时间进度。",
        "The checkpoint is outside the project's budget year: the time elapsed cannot be computed.",
        "Execution progress is measured against the months elapsed in the budget year (rules-reference §4, S10).");

    public static MonitoringWarningDefinition ExecutionRed { get; } = new(
        "MON-EXEC-RED", Severity.Error, ExecutedField,
        "预算执行进度低于红色预警线（默认 60%）：支出严重滞后于时间进度。",
        "Execution progress is below the red line (60% by default): spending lags far behind the time-proportional line.",
        "双监控 watches the pace of spending (S18, S19, S20); progress = (执行数/预算数) ÷ (months/12) × 100, red < 60 (S10 configuration) — thresholds are configuration.");

    public static MonitoringWarningDefinition ExecutionYellow { get; } = new(
        "MON-EXEC-YELLOW", Severity.Warning, ExecutedField,
        "预算执行进度低于绿色线（默认 80%）：支出滞后于时间进度。",
        "Execution progress is below the green line (80% by default): spending lags behind the time-proportional line.",
        "As MON-EXEC-RED; yellow 60–80 (S10 configuration).");

    public static MonitoringWarningDefinition ExecutionUnassessed { get; } = new(
        "MON-EXEC-UNASSESSED", Severity.Info, ExecutedField,
        "缺少执行数或预算数（或预算数为0），无法计算执行进度。",
        "The executed amount or the budget is missing (or the budget is 0): execution progress cannot be computed.",
        "Monitoring collects spending progress against plan (S20).");

    public static MonitoringWarningDefinition Overspent { get; } = new(
        "MON-OVERSPEND", Severity.Error, ExecutedField,
        "执行数已超过全年预算数。",
        "The amount executed exceeds the full-year budget.",
        "Spending is bounded by the adjusted full-year budget (rules-reference §1.5, §4); the budget was overspent or an adjustment is not recorded.");

    public static MonitoringWarningDefinition IndicatorRed { get; } = new(
        "MON-IND-RED", Severity.Error, "indicators[i].likelihood / .expected / .toDate",
        "指标红色预警：完成目标“完全不可能”，或全年预计值、截至监控时点的完成进度远低于年度指标值。",
        "Indicator at high risk (red): the target is impossible to meet (完全不可能), or the full-year estimate or the progress to date falls far short of it.",
        "双监控 watches how far targets are being met (S18); 完全不可能 and 未达成 are red (rules-reference §4, S10).");

    public static MonitoringWarningDefinition IndicatorYellow { get; } = new(
        "MON-IND-YELLOW", Severity.Warning, "indicators[i].likelihood / .expected / .toDate",
        "指标黄色预警：完成目标仅“有可能”，或全年预计值未达到年度指标值，或完成进度滞后于时间进度。",
        "Indicator at risk (yellow): meeting the target is only possible (有可能), or the full-year estimate misses it, or progress lags the time line.",
        "部分达成 is yellow (S10); the pace thresholds are Jixiao's by analogy with execution [J].");

    public static MonitoringWarningDefinition IndicatorUnassessed { get; } = new(
        "MON-IND-UNASSESSED", Severity.Info, "indicators[i]",
        "未填写该指标的进度，或所填数值无法与年度指标值比较。",
        "No progress recorded for the indicator, or what is recorded cannot be compared with its target.",
        "Monitoring collects output and effect data per indicator (S20).");

    public static MonitoringWarningDefinition CauseMissing { get; } = new(
        "MON-CAUSE-MISSING", Severity.Warning, "indicators[i].cause",
        "指标有预警（红或黄），但未选择偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）。",
        "The indicator has a warning (red or yellow) but no deviation cause is chosen (funding, rules, staffing, facilities, other).",
        "The central monitoring form asks for the 偏差原因 of deviating indicators (rules-reference §4 [U]).");

    /// <summary>Every monitoring warning, in report order.</summary>
    public static IReadOnlyList<MonitoringWarningDefinition> All { get; } =
        [DateOutsideYear, ExecutionRed, ExecutionYellow, ExecutionUnassessed, Overspent, IndicatorRed, IndicatorYellow, IndicatorUnassessed, CauseMissing];
}
