using Jixiao.Core.Forms;
using Jixiao.Data.Entities;

namespace Jixiao.App.Imports;

/// <summary>How far an import has come: forms stored so far and bytes read of the file.</summary>
/// <param name="BatchId">The batch being imported.</param>
/// <param name="Forms">Forms read, checked and written (not yet committed until the end).</param>
/// <param name="BytesRead">Bytes of the file read so far.</param>
/// <param name="TotalBytes">The file's size when known.</param>
public sealed record ImportProgress(long BatchId, long Forms, long BytesRead, long? TotalBytes);

/// <summary>Settings of one import.</summary>
public sealed record ImportOptions
{
    /// <summary>Who imports (a user name, or <c>cli</c>, <c>demo</c>).</summary>
    public string? User { get; init; }

    /// <summary>A batch created earlier with <see cref="FormImporter.QueueAsync"/>; a new one is made when null.</summary>
    public long? BatchId { get; init; }

    /// <summary>Called after each chunk of forms is written and at the end (on the importing thread).</summary>
    public Action<ImportProgress>? Progress { get; init; }

    /// <summary>Forms per written chunk (default 1,000).</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>
    /// Compare the stored batch with the other stored forms right away (the checks across forms, default). False
    /// leaves it to the next background pass (<see cref="Data.Forms.CrossFormChecks.RunPendingAsync"/>): for bulk
    /// loads, and to measure the two apart.
    /// </summary>
    public bool CompareAcross { get; init; } = true;
}

/// <summary>What an import did.</summary>
/// <param name="BatchId">The batch row recording it.</param>
/// <param name="Status"><see cref="ImportStatus.Succeeded"/>, <see cref="ImportStatus.Failed"/> or <see cref="ImportStatus.Duplicate"/>.</param>
/// <param name="FileName">The file name.</param>
/// <param name="ContentHash">SHA-256 of the bytes (hex), empty when the file could not be read.</param>
/// <param name="Forms">Forms stored (0 unless it succeeded).</param>
/// <param name="Indicators">Indicators stored.</param>
/// <param name="Findings">Findings stored.</param>
/// <param name="Error">Why it failed: <c>file:line: what was expected</c>.</param>
/// <param name="DuplicateOfBatchId">For a duplicate, the batch that already holds the content.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Diagnostics">The reader's diagnostics about the file (outside forms), at most 100.</param>
public sealed record ImportResult(
    long BatchId,
    ImportStatus Status,
    string FileName,
    string ContentHash,
    int Forms,
    int Indicators,
    int Findings,
    string? Error,
    long? DuplicateOfBatchId,
    TimeSpan Elapsed,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Status == ImportStatus.Succeeded;

    /// <summary>Forms per second of wall time.</summary>
    public double FormsPerSecond => Elapsed.TotalSeconds > 0 ? Forms / Elapsed.TotalSeconds : 0;

    /// <summary>One line for logs and the CLI, in English.</summary>
    public override string ToString() => Status switch
    {
        ImportStatus.Succeeded => $"{FileName}: imported {Forms} forms, {Indicators} indicators, {Findings} findings (batch {BatchId}, {Elapsed.TotalSeconds:0.0} s)",
        ImportStatus.Duplicate => $"{FileName}: already imported as batch {DuplicateOfBatchId}; nothing added",
        _ => $"{FileName}: failed, nothing stored: {Error}",
    };
}

/// <summary>Raised inside an import to fail the batch with a reader diagnostic.</summary>
internal sealed class ImportFailedException : Exception
{
    public ImportFailedException(string message, int line)
        : base(message) => Line = line;

    public ImportFailedException()
    {
    }

    public ImportFailedException(string message)
        : base(message)
    {
    }

    public ImportFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}

/// <summary>
/// An import failed and its failure could not be recorded either (the database went away): the batch still says
/// "running". Carries what to record; <see cref="ImportRunner"/> records it when the database is back.
/// </summary>
public sealed class ImportNotRecordedException : Exception
{
    public ImportNotRecordedException(long batchId, string reason, int line, string contentHash, Exception innerException)
        : base(reason, innerException)
    {
        BatchId = batchId;
        Line = line;
        ContentHash = contentHash;
    }

    public ImportNotRecordedException()
    {
    }

    public ImportNotRecordedException(string message)
        : base(message)
    {
    }

    public ImportNotRecordedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The batch that failed.</summary>
    public long BatchId { get; }

    /// <summary>The line of the file the failure names (0: none).</summary>
    public int Line { get; }

    /// <summary>The file's content hash when known, else empty.</summary>
    public string ContentHash { get; } = "";
}
