using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// The indicator table (绩效指标). Rows are read from their right end, because cell positions drift: the last
/// two numbers are 分值 and 得分, any text after them is 偏差原因分析, and before them come 实际完成值,
/// 年度指标值 and 三级指标; what is left on the left are level labels, recognised by the vocabulary (after
/// removing white space) rather than by their column. Labels are carried down the rows they span, and 一级
/// is derived from 二级 when it is missing or late. Rows without the two numbers are fragments of a row cut by
/// a page break: label pieces complete the label above; text pieces join the row above, the row below (when that
/// row starts with a one-character tail), or are a ghost of the row below.
/// </summary>
internal sealed partial class FormBuilder
{
    private readonly int[] indicatorColumns = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
    private bool indicatorHeaderSeen;

    // Level labels carried down.
    private string? level1;
    private string? level2;

    // A label cut in two (生态 … 效益指标) waiting for its tail.
    private string? partial;
    private bool partialIsLevel1;
    private bool partialHadLevel1;
    private int partialFrom;

    private Fragment? pending;
    private Indicator? missingTarget;
    private int[] cellScratch = new int[32];

    private sealed class Fragment(int line)
    {
        public int Line { get; } = line;

        public List<(int Column, string Text)> Texts { get; } = [];

        public List<string> Labels { get; } = [];
    }

    private bool IsIndicatorHeader(Row row)
    {
        var hits = 0;
        var seen = 0;
        for (var i = row.FirstNonEmpty; i >= 0 && seen < 6; i = row.NextNonEmpty(i), seen++)
        {
            if (row[i].Length > 12)
            {
                continue;
            }

            var n = Norm(row, i);
            if (n.IndexOf('级') < 0 && n.IndexOf('名') < 0)
            {
                continue;
            }

            if (n.Length is < 4 or > 6)
            {
                continue;
            }

            if (Lexicon.IndicatorColumnOf(n) is IndicatorColumn.Level1 or IndicatorColumn.Level2 or IndicatorColumn.Name)
            {
                hits++;
            }
        }

        return hits >= 2;
    }

    private void IndicatorHeader(Row row)
    {
        if (indicatorHeaderSeen)
        {
            // Repeated at the top of a page: placed, nothing to read.
            return;
        }

        indicatorHeaderSeen = true;
        Section = Section.Indicators;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var column = Lexicon.IndicatorColumnOf(Norm(row, i));
            if (column != IndicatorColumn.None && indicatorColumns[(int)column] < 0)
            {
                indicatorColumns[(int)column] = i;
            }
        }

        MapColumns(row);

        if (indicatorColumns[(int)IndicatorColumn.Actual] >= 0 || indicatorColumns[(int)IndicatorColumn.Score] >= 0)
        {
            Evidence(FormKind.SelfEvaluation);
        }
        else if (indicatorColumns[(int)IndicatorColumn.Target] >= 0)
        {
            Evidence(FormKind.TargetDeclaration);
        }
    }

    private void IndicatorRow(Row row)
    {
        if (columnRoles is not null && TryMappedRow(row))
        {
            return;
        }

        if (Form.Kind == FormKind.TargetDeclaration)
        {
            DeclarationRow(row);
        }
        else
        {
            SelfEvaluationRow(row);
        }
    }

    // ---------------------------------------------------------------- self-evaluation rows

    private void SelfEvaluationRow(Row row)
    {
        if (!TryScorePair(row, out var weightIndex, out var scoreIndex, out var weight, out var score))
        {
            NonNumericRow(row);
            return;
        }

        var indicator = new Indicator { SourceLine = row.Line, Weight = weight, Score = score };

        for (var i = row.NextNonEmpty(scoreIndex); i >= 0; i = row.NextNonEmpty(i))
        {
            if (!IsDash(row[i]))
            {
                indicator.Deviation = TextCleaner.Join(indicator.Deviation, row.Text(i));
            }
        }

        var cells = CollectCells(row, weightIndex);
        var labels = LeadingLabels(row, cells);
        var texts = cells.Length - labels;
        List<(int Column, string Text)>? labelCells = null;
        AddLabels(row, cells[..labels], ref labelCells);
        if (texts >= 3)
        {
            indicator.Name = row.Text(cells[^3]);
            indicator.Target = row.Text(cells[^2]);
            indicator.Actual = row.Text(cells[^1]);
            AddLabels(row, cells[labels..^3], ref labelCells);
        }
        else if (texts == 2)
        {
            AssignTwoTexts(row, cells[^2], cells[^1], indicator);
        }
        else if (texts == 1)
        {
            indicator.Name = row.Text(cells[^1]);
        }

        Place(row, indicator, labelCells);
    }

    /// <summary>Finds 分值 and 得分: the rightmost number and the number (or dash) before it.</summary>
    private static bool TryScorePair(Row row, out int weightIndex, out int scoreIndex, out decimal? weight, out decimal? score)
    {
        weightIndex = scoreIndex = -1;
        weight = score = null;
        var rightmost = -1;
        decimal value = 0;
        var passed = 0;
        for (var i = row.LastNonEmpty; i >= 0; i = row.PreviousNonEmpty(i))
        {
            if (TryScore(row[i], out value))
            {
                rightmost = i;
                break;
            }

            if (++passed > 3)
            {
                return false;
            }
        }

        if (rightmost < 0)
        {
            return false;
        }

        var before = row.PreviousNonEmpty(rightmost);
        if (before >= 0)
        {
            if (TryScore(row[before], out var previous))
            {
                (weightIndex, scoreIndex, weight, score) = (before, rightmost, previous, value);
                return true;
            }

            if (IsDash(row[before]))
            {
                (weightIndex, scoreIndex, score) = (before, rightmost, value);
                return true;
            }

            var after = row.NextNonEmpty(rightmost);
            if (after >= 0 && IsDash(row[after]))
            {
                // 得分 printed as a dash: 分值 is the number.
                (weightIndex, scoreIndex, weight) = (rightmost, after, value);
                return true;
            }
        }

        return false;
    }

    private static bool IsNumber(ReadOnlySpan<char> cell) => TryScore(cell, out _);

    /// <summary>A weight or score as printed: <c>17.00</c>, <c>05</c>, <c>10分</c>.</summary>
    internal static bool TryScore(ReadOnlySpan<char> cell, out decimal value)
    {
        var t = cell.Trim();
        if (t.Length > 1 && t[^1] == '分')
        {
            t = t[..^1];
        }

        return PrintedNumber.TryParse(t, out value, allowPercent: false);
    }

    internal static decimal? ScoreOrNull(ReadOnlySpan<char> cell) => TryScore(cell, out var v) ? v : null;

    private static bool IsDash(ReadOnlySpan<char> cell) =>
        cell is "—" or "-" or "–" or "/" or "－" or "／" or "——" or "--" or "―";

    /// <summary>Two texts left of the numbers: which of 三级指标 / 年度指标值 / 实际完成值 they are, by the header columns.</summary>
    private void AssignTwoTexts(Row row, int a, int b, Indicator indicator)
    {
        var nameColumn = indicatorColumns[(int)IndicatorColumn.Name];
        var targetColumn = indicatorColumns[(int)IndicatorColumn.Target];
        var actualColumn = indicatorColumns[(int)IndicatorColumn.Actual];
        if (nameColumn >= 0 && targetColumn >= 0 && actualColumn >= 0)
        {
            var nameTarget = Math.Abs(a - nameColumn) + Math.Abs(b - targetColumn);
            var targetActual = Math.Abs(a - targetColumn) + Math.Abs(b - actualColumn);
            var nameActual = Math.Abs(a - nameColumn) + Math.Abs(b - actualColumn);
            if (targetActual < nameTarget && targetActual < nameActual)
            {
                indicator.Target = row.Text(a);
                indicator.Actual = row.Text(b);
                return;
            }

            if (nameActual < nameTarget)
            {
                indicator.Name = row.Text(a);
                indicator.Actual = row.Text(b);
                return;
            }
        }

        indicator.Name = row.Text(a);
        indicator.Target = row.Text(b);
    }

    /// <summary>A row of a self-evaluation without 分值/得分: a label piece, a text fragment, or a row missing its numbers.</summary>
    private void NonNumericRow(Row row)
    {
        var cells = CollectCells(row, row.Count);
        var texts = 0;
        var numbers = false;
        foreach (var i in cells)
        {
            if (Lexicon.ClassifyLabel(Norm(row, i), out _) == LabelKind.None)
            {
                texts++;
                numbers |= IsNumber(row[i]);
            }
        }

        if (texts == 0)
        {
            var tokens = new List<string>(cells.Length);
            foreach (var i in cells)
            {
                tokens.Add(new string(Norm(row, i)));
            }

            LabelTokens(tokens, row.Line);
            return;
        }

        if (!numbers)
        {
            // Part of a row cut by a page break (or wrapped): settled when the next row is known.
            var fragment = pending ??= new Fragment(row.Line);
            foreach (var i in cells)
            {
                var n = Norm(row, i);
                if (Lexicon.ClassifyLabel(n, out var label) is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer)
                {
                    fragment.Labels.Add(label);
                }
                else
                {
                    fragment.Texts.Add((i, row.Text(i)));
                }
            }

            return;
        }

        // A number but not the pair 分值/得分: keep the indicator, say what is missing.
        var indicator = new Indicator { SourceLine = row.Line };
        var numberAt = -1;
        var passed = 0;
        for (var i = row.LastNonEmpty; i >= 0 && passed <= 2; i = row.PreviousNonEmpty(i), passed++)
        {
            if (TryScore(row[i], out var value))
            {
                numberAt = i;
                var weightColumn = indicatorColumns[(int)IndicatorColumn.Weight];
                var scoreColumn = indicatorColumns[(int)IndicatorColumn.Score];
                if (scoreColumn >= 0 && weightColumn >= 0 && Math.Abs(i - scoreColumn) < Math.Abs(i - weightColumn))
                {
                    indicator.Score = value;
                }
                else
                {
                    indicator.Weight = value;
                }

                break;
            }
        }

        if (numberAt >= 0)
        {
            for (var i = row.NextNonEmpty(numberAt); i >= 0; i = row.NextNonEmpty(i))
            {
                if (!IsDash(row[i]))
                {
                    indicator.Deviation = TextCleaner.Join(indicator.Deviation, row.Text(i));
                }
            }

            cells = CollectCells(row, numberAt);
        }

        var labels = LeadingLabels(row, cells);
        List<(int Column, string Text)>? labelCells = null;
        AddLabels(row, cells[..labels], ref labelCells);
        var rest = cells[labels..];
        if (rest.Length >= 3)
        {
            indicator.Name = row.Text(rest[^3]);
            indicator.Target = row.Text(rest[^2]);
            indicator.Actual = row.Text(rest[^1]);
            AddLabels(row, rest[..^3], ref labelCells);
        }
        else if (rest.Length == 2)
        {
            AssignTwoTexts(row, rest[0], rest[1], indicator);
        }
        else if (rest.Length == 1)
        {
            indicator.Name = row.Text(rest[0]);
        }

        Diagnose(DiagnosticSeverity.Warning, row.Line,
            ReaderMessages.WeightAndScoreExpected.Format(row.Preview(), ((indicator.Weight ?? indicator.Score) is null ? ReaderMessages.Neither : ReaderMessages.OnlyOne).Format()));
        Place(row, indicator, labelCells);
    }

    // ---------------------------------------------------------------- declaration rows

    private void DeclarationRow(Row row)
    {
        var cells = CollectCells(row, row.Count);
        var labels = LeadingLabels(row, cells);
        var rest = cells[labels..];
        if (rest.Length == 0)
        {
            var tokens = new List<string>(cells.Length);
            foreach (var i in cells)
            {
                tokens.Add(new string(Norm(row, i)));
            }

            LabelTokens(tokens, row.Line);
            return;
        }

        var indicator = new Indicator { SourceLine = row.Line };
        List<(int Column, string Text)>? labelCells = null;
        AddLabels(row, cells[..labels], ref labelCells);
        if (rest.Length >= 2)
        {
            indicator.Name = row.Text(rest[^2]);
            indicator.Target = row.Text(rest[^1]);
            AddLabels(row, rest[..^2], ref labelCells);
        }
        else
        {
            indicator.Name = row.Text(rest[0]);
        }

        // A ghost: a row without its value, printed again right below with the value (police-2023-targets l.88).
        if (Form.Indicators.Count > 0)
        {
            var previous = Form.Indicators[^1];
            if (previous.Target is null && SameText(previous.Name, indicator.Name))
            {
                Form.Indicators.RemoveAt(Form.Indicators.Count - 1);
                if (ReferenceEquals(missingTarget, previous))
                {
                    missingTarget = null;
                }

                Diagnose(DiagnosticSeverity.Info, previous.SourceLine,
                    ReaderMessages.GhostRowTarget.Format(previous.Name, row.Line));
            }
        }

        FlushMissingTarget();
        Place(row, indicator, labelCells);
        if (indicator.Target is null)
        {
            missingTarget = indicator;
        }
    }

    private void FlushMissingTarget()
    {
        if (missingTarget is { } m)
        {
            missingTarget = null;
            Diagnose(DiagnosticSeverity.Warning, m.SourceLine,
                ReaderMessages.NoTarget.Format(m.Name));
        }
    }

    // ---------------------------------------------------------------- labels

    private ReadOnlySpan<int> CollectCells(Row row, int end)
    {
        var n = 0;
        for (var i = row.FirstNonEmpty; i >= 0 && i < end; i = row.NextNonEmpty(i))
        {
            if (n == cellScratch.Length)
            {
                Array.Resize(ref cellScratch, n * 2);
            }

            cellScratch[n++] = i;
        }

        return cellScratch.AsSpan(0, n);
    }

    /// <summary>How many of the first cells are whole level labels (一级/二级 or the outer 绩效指标).</summary>
    private int LeadingLabels(Row row, ReadOnlySpan<int> cells)
    {
        var k = 0;
        while (k < cells.Length && Lexicon.ClassifyLabel(Norm(row, cells[k]), out _) is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer)
        {
            k++;
        }

        return k;
    }

    private void AddLabels(Row row, ReadOnlySpan<int> cells, ref List<(int Column, string Text)>? list)
    {
        if (cells.IsEmpty)
        {
            return;
        }

        list ??= new List<(int, string)>(cells.Length);
        foreach (var i in cells)
        {
            var n = Norm(row, i);
            list.Add((i, Lexicon.ClassifyLabel(n, out var canonical) == LabelKind.None ? new string(n) : canonical));
        }
    }

    /// <summary>Adds an indicator: settles a pending fragment, applies and carries the level labels.</summary>
    private void Place(Row row, Indicator indicator, List<(int Column, string Text)>? labelCells)
    {
        if (pending is not null)
        {
            ResolvePending(indicator);
        }

        ApplyLabels(row, indicator, labelCells);
        Form.Indicators.Add(indicator);
    }

    private void ApplyLabels(Row row, Indicator indicator, List<(int Column, string Text)>? labelCells)
    {
        string? l1 = null;
        string? l2 = null;
        var l1IsPartial = false;
        var l2IsPartial = false;
        if (labelCells is not null)
        {
            var start = 0;

            // The tail of a label cut on the row above (⇥社会 效益⇥… / ⇥指标⇥…) continues that row's span.
            if (partial is not null && labelCells.Count > 0
                && Lexicon.ClassifyLabel(labelCells[0].Text, out _) != LabelKind.Level2
                && TryCompletePartial(labelCells[0].Text))
            {
                start = 1;
            }

            string? head = null;
            var headColumn = -1;
            List<(int Column, string Text)>? unknown = null;
            for (var k = start; k < labelCells.Count; k++)
            {
                var (column, text) = labelCells[k];
                if (head is not null)
                {
                    var joined = head + text;
                    var joinedKind = Lexicon.ClassifyLabel(joined, out var joinedLabel);
                    if (joinedKind is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Head)
                    {
                        head = null;
                        if (joinedKind == LabelKind.Head)
                        {
                            head = joined;
                            continue;
                        }

                        text = joinedLabel;
                    }
                }

                switch (Lexicon.ClassifyLabel(text, out var label))
                {
                    case LabelKind.Outer:
                        break;
                    case LabelKind.Level1:
                        if (l1 is null && l2 is null)
                        {
                            l1 = label;
                        }
                        else if (Lexicon.IsLevel2(label))
                        {
                            l2 = label;
                        }
                        else
                        {
                            l1 = label;
                        }

                        break;
                    case LabelKind.Level2:
                        l2 = label;
                        break;
                    case LabelKind.Head:
                        if (head is not null)
                        {
                            (unknown ??= []).Add((headColumn, head));
                        }

                        head = text;
                        headColumn = column;
                        break;
                    case LabelKind.Tail when head is null && l1 is null && l2 is null && TryCompleteLast(text):
                        break;
                    default:
                        (unknown ??= []).Add((column, text));
                        break;
                }
            }

            if (head is not null)
            {
                if (l2 is null)
                {
                    l2 = head;
                    l2IsPartial = true;
                }
                else if (l1 is null)
                {
                    l1 = head;
                    l1IsPartial = true;
                }
            }

            if (unknown is not null)
            {
                foreach (var (column, text) in unknown)
                {
                    var nearLevel1 = indicatorColumns[(int)IndicatorColumn.Level1] >= 0
                        && indicatorColumns[(int)IndicatorColumn.Level2] >= 0
                        && Math.Abs(column - indicatorColumns[(int)IndicatorColumn.Level1]) < Math.Abs(column - indicatorColumns[(int)IndicatorColumn.Level2]);
                    if (l2 is null && (l1 is not null || (unknown.Count == 1 && !nearLevel1)))
                    {
                        l2 = text;
                    }
                    else if (l1 is null)
                    {
                        l1 = text;
                    }
                    else
                    {
                        Diagnose(DiagnosticSeverity.Warning, row.Line,
                            ReaderMessages.LevelCell.Format(text));
                        continue;
                    }

                    Diagnose(DiagnosticSeverity.Info, row.Line,
                        ReaderMessages.LevelUnknown.Format(text));
                }
            }
        }

        if ((l1 is not null || l2 is not null) && partial is not null)
        {
            FinishPartial();
        }

        if (l2 is not null)
        {
            var derived = l1 ?? Lexicon.Level1For(l2);
            if (l2 != level2 && !l2IsPartial)
            {
                // A 二级 label printed on a later row of its span: the rows above it that have none get it.
                for (var k = Form.Indicators.Count - 1; k >= 0 && Form.Indicators[k].Level2 is null; k--)
                {
                    var above = Form.Indicators[k];
                    if (above.Level1 is not null && derived is not null && above.Level1 != derived)
                    {
                        break;
                    }

                    above.Level2 = l2;
                    above.Level1 ??= derived;
                }
            }

            level2 = l2;
            level1 = derived ?? level1;
            if (l2IsPartial)
            {
                StartPartial(l2, isLevel1: false, hadLevel1: l1 is not null);
            }
        }
        else if (l1 is not null)
        {
            if (level2 is null || Lexicon.Level1For(level2) != l1)
            {
                level2 = null;
            }

            level1 = l1;
            if (l1IsPartial)
            {
                StartPartial(l1, isLevel1: true, hadLevel1: false);
            }
        }

        indicator.Level1 = level1 ?? Lexicon.Level1For(level2);
        indicator.Level2 = level2;
    }

    private void StartPartial(string text, bool isLevel1, bool hadLevel1)
    {
        partial = text;
        partialIsLevel1 = isLevel1;
        partialHadLevel1 = hadLevel1;
        partialFrom = Form.Indicators.Count;
    }

    /// <summary>Label pieces on a row of their own.</summary>
    private void LabelTokens(List<string> tokens, int line)
    {
        foreach (var token in tokens)
        {
            if (partial is not null && TryCompletePartial(token))
            {
                continue;
            }

            switch (Lexicon.ClassifyLabel(token, out var label))
            {
                case LabelKind.Outer:
                    break;
                case LabelKind.Level1:
                    // The 一级 label repeated at the top of a page (data-bureau-2024 l.323) changes nothing;
                    // a new one starts a span for the rows below.
                    if (level1 != label && (level2 is null || Lexicon.Level1For(level2) != label))
                    {
                        level1 = label;
                        level2 = null;
                    }

                    break;
                case LabelKind.Level2:
                    level2 = label;
                    level1 = Lexicon.Level1For(label) ?? level1;
                    break;
                default:
                    if (TryCompleteLast(token))
                    {
                        break;
                    }

                    if (Lexicon.ClassifyLabel(token, out _) == LabelKind.Head)
                    {
                        level2 = token;
                        StartPartial(token, isLevel1: false, hadLevel1: false);
                    }
                    else
                    {
                        Diagnose(DiagnosticSeverity.Warning, line,
                            ReaderMessages.LevelPiece.Format(token));
                    }

                    break;
            }
        }
    }

    /// <summary>A label tail whose head was taken for a whole (unknown) label on the rows above: 社会效益 + 指标.</summary>
    private bool TryCompleteLast(string tail)
    {
        var last = Form.Indicators.Count > 0 ? Form.Indicators[^1] : null;
        if (last?.Level2 is not { } l2 || Lexicon.ClassifyLabel(l2 + tail, out var completed) != LabelKind.Level2)
        {
            return false;
        }

        var from = Form.Indicators.Count - 1;
        while (from > 0 && Form.Indicators[from - 1].Level2 == l2)
        {
            from--;
        }

        Relabel(l2, completed, from, isLevel1: false, hadLevel1: false);
        return true;
    }

    private bool TryCompletePartial(string tail)
    {
        if (partial is null)
        {
            return false;
        }

        var joined = partial + tail;
        var kind = Lexicon.ClassifyLabel(joined, out var label);
        if (kind is LabelKind.Level1 or LabelKind.Level2)
        {
            Relabel(partial, label, partialFrom, partialIsLevel1, partialHadLevel1);
            partial = null;
            return true;
        }

        if (kind == LabelKind.Head)
        {
            Relabel(partial, joined, partialFrom, partialIsLevel1, partialHadLevel1);
            partial = joined;
            return true;
        }

        return false;
    }

    /// <summary>Settles a label that no tail completed: the only vocabulary label it can begin.</summary>
    private void FinishPartial()
    {
        if (partial is null)
        {
            return;
        }

        var text = partial;
        partial = null;
        var completed = Lexicon.CompleteHead(text, partialIsLevel1 ? null : level1);
        if (completed is not null)
        {
            Relabel(text, completed, partialFrom, partialIsLevel1, partialHadLevel1);
            return;
        }

        var line = partialFrom < Form.Indicators.Count ? Form.Indicators[partialFrom].SourceLine : LastLine;
        Diagnose(DiagnosticSeverity.Warning, line,
            ReaderMessages.LevelCut.Format(text));
    }

    /// <summary>Replaces a cut label by its completion on the rows of its span, and in the carried state.</summary>
    private void Relabel(string old, string completed, int from, bool isLevel1, bool hadLevel1)
    {
        var derived = isLevel1 ? null : Lexicon.Level1For(completed);
        for (var i = Math.Max(0, from); i < Form.Indicators.Count; i++)
        {
            var indicator = Form.Indicators[i];
            if (isLevel1)
            {
                if (indicator.Level1 == old)
                {
                    indicator.Level1 = completed;
                }
            }
            else if (indicator.Level2 == old)
            {
                indicator.Level2 = completed;
                if (derived is not null && !hadLevel1)
                {
                    indicator.Level1 = derived;
                }
            }
        }

        if (isLevel1)
        {
            if (level1 == old)
            {
                level1 = completed;
            }
        }
        else if (level2 == old)
        {
            level2 = completed;
            if (derived is not null && !hadLevel1)
            {
                level1 = derived;
            }
        }
    }

    // ---------------------------------------------------------------- fragments

    /// <summary>
    /// Settles the text fragment read before <paramref name="next"/> (null at the end of the table): a ghost of the
    /// next row, the head of the next row (whose 年度指标值 is a one-character tail or missing), or the tail of the
    /// row above.
    /// </summary>
    private void ResolvePending(Indicator? next)
    {
        var fragment = pending;
        if (fragment is null)
        {
            return;
        }

        pending = null;
        if (next is not null)
        {
            foreach (var (_, text) in fragment.Texts)
            {
                if (SameText(text, next.Name))
                {
                    Diagnose(DiagnosticSeverity.Info, fragment.Line,
                        ReaderMessages.GhostRowValues.Format(next.Name, next.SourceLine));
                    return;
                }
            }
        }

        if (fragment.Labels.Count > 0)
        {
            LabelTokens(fragment.Labels, fragment.Line);
        }

        if (fragment.Texts.Count == 0)
        {
            return;
        }

        if (next is not null && (string.IsNullOrEmpty(next.Name) || next.Target is null || next.Target.Length == 1))
        {
            MergeForward(fragment, next);
            return;
        }

        var previous = Form.Indicators.Count > 0 ? Form.Indicators[^1] : null;
        if (previous is null)
        {
            Diagnose(DiagnosticSeverity.Warning, fragment.Line,
                ReaderMessages.TextBeforeIndicators.Format(fragment.Texts[0].Text));
            return;
        }

        if (fragment.Texts.Count >= 3)
        {
            Diagnose(DiagnosticSeverity.Info, fragment.Line,
                ReaderMessages.Continuation.Format(previous.Name, previous.SourceLine));
        }

        foreach (var (column, text) in fragment.Texts)
        {
            switch (NearestTextColumn(column))
            {
                case IndicatorColumn.Target:
                    previous.Target = TextCleaner.Join(previous.Target, text);
                    break;
                case IndicatorColumn.Actual:
                    previous.Actual = TextCleaner.Join(previous.Actual, text);
                    break;
                case IndicatorColumn.Deviation:
                    previous.Deviation = TextCleaner.Join(previous.Deviation, text);
                    break;
                default:
                    previous.Name = TextCleaner.Join(previous.Name, text);
                    break;
            }
        }
    }

    /// <summary>The first half of a row cut by a page break, printed above its second half (songnan-2023 l.122/124).</summary>
    private static void MergeForward(Fragment fragment, Indicator next)
    {
        var texts = fragment.Texts;
        if (string.IsNullOrEmpty(next.Name))
        {
            next.Name = texts[0].Text;
            if (texts.Count > 1)
            {
                next.Target = TextCleaner.Join(texts[1].Text, next.Target);
            }

            for (var k = 2; k < texts.Count; k++)
            {
                next.Actual = TextCleaner.Join(next.Actual, texts[k].Text);
            }

            return;
        }

        next.Target = TextCleaner.Join(texts[0].Text, next.Target);
        if (texts.Count >= 2)
        {
            var last = texts[^1].Text;
            if (next.Deviation is not null)
            {
                next.Deviation = TextCleaner.Join(last, next.Deviation);
            }
            else
            {
                next.Actual = TextCleaner.Join(last, next.Actual);
            }
        }

        for (var k = 1; k < texts.Count - 1; k++)
        {
            next.Actual = TextCleaner.Join(texts[k].Text, next.Actual);
        }
    }

    private IndicatorColumn NearestTextColumn(int column)
    {
        var best = IndicatorColumn.Name;
        var distance = int.MaxValue;
        foreach (var candidate in (ReadOnlySpan<IndicatorColumn>)[IndicatorColumn.Name, IndicatorColumn.Target, IndicatorColumn.Actual, IndicatorColumn.Deviation])
        {
            var at = indicatorColumns[(int)candidate];
            if (at >= 0 && Math.Abs(at - column) < distance)
            {
                distance = Math.Abs(at - column);
                best = candidate;
            }
        }

        return best;
    }

    private static bool SameText(string? a, string? b) =>
        !string.IsNullOrEmpty(a) && !string.IsNullOrEmpty(b) && TextKey.Of(a) == TextKey.Of(b);

    /// <summary>Ends the indicator table: settles fragments, cut labels and missing values.</summary>
    private void EndIndicatorTable()
    {
        EndMappedTable();
        ResolvePending(null);
        FinishPartial();
        FlushMissingTarget();
    }
}
