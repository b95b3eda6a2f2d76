using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Monitoring;

/// <summary>How an indicator's progress is judged.</summary>
public enum ProgressKind
{
    /// <summary>The target is words: judged by the band named (达成 / 部分达成 / 未达成).</summary>
    Qualitative,

    /// <summary>A count or an amount that accumulates over the year (≥ / = / no operator, a target above 0, not a percentage): its share to date is set against the time line.</summary>
    Cumulative,

    /// <summary>A level to keep (a percentage, an upper limit ≤ / &lt;, a change, a target of 0): the value to date is set against the target itself.</summary>
    Level,

    /// <summary>The target is empty or unreadable: only the likelihood can be judged.</summary>
    NoTarget,
}

/// <summary>Budget execution at a checkpoint against the time-proportional line.</summary>
/// <param name="Budget">全年预算数 used, yuan (the checkpoint's, else the declaration's 年度资金申请总额).</param>
/// <param name="Executed">执行数 to the checkpoint, yuan.</param>
/// <param name="ElapsedMonths">Months of the budget year elapsed at the checkpoint (30 June = 6, 31 August = 8; within a month by days); null when the date is outside the year.</param>
/// <param name="Rate">执行率: executed / budget × 100, or null.</param>
/// <param name="Progress">执行进度: rate ÷ (months / 12), or null.</param>
/// <param name="Light">The light of the progress.</param>
public sealed record ExecutionProgress(decimal? Budget, decimal? Executed, decimal? ElapsedMonths, decimal? Rate, decimal? Progress, MonitoringLight Light)
{
    /// <summary>时间进度: months elapsed / 12 × 100, or null.</summary>
    public decimal? TimeShare => ElapsedMonths is { } m ? m * 100m / 12m : null;
}

/// <summary>One indicator's risk at a checkpoint: each signal's light and the worst of them.</summary>
/// <param name="Index">0-based row of the declaration.</param>
/// <param name="Indicator">The declared indicator.</param>
/// <param name="Kind">How its progress is judged.</param>
/// <param name="Light">The worst of the signals' lights (Unknown when none could be judged).</param>
/// <param name="Progress">What the unit recorded (an empty entry when nothing).</param>
/// <param name="ToDate">The value to date compared with the target by the scorer (weight 100), or null when nothing was recorded.</param>
/// <param name="Estimate">The full-year estimate compared with the target by the scorer (weight 100), or null.</param>
/// <param name="Pace">For a cumulative indicator: its share of the target to date ÷ the time share × 100, or null.</param>
/// <param name="ToDateLight">The light of the value to date.</param>
/// <param name="EstimateLight">The light of the full-year estimate.</param>
/// <param name="LikelihoodLight">The light of the likelihood (完全不可能 red, 有可能 yellow, 确定能 green).</param>
public sealed record IndicatorRisk(
    int Index,
    Indicator Indicator,
    ProgressKind Kind,
    MonitoringLight Light,
    IndicatorProgress Progress,
    IndicatorScore? ToDate,
    IndicatorScore? Estimate,
    decimal? Pace,
    MonitoringLight ToDateLight,
    MonitoringLight EstimateLight,
    MonitoringLight LikelihoodLight)
{
    /// <summary>True for a yellow or red light.</summary>
    public bool AtRisk => Light >= MonitoringLight.Yellow;

    /// <summary>The target as the grammar read it.</summary>
    public TargetValue? Target => (Estimate ?? ToDate)?.Target;
}

/// <summary>What a monitoring checkpoint shows (双监控): execution against the time line, each indicator's risk, the warnings.</summary>
public sealed class MonitoringReport
{
    /// <summary>The checkpoint.</summary>
    public required MonitoringCheckpoint Checkpoint { get; init; }

    /// <summary>The rule set whose target grammar and formulas compared the values.</summary>
    public required RuleSet Rules { get; init; }

    /// <summary>The thresholds used.</summary>
    public required MonitoringThresholds Thresholds { get; init; }

    /// <summary>Budget execution.</summary>
    public required ExecutionProgress Execution { get; init; }

    /// <summary>One risk per indicator of the declaration, in order.</summary>
    public required IReadOnlyList<IndicatorRisk> Indicators { get; init; }

    /// <summary>The warnings, execution first, then by indicator.</summary>
    public required IReadOnlyList<MonitoringWarning> Warnings { get; init; }

    /// <summary>The project's light: the worst of execution and indicators.</summary>
    public MonitoringLight Light
    {
        get
        {
            var worst = Execution.Light;
            foreach (var r in Indicators)
            {
                if (r.Light > worst)
                {
                    worst = r.Light;
                }
            }

            return worst;
        }
    }
}
