using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Indicator tables read by their header's columns (按表头列读取): when the header names a column the right-anchored
/// reading cannot place — 指标解释, 指标性质, 度量单位 — each cell of a row is given the role of the header cell
/// above it. Tables from workbooks, documents and web pages keep their columns, so this reads every layout whose
/// header says what its columns are. A row with a cell under no header column falls back to the right-anchored
/// reading. Level labels (merged cells, printed once) are carried down; rows holding only level labels are the
/// empty rows of a blank form (空表) and give no indicator.
/// </summary>
internal sealed partial class FormBuilder
{
    private IndicatorColumn[]? columnRoles;
    private string? mappedLevel1;
    private string? mappedLevel2;
    private int shellRows;
    private int firstShellLine;

    /// <summary>True when the indicator header has 完成值 but neither 分值 nor 得分: a self-evaluation without scores (no 总分 expected).</summary>
    private bool WithoutScores =>
        indicatorHeaderSeen && indicatorColumns[(int)IndicatorColumn.Actual] >= 0
        && indicatorColumns[(int)IndicatorColumn.Weight] < 0 && indicatorColumns[(int)IndicatorColumn.Score] < 0;

    /// <summary>Keeps the header's column roles when it names a column only they can place.</summary>
    private void MapColumns(Row row)
    {
        var roles = new IndicatorColumn[row.LastNonEmpty + 1];
        var extended = false;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var role = Lexicon.IndicatorColumnOf(Norm(row, i));
            roles[i] = role;
            extended |= role is IndicatorColumn.Explanation or IndicatorColumn.Operator or IndicatorColumn.Unit;
        }

        // The right-anchored reading takes 分值 and 得分 as the last numbers of a row: a header that prints 分值 before
        // the target, or a self-evaluation without 分值/得分, is read by its columns instead.
        var weight = Array.IndexOf(roles, IndicatorColumn.Weight);
        var score = Array.IndexOf(roles, IndicatorColumn.Score);
        var target = Array.IndexOf(roles, IndicatorColumn.Target);
        var actual = Array.IndexOf(roles, IndicatorColumn.Actual);
        extended |= weight >= 0 && (weight < target || weight < actual);
        extended |= actual >= 0 && weight < 0 && score < 0;

        var named = roles.Count(r => r != IndicatorColumn.None);
        columnRoles = extended && named >= 4 && roles.Contains(IndicatorColumn.Name) ? roles : null;
    }

    /// <summary>Reads a row by the header's columns; false when a cell stands under no header column.</summary>
    private bool TryMappedRow(Row row)
    {
        var roles = columnRoles!;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            if (i >= roles.Length || roles[i] == IndicatorColumn.None)
            {
                return false;
            }
        }

        string? Cell(IndicatorColumn role)
        {
            var at = Array.IndexOf(roles, role);
            return at >= 0 && at < row.Count && !row.IsEmpty(at) ? row.Text(at) : null;
        }

        var level1 = Cell(IndicatorColumn.Level1);
        var level2 = Cell(IndicatorColumn.Level2);
        if (level1 is not null && level1 != mappedLevel1)
        {
            mappedLevel1 = level1;
            mappedLevel2 = null;
        }

        if (level2 is not null)
        {
            mappedLevel2 = level2;
        }

        var name = Cell(IndicatorColumn.Name);
        var value = Cell(IndicatorColumn.Target);
        var actual = Cell(IndicatorColumn.Actual);
        var weightText = Cell(IndicatorColumn.Weight);
        var scoreText = Cell(IndicatorColumn.Score);
        if (name is null && value is null && actual is null && weightText is null && scoreText is null)
        {
            // Only level labels (and perhaps an explanation): a row of a blank form.
            if (shellRows++ == 0)
            {
                firstShellLine = row.Line;
            }

            return true;
        }

        var op = Cell(IndicatorColumn.Operator);
        var unit = Cell(IndicatorColumn.Unit);
        var indicator = new Indicator
        {
            SourceLine = row.Line,
            Level1 = mappedLevel1,
            Level2 = mappedLevel2,
            Name = name ?? "",
            Operator = op,
            Unit = unit,
            Target = ComposeTarget(op, value, unit),
            Actual = actual,
            Deviation = Cell(IndicatorColumn.Deviation),
            Explanation = Cell(IndicatorColumn.Explanation),
        };

        indicator.Weight = MappedNumber(row, weightText, "权重/分值");
        indicator.Score = MappedNumber(row, scoreText, "得分");
        if (name is null)
        {
            Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.IndicatorWithoutName.Format(row.Preview()));
        }

        Form.Indicators.Add(indicator);
        return true;
    }

    private decimal? MappedNumber(Row row, string? text, string column)
    {
        if (text is null || PrintedNumber.IsPlaceholder(text))
        {
            return null;
        }

        if (TryScore(text, out var value))
        {
            return value;
        }

        Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.NumberUnder.Format(column, text));
        return null;
    }

    /// <summary>
    /// The target as one text when the operator and the unit are printed in columns of their own: ≥ + 90 + % → ≥90%.
    /// A word operator (定性, 正向) is not prefixed; a unit the value already ends with is not repeated; 百分比 is %.
    /// </summary>
    internal static string? ComposeTarget(string? op, string? value, string? unit)
    {
        if (value is null)
        {
            return null;
        }

        var symbol = op?.Trim() switch
        {
            "≥" or "≧" or ">=" or "＞＝" or "大于等于" or "不低于" => "≥",
            "≤" or "≦" or "<=" or "＜＝" or "小于等于" or "不高于" => "≤",
            ">" or "＞" or "大于" => ">",
            "<" or "＜" or "小于" => "<",
            "=" or "＝" or "等于" => "=",
            _ => null,
        };
        var suffix = unit?.Trim() switch
        {
            null or "" => "",
            "百分比" or "百分率" or "%" or "％" => "%",
            { } u => u,
        };
        var text = value.Trim();
        if (symbol is not null && !text.StartsWith(symbol, StringComparison.Ordinal) && !"≥≤><=≧≦＞＜".Contains(text[0]))
        {
            text = symbol + text;
        }

        if (suffix.Length > 0 && !text.EndsWith(suffix, StringComparison.Ordinal) && PrintedNumber.TryParse(text.TrimStart('≥', '≤', '>', '<', '='), out _, allowPercent: false))
        {
            text += suffix;
        }

        return text;
    }

    /// <summary>Ends a table read by columns: a form whose table holds only level labels is a blank form.</summary>
    private void EndMappedTable()
    {
        if (columnRoles is null || shellRows == 0)
        {
            return;
        }

        if (Form.Indicators.Count == 0)
        {
            Diagnose(DiagnosticSeverity.Warning, firstShellLine,
                ReaderMessages.BlankIndicatorTable.Format(shellRows));
        }
        else
        {
            Diagnose(DiagnosticSeverity.Info, firstShellLine,
                ReaderMessages.LevelLabelRows.Format(shellRows));
        }
    }
}
