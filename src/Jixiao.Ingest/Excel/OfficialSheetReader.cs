using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// Reads the form's worksheet of an official workbook (<see cref="OfficialLayout"/>) by the places of its cells, and
/// names every cell that breaks the layout (<see cref="OfficialWorkbookMessages"/>): a changed header, a number typed
/// as words or with a unit, a broken merge with content outside its first cell, an unknown 一级指标 name. Indicator
/// rows may be added anywhere in the table: a level cell left empty and unmerged takes the level of the row above
/// (with a warning), a blank row is skipped. Numbers typed as text that are plainly numbers (<c> 10 </c>,
/// <c>1,234.5</c>, full-width digits) are read; anything else is an error, never a guess.
/// </summary>
internal sealed partial class OfficialSheetReader
{
    /// <summary>The most indicator rows read.</summary>
    public const int MaxIndicatorRows = 2_000;

    private const int MaxOutside = 10;

    private readonly SheetCells cells;
    private readonly OfficialLayout layout;
    private readonly FormKind kind;
    private readonly string sheet;
    private readonly Action<int, int?, DiagnosticSeverity, LocalText> report;
    private readonly HashSet<(int Row, int Column)> read = [];
    private readonly HashSet<MergedRange> reportedMerges = [];
    private MoneyUnit unit = MoneyUnit.TenThousandYuan;

    /// <param name="cells">The worksheet's cells.</param>
    /// <param name="kind">The form's kind (from the workbook's mark, or from its heading).</param>
    /// <param name="sheet">The worksheet's name.</param>
    /// <param name="report">Where messages go: the row, the 0-based column (null for the row or sheet), the severity, the text.</param>
    public OfficialSheetReader(SheetCells cells, FormKind kind, string sheet, Action<int, int?, DiagnosticSeverity, LocalText> report)
    {
        this.cells = cells;
        this.kind = kind;
        this.sheet = sheet;
        this.report = report;
        layout = OfficialLayout.For(kind);
    }

    private static LocalText Level1Name => new("PHRASE-OWB-FIELD", "一级指标", "the first-level indicator");

    private static LocalText Level2Name => new("PHRASE-OWB-FIELD", "二级指标", "the second-level indicator");

    /// <summary>The form the sheet holds, with what could be read of every cell; the messages went to the reporter.</summary>
    public PerformanceForm Read(string fileName)
    {
        var form = new PerformanceForm { Kind = kind };
        form.Details.SourceFormat = "xlsx";
        form.Details.SourceSheet = sheet;
        if (layout.Declaration)
        {
            form.DeclarationFunds = new DeclarationFunds();
        }
        else
        {
            form.SelfEvaluationFunds = new SelfEvaluationFunds();
        }

        var width = layout.Columns;
        Label(OfficialLayout.TitleRow, 0, OfficialLayout.Title(kind), 1, width);
        form.Year = Year(cells.Text(OfficialLayout.YearRow, 0));
        Area(OfficialLayout.YearRow, 0, 1, width, fixedPart: true);
        ReadUnit(form);
        foreach (var label in layout.Labels)
        {
            Label(label.Row, label.Column, label.Text, label.RowSpan, label.ColSpan);
        }

        foreach (var field in layout.Fields)
        {
            field.Set(form, Value(field.Row, field.Column, field.Value, field.Name));
            Area(field.Row, field.Column, 1, field.ColSpan, fixedPart: true);
        }

        if (string.IsNullOrWhiteSpace(form.ProjectName))
        {
            var at = layout.Fields[0];
            Report(at.Row, at.Column, DiagnosticSeverity.Error, OfficialWorkbookMessages.NoProjectName.Format(Xlsx.Reference(at.Row, at.Column)));
        }

        var end = Indicators(form);
        var last = end;
        if (layout.Total is { } total && end <= cells.LastRow)
        {
            Label(end, 0, OfficialLayout.TotalLabel, 1, total.LabelSpan);
            form.TotalWeight = (decimal?)Value(end, total.WeightColumn, OfficialValue.Weight, new LocalText("PHRASE-OWB-FIELD", "总分的分值", "the total weight"));
            form.TotalScore = (decimal?)Value(end, total.ScoreColumn, OfficialValue.Score, new LocalText("PHRASE-OWB-FIELD", "总分的得分", "the total score"));
            form.Grade = Grade(cells.Text(end, total.GradeColumn));
            read.Add((end, total.GradeColumn));
        }

        Outside();
        if (form.SelfEvaluationFunds is { } funds)
        {
            funds.Total = Kept(funds.Total, 6);
            funds.Appropriation = Kept(funds.Appropriation, 7);
            funds.Carryover = Kept(funds.Carryover, 8);
            funds.Other = Kept(funds.Other, 9);
        }

        form.Provenance = new Provenance(fileName, 1, Math.Max(last, cells.LastRow));
        return form;
    }

    private static FundLine? Kept(FundLine? line, int row)
    {
        if (line is null || line.IsEmpty)
        {
            return null;
        }

        line.SourceLine = row;
        return line;
    }

    /// <summary>Reads the indicator rows; returns the row after them (the 总分 row of a self-evaluation).</summary>
    private int Indicators(PerformanceForm form)
    {
        var first = OfficialLayout.FirstIndicatorRow;
        if (layout.Declaration)
        {
            Label(OfficialLayout.HeaderRow, 0, OfficialLayout.IndicatorsLabel, 1, 1);
        }

        int end;
        if (layout.Total is not null)
        {
            end = first;
            while (end <= cells.LastRow && TextKey.Of(cells.Text(end, 0)) != OfficialLayout.TotalLabel)
            {
                end++;
            }

            if (end > cells.LastRow)
            {
                Report(end, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.NoTotalRow.Format(Xlsx.Reference(end, 0), OfficialLayout.HeaderRow));
            }
        }
        else
        {
            end = first;
            foreach (var (row, column, _) in cells.All)
            {
                if (row >= first && column < layout.Columns && cells.Text(row, column) is not null)
                {
                    end = Math.Max(end, row + 1);
                }
            }
        }

        if (end - first > MaxIndicatorRows)
        {
            Report(first + MaxIndicatorRows, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.TooManyRows.Format(Xlsx.Reference(first + MaxIndicatorRows, 0), MaxIndicatorRows));
            end = first + MaxIndicatorRows;
        }

        Indicator? previous = null;
        for (var row = first; row < end; row++)
        {
            if (!HoldsIndicator(row, first))
            {
                continue;
            }

            var indicator = new Indicator { SourceLine = row };
            (indicator.Level1, var group) = Level(row, layout.Level1Column, Level1Name, previous?.Level1, previous is not null, first, end);
            (indicator.Level2, _) = Level(row, layout.Level2Column, Level2Name, previous?.Level2, previous is not null && group, first, end);
            foreach (var column in layout.IndicatorColumns)
            {
                column.Set(indicator, IndicatorValue(row, column));
            }

            form.Indicators.Add(indicator);
            previous = indicator;
        }

        return end;
    }

    /// <summary>True when a row of the table holds something of its own, or lies under a level cell merged down from above.</summary>
    private bool HoldsIndicator(int row, int first)
    {
        if (cells.Text(row, layout.Level1Column) is not null || cells.Text(row, layout.Level2Column) is not null)
        {
            return true;
        }

        foreach (var column in layout.IndicatorColumns)
        {
            for (var c = column.Column; c < column.Column + column.ColSpan; c++)
            {
                if (cells.Text(row, c) is not null)
                {
                    return true;
                }
            }
        }

        return MergedFromAbove(row, layout.Level1Column, first) || MergedFromAbove(row, layout.Level2Column, first);
    }

    private bool MergedFromAbove(int row, int column, int first) =>
        cells.MergeAt(row, column) is { } m && m.Top < row && m.Top >= first && m.Left == column + 1 && m.Right == column + 1;

    /// <summary>
    /// A level cell: its own text, the text of the level cell merged down over it, or — empty and unmerged — the
    /// level of the row above when <paramref name="carry"/> (with a warning). The second value is true when the
    /// row stays in the group of the row above (merged down or carried), so that its 二级指标 may be carried too.
    /// </summary>
    private (string? Label, bool SameGroup) Level(int row, int column, LocalText name, string? above, bool carry, int first, int end)
    {
        read.Add((row, column));
        var merge = cells.MergeAt(row, column);
        if (merge is { } m)
        {
            if (m.Left != m.Right)
            {
                MergeAcross(row, column, m);
                return (null, false);
            }

            if (m.Top < first || m.Bottom >= end)
            {
                if (reportedMerges.Add(m))
                {
                    Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.LevelMerge.Format(
                        Xlsx.Reference(Math.Max(m.Top, first), column), name, SheetCells.Reference(m), first, end - 1));
                }

                if (m.Top < first)
                {
                    return (null, false);
                }
            }

            if (m.Top < row)
            {
                return (cells.Stored(m.Top, column), true);
            }
        }

        var text = cells.Text(row, column);
        if (text is not null)
        {
            if (column == layout.Level1Column && !IndicatorVocabulary.IsLevel1(text) && !IndicatorVocabulary.IsLevel2(text))
            {
                Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.UnknownLevel1.Format(Xlsx.Reference(row, column), text));
            }

            return (text, false);
        }

        if (carry && above is not null)
        {
            Report(row, column, DiagnosticSeverity.Warning, OfficialWorkbookMessages.LevelCarried.Format(Xlsx.Reference(row, column), name, above));
            return (above, true);
        }

        return (null, false);
    }

    /// <summary>One value of an indicator row; its cells merged with another row or column are errors.</summary>
    private object? IndicatorValue(int row, IndicatorColumn column)
    {
        for (var c = column.Column; c < column.Column + column.ColSpan; c++)
        {
            if (cells.MergeAt(row, c) is { } m && (m.Top != m.Bottom || m.Left - 1 < column.Column || m.Right - 1 >= column.Column + column.ColSpan))
            {
                MergeAcross(row, c, m);
                Area(row, column.Column, 1, column.ColSpan, fixedPart: false);
                return null;
            }
        }

        var value = Value(row, column.Column, column.Value, column.Name);
        Area(row, column.Column, 1, column.ColSpan, fixedPart: false);
        return value;
    }

    private void MergeAcross(int row, int column, MergedRange m)
    {
        if (reportedMerges.Add(m))
        {
            var other = m.Top != row || m.Left - 1 != column ? Xlsx.Reference(m.Top, m.Left - 1) : Xlsx.Reference(m.Bottom, m.Right - 1);
            Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.MergeAcross.Format(Xlsx.Reference(row, column), other, SheetCells.Reference(m)));
        }
    }

    private void ReadUnit(PerformanceForm form)
    {
        var row = layout.UnitRow;
        var text = cells.Text(row, 0);
        var m = UnitPattern().Match(TextKey.Of(text));
        if (m.Success)
        {
            unit = m.Groups[1].Value == "元" ? MoneyUnit.Yuan : MoneyUnit.TenThousandYuan;
        }
        else
        {
            Report(row, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.Unit.Format(Xlsx.Reference(row, 0), text ?? ""));
        }

        form.MoneyUnit = unit;
        Area(row, 0, layout.UnitRowSpan, 1, fixedPart: true);
    }

    private int? Year(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var m = YearPattern().Match(TextKey.Of(text));
        if (m.Success && (m.Groups["year"].Success || m.Groups["word"].Success))
        {
            return m.Groups["year"].Success ? int.Parse(m.Groups["year"].ValueSpan, CultureInfo.InvariantCulture) : null;
        }

        Report(OfficialLayout.YearRow, 0, DiagnosticSeverity.Error, OfficialWorkbookMessages.Year.Format(Xlsx.Reference(OfficialLayout.YearRow, 0), text));
        return null;
    }

    private static string? Grade(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var rest = text.StartsWith("评分等级", StringComparison.Ordinal) ? text["评分等级".Length..].TrimStart('：', ':', ' ', '\u3000') : text;
        return rest.Length == 0 ? null : rest.Trim();
    }

    /// <summary>Checks a label (compared as a <see cref="TextKey"/>) and its merged area.</summary>
    private void Label(int row, int column, string expected, int rowSpan, int colSpan)
    {
        var actual = cells.Text(row, column);
        if (TextKey.Of(actual) != TextKey.Of(expected))
        {
            Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.Header.Format(Xlsx.Reference(row, column), expected, actual ?? ""));
        }

        Area(row, column, rowSpan, colSpan, fixedPart: true);
    }

    /// <summary>
    /// Marks an area read; text in any of its cells but the first (a merge split) is an error; in the fixed part of
    /// the layout a merge that is missing or changed is a warning.
    /// </summary>
    private void Area(int row, int column, int rowSpan, int colSpan, bool fixedPart)
    {
        var bottom = row + rowSpan - 1;
        var right = column + colSpan - 1;
        read.Add((row, column));
        if (rowSpan == 1 && colSpan == 1)
        {
            return;
        }

        if (fixedPart && !cells.HasMerge(row, column, bottom, right))
        {
            Report(row, column, DiagnosticSeverity.Warning, OfficialWorkbookMessages.MergeBroken.Format(Xlsx.Reference(row, column), SheetCells.Reference(row, column, bottom, right)));
        }

        for (var r = row; r <= bottom; r++)
        {
            for (var c = column; c <= right; c++)
            {
                if (!read.Add((r, c)) || (r == row && c == column))
                {
                    continue;
                }

                if (cells.Text(r, c) is { } stray)
                {
                    Report(r, c, DiagnosticSeverity.Error, OfficialWorkbookMessages.MergeContent.Format(
                        Xlsx.Reference(r, c), stray, SheetCells.Reference(row, column, bottom, right), Xlsx.Reference(row, column)));
                }
            }
        }
    }

    /// <summary>Every cell with content that no part of the layout read: a warning each (the first few), then a count.</summary>
    private void Outside()
    {
        var more = 0;
        foreach (var (row, column, _) in cells.All)
        {
            if (read.Contains((row, column)) || cells.Text(row, column) is not { } text)
            {
                continue;
            }

            if (more++ < MaxOutside)
            {
                Report(row, column, DiagnosticSeverity.Warning, OfficialWorkbookMessages.Outside.Format(Xlsx.Reference(row, column), text));
            }
        }

        if (more > MaxOutside)
        {
            Report(0, null, DiagnosticSeverity.Warning, OfficialWorkbookMessages.OutsideMore.Format(more - MaxOutside));
        }
    }

    /// <summary>The value of a cell as its kind reads it; a cell that does not hold one is reported and read as null.</summary>
    private object? Value(int row, int column, OfficialValue value, LocalText name)
    {
        read.Add((row, column));
        return value switch
        {
            OfficialValue.Text => cells.Text(row, column),
            OfficialValue.Date => Date(row, column, name),
            OfficialValue.Money => Number(row, column, name, percent: false) is { } amount ? Decimals.Shortest(unit.ToYuan(amount)) : null,
            OfficialValue.Rate => Number(row, column, name, percent: true),
            _ => Number(row, column, name, percent: false),
        };
    }

    /// <summary>The cell holding a value, or null when it is empty or a formula without a result (reported).</summary>
    private SheetCell? Filled(int row, int column, LocalText name)
    {
        var cell = cells.At(row, column);
        if (cell is { Formula: true, Raw: null })
        {
            Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.Formula.Format(Xlsx.Reference(row, column), name));
            return null;
        }

        return cell;
    }

    private decimal? Number(int row, int column, LocalText name, bool percent)
    {
        if (Filled(row, column, name) is not { } cell)
        {
            return null;
        }

        var at = Xlsx.Reference(row, column);
        var shown = cell.Display?.Trim() ?? cell.Raw ?? "";
        if (cell.IsNumber)
        {
            var number = SheetCells.StoredNumber(cell.Raw);
            var isPercent = IsPercentFormat(cell.Format);
            if (number is { } n && !CellFormatter.IsDateFormat(cell.Format) && (!isPercent || percent))
            {
                return isPercent ? Decimals.Shortest(n * 100) : n;
            }
        }
        else if (cell.Type is not ("b" or "e"))
        {
            if (PrintedNumber.IsPlaceholder(shown))
            {
                return null;
            }

            if (PlainNumber(shown, percent) is { } typed)
            {
                return typed;
            }
        }

        Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.Number.Format(at, name, shown));
        return null;
    }

    private DateOnly? Date(int row, int column, LocalText name)
    {
        if (Filled(row, column, name) is not { } cell)
        {
            return null;
        }

        var at = Xlsx.Reference(row, column);
        var shown = cell.Display?.Trim() ?? "";
        if ((!cell.IsNumber || CellFormatter.IsDateFormat(cell.Format)) && ParseDate(shown) is { } date)
        {
            return date;
        }

        Report(row, column, DiagnosticSeverity.Error, OfficialWorkbookMessages.Date.Format(at, name, shown));
        return null;
    }

    /// <summary>A date written 2024年1月1日, 2024-1-1, 2024/1/1 or 2024.1.1 (full-width digits folded); null for anything else.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        var m = DatePattern().Match(TextKey.Of(text));
        if (!m.Success)
        {
            return null;
        }

        var year = int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>
    /// Text that is plainly a number: digits with an optional sign, decimal point and thousands separators in their
    /// places, white space around (full-width forms folded); a trailing % only where <paramref name="percent"/>. Null
    /// for anything else (十分, 10分, 1 0, 10%% …).
    /// </summary>
    internal static decimal? PlainNumber(string text, bool percent)
    {
        string folded;
        try
        {
            folded = text.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return null; // not valid UTF-16: not a number
        }

        var m = NumberPattern().Match(folded);
        if (!m.Success || (m.Groups["percent"].Success && !percent))
        {
            return null;
        }

        return decimal.TryParse(m.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>True when a number format shows a percentage (a % outside quoted text).</summary>
    internal static bool IsPercentFormat(string? format)
    {
        if (string.IsNullOrEmpty(format))
        {
            return false;
        }

        var quoted = false;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == '%' && !quoted)
            {
                return true;
            }
        }

        return false;
    }

    private void Report(int row, int? column, DiagnosticSeverity severity, LocalText text) => report(row, column, severity, text);

    [GeneratedRegex(@"^项目资金\((万元|元)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"^\(?(?<year>[0-9]{4})?(?<word>年度?)?\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^([0-9]{4})[年./-]([0-9]{1,2})[月./-]([0-9]{1,2})日?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<number>[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+))(?<percent>%)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
