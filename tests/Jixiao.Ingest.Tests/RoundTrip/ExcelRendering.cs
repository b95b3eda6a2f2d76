using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Jixiao.Ingest.Tests.RoundTrip;

/// <summary>
/// Renders a corpus file as a workbook the way a bureau publishes one: each number printed in the form is a number in
/// its cell with the number format that prints it so (<c>2,072.25</c> is 2072.25 formatted <c>#,##0.00</c>,
/// <c>100.00%</c> is 1 formatted <c>0.00%</c>, <c>10.00</c> is 10 formatted <c>0.00</c>), and every other cell is
/// text. LibreOffice Calc opens an HTML table (the <c>HTML (StarCalc)</c> import filter) and saves it as .xlsx or
/// .xls. The formats are given to Calc in its own HTML attributes (<c>sdval</c>, <c>sdnum</c>): left to guess, Calc
/// stores <c>10.00</c> as 10 in General format (printed <c>10</c>), drops the leading zero of <c>05</c> and reads
/// <c>=3个</c> as a formula (<c>#NAME?</c>) — none of which a published workbook does to its own cells.
/// </summary>
public static partial class ExcelRendering
{
    /// <summary>The LibreOffice export filter for each workbook extension.</summary>
    private static readonly Dictionary<string, string> Filters = new()
    {
        ["xlsx"] = "xlsx:Calc Office Open XML",
        ["xls"] = "xls:MS Excel 97",
    };

    /// <summary>Writes the corpus file as a workbook of <paramref name="extension"/> (xlsx or xls) in a new scratch folder; returns its path.</summary>
    public static string Workbook(string corpusPath, string extension)
    {
        var dir = CorpusRendering.Scratch("excel-" + extension);
        var html = Path.Combine(dir, Path.GetFileNameWithoutExtension(corpusPath) + ".html");
        File.WriteAllText(html, Html(corpusPath));
        return CorpusRendering.Soffice(html, Filters[extension], importFilter: "HTML (StarCalc)");
    }

    /// <summary>The corpus file as one HTML table (one row per line, one cell per TAB-separated cell) whose cells carry their value and number format for Calc.</summary>
    public static string Html(string corpusPath)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(corpusPath)))
            .Append("</title></head><body><table border=\"1\">\n");
        foreach (var line in File.ReadLines(corpusPath))
        {
            html.Append("<tr>");
            foreach (var cell in line.Length == 0 ? [""] : line.Split('\t'))
            {
                html.Append("<td").Append(Attributes(cell)).Append('>').Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</table></body></html>\n").ToString();
    }

    /// <summary>Calc's value and format attributes for a cell: a number with the format printing it as written, else text.</summary>
    private static string Attributes(string cell)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return "";
        }

        var m = Number().Match(text);
        if (!m.Success || (m.Groups["int"].Value.Length > 1 && m.Groups["int"].Value[0] == '0') || m.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal).Length > 15)
        {
            return " sdnum=\"2052;0;@\"";
        }

        var value = decimal.Parse(text.TrimEnd('%').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
        var decimals = m.Groups["frac"].Value.Length;
        var format = (m.Groups["int"].Value.Contains(',') ? "#,##0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : "");
        if (m.Groups["pct"].Success)
        {
            value /= 100;
            format += "%";
        }
        else if (decimals == 0 && !m.Groups["int"].Value.Contains(','))
        {
            format = "General";
        }

        return $" sdval=\"{value.ToString(CultureInfo.InvariantCulture)}\" sdnum=\"2052;0;{format}\"";
    }

    [GeneratedRegex(@"^-?(?<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?<frac>[0-9]+))?(?<pct>%)?$")]
    private static partial Regex Number();
}
