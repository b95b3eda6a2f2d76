using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jixiao.Ingest.Excel;

/// <summary>The cell styles of every exported workbook (indexes into <c>cellXfs</c>).</summary>
public enum XlsxStyle : uint
{
    Default = 0,
    Header = 1,
    Money = 2,
    Percent = 3,
    Title = 4,
    Label = 5,
    Text = 6,
    Number = 7,
    BoxedMoney = 8,
    Center = 9,
    BoxedPercent = 10,
    Subtitle = 11,
    LeftLabel = 12,
}

/// <summary>Helpers for writing xlsx with the Open XML SDK: the stylesheet, cell references, safe text.</summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>Excel's limit on the rows of one sheet.</summary>
    public const int MaxRows = 1_048_576;

    private const string FontName = "宋体";

    /// <summary>A new workbook in memory-sized output (one form): the package with its stylesheet part.</summary>
    public static SpreadsheetDocument Create(Stream output)
    {
        var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        return document;
    }

    /// <summary>Column letters of a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string Column(int index)
    {
        var sb = new StringBuilder(3);
        index++;
        while (index > 0)
        {
            var m = (index - 1) % 26;
            sb.Insert(0, (char)('A' + m));
            index = (index - m - 1) / 26;
        }

        return sb.ToString();
    }

    /// <summary>A cell reference: <c>B7</c> for (row 7, column 1).</summary>
    public static string Reference(int row, int column) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    public static Cell TextCell(int row, int column, string? text, XlsxStyle style = XlsxStyle.Default)
    {
        var cell = new Cell { CellReference = Reference(row, column) };
        if (style != XlsxStyle.Default)
        {
            cell.StyleIndex = (uint)style;
        }

        var clean = Clean(text);
        if (clean.Length > 0)
        {
            cell.DataType = CellValues.InlineString;
            var t = new DocumentFormat.OpenXml.Spreadsheet.Text(clean);
            if (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            {
                t.Space = SpaceProcessingModeValues.Preserve;
            }

            cell.InlineString = new InlineString(t);
        }

        return cell;
    }

    public static Cell NumberCell(int row, int column, decimal? number, XlsxStyle style = XlsxStyle.Default)
    {
        var cell = new Cell { CellReference = Reference(row, column) };
        if (style != XlsxStyle.Default)
        {
            cell.StyleIndex = (uint)style;
        }

        if (number is { } n)
        {
            cell.CellValue = new CellValue(n);
        }

        return cell;
    }

    /// <summary>
    /// Text safe for a cell: characters XML 1.0 cannot hold (control characters but tab and line breaks, broken
    /// UTF-16, U+FFFE/U+FFFF) are dropped, line breaks are LF, and the text is cut at Excel's 32,767 characters.
    /// Cells hold text as inline strings, which a spreadsheet never evaluates, so no formula guard is needed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    sb.Append('\n');
                }
            }
            else if (c is '\t' or '\n' || (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF'))
            {
                sb.Append(c);
            }
        }

        var result = sb.ToString();
        return result.Length > MaxCellText ? result[..MaxCellText] : result;
    }

    /// <summary>The stylesheet of every exported workbook (cell formats in the order of <see cref="XlsxStyle"/>).</summary>
    public static Stylesheet Stylesheet()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin },
            new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin },
            new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());

        static Font Font(bool bold, double size)
        {
            var f = new Font();
            if (bold)
            {
                f.Append(new Bold());
            }

            f.Append(new FontSize { Val = size }, new FontName { Val = FontName }, new FontCharSet { Val = 134 });
            return f;
        }

        static CellFormat Format(uint font, uint fill, uint border, uint numberFormat, HorizontalAlignmentValues? horizontal, bool wrap)
        {
            var format = new CellFormat
            {
                FontId = font,
                FillId = fill,
                BorderId = border,
                NumberFormatId = numberFormat,
                FormatId = 0,
                ApplyFont = font != 0,
                ApplyFill = fill != 0,
                ApplyBorder = border != 0,
                ApplyNumberFormat = numberFormat != 0,
            };
            if (horizontal is not null || wrap)
            {
                format.ApplyAlignment = true;
                format.Append(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap });
            }

            return format;
        }

        // number formats: 2 = 0.00, 4 = #,##0.00 (built in)
        var formats = new CellFormats(
            Format(0, 0, 0, 0, null, false),                               // Default
            Format(1, 2, 1, 0, HorizontalAlignmentValues.Center, true),     // Header
            Format(0, 0, 0, 4, null, false),                               // Money
            Format(0, 0, 0, 2, null, false),                               // Percent
            Format(2, 0, 0, 0, HorizontalAlignmentValues.Center, false),    // Title
            Format(1, 2, 1, 0, HorizontalAlignmentValues.Center, true),     // Label
            Format(0, 0, 1, 0, HorizontalAlignmentValues.Left, true),       // Text
            Format(0, 0, 1, 0, HorizontalAlignmentValues.Right, false),     // Number
            Format(0, 0, 1, 4, HorizontalAlignmentValues.Right, false),     // BoxedMoney
            Format(0, 0, 1, 0, HorizontalAlignmentValues.Center, true),     // Center
            Format(0, 0, 1, 2, HorizontalAlignmentValues.Right, false),     // BoxedPercent
            Format(0, 0, 0, 0, HorizontalAlignmentValues.Center, false),    // Subtitle
            Format(1, 2, 1, 0, HorizontalAlignmentValues.Left, true));      // LeftLabel
        formats.Count = (uint)formats.ChildElements.Count;

        return new Stylesheet(
            new Fonts(Font(false, 11), Font(true, 11), Font(true, 16)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
