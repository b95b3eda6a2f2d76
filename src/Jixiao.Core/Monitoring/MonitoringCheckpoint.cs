namespace Jixiao.Core.Monitoring;

/// <summary>完成目标可能性: how likely the unit says the annual target is to be met (the central monitoring form, rules-reference §4).</summary>
public enum Likelihood
{
    /// <summary>确定能.</summary>
    Certain,

    /// <summary>有可能.</summary>
    Possible,

    /// <summary>完全不可能.</summary>
    Impossible,
}

/// <summary>偏差原因: the category of the reason an indicator deviates from its target (rules-reference §4).</summary>
public enum DeviationCause
{
    /// <summary>经费保障: funding.</summary>
    Funding,

    /// <summary>制度保障: rules and procedures.</summary>
    Institutional,

    /// <summary>人员保障: staffing.</summary>
    Staffing,

    /// <summary>硬件条件保障: equipment and facilities.</summary>
    Facilities,

    /// <summary>其他: other.</summary>
    Other,
}

/// <summary>The Chinese labels of the monitoring form's choices, both ways.</summary>
public static class MonitoringTerms
{
    /// <summary>确定能 / 有可能 / 完全不可能.</summary>
    public static string ToChinese(this Likelihood likelihood) => likelihood switch
    {
        Likelihood.Certain => "确定能",
        Likelihood.Possible => "有可能",
        _ => "完全不可能",
    };

    /// <summary>经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他.</summary>
    public static string ToChinese(this DeviationCause cause) => cause switch
    {
        DeviationCause.Funding => "经费保障",
        DeviationCause.Institutional => "制度保障",
        DeviationCause.Staffing => "人员保障",
        DeviationCause.Facilities => "硬件条件保障",
        _ => "其他",
    };

    /// <summary>Reads a printed 完成目标可能性 (white space ignored); null for anything else.</summary>
    public static Likelihood? ParseLikelihood(string? text) => Forms.TextKey.Of(text) switch
    {
        "确定能" => Likelihood.Certain,
        "有可能" => Likelihood.Possible,
        "完全不可能" => Likelihood.Impossible,
        _ => null,
    };

    /// <summary>Reads a printed 偏差原因 category (white space ignored); null for anything else.</summary>
    public static DeviationCause? ParseCause(string? text) => Forms.TextKey.Of(text) switch
    {
        "经费保障" => DeviationCause.Funding,
        "制度保障" => DeviationCause.Institutional,
        "人员保障" => DeviationCause.Staffing,
        "硬件条件保障" => DeviationCause.Facilities,
        "其他" => DeviationCause.Other,
        _ => null,
    };
}

/// <summary>What the unit records for one indicator of the approved declaration at a checkpoint.</summary>
/// <param name="Index">The 0-based row of the indicator in the declaration.</param>
/// <param name="ToDate">实际完成值 to the checkpoint (1–N月), as typed (read by the target grammar).</param>
/// <param name="ExpectedFullYear">全年预计完成值, as typed.</param>
/// <param name="Likelihood">完成目标可能性, when given.</param>
/// <param name="Cause">偏差原因 category, when given.</param>
/// <param name="CauseText">偏差原因 in words, when given.</param>
public sealed record IndicatorProgress(
    int Index,
    string? ToDate = null,
    string? ExpectedFullYear = null,
    Likelihood? Likelihood = null,
    DeviationCause? Cause = null,
    string? CauseText = null);

/// <summary>
/// A monitoring checkpoint (绩效运行监控, 双监控) of an approved declaration: the date, the amount executed to it and
/// the progress of each indicator. Money in yuan.
/// </summary>
/// <param name="Date">The checkpoint, e.g. 30 June or 31 August of the budget year.</param>
/// <param name="Executed">执行数 to the checkpoint, yuan.</param>
/// <param name="Indicators">Progress per indicator; rows of the declaration without an entry are reported as not assessed.</param>
public sealed record MonitoringCheckpoint(DateOnly Date, decimal? Executed, IReadOnlyList<IndicatorProgress> Indicators)
{
    /// <summary>全年预算数 when the budget was adjusted, yuan; null: the declaration's 年度资金申请总额.</summary>
    public decimal? Budget { get; init; }
}
