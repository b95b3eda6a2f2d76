namespace Jixiao.App.Imports;

/// <summary>
/// Where the host keeps the files it accepted for import (the web application: <c>{DataDirectory}/uploads</c>): the
/// background import reads them from there, and they go when their batch fails or is deleted.
/// </summary>
public interface IKeptFiles
{
    /// <summary>The kept file of a batch whose file was named <paramref name="fileName"/>.</summary>
    string PathOf(long batchId, string fileName);

    /// <summary>Removes the kept file (no error when it is gone).</summary>
    void Delete(long batchId, string fileName);
}
