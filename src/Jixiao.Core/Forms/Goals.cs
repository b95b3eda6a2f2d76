namespace Jixiao.Core.Forms;

/// <summary>
/// 年度总体目标 (self-evaluation: <see cref="Expected"/> 预期目标 and <see cref="Actual"/> 实际完成情况) or
/// 项目绩效目标 (declaration: <see cref="Overall"/> 项目总目标 and <see cref="Annual"/> 年度总目标).
/// Free text, the source's line breaks joined.
/// </summary>
public sealed class Goals
{
    public string? Expected { get; set; }

    public string? Actual { get; set; }

    public string? Overall { get; set; }

    public string? Annual { get; set; }

    /// <summary>长期目标 / 中期目标 (declarations of other layouts).</summary>
    public string? LongTerm { get; set; }
}
