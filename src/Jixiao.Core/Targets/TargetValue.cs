namespace Jixiao.Core.Targets;

/// <summary>The comparison printed before a target number (=, ≥, ≤, &gt;, &lt;).</summary>
/// <remarks>
/// Every spelling maps to one value: <c>=</c> <c>＝</c> <c>﹦</c> <c>==</c>; <c>≥</c> <c>≧</c> <c>⩾</c> <c>&gt;=</c>
/// <c>=&gt;</c> <c>≮</c> 不低于 不少于 达到; <c>≤</c> <c>≦</c> <c>⩽</c> <c>&lt;=</c> <c>=&lt;</c> <c>≯</c> 不高于 不超过;
/// <c>&gt;</c> <c>＞</c> <c>﹥</c> 高于 超过; <c>&lt;</c> <c>＜</c> <c>﹤</c> 低于 少于. A suffix 以上 reads as ≥ and
/// 以下 / 以内 / 内 as ≤ when no operator is printed.
/// </remarks>
public enum ComparisonOperator
{
    /// <summary>No operator printed (e.g. <c>103.00(台)</c>, <c>354 人</c>).</summary>
    None,

    /// <summary>= (等于).</summary>
    Equal,

    /// <summary>≥ (大于等于, 正向指标).</summary>
    GreaterOrEqual,

    /// <summary>≤ (小于等于, 反向指标).</summary>
    LessOrEqual,

    /// <summary>&gt; (大于).</summary>
    Greater,

    /// <summary>&lt; (小于).</summary>
    Less,
}

/// <summary>What kind of value a 年度指标值 / 实际完成值 cell holds.</summary>
public enum TargetValueKind
{
    /// <summary>Nothing printed, or only a "not applicable" placeholder (<c>—</c>, <c>-</c>, <c>/</c>, <c>N/A</c>).</summary>
    Empty,

    /// <summary>A number, with an optional operator and unit: <c>≥90.00(%)</c>, <c>2750.40万元</c>, <c>提高至95%</c>.</summary>
    Quantitative,

    /// <summary>A change relative to a base, with its size: <c>同比减少5%</c>, <c>增长 10%</c>.</summary>
    Growth,

    /// <summary>
    /// Words: <c>及时</c>, <c>有效</c>, <c>达成指标</c>, descriptive sentences, and texts holding numbers the
    /// grammar does not read as one value (<c>覆盖率95%、完好率98%</c>). See <see cref="TargetValue.Style"/>.
    /// </summary>
    Qualitative,

    /// <summary>
    /// Text the grammar could not read and that holds no word (<c>≥</c>, <c>1.2.3</c>, <c>%</c>, the range
    /// <c>90-95%</c>); kept as printed.
    /// </summary>
    Unreadable,
}

/// <summary>Direction of a growth target.</summary>
public enum GrowthDirection
{
    /// <summary>增长 / 增加 / 上升 / 提高 / 提升.</summary>
    Increase,

    /// <summary>减少 / 下降 / 降低 / 缩短.</summary>
    Decrease,
}

/// <summary>The qualitative achievement bands of 财预〔2020〕10号 (达成 / 部分达成 / 未达成).</summary>
public enum QualitativeBand
{
    /// <summary>The text names no band.</summary>
    None,

    /// <summary>达成年度指标 / 达成指标.</summary>
    Achieved,

    /// <summary>部分达成年度指标并具有一定效果.</summary>
    PartiallyAchieved,

    /// <summary>未达成年度指标且效果较差.</summary>
    NotAchieved,
}

/// <summary>
/// How a <see cref="TargetValueKind.Qualitative"/> value is worded — what the target-quality checks need to
/// tell a vague word from a description.
/// </summary>
public enum QualitativeStyle
{
    /// <summary>Not a qualitative value.</summary>
    None,

    /// <summary>
    /// A single short term (at most 6 characters, no digit, no punctuation; white space left by PDF wrapping
    /// is ignored): <c>及时</c>, <c>有效</c>, <c>健全</c>, <c>显著提升</c>, <c>进一步改善</c>. As a target it
    /// states no measurable level (模糊表述).
    /// </summary>
    Word,

    /// <summary>A longer description without digits: <c>确保监控设备全年稳定运行</c>, <c>优于行业平均水平</c>.</summary>
    Statement,

    /// <summary>
    /// Text with digits the grammar did not read as one value: several numbers (<c>覆盖率95%、完好率98%</c>),
    /// a number inside a sentence (<c>巡查员在岗率98%</c>, <c>2023年12月底前</c>), a range in words
    /// (<c>90%至95%之间</c>). The numbers are deliberately not extracted. (A range without words, <c>90-95%</c>,
    /// is <see cref="TargetValueKind.Unreadable"/>.)
    /// </summary>
    TextWithNumbers,

    /// <summary>One of the band labels (<c>达成指标</c>, <c>部分达成年度指标并具有一定效果</c> …); see <see cref="TargetValue.Band"/>.</summary>
    BandLabel,
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

    /// <summary>
    /// The printed comparison, or one implied by words (不低于 → ≥, 以上 → ≥, 以内 → ≤, 提高至 → ≥, 降低至 → ≤).
    /// For <see cref="TargetValueKind.Growth"/> it applies to the size of the change (<c>增长≥10%</c>, <c>增长10%以上</c>).
    /// </summary>
    public ComparisonOperator Operator { get; init; }

    /// <summary>
    /// The number as printed, with its printed scale (<c>100.00</c> stays 100.00); for growth the size of the change,
    /// positive. Null for <see cref="TargetValueKind.Qualitative"/>, <see cref="TargetValueKind.Empty"/> and
    /// <see cref="TargetValueKind.Unreadable"/> values, even when their text holds digits.
    /// </summary>
    public decimal? Number { get; init; }

    /// <summary>
    /// The unit, normalised (<c>%</c>, <c>个</c>, <c>万元</c>, <c>天</c>, <c>G</c> …), or null when none is printed.
    /// Normalising removes brackets and white space, folds full-width letters and signs to ASCII, spells
    /// <c>％</c> / <c>﹪</c> / 百分比 / 百分率 as <c>%</c> and 个百分点 as 百分点. Money units are not converted.
    /// </summary>
    public string? Unit { get; init; }

    /// <summary>True when the unit is a percentage (% / ％ / 百分比). Percentage points (百分点) are not.</summary>
    public bool IsPercent { get; init; }

    /// <summary>
    /// For <see cref="TargetValueKind.Growth"/>: which way. Also set on a <see cref="TargetValueKind.Qualitative"/>
    /// value that is only a direction, without a size (<c>下降</c>, <c>有所提升</c>, <c>较上一年减少</c>).
    /// </summary>
    public GrowthDirection? Growth { get; init; }

    /// <summary>For qualitative actual values: the band the words name, if any.</summary>
    public QualitativeBand Band { get; init; }

    /// <summary>For <see cref="TargetValueKind.Qualitative"/> values: how the text is worded; otherwise None.</summary>
    public QualitativeStyle Style { get; init; }

    public bool IsNumeric => Number is not null && Kind is TargetValueKind.Quantitative or TargetValueKind.Growth;
}
