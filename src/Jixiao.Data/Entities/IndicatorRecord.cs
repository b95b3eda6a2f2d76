using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Data.Entities;

/// <summary>One row of a form's indicator table (绩效指标), in printed order, with the recomputed score beside the printed one.</summary>
public sealed class IndicatorRecord
{
    /// <summary>The form; with <see cref="Position"/> the key.</summary>
    public long FormId { get; set; }

    /// <summary>0-based position in the printed table (the index used in finding fields: <c>indicators[3]</c>).</summary>
    public int Position { get; set; }

    /// <summary>一级指标.</summary>
    public string? Level1 { get; set; }

    /// <summary>二级指标.</summary>
    public string? Level2 { get; set; }

    /// <summary>三级指标.</summary>
    public string Name { get; set; } = "";

    /// <summary>年度指标值 as printed.</summary>
    public string? Target { get; set; }

    /// <summary>实际完成值 as printed.</summary>
    public string? Actual { get; set; }

    /// <summary>分值.</summary>
    public decimal? Weight { get; set; }

    /// <summary>得分 as printed.</summary>
    public decimal? Score { get; set; }

    /// <summary>偏差原因分析及改进措施.</summary>
    public string? Deviation { get; set; }

    /// <summary>指标性质 when printed in a column of its own.</summary>
    public string? Operator { get; set; }

    /// <summary>度量单位 when printed in a column of its own.</summary>
    public string? Unit { get; set; }

    /// <summary>指标解释 / 指标说明.</summary>
    public string? Explanation { get; set; }

    public IndicatorCategory Category { get; set; }

    /// <summary>The score the rules give (the estimate within the allowed range); null on declarations.</summary>
    public decimal? RecomputedScore { get; set; }

    /// <summary>Met, not met, qualitative or cannot assess.</summary>
    public IndicatorOutcome? Outcome { get; set; }

    /// <summary>The 1-based source line of the row (0 when unknown).</summary>
    public int SourceLine { get; set; }
}
