using Jixiao.Core.Forms;

namespace Jixiao.App.Monitoring;

/// <summary>The refusals of monitoring (绩效运行监控) in Chinese and English, each with a stable code.</summary>
public static class MonitoringMessages
{
    public static readonly MessageTemplate NotFound = new("MONITOR-NOT-FOUND",
        "没有找到这张申报表，或你无权查看。",
        "No such declaration, or not yours to see.");

    public static readonly MessageTemplate Forbidden = new("MONITOR-FORBIDDEN",
        "只有本部门的填报人员可以填写监控情况。",
        "Only the department's own users may record monitoring checkpoints.");

    public static readonly MessageTemplate NotApproved = new("MONITOR-NOT-APPROVED",
        "只能对已批复（或已公开）的绩效目标申报表进行运行监控。",
        "Only an approved (or published) target declaration can be monitored.");

    public static readonly MessageTemplate DateOutsideYear = new("MONITOR-DATE",
        "监控时点 {0} 不在预算年度 {1} 年内。",
        "The checkpoint {0} is outside the budget year {1}.");

    public static readonly MessageTemplate Negative = new("MONITOR-NEGATIVE",
        "{0}不能为负数。",
        "{0} cannot be negative.");

    public static readonly MessageTemplate NoSuchIndicator = new("MONITOR-INDICATOR",
        "第 {0} 行指标不存在（申报表共有 {1} 个指标），或同一指标填了两次。",
        "Indicator row {0} does not exist (the declaration has {1}), or it was entered twice.");

    public static readonly MessageTemplate TooLong = new("MONITOR-TOO-LONG",
        "{0}太长（最多 {1} 个字符）。",
        "{0} is too long (at most {1} characters).");

    public static readonly MessageTemplate Conflict = new("MONITOR-CONFLICT",
        "这一监控时点已被 {0} 保存（现为第 {1} 版），你的修改没有保存：请查看差异，刷新后再改。",
        "{0} saved this checkpoint meanwhile (now version {1}); your change was not saved: look at the differences, reload and try again.");
}
