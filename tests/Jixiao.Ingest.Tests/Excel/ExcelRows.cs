using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Tables;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>The rows an Excel reader yields to the assembler, for the tests.</summary>
internal static class ExcelRows
{
    /// <summary>All rows of a workbook file, and the diagnostics.</summary>
    public static (List<TableRow> Rows, List<Diagnostic> Diagnostics) Read(string path, ReadLimits? limits = null)
    {
        var diagnostics = new List<Diagnostic>();
        using var stream = File.OpenRead(path);
        var name = Path.GetFileName(path);
        var budget = new ReadBudget(limits ?? ReadLimits.Default);
        var rows = path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase)
            ? new XlsFormat(limits).RowsOf(stream, name, budget, diagnostics.Add).ToList()
            : new XlsxFormat(limits).RowsOf(stream, name, budget, diagnostics.Add).ToList();
        return (rows, diagnostics);
    }

    /// <summary>A row's cells joined with |, trailing empty cells left out, for assertions.</summary>
    public static string Joined(TableRow row)
    {
        var cells = row.Cells.ToList();
        while (cells.Count > 0 && string.IsNullOrEmpty(cells[^1]))
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return string.Join("|", cells);
    }
}
