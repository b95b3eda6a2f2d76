namespace Jixiao.Data.Entities;

/// <summary>
/// The long texts of a form, one row per form: 年度总体目标 (预期目标 / 实际完成情况) or 项目绩效目标 (项目总目标 / 年度总目标),
/// and the reader's diagnostics inside the form, one per line.
/// </summary>
public sealed class FormGoalsRecord
{
    public long FormId { get; set; }

    /// <summary>预期目标.</summary>
    public string? Expected { get; set; }

    /// <summary>实际完成情况.</summary>
    public string? Actual { get; set; }

    /// <summary>项目总目标.</summary>
    public string? Overall { get; set; }

    /// <summary>年度总目标.</summary>
    public string? Annual { get; set; }

    /// <summary>长期目标 / 中期目标 (other layouts).</summary>
    public string? LongTerm { get; set; }

    /// <summary>What other layouts print beside the common fields (<see cref="Core.Forms.FormDetails"/>) as JSON; null for the Shanghai layout.</summary>
    public string? Details { get; set; }

    /// <summary>What the reader repaired or could not place in this form (<c>file:line: severity: message</c>, one per line).</summary>
    public string? ReaderNotes { get; set; }
}
