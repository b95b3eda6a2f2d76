using System.Globalization;
using System.Runtime.CompilerServices;
using Jixiao.App.Access;
using Jixiao.Data.Accounts;

namespace Jixiao.App.Exports;

/// <summary>
/// One export as the audit log records it: what was exported (<c>forms</c>, <c>findings</c>, <c>form</c>), in which
/// format, with which filter (the request's query, as given), and for one form its id.
/// </summary>
public sealed record ExportRequest(string What, string Format, string? Filter, string? TargetId = null);

/// <summary>
/// The audit of exports (导出记录): every download of a list (CSV, xlsx, JSON of the forms or the findings) and of one
/// form is written to the audit log as <c>export</c> with who (and through which API token, or a session), what, the
/// filter and how many rows went out — when the download ends, also when it is cut short (then "cut short" and the rows
/// sent so far).
/// </summary>
public sealed class ExportLog(AuditLog audit)
{
    /// <summary>The longest filter text kept in an entry.</summary>
    public const int FilterLength = 1000;

    /// <summary>
    /// <paramref name="rows"/>, counted as they are read; the entry is written when the reading ends (completely, or
    /// cut short by the client or an error).
    /// </summary>
    public async IAsyncEnumerable<T> CountAsync<T>(Caller caller, ExportRequest export, IAsyncEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        var complete = false;
        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                count++;
                yield return row;
            }

            complete = true;
        }
        finally
        {
            await WriteAsync(caller, export, count, complete, CancellationToken.None);
        }
    }

    /// <summary>Writes the entry of an export of <paramref name="rows"/> rows.</summary>
    public Task WriteAsync(Caller caller, ExportRequest export, long rows, bool complete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(export);
        var filter = string.IsNullOrWhiteSpace(export.Filter) ? "(none)" : export.Filter.Length <= FilterLength ? export.Filter : export.Filter[..FilterLength] + "…";
        var details = $"format={export.Format}; rows={rows.ToString(CultureInfo.InvariantCulture)}; filter={filter}; via="
            + (caller.Token is { } token ? "token " + token : caller.IsTool ? "tool" : "session")
            + (complete ? "" : "; cut short");
        return audit.WriteAsync(caller.Name, "export", export.What, export.TargetId ?? export.Format, details, cancellationToken);
    }
}
