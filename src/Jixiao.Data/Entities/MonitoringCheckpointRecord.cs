namespace Jixiao.Data.Entities;

/// <summary>
/// A monitoring checkpoint (监控时点, 绩效运行监控) of an approved target declaration filed in Jixiao: the date, the amount
/// executed to it, the adjusted budget if any, and per indicator the value to date, the full-year estimate, the
/// likelihood and the deviation cause (<see cref="Indicators"/>, one JSON array). One checkpoint per declaration and
/// date. <see cref="Version"/> grows with every save, and every save checks it: two people saving the same version
/// cannot both win.
/// </summary>
public sealed class MonitoringCheckpointRecord
{
    public long Id { get; set; }

    /// <summary>The approved declaration (<see cref="FilingRecord.Id"/>) monitored.</summary>
    public long FilingId { get; set; }

    /// <summary>监控时点, e.g. 30 June or 31 August of the budget year.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The optimistic-concurrency version: 1 when recorded, one more for each save.</summary>
    public int Version { get; set; }

    /// <summary>执行数 to the checkpoint, yuan.</summary>
    public decimal? Executed { get; set; }

    /// <summary>全年预算数 when the budget was adjusted, yuan; null: the declaration's 年度资金申请总额.</summary>
    public decimal? Budget { get; set; }

    /// <summary>The progress per indicator as a JSON array (<c>index</c>, <c>toDate</c>, <c>expected</c>, <c>likelihood</c>, <c>cause</c>, <c>causeText</c>).</summary>
    public string Indicators { get; set; } = "[]";

    /// <summary>备注: the unit's note on the checkpoint.</summary>
    public string? Note { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who saved it last.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
