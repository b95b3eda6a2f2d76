namespace Jixiao.Data.Schema;

/// <summary>
/// One import at a time per SQLite file, across threads and processes (the web application and the command line):
/// an exclusive lock on a file beside the database (<c>jixiao.db-import</c>), held for the whole import. An import
/// that commits its forms in steps keeps other imports out between the steps, as its one long transaction once did,
/// and a batch left "running" while nobody holds the lock was left by a process that is gone. The operating system
/// releases the lock of a process that dies. PostgreSQL needs none of this: its imports run side by side.
/// </summary>
internal sealed class ImportLock : IAsyncDisposable
{
    private readonly FileStream? file;

    private ImportLock(FileStream? file) => this.file = file;

    /// <summary>No lock (PostgreSQL).</summary>
    public static ImportLock None { get; } = new(null);

    /// <summary>Waits until the lock of <paramref name="path"/> is free and takes it.</summary>
    public static async Task<ImportLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var delay = 20;
        while (true)
        {
            if (TryAcquire(path) is { } taken)
            {
                return taken;
            }

            await Task.Delay(delay, cancellationToken);
            delay = Math.Min(delay * 2, 500);
        }
    }

    /// <summary>The lock of <paramref name="path"/> when nobody holds it, else null.</summary>
    public static ImportLock? TryAcquire(string path)
    {
        try
        {
            // FileShare.None: an exclusive (flock) lock on Unix, a sharing lock on Windows; the file itself stays
            return new ImportLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => file?.DisposeAsync() ?? ValueTask.CompletedTask;
}
