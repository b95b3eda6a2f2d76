namespace Jixiao.Core.Forms;

/// <summary>One row of the three-level indicator table (绩效指标).</summary>
public sealed class Indicator
{
    /// <summary>一级指标, without inner spaces (产出指标, 效益指标, 满意度指标, 成本指标).</summary>
    public string? Level1 { get; set; }

    /// <summary>二级指标, without inner spaces (数量指标, 社会效益指标 …).</summary>
    public string? Level2 { get; set; }

    /// <summary>三级指标: the indicator's own name.</summary>
    public string Name { get; set; } = "";

    /// <summary>年度指标值 as printed.</summary>
    public string? Target { get; set; }

    /// <summary>实际完成值 as printed (self-evaluations only).</summary>
    public string? Actual { get; set; }

    /// <summary>分值 (self-evaluations only).</summary>
    public decimal? Weight { get; set; }

    /// <summary>得分 (self-evaluations only).</summary>
    public decimal? Score { get; set; }

    /// <summary>偏差原因分析及改进措施.</summary>
    public string? Deviation { get; set; }

    /// <summary>指标性质 / 计算符号 when printed in a column of its own (≥, ≤, =, 定性 …); <see cref="Target"/> then holds operator, value and unit together.</summary>
    public string? Operator { get; set; }

    /// <summary>度量单位 / 计量单位 when printed in a column of its own.</summary>
    public string? Unit { get; set; }

    /// <summary>指标解释 / 指标说明 / 备注 of the indicator.</summary>
    public string? Explanation { get; set; }

    /// <summary>The 1-based source line of the row (0 when not read from text).</summary>
    public int SourceLine { get; set; }

    /// <summary>The first-level category, derived from <see cref="Level1"/> or <see cref="Level2"/>.</summary>
    public IndicatorCategory Category => IndicatorVocabulary.CategoryOf(Level1, Level2);

    /// <summary>A copy of the row (every member is a value or an immutable string).</summary>
    public Indicator Copy() => (Indicator)MemberwiseClone();
}
