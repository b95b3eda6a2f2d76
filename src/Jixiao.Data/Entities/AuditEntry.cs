namespace Jixiao.Data.Entities;

/// <summary>One line of the audit log (审计日志): who did what to what, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The user name, or the tool (<c>cli</c>, <c>system</c>).</summary>
    public string Actor { get; set; } = "";

    /// <summary>What was done, e.g. <c>import</c>, <c>delete</c>, <c>role-change</c>, <c>login</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of thing acted on, e.g. <c>form</c>, <c>import</c>, <c>user</c>.</summary>
    public string? TargetType { get; set; }

    /// <summary>Its id or name.</summary>
    public string? TargetId { get; set; }

    /// <summary>Free text or JSON with the details.</summary>
    public string? Details { get; set; }
}
