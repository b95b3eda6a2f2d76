using System.Text;
using Jixiao.Data.Forms;

namespace Jixiao.Web.Exports;

/// <summary>
/// A list of forms as CSV: UTF-8 with a BOM (so that Excel opens Chinese text right), RFC 4180 (comma, CRLF,
/// fields with a comma, quote or line break quoted, quotes doubled), and guarded against formula injection: a text
/// field that starts with <c>= + - @</c>, a tab or a line break gets a leading apostrophe, so a spreadsheet shows it
/// as text instead of running it. Numbers are written plain and invariant (<c>3221300</c>, <c>97.77</c>).
/// Streams: one row at a time.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Forms, one row each, with the columns of <see cref="ExportColumns"/>; returns the rows written.</summary>
    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, ExportColumns.All, cancellationToken);

    /// <summary>Rows of any kind with the given columns; returns the rows written.</summary>
    public static async Task<long> WriteAsync<T>(Stream output, IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        await using var writer = new StreamWriter(output, Utf8WithBom, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(512);
        for (var i = 0; i < columns.Count; i++)
        {
            AppendField(line, i, columns[i].Heading);
        }

        await writer.WriteAsync(line.Append("\r\n"), cancellationToken);
        long written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var v = columns[i].Value(row);
                if (v.Number is not null)
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    line.Append(v.NumberText);
                }
                else
                {
                    AppendField(line, i, v.Text);
                }
            }

            await writer.WriteAsync(line.Append("\r\n"), cancellationToken);
            written++;
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>One text field: guarded, then quoted when needed.</summary>
    public static string Field(string? text)
    {
        var sb = new StringBuilder();
        AppendField(sb, 0, text);
        return sb.ToString();
    }

    /// <summary>True when a spreadsheet would read <paramref name="text"/> as a formula (or DDE) if unguarded.</summary>
    public static bool NeedsGuard(string text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    private static void AppendField(StringBuilder sb, int index, string? text)
    {
        if (index > 0)
        {
            sb.Append(',');
        }

        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var guarded = NeedsGuard(text) ? "'" + text : text;
        if (guarded.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(guarded);
            return;
        }

        sb.Append('"');
        foreach (var c in guarded)
        {
            if (c == '"')
            {
                sb.Append('"');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }
}
