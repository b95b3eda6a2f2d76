using Jixiao.Core.Workflow;

namespace Jixiao.Data.Entities;

/// <summary>
/// A rectification request (整改通知) to a form's department: what to rectify, by when, and where it stands. The
/// form is named by its content hash; its department, project and year are copied at the request, so the request
/// stays listed (and its department scope holds) while the form is deleted and imported again.
/// </summary>
public sealed class RectificationRecord
{
    public long Id { get; set; }

    /// <summary>The form's <see cref="FormRecord.ContentHash"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The 主管部门 organisation the request goes to (the form's, at the request).</summary>
    public long? DepartmentId { get; set; }

    /// <summary>The 主管部门 as printed on the form.</summary>
    public string? Department { get; set; }

    /// <summary>项目名称 of the form.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>年度 of the form.</summary>
    public int? Year { get; set; }

    /// <summary>What the department is asked to do.</summary>
    public string Text { get; set; } = "";

    /// <summary>整改期限: the last day for the answer (China Standard Time).</summary>
    public DateOnly Deadline { get; set; }

    public RectificationStatus Status { get; set; }

    /// <summary>True when the department's latest answer says the rectification is done (已完成整改).</summary>
    public bool MarkedDone { get; set; }

    public string RequestedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime RequestedAt { get; set; }

    /// <summary>The latest answer's author and time (UTC).</summary>
    public string? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>Who accepted the answer, and when (UTC).</summary>
    public string? ClosedBy { get; set; }

    public DateTime? ClosedAt { get; set; }
}

/// <summary>What one message of a rectification thread is.</summary>
public enum RectificationStep
{
    /// <summary>整改通知: the request.</summary>
    Request,

    /// <summary>答复: the department's answer.</summary>
    Answer,

    /// <summary>退回: the reviewer sent the answer back.</summary>
    Return,

    /// <summary>通过: the reviewer accepted the answer.</summary>
    Accept,
}

/// <summary>One message of a rectification thread (整改往来): the request, each answer, each return, the acceptance.</summary>
public sealed class RectificationMessageRecord
{
    public long Id { get; set; }

    public long RectificationId { get; set; }

    public RectificationStep Step { get; set; }

    public string Author { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    public string Text { get; set; } = "";

    /// <summary>On an answer: the department says the rectification is done.</summary>
    public bool MarkedDone { get; set; }
}
