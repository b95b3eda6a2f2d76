namespace Jixiao.Core.Monitoring;

/// <summary>A monitoring warning light (预警灯), in order of gravity.</summary>
public enum MonitoringLight
{
    /// <summary>Not assessed: nothing recorded, or nothing comparable (灰).</summary>
    Unknown,

    /// <summary>On track (绿灯).</summary>
    Green,

    /// <summary>At risk (黄灯).</summary>
    Yellow,

    /// <summary>Seriously behind or impossible (红灯).</summary>
    Red,
}

/// <summary>
/// The thresholds of the monitoring lights, as configuration: no official figure exists (rules-reference §4), so
/// every value is a default a deployment overrides with a <c>with</c> expression.
/// </summary>
public sealed record MonitoringThresholds
{
    /// <summary>The defaults: execution progress red below 60, green from 80 (the S10 platform configuration); the same for indicators [J].</summary>
    public static MonitoringThresholds Default { get; } = new();

    /// <summary>执行进度 (percent of the time-proportional line) below this is red. S10: 60.</summary>
    public decimal ExecutionRedBelow { get; init; } = 60m;

    /// <summary>执行进度 from this on is green; between the two, yellow. S10: 80.</summary>
    public decimal ExecutionGreenFrom { get; init; } = 80m;

    /// <summary>
    /// A cumulative indicator's pace (its share of the target to date against the time line, percent) below this is
    /// red; a missed target whose completion by the rules is below this is red, otherwise yellow. [J], by analogy with
    /// execution: 60.
    /// </summary>
    public decimal IndicatorRedBelow { get; init; } = 60m;

    /// <summary>A cumulative indicator's pace from this on is green; between the two, yellow. [J]: 80.</summary>
    public decimal IndicatorGreenFrom { get; init; } = 80m;

    /// <summary>完成目标可能性 有可能 makes an indicator yellow (it is not certain). [J]: true.</summary>
    public bool PossibleIsYellow { get; init; } = true;

    /// <summary>The light of an execution progress in percent.</summary>
    public MonitoringLight ExecutionLight(decimal progress) => Light(progress, ExecutionRedBelow, ExecutionGreenFrom);

    /// <summary>The light of a cumulative indicator's pace in percent.</summary>
    public MonitoringLight PaceLight(decimal pace) => Light(pace, IndicatorRedBelow, IndicatorGreenFrom);

    /// <summary>The light of a missed target with this completion by the rules (percent): red below <see cref="IndicatorRedBelow"/>, else yellow.</summary>
    public MonitoringLight MissedLight(decimal completion) => completion < IndicatorRedBelow ? MonitoringLight.Red : MonitoringLight.Yellow;

    /// <summary>Throws when a red threshold lies above its green one.</summary>
    public void Validate()
    {
        if (ExecutionRedBelow > ExecutionGreenFrom || IndicatorRedBelow > IndicatorGreenFrom)
        {
            throw new ArgumentException(
                $"Monitoring thresholds: red must lie below green (execution {ExecutionRedBelow}/{ExecutionGreenFrom}, indicators {IndicatorRedBelow}/{IndicatorGreenFrom}).");
        }
    }

    private static MonitoringLight Light(decimal value, decimal redBelow, decimal greenFrom) =>
        value < redBelow ? MonitoringLight.Red : value < greenFrom ? MonitoringLight.Yellow : MonitoringLight.Green;
}
