using System.Text;
using Jixiao.Data.Forms;

namespace Jixiao.Web.Exports;

/// <summary>
/// A list of forms as CSV: UTF-8 with a BOM (so that Excel opens Chinese text right), RFC 4180 (comma, CRLF,
/// fields with a comma, quote or line break quoted, quotes doubled), and guarded against formula injection: a text
/// field that starts with <c>= + - @</c>, a tab or a line break gets a leading apostrophe, so a spreadsheet shows it
/// as text instead of running it. Numbers are written plain and invariant (<c>3221300</c>), scores and rates with two
/// decimals (<c>96.80</c>, <c>94.30</c>).
/// Streams: one row at a time. With totals, the rows are followed by an empty line and a block of three-field lines
/// whose first field is 汇总 (Totals): <c>汇总,表单数,79</c> (see <see cref="ExportTotals"/>).
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, null, cancellationToken);

    /// <summary>Writes the forms, then the block of <paramref name="totals"/> when given; returns the form rows written.</summary>
    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, FormTotals? totals, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, ExportColumns.All, totals, cancellationToken);

    /// <summary>Writes rows of any kind with the given columns, then the block of <paramref name="totals"/> when given; returns the rows written.</summary>
    public static async Task<long> WriteAsync<T>(
        Stream output, IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, FormTotals? totals, CancellationToken cancellationToken)
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
                AppendValue(line, i, columns[i].Value(row), columns[i].Format);
            }

            await writer.WriteAsync(line.Append("\r\n"), cancellationToken);
            written++;
        }

        if (totals is not null)
        {
            await writer.WriteAsync("\r\n");
            foreach (var t in ExportTotals.Lines(totals))
            {
                line.Clear();
                AppendField(line, 0, ExportTotals.Title);
                AppendField(line, 1, t.Label);
                AppendValue(line, 2, t.Value, t.Format);

                await writer.WriteAsync(line.Append("\r\n"), cancellationToken);
            }
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

    /// <summary>One value: a number plain and invariant, text as a field.</summary>
    private static void AppendValue(StringBuilder sb, int index, ExportValue value, ExportFormat format)
    {
        if (value.Number is null)
        {
            AppendField(sb, index, value.Text);
            return;
        }

        if (index > 0)
        {
            sb.Append(',');
        }

        sb.Append(value.NumberText(format));
    }

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
