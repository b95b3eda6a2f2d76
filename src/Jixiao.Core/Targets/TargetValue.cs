namespace Jixiao.Core.Targets;

/// <summary>The comparison printed before a target number (=, ≥, ≤, &gt;, &lt;).</summary>
public enum ComparisonOperator
{
    /// <summary>No operator printed (e.g. <c>103.00(台)</c>, <c>354 人</c>).</summary>
    None,
    Equal,
    GreaterOrEqual,
    LessOrEqual,
    Greater,
    Less,
}

/// <summary>What kind of value a 年度指标值 / 实际完成值 cell holds.</summary>
public enum TargetValueKind
{
    /// <summary>Nothing printed.</summary>
    Empty,

    /// <summary>A number, with an optional operator and unit: <c>≥90.00(%)</c>, <c>3391.32万元</c>.</summary>
    Quantitative,

    /// <summary>A change relative to a base: <c>同比减少5%</c>, <c>增长 10%</c>.</summary>
    Growth,

    /// <summary>Words: <c>及时</c>, <c>有效</c>, <c>达成指标</c>.</summary>
    Qualitative,

    /// <summary>Text the grammar could not classify; kept as printed.</summary>
    Unreadable,
}

/// <summary>Direction of a growth target.</summary>
public enum GrowthDirection
{
    Increase,
    Decrease,
}

/// <summary>The qualitative achievement bands of 财预〔2020〕10号 (达成 / 部分达成 / 未达成).</summary>
public enum QualitativeBand
{
    None,

    /// <summary>达成年度指标 / 达成指标.</summary>
    Achieved,

    /// <summary>部分达成年度指标并具有一定效果.</summary>
    PartiallyAchieved,

    /// <summary>未达成年度指标且效果较差.</summary>
    NotAchieved,
}

/// <summary>
/// A parsed 年度指标值 or 实际完成值. Parsing never throws: text that cannot be read is kept in
/// <see cref="Raw"/> with <see cref="Kind"/> = <see cref="TargetValueKind.Unreadable"/>.
/// </summary>
public sealed record TargetValue
{
    /// <summary>The printed text, unchanged.</summary>
    public required string Raw { get; init; }

    public TargetValueKind Kind { get; init; }

    public ComparisonOperator Operator { get; init; }

    /// <summary>The number (for growth: the size of the change, positive).</summary>
    public decimal? Number { get; init; }

    /// <summary>The unit, normalised (<c>%</c>, <c>个</c>, <c>万元</c>, <c>天</c> …), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>True when the unit is a percentage (% or 百分比).</summary>
    public bool IsPercent { get; init; }

    /// <summary>For <see cref="TargetValueKind.Growth"/>: which way.</summary>
    public GrowthDirection? Growth { get; init; }

    /// <summary>For qualitative actual values: the band the words name, if any.</summary>
    public QualitativeBand Band { get; init; }

    public bool IsNumeric => Number is not null && Kind is TargetValueKind.Quantitative or TargetValueKind.Growth;
}
