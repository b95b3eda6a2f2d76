using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.VariantTypes;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Excel;

/// <summary>A worksheet a caller adds after the form's own (the web's 检查结果).</summary>
/// <param name="Name">The worksheet's name (at most 31 characters).</param>
/// <param name="Grid">Its cells.</param>
/// <param name="Widths">Its column widths, in characters.</param>
/// <param name="FitToPage">True to print it one page wide.</param>
public sealed record WorkbookSheet(string Name, SheetGrid Grid, double[] Widths, bool FitToPage = false);

/// <summary>
/// Writes one <see cref="PerformanceForm"/> as an .xlsx workbook in the official table layout (官方表样,
/// 财预〔2020〕10号 附件): the heading and the year merged across the table, 项目名称 / 主管部门 / 实施单位, the
/// 项目资金 table in the unit the form prints (万元 or 元), the goals, the indicator table with its 一级/二级 cells
/// merged over the rows they span, and (self-evaluations) the 总分 row — fit to one A4 page wide. What a form holds
/// that the official table does not print (项目编码, 政策依据, 长期目标, 指标解释 …) goes on a second worksheet,
/// 补充信息, only when the form has any. The workbook is marked (<see cref="MarkName"/>: a hidden defined name and a
/// custom document property, both <c>jixiao.official-workbook/1;kind=…;sheet=…</c>) so that
/// <see cref="OfficialWorkbookReader"/> recognises it; it reads it without the mark too.
/// </summary>
public static class OfficialWorkbook
{
    /// <summary>The layout's name in the mark.</summary>
    public const string LayoutId = "jixiao.official-workbook";

    /// <summary>The layout's version in the mark; the reader reads this version only.</summary>
    public const int LayoutVersion = 1;

    /// <summary>The name of the hidden defined name and of the custom document property that mark the workbook.</summary>
    public const string MarkName = "JixiaoLayout";

    /// <summary>The workbook of <paramref name="form"/>, with <paramref name="more"/> worksheets after the form's.</summary>
    public static byte[] Write(PerformanceForm form, params WorkbookSheet[] more)
    {
        using var buffer = new MemoryStream();
        Write(form, buffer, more);
        return buffer.ToArray();
    }

    /// <summary>Writes the workbook of <paramref name="form"/> to <paramref name="output"/>, with <paramref name="more"/> worksheets after the form's.</summary>
    public static void Write(PerformanceForm form, Stream output, params WorkbookSheet[] more)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(more);
        using var document = Xlsx.Create(output);
        var workbook = document.WorkbookPart!;
        var sheets = new Sheets();

        void Add(string name, Worksheet worksheet)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = worksheet;
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
        }

        var layout = OfficialLayout.For(form.Kind);
        var sheetName = OfficialLayout.SheetName(form.Kind);
        Add(sheetName, FormSheet(form, layout).Build(layout.Widths, fitToPage: true));
        var supplement = OfficialSupplement.Grid(form);
        if (supplement is not null)
        {
            Add(OfficialSupplement.SheetName, supplement.Build(OfficialSupplement.Widths, fitToPage: false));
        }

        foreach (var sheet in more)
        {
            Add(sheet.Name, sheet.Grid.Build(sheet.Widths, sheet.FitToPage));
        }

        var mark = Mark(form.Kind, sheetName, supplement is not null);
        workbook.Workbook = new Workbook(sheets, new DefinedNames(new DefinedName { Name = MarkName, Hidden = true, Text = $"\"{mark}\"" }));
        var properties = document.AddCustomFilePropertiesPart();
        properties.Properties = new Properties(new CustomDocumentProperty
        {
            FormatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
            PropertyId = 2,
            Name = MarkName,
            VTLPWSTR = new VTLPWSTR(mark),
        });
    }

    /// <summary>The mark's text: <c>jixiao.official-workbook/1;kind=self-evaluation;sheet=绩效自评表</c>, and <c>;supplement=补充信息</c> when that sheet is written.</summary>
    internal static string Mark(FormKind kind, string sheet, bool supplement) =>
        $"{LayoutId}/{LayoutVersion};kind={kind.ToJsonLabel()};sheet={sheet}" + (supplement ? $";supplement={OfficialSupplement.SheetName}" : "");

    /// <summary>The form's own worksheet in the official layout.</summary>
    private static SheetGrid FormSheet(PerformanceForm form, OfficialLayout layout)
    {
        var g = new SheetGrid();
        var width = layout.Columns;
        g.Text(OfficialLayout.TitleRow, 0, OfficialLayout.Title(form.Kind), XlsxStyle.Title, colSpan: width);
        g.Height(OfficialLayout.TitleRow, 28);
        g.Text(OfficialLayout.YearRow, 0, OfficialLayout.YearText(form.Year), XlsxStyle.Subtitle, colSpan: width);
        g.Text(layout.UnitRow, 0, OfficialLayout.UnitText(form.MoneyUnit), XlsxStyle.Label, rowSpan: layout.UnitRowSpan);
        foreach (var label in layout.Labels)
        {
            g.Text(label.Row, label.Column, label.Text, label.Style, label.ColSpan, label.RowSpan);
        }

        foreach (var field in layout.Fields)
        {
            Value(g, form, field.Row, field.Column, field.ColSpan, field.Value, field.Style, field.FitWidth, field.Get(form));
        }

        var indicators = form.Indicators;
        var first = OfficialLayout.FirstIndicatorRow;
        if (layout.Declaration)
        {
            g.Text(OfficialLayout.HeaderRow, 0, OfficialLayout.IndicatorsLabel, XlsxStyle.Label, rowSpan: indicators.Count + 1);
        }

        Levels(g, indicators, first, layout.Level1Column, layout.Level2Column);
        for (var i = 0; i < indicators.Count; i++)
        {
            foreach (var column in layout.IndicatorColumns)
            {
                Value(g, form, first + i, column.Column, column.ColSpan, column.Value, column.Style, column.FitWidth, column.Get(indicators[i]));
            }
        }

        if (layout.Total is { } total)
        {
            var row = first + indicators.Count;
            g.Text(row, 0, OfficialLayout.TotalLabel, XlsxStyle.Label, colSpan: total.LabelSpan);
            g.Number(row, total.WeightColumn, form.TotalWeight, XlsxStyle.Number);
            g.Number(row, total.ScoreColumn, form.TotalScore, XlsxStyle.BoxedPercent);
            g.Text(row, total.GradeColumn, OfficialLayout.GradePrefix + (form.Grade ?? ""), XlsxStyle.Text);
        }

        return g;
    }

    private static void Value(SheetGrid g, PerformanceForm form, int row, int column, int colSpan, OfficialValue kind, XlsxStyle style, double fit, object? value)
    {
        switch (kind)
        {
            case OfficialValue.Text:
                var text = (string?)value;
                g.Text(row, column, text, style, colSpan);
                if (fit > 0)
                {
                    g.Fit(row, text, fit);
                }

                break;
            case OfficialValue.Date:
                g.Text(row, column, value is DateOnly date ? OfficialLayout.DateText(date) : null, style, colSpan);
                break;
            case OfficialValue.Money:
                g.Number(row, column, value is decimal yuan ? Decimals.Shortest(form.MoneyUnit.FromYuan(yuan)) : null, style, colSpan);
                break;
            default:
                g.Number(row, column, (decimal?)value, style, colSpan);
                break;
        }
    }

    /// <summary>The 一级 and 二级 cells, each merged over the rows it spans (二级 spans stay inside their 一级 span).</summary>
    private static void Levels(SheetGrid g, IReadOnlyList<Indicator> indicators, int firstRow, int level1Column, int level2Column)
    {
        foreach (var (start, count, label) in Spans(indicators, 0, indicators.Count, i => i.Level1))
        {
            g.Text(firstRow + start, level1Column, label, XlsxStyle.Center, rowSpan: count);
            foreach (var (start2, count2, label2) in Spans(indicators, start, count, i => i.Level2))
            {
                g.Text(firstRow + start2, level2Column, label2, XlsxStyle.Center, rowSpan: count2);
            }
        }
    }

    private static List<(int Start, int Count, string? Label)> Spans(IReadOnlyList<Indicator> rows, int from, int count, Func<Indicator, string?> label)
    {
        var spans = new List<(int, int, string?)>();
        var i = from;
        var end = from + count;
        while (i < end)
        {
            var l = label(rows[i]);
            var j = i + 1;
            while (j < end && string.Equals(label(rows[j]), l, StringComparison.Ordinal))
            {
                j++;
            }

            spans.Add((i, j - i, l));
            i = j;
        }

        return spans;
    }
}
