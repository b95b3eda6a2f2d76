namespace Jixiao.Data.Forms;

/// <summary>
/// The batch an import is writing is no longer running: the start of an application took it for abandoned (left by a
/// process that is gone) and failed it. The import stops; what it wrote is removed with the failed batch.
/// </summary>
public sealed class BatchAbandonedException : InvalidOperationException
{
    public BatchAbandonedException(long batchId)
        : base($"import batch {batchId} is no longer running: it was marked failed while this import wrote it")
    {
        BatchId = batchId;
    }

    public BatchAbandonedException()
    {
    }

    public BatchAbandonedException(string message)
        : base(message)
    {
    }

    public BatchAbandonedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The batch.</summary>
    public long BatchId { get; }
}
