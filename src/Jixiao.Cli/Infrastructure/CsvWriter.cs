using System.Globalization;
using Jixiao.Ingest.Json;

namespace Jixiao.Cli.Infrastructure;

/// <summary>
/// Writes CSV for spreadsheets (RFC 4180): fields separated by commas, rows ended by CRLF, a field holding a comma,
/// a quote or a line break enclosed in quotes with its quotes doubled. Text that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR) is prefixed with <c>'</c> (OWASP CSV injection);
/// numbers are written by the program and never prefixed. The caller writes the UTF-8 BOM Excel needs.
/// </summary>
internal sealed class CsvWriter(TextWriter output)
{
    private bool _inRow;

    /// <summary>A text field (null is empty).</summary>
    public void Text(string? value)
    {
        Separator();
        output.Write(Field(value));
    }

    /// <summary>A number, invariant and without trailing fractional zeros (null is empty).</summary>
    public void Number(decimal? value)
    {
        Separator();
        if (value is { } v)
        {
            output.Write(FormJsonWriter.Shortest(v).ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Number(int? value)
    {
        Separator();
        if (value is { } v)
        {
            output.Write(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Ends the row (CRLF).</summary>
    public void EndRow()
    {
        output.Write("\r\n");
        _inRow = false;
    }

    /// <summary>One text field as written: guarded against formula injection, then quoted when needed.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private void Separator()
    {
        if (_inRow)
        {
            output.Write(',');
        }

        _inRow = true;
    }
}
