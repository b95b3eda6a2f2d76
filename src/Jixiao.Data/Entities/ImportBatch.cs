namespace Jixiao.Data.Entities;

/// <summary>Where an import batch stands.</summary>
public enum ImportStatus
{
    /// <summary>Accepted, waiting to be processed.</summary>
    Queued,

    /// <summary>Being read and stored.</summary>
    Running,

    /// <summary>All its forms are stored.</summary>
    Succeeded,

    /// <summary>Nothing of it is stored; <see cref="ImportBatch.ErrorMessage"/> says why.</summary>
    Failed,

    /// <summary>The same content (SHA-256) was imported before; nothing was added (<see cref="ImportBatch.DuplicateOfBatchId"/>).</summary>
    Duplicate,
}

/// <summary>One imported file (导入批次): its name and content hash, status, counts, error and timestamps.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    /// <summary>The file name as uploaded or given (no directories).</summary>
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes, lower-case hex; empty until read.</summary>
    public string ContentHash { get; set; } = "";

    public long SizeBytes { get; set; }

    public ImportStatus Status { get; set; }

    public int FormCount { get; set; }

    public int IndicatorCount { get; set; }

    public int FindingCount { get; set; }

    /// <summary>Reader diagnostics about the file (outside any form) plus those inside forms.</summary>
    public int DiagnosticCount { get; set; }

    /// <summary>Why the batch failed: <c>file:line: what was expected</c>.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>The 1-based line of the failure, 0 when it concerns the whole file.</summary>
    public int? ErrorLine { get; set; }

    /// <summary>For a duplicate: the batch that holds the same content.</summary>
    public long? DuplicateOfBatchId { get; set; }

    /// <summary>The user who imported it (user name), or the tool (<c>cli</c>, <c>demo</c>).</summary>
    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>
    /// Its forms were compared with the stored ones by the checks across forms (<see cref="Forms.CrossFormChecks"/>).
    /// A batch stored before that pass ran (or whose pass was interrupted) is compared by the next pass.
    /// </summary>
    public bool CrossChecked { get; set; }
}
