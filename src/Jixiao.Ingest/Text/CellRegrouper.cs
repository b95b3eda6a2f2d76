using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Rebuilds table rows from a stream of cells that lost them (单元格流重组): text where an extractor printed every
/// cell on a line of its own, or a whole form flattened onto one line separated by spaces. The rows are found by the
/// labels that begin them — the heading, 项目名称 and the other header keys, 项目资金 and its row labels, the goal and
/// indicator headers, level labels, 总分 — and an indicator row ends where its values do (三级指标, 年度指标值,
/// 实际完成值, 分值, 得分 and perhaps a reason). The rows then go through the placer like any other.
/// </summary>
/// <remarks>
/// A declaration's fund table is printed as pairs side by side (项目资金总额 | 年度资金申请总额); its rows are rebuilt
/// in the columns the placer expects: the left pair in cells 2–3, the right pair in cells 4–5.
/// </remarks>
internal sealed class CellRegrouper
{
    private enum Part
    {
        Header,
        Funds,
        Goals,
        GoalTexts,
        Indicators,
        After,
    }

    private readonly List<string?[]> rows = [];
    private readonly List<int> lines = [];
    private readonly char[] norm = new char[Lexicon.MaxKeyLength];

    /// <summary>The rows of <paramref name="cells"/> (non-empty cells with their source lines), in order.</summary>
    public IReadOnlyList<(string?[] Cells, int Line)> Regroup(IReadOnlyList<(string Text, int Line)> cells)
    {
        rows.Clear();
        lines.Clear();
        var keys = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            keys[i] = Key(cells[i].Text);
        }

        var part = Part.Header;
        var declaration = false;
        var i0 = 0;
        while (i0 < cells.Count)
        {
            var k = keys[i0];
            var line = cells[i0].Line;
            if (Lexicon.HeadingKind(k) is { } kind)
            {
                declaration = kind == FormKind.TargetDeclaration;
                part = Part.Header;
                Emit(line, cells[i0].Text);
                i0++;
                continue;
            }

            if (Lexicon.YearIn(k) is not null && k.Length <= 12)
            {
                Emit(line, cells[i0].Text);
                i0++;
                continue;
            }

            if (Lexicon.KeyOf(k) != HeaderKey.None && part != Part.Indicators)
            {
                // A header key and its value (one cell unless the next is a key again).
                var end = i0 + 1;
                while (end < cells.Count && !StartsRow(keys, end, part, declaration))
                {
                    end++;
                }

                Emit(line, [.. Take(cells, i0, end)]);
                i0 = end;
                continue;
            }

            if (k.StartsWith("项目资金", StringComparison.Ordinal) && part <= Part.Funds && !IsFundLabel(k))
            {
                part = Part.Funds;
                var end = i0 + 1;
                while (end < cells.Count && Lexicon.FundColumnOf(keys[end]) is not null)
                {
                    end++;
                }

                if (end == i0 + 1 && end < cells.Count && IsFundLabel(keys[end]))
                {
                    declaration = true;
                }

                if (declaration)
                {
                    i0 = DeclarationFundRow(cells, keys, i0, header: true);
                    continue;
                }

                Emit(line, [.. Take(cells, i0, end)]);
                i0 = end;
                continue;
            }

            if (part == Part.Funds && IsFundLabel(k))
            {
                if (declaration)
                {
                    i0 = DeclarationFundRow(cells, keys, i0, header: false);
                    continue;
                }

                var end = i0 + 1;
                while (end < cells.Count && !StartsRow(keys, end, part, declaration) && !IsFundLabel(keys[end]))
                {
                    end++;
                }

                Emit(line, [.. Take(cells, i0, end)]);
                i0 = end;
                continue;
            }

            if (part <= Part.Goals && IsGoalHeader(k))
            {
                part = Part.Goals;
                var end = i0 + 1;
                while (end < cells.Count && IsGoalHeader(keys[end]))
                {
                    end++;
                }

                Emit(line, [.. Take(cells, i0, end)]);
                part = Part.GoalTexts;
                i0 = end;
                continue;
            }

            if ((IsIndicatorHeaderCell(k) || IsOuterBeforeHeader(keys, i0)) && part != Part.Indicators)
            {
                var end = i0;
                while (end < cells.Count && (IsIndicatorHeaderCell(keys[end]) || Lexicon.ClassifyLabel(keys[end], out _) == LabelKind.Outer))
                {
                    end++;
                }

                if (end - i0 >= 3)
                {
                    part = Part.Indicators;
                    Emit(line, [.. Take(cells, i0, end)]);
                    i0 = end;
                    continue;
                }
            }

            if (Lexicon.IsTotalLabel(k) || Lexicon.IsGradeLabel(k))
            {
                part = Part.After;
                var end = i0 + 1;
                while (end < cells.Count && (FormBuilder.TryScore(keys[end], out _) || Lexicon.IsGrade(keys[end])))
                {
                    end++;
                }

                Emit(line, [.. Take(cells, i0, end)]);
                i0 = end;
                continue;
            }

            if (part == Part.Indicators)
            {
                i0 = IndicatorRow(cells, keys, i0, declaration);
                continue;
            }

            // Goal texts, or anything else: the cells up to the next row start.
            var stop = i0 + 1;
            while (stop < cells.Count && !StartsRow(keys, stop, part, declaration))
            {
                stop++;
            }

            if (part == Part.GoalTexts)
            {
                // The two goal columns, wrapped over several rows: one row per pair of cells.
                for (var at = i0; at < stop; at += 2)
                {
                    Emit(cells[at].Line, [.. Take(cells, at, Math.Min(at + 2, stop))]);
                }
            }
            else
            {
                Emit(line, [.. Take(cells, i0, stop)]);
            }

            i0 = stop;
        }

        var result = new List<(string?[], int)>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            result.Add((rows[r], lines[r]));
        }

        return result;
    }

    /// <summary>One indicator row: level labels, then the values; returns the index after it.</summary>
    private int IndicatorRow(IReadOnlyList<(string Text, int Line)> cells, string[] keys, int from, bool declaration)
    {
        var line = cells[from].Line;
        var row = new List<string?>();
        var i = from;
        while (i < cells.Count && Lexicon.ClassifyLabel(keys[i], out _) is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer)
        {
            row.Add(cells[i].Text);
            i++;
        }

        if (declaration)
        {
            // 三级指标 and 年度指标值.
            for (var n = 0; n < 2 && i < cells.Count && !StartsIndicatorRow(keys, i) && !StartsRow(keys, i, Part.Indicators, declaration); n++, i++)
            {
                row.Add(cells[i].Text);
            }

            Emit(line, [.. row]);
            return Math.Max(i, from + 1);
        }

        // 三级指标, 年度指标值, 实际完成值 (any of them may be a number), then 分值 and 得分.
        var valuesFrom = i;
        while (i < cells.Count && !(i - valuesFrom >= 3 && IsScorePair(keys, i)) && !StartsRow(keys, i, Part.Indicators, declaration)
               && !(i > valuesFrom && StartsIndicatorRow(keys, i)))
        {
            row.Add(cells[i].Text);
            i++;
        }

        if (i < cells.Count && IsScorePair(keys, i))
        {
            row.Add(cells[i].Text);
            row.Add(cells[i + 1].Text);
            i += 2;

            // A reason after the scores, unless the next cell begins the next row.
            if (i < cells.Count && !StartsRow(keys, i, Part.Indicators, declaration) && !StartsIndicatorRow(keys, i)
                && !FormBuilder.TryScore(keys[i], out _) && !BeginsValues(keys, i))
            {
                row.Add(cells[i].Text);
                i++;
            }
        }

        Emit(line, [.. row]);
        return Math.Max(i, from + 1);
    }

    /// <summary>True when the cells from <paramref name="i"/> read as 三级指标, 年度指标值, 实际完成值, 分值, 得分.</summary>
    private static bool BeginsValues(string[] keys, int i) => i + 4 < keys.Length && IsScorePair(keys, i + 3);

    private static bool IsScorePair(string[] keys, int i) =>
        i + 1 < keys.Length && FormBuilder.TryScore(keys[i], out _) && (FormBuilder.TryScore(keys[i + 1], out _) || IsDash(keys[i + 1]));

    private static bool IsDash(string key) => key is "—" or "-" or "/" or "–";

    private static bool StartsIndicatorRow(string[] keys, int i) =>
        Lexicon.ClassifyLabel(keys[i], out _) is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer;

    /// <summary>A declaration's fund row: up to two label/value pairs, laid out in the columns of the original table.</summary>
    private int DeclarationFundRow(IReadOnlyList<(string Text, int Line)> cells, string[] keys, int from, bool header)
    {
        var line = cells[from].Line;
        var row = new string?[5];
        var i = from;
        if (header)
        {
            row[0] = cells[i].Text;
            i++;
        }

        var leftFilled = false;
        var rightFilled = false;
        while (i < cells.Count && IsFundLabel(keys[i]) && !rightFilled)
        {
            var right = IsRightFundLabel(keys[i], leftFilled);
            if (!right && leftFilled)
            {
                break;
            }

            var at = right ? 3 : 1;
            row[at] = cells[i].Text;
            i++;
            if (i < cells.Count && !IsFundLabel(keys[i]) && (FormBuilder.TryScore(keys[i], out _) || PrintedNumber.TryParse(keys[i], out _) || IsDash(keys[i])))
            {
                row[at + 1] = cells[i].Text;
                i++;
            }

            leftFilled |= !right;
            rightFilled |= right;
        }

        Emit(line, row);
        return Math.Max(i, from + 1);
    }

    /// <summary>The labels of the right pair of a declaration's fund table: 年度资金申请总额, 当年财政拨款, 上年结转资金, and 其他资金 after a left pair.</summary>
    private static bool IsRightFundLabel(string key, bool leftFilled) =>
        Lexicon.FundFieldOf(key) switch
        {
            FundField.AnnualTotal or FundField.Appropriation or FundField.Carryover => true,
            FundField.Other => leftFilled,
            _ => false,
        };

    private static bool IsFundLabel(string key) => Lexicon.FundFieldOf(key) != FundField.None;

    private static bool IsGoalHeader(string key) =>
        Lexicon.IsGoalExpected(key) || Lexicon.IsGoalActual(key) || Lexicon.IsGoalOverall(key) || Lexicon.IsGoalAnnual(key)
        || key is "年度总体目标" or "项目绩效目标" or "绩效目标" or "总体目标";

    private static bool IsIndicatorHeaderCell(string key) => Lexicon.IndicatorColumnOf(key) != IndicatorColumn.None;

    /// <summary>True when the cell at <paramref name="i"/> begins a row of its own.</summary>
    private static bool StartsRow(string[] keys, int i, Part part, bool declaration)
    {
        var k = keys[i];
        if (Lexicon.HeadingKind(k) is not null || Lexicon.IsTotalLabel(k) || Lexicon.IsGradeLabel(k))
        {
            return true;
        }

        if (part != Part.Indicators && (Lexicon.KeyOf(k) != HeaderKey.None || (k.StartsWith("项目资金", StringComparison.Ordinal) && !IsFundLabel(k))))
        {
            return true;
        }

        if (part <= Part.Funds && IsFundLabel(k))
        {
            return true;
        }

        if (part <= Part.GoalTexts && IsGoalHeader(k) && part < Part.GoalTexts)
        {
            return true;
        }

        return (IsIndicatorHeaderCell(k) || IsOuterBeforeHeader(keys, i)) && i + 1 < keys.Length && IsIndicatorHeaderCell(keys[i + 1]);
    }

    private static bool IsKnownCell(string key) =>
        Lexicon.KeyOf(key) != HeaderKey.None || Lexicon.FundFieldOf(key) != FundField.None || Lexicon.FundColumnOf(key) is not null
        || Lexicon.IndicatorColumnOf(key) != IndicatorColumn.None || Lexicon.ClassifyLabel(key, out _) is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer
        || IsGoalHeader(key) || Lexicon.IsTotalLabel(key) || Lexicon.IsGradeLabel(key) || key.StartsWith("项目资金(", StringComparison.Ordinal);

    /// <summary>The outer label 绩效指标 printed before the indicator header's cells.</summary>
    private static bool IsOuterBeforeHeader(string[] keys, int i) =>
        Lexicon.ClassifyLabel(keys[i], out _) == LabelKind.Outer && i + 1 < keys.Length && IsIndicatorHeaderCell(keys[i + 1]);

    /// <summary>
    /// Joins the words of a flattened line that belong to one cell: a label written with spaces (年度 总体目标,
    /// 项目资金 (万元)), a bracket opened and closed in a later word ((2023 年度)), a date (2023 年 1 月 1 日).
    /// </summary>
    public static List<(string Text, int Line)> JoinWords(IReadOnlyList<string> words, int line)
    {
        var result = new List<(string, int)>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var best = 1;
            var joined = words[i];
            for (var n = 2; n <= 6 && i + n <= words.Count; n++)
            {
                joined += " " + words[i + n - 1];
                if (IsOneCell(joined, words[i]))
                {
                    best = n;
                }
            }

            result.Add((string.Join(' ', words.Skip(i).Take(best)), line));
            i += best;
        }

        return result;
    }

    private static bool IsOneCell(string joined, string first)
    {
        if (IsKnownCell(Hanzi.Simplified(TextKey.Of(first))))
        {
            // The first word is a whole cell already.
            return false;
        }

        var key = Hanzi.Simplified(TextKey.Of(joined));
        if (IsKnownCell(key))
        {
            return true;
        }

        // 项目资金 (万元), (2023 年度), （2024年度）
        var open = first.IndexOfAny(['(', '（']);
        if (open >= 0 && first.IndexOfAny([')', '）']) < 0 && (joined.EndsWith(')') || joined.EndsWith('）')) && joined.Length <= 24)
        {
            return true;
        }

        // 2023 年 1 月 1 日
        return DateText.Parse(joined, endOfPeriod: false) is not null && joined.EndsWith('日') && char.IsAsciiDigit(first[0]);
    }

    private void Emit(int line, params string?[] cells)
    {
        rows.Add(cells);
        lines.Add(line);
    }

    private static IEnumerable<string?> Take(IReadOnlyList<(string Text, int Line)> cells, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            yield return cells[i].Text;
        }
    }

    private string Key(string text)
    {
        var n = TextKey.Write(text, norm);
        if (n < 0)
        {
            return TextKey.Of(text);
        }

        Hanzi.Simplify(norm.AsSpan(0, n));
        return new string(norm, 0, n);
    }
}
