using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Exports;

/// <summary>
/// A list (of forms, with the columns of <see cref="ExportColumns"/>, or of any rows and columns) as one xlsx sheet: a bold, frozen header row with
/// a filter, numbers as numbers (money <c>#,##0.00</c> yuan, rates <c>0.00</c>), text as inline strings; with
/// totals, a second sheet 汇总 of labelled lines (<see cref="ExportTotals"/>).
/// </summary>
/// <remarks>
/// Streams: the sheet is written row by row with <see cref="OpenXmlWriter"/> straight into a ZIP entry
/// (<see cref="ZipArchiveMode.Create"/> compresses as it goes), so memory stays flat for any number of forms.
/// The Open XML SDK's own package cannot do that (System.IO.Packaging buffers every part in memory when it can read
/// back, and the SDK needs to read back), so the few fixed parts — content types, relationships, workbook,
/// stylesheet — are written here, the latter two as SDK elements. A sheet holds at most 1,048,575 forms (Excel's
/// limit); more are left out.
/// </remarks>
public static class XlsxListExport
{
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the workbook to <paramref name="output"/> (left open); returns the rows written.</summary>
    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, null, cancellationToken);

    /// <summary>The same, with the sheet 汇总 of <paramref name="totals"/> when given.</summary>
    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, FormTotals? totals, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, ExportColumns.All, Ui.T("表单", "Forms"), totals, cancellationToken);

    /// <summary>A workbook of one sheet named <paramref name="sheetName"/>, one row per item, and the sheet 汇总 of <paramref name="totals"/> when given.</summary>
    public static async Task<long> WriteAsync<T>(
        Stream output, IAsyncEnumerable<T> items, IReadOnlyList<ExportColumn<T>> columns, string sheetName, FormTotals? totals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(columns);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + (totals is null ? "" : "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "</Types>");
        Entry(zip, "_rels/.rels",
            $"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Entry(zip, "xl/_rels/workbook.xml.rels",
            $"<Relationships xmlns=\"{Relationships}\">"
            + $"<Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + $"<Relationship Id=\"rId2\" Type=\"{OfficeRelationships}/styles\" Target=\"styles.xml\"/>"
            + (totals is null ? "" : $"<Relationship Id=\"rId3\" Type=\"{OfficeRelationships}/worksheet\" Target=\"worksheets/sheet2.xml\"/>")
            + "</Relationships>");
        var sheets = new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = sheetName });
        if (totals is not null)
        {
            sheets.Append(new Sheet { Id = "rId3", SheetId = 2, Name = ExportTotals.Title });
        }

        var workbook = new Workbook(sheets);
        workbook.AddNamespaceDeclaration("r", OfficeRelationships);
        Entry(zip, "xl/workbook.xml", workbook.OuterXml);
        Entry(zip, "xl/styles.xml", Xlsx.Stylesheet().OuterXml);

        long rows;
        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        await using (var sheet = entry.Open())
        {
            rows = await WriteSheetAsync(sheet, items, columns, cancellationToken);
        }

        if (totals is not null)
        {
            Entry(zip, "xl/worksheets/sheet2.xml", TotalsSheet(totals).OuterXml);
        }

        return rows;
    }

    /// <summary>The sheet 汇总: a heading row, then one line per total (label, value).</summary>
    private static Worksheet TotalsSheet(FormTotals totals)
    {
        var data = new SheetData(new Row(
            Xlsx.TextCell(1, 0, ExportTotals.Title, XlsxStyle.Header),
            Xlsx.TextCell(1, 1, Ui.T("数值", "Value"), XlsxStyle.Header))
        { RowIndex = 1 });
        var r = 1;
        foreach (var line in ExportTotals.Lines(totals))
        {
            r++;
            var row = new Row { RowIndex = (uint)r };
            row.Append(Xlsx.TextCell(r, 0, line.Label));
            if (line.Value.Number is { } n)
            {
                row.Append(Xlsx.NumberCell(r, 1, n, Style(line.Format)));
            }
            else if (line.Value.Text is { } text)
            {
                row.Append(Xlsx.TextCell(r, 1, text));
            }

            data.Append(row);
        }

        var worksheet = new Worksheet(
            new Columns(new Column { Min = 1, Max = 1, Width = 36, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 24, CustomWidth = true }),
            data);
        worksheet.AddNamespaceDeclaration("r", OfficeRelationships);
        return worksheet;
    }

    private static XlsxStyle Style(ExportFormat format) => format switch
    {
        ExportFormat.Money => XlsxStyle.Money,
        ExportFormat.Percent or ExportFormat.Score => XlsxStyle.Percent, // both 0.00
        _ => XlsxStyle.Default,
    };

    private static async Task<long> WriteSheetAsync<T>(Stream sheet, IAsyncEnumerable<T> items, IReadOnlyList<ExportColumn<T>> columns, CancellationToken cancellationToken)
    {
        long rows = 0;
        using var w = OpenXmlWriter.Create(sheet, Encoding.UTF8);
        w.WriteStartDocument(true);
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft })
        { WorkbookViewId = 0 }));
        w.WriteStartElement(new Columns());
        for (var i = 0; i < columns.Count; i++)
        {
            w.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Width(columns[i].Key), CustomWidth = true });
        }

        w.WriteEndElement();
        w.WriteStartElement(new SheetData());

        w.WriteStartElement(new Row { RowIndex = 1 });
        for (var i = 0; i < columns.Count; i++)
        {
            w.WriteElement(Xlsx.TextCell(1, i, columns[i].Heading, XlsxStyle.Header));
        }

        w.WriteEndElement();

        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (rows + 1 >= Xlsx.MaxRows)
            {
                break;
            }

            var r = (int)rows + 2;
            w.WriteStartElement(new Row { RowIndex = (uint)r });
            for (var i = 0; i < columns.Count; i++)
            {
                var v = columns[i].Value(item);
                if (v.IsEmpty)
                {
                    continue;
                }

                w.WriteElement(v.Number is { } n ? Xlsx.NumberCell(r, i, n, Style(columns[i].Format)) : Xlsx.TextCell(r, i, v.Text));
            }

            w.WriteEndElement();
            rows++;
        }

        w.WriteEndElement(); // sheetData
        w.WriteElement(new AutoFilter { Reference = $"A1:{Xlsx.Reference((int)rows + 1, columns.Count - 1)}" });
        w.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        w.WriteEndElement(); // worksheet
        w.Close();
        return rows;
    }

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = Utf8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" + xml);
        stream.Write(bytes);
    }

    private static double Width(string key) => key switch
    {
        "projectName" or "message" => 48,
        "department" or "implementingUnit" or "indicator" or "check" => 30,
        "findingCodes" or "sourceFile" or "field" => 28,
        "budget" or "executed" => 16,
        "kind" => 18,
        _ => 11,
    };
}
