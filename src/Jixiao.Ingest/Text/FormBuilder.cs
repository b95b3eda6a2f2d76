using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>Where in a form the reader is: the blocks come in this order in both kinds.</summary>
internal enum Section
{
    /// <summary>项目名称, 主管部门, 实施单位 (and on declarations 项目类别, 计划开始/完成日期).</summary>
    Header,

    /// <summary>项目资金 table.</summary>
    Funds,

    /// <summary>年度总体目标 / 项目绩效目标.</summary>
    Goals,

    /// <summary>绩效指标 table.</summary>
    Indicators,

    /// <summary>After 总分 (and 评分等级).</summary>
    AfterTotal,
}

/// <summary>
/// Builds one form from its rows. The <see cref="FormParser"/> decides where forms begin and hands every other
/// row to the builder of the open form; the builder places it by what the row says (its label cells), never by
/// its line number, and keeps what it could not place as diagnostics.
/// </summary>
internal sealed partial class FormBuilder
{
    private const int MaxDiagnostics = 200;

    private readonly string file;
    private readonly char[] norm = new char[Lexicon.MaxKeyLength];
    private int suppressedDiagnostics;
    private bool kindSettled;

    // Header block
    private HeaderKey lastKey;
    private int lastKeyLine;

    // The keys of the last header row and the columns of their values, for values wrapped onto the next row.
    private readonly List<(HeaderKey Key, int Column)> valueColumns = [];

    // Keys of the last header row that a page break cut (their column and the printed beginning).
    private readonly List<(int Column, string Label)> cutLabels = [];
    private int valueColumnsLine;

    // Fund table
    private bool unitSeen;
    private readonly int[] fundColumns = [-1, -1, -1, -1, -1, -1];
    private bool fundColumnsKnown;
    private int declarationRightColumn = -1;
    private bool projectOtherSeen;

    // Goals
    private int goalColumnA = -1;
    private int goalColumnB = -1;
    private string goalLabel = "";
    private bool goalsAreDeclaration;

    // Grade
    private bool expectGradeNext;

    public FormBuilder(string file, FormKind kind, int firstLine, bool hasHeading)
    {
        this.file = file;
        Form.Kind = kind;
        Form.Indicators = new List<Indicator>(16);
        FirstLine = LastLine = firstLine;
        HasHeading = hasHeading;
        kindSettled = hasHeading;
    }

    public PerformanceForm Form { get; } = new();

    public bool HasHeading { get; }

    public int FirstLine { get; }

    public int LastLine { get; set; }

    public Section Section { get; private set; } = Section.Header;

    /// <summary>True when nothing of a form was read beyond the header block: no fund table, goals or indicators.</summary>
    public bool IsBare =>
        Form.Indicators.Count == 0 && Form.SelfEvaluationFunds is null && Form.DeclarationFunds is null && !indicatorHeaderSeen
        && Form.Goals.Expected is null && Form.Goals.Actual is null && Form.Goals.Overall is null && Form.Goals.Annual is null;

    /// <summary>True once a 项目名称 row was read: a second one opens a new form.</summary>
    public bool HasProjectNameRow { get; private set; }

    /// <summary>True when the last row read ended the indicator table (总分 / 评分等级) or nothing follows.</summary>
    public bool SawTotal { get; private set; }

    public void Diagnose(DiagnosticSeverity severity, int line, LocalText message)
    {
        if (Form.Diagnostics.Count >= MaxDiagnostics)
        {
            suppressedDiagnostics++;
            return;
        }

        Form.Diagnostics.Add(new Diagnostic(file, line, severity, message));
    }

    /// <summary>The cell as a label key: its <see cref="TextKey"/> with traditional characters folded (項目名稱 → 项目名称).</summary>
    private ReadOnlySpan<char> Norm(Row row, int index)
    {
        var n = TextKey.Write(row[index], norm);
        if (n < 0)
        {
            return ReadOnlySpan<char>.Empty;
        }

        Hanzi.Simplify(norm.AsSpan(0, n));
        return norm.AsSpan(0, n);
    }

    /// <summary>Switches the kind of a form that has no heading when its rows show the other kind.</summary>
    private void Evidence(FormKind kind)
    {
        if (kindSettled)
        {
            return;
        }

        kindSettled = true;
        Form.Kind = kind;
    }

    /// <summary>Handles a row inside this form. <paramref name="first"/> is the normalised first non-empty cell.</summary>
    public void Accept(Row row, ReadOnlySpan<char> first)
    {
        LastLine = row.Line;
        if (pendingFund is not null && CompletesPendingFund(row, first))
        {
            return;
        }

        if (expectGradeNext)
        {
            expectGradeNext = false;
            if (row.NonEmptyCount == 1 && Lexicon.IsGrade(first))
            {
                Form.Grade = row.Text(row.FirstNonEmpty);
                return;
            }
        }

        var key = Lexicon.KeyOf(first);
        if (key != HeaderKey.None || (Section == Section.Header && (HasColonKey(row) || Lexicon.ColonLabel(first) is not null)))
        {
            HeaderRow(row);
            return;
        }

        if (first.StartsWith("项目资金"))
        {
            FundHeader(row);
            return;
        }

        if (Lexicon.UnitOf(first) is { } unit && row.NonEmptyCount == 1)
        {
            // 单位：万元 printed above the table
            SuggestUnit(unit);
            return;
        }

        if (Lexicon.IsFooter(first))
        {
            FooterRow(row);
            return;
        }

        // The fund table comes before the goals (Shanghai) or after them (Sichuan): either way before the indicators.
        if (Section <= Section.Goals)
        {
            if (Lexicon.FundFieldOf(first) != FundField.None)
            {
                FundRow(row);
                return;
            }

            if (TryFundColumns(row))
            {
                return;
            }
        }

        if (Section <= Section.Goals && TryGoalHeader(row))
        {
            return;
        }

        if (Section <= Section.Funds && Lexicon.IsGoalLabel(first) && row.NonEmptyCount >= 2)
        {
            // 年度总体目标⇥<expected>⇥⇥<actual>: no column header, the texts on the label's row.
            Section = Section.Goals;
            goalLabel = "";
            GoalText(row);
            return;
        }

        if (IsIndicatorHeader(row))
        {
            IndicatorHeader(row);
            return;
        }

        if (Lexicon.IsTotalLabel(first))
        {
            TotalRow(row);
            return;
        }

        if (Lexicon.IsGradeLabel(first) || (first.StartsWith("评分等级") && first.Length <= 8))
        {
            GradeRow(row, first);
            return;
        }

        switch (Section)
        {
            case Section.Header:
                HeaderContinuation(row);
                break;
            case Section.Funds:
                if (!HoldFundFragment(row, first))
                {
                    Unplaced(row, ReaderMessages.InFundTable, ReaderMessages.FundRowExpected);
                }

                break;
            case Section.Goals:
                GoalText(row);
                break;
            case Section.Indicators:
                IndicatorRow(row);
                break;
            default:
                Unplaced(row, ReaderMessages.AtFormEnd, ReaderMessages.NewFormExpected);
                break;
        }
    }

    /// <summary>填表人, 联系电话, 备注 …: labelled values the model has no field for, kept in <c>extra</c> under their labels.</summary>
    private void FooterRow(Row row)
    {
        var kept = false;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var cell = row[i];
            var colon = cell.IndexOfAny(':', '：');
            if (colon > 0 && colon < cell.Length - 1)
            {
                AddExtra(TextCleaner.Clean(cell[..colon]), TextCleaner.Clean(cell[(colon + 1)..]));
                kept = true;
                continue;
            }

            var label = TextCleaner.Clean(colon > 0 ? cell[..colon] : cell);
            var j = row.NextNonEmpty(i);
            if (j >= 0 && !IsLabelCell(row, j) && !Lexicon.IsFooter(Norm(row, j)))
            {
                AddExtra(label, row.Text(j));
                kept = true;
                i = j;
            }
        }

        if (!kept)
        {
            Diagnose(DiagnosticSeverity.Info, row.Line, ReaderMessages.RowWithoutValue.Format(row.Preview()));
        }
    }


    /// <summary>A fund row whose label was cut by a page break (上年结转资 | 0.00 …, then 金 on the next row): its cells, kept until the next row.</summary>
    private (string?[] Cells, int LabelIndex, string Key, int Line)? pendingFund;

    /// <summary>Holds a fund row whose label is the beginning of a fund label and that carries amounts; false for anything else.</summary>
    private bool HoldFundFragment(Row row, ReadOnlySpan<char> first)
    {
        var hasAmount = false;
        for (var i = row.NextNonEmpty(row.FirstNonEmpty); i >= 0 && !hasAmount; i = row.NextNonEmpty(i))
        {
            hasAmount = PrintedNumber.TryParse(row[i], out _);
        }

        if (!hasAmount || first.Length is 0 or > 12 || !Lexicon.BeginsFundLabel(first))
        {
            return false;
        }

        var cells = new string?[row.Count];
        for (var i = 0; i < row.Count; i++)
        {
            cells[i] = row.IsEmpty(i) ? null : row[i].ToString();
        }

        pendingFund = (cells, row.FirstNonEmpty, new string(first), row.Line);
        return true;
    }

    /// <summary>
    /// The row after a held fund fragment: when its first cell completes the label (金 after 上年结转资), the held row is
    /// read with the whole label and this row is done; otherwise the held row is reported and this row read as usual.
    /// </summary>
    private bool CompletesPendingFund(Row row, ReadOnlySpan<char> first)
    {
        var (cells, labelIndex, key, line) = pendingFund!.Value;
        pendingFund = null;
        var held = new Row();
        if (row.NonEmptyCount <= 2 && first.Length > 0 && first.Length <= 12 && Lexicon.FundFieldOf(string.Concat(key, first)) != FundField.None)
        {
            cells[labelIndex] += row.Text(row.FirstNonEmpty);
            held.Load(cells, line);
            FundRow(held);
            Diagnose(DiagnosticSeverity.Info, row.Line, ReaderMessages.FundLabelContinued.Format(line, cells[labelIndex]));
            return true;
        }

        held.Load(cells, line);
        Unplaced(held, ReaderMessages.InFundTable, ReaderMessages.FundRowExpected);
        return false;
    }

    private void Unplaced(Row row, MessageTemplate where, MessageTemplate expected) =>
        Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.RowUnplaced.Format(where.Format(), expected.Format(), row.Preview()));

    // ---------------------------------------------------------------- header block

    private bool HasColonKey(Row row)
    {
        var cell = row[row.FirstNonEmpty];
        var colon = cell.IndexOfAny(':', '：');
        return colon > 0 && Lexicon.KeyOf(Hanzi.Simplified(TextKey.Of(cell[..colon]))) != HeaderKey.None;
    }

    private void HeaderRow(Row row)
    {
        valueColumns.Clear();
        cutLabels.Clear();
        valueColumnsLine = row.Line;
        var keyed = false;
        for (var i = row.FirstNonEmpty; i >= 0 && i <= row.LastNonEmpty; i = row.NextNonEmpty(i))
        {
            var cell = row[i];
            var labelKey = new string(Norm(row, i));
            var key = Lexicon.KeyOf(labelKey);
            string? value = null;
            if (key == HeaderKey.None)
            {
                // 项目名称：xxx in one cell
                var colon = cell.IndexOfAny(':', '：');
                if (colon > 0)
                {
                    labelKey = Hanzi.Simplified(TextKey.Of(cell[..colon]));
                    key = Lexicon.KeyOf(labelKey);
                    if (key != HeaderKey.None)
                    {
                        value = TextCleaner.Clean(cell[(colon + 1)..]);
                    }
                }
            }

            if (key == HeaderKey.None && Lexicon.ColonLabel(Norm(row, i)) is { } label)
            {
                // A labelled value the model has no field for (项目负责人：张三): kept under its label.
                var k = row.NextNonEmpty(i);
                if (k >= 0 && !IsLabelCell(row, k))
                {
                    AddExtra(label, row.Text(k));
                    i = k;
                }

                keyed = false;
                continue;
            }

            if (key == HeaderKey.None && Lexicon.KeyBeginning(Norm(row, i)) is var cut and not HeaderKey.None
                && row.NextNonEmpty(i) is var v and >= 0 && !IsLabelCell(row, v))
            {
                // A key cut by a page break (实施单 | value, 位 on the next row): read as the key it begins.
                key = cut;
                cutLabels.Add((i, labelKey));
            }

            if (key == HeaderKey.None)
            {
                if (keyed && lastKey != HeaderKey.None)
                {
                    // A value spread over two cells: join it to the last key's value.
                    Assign(lastKey, row.Text(i), row.Line, append: true);
                }
                else
                {
                    Diagnose(DiagnosticSeverity.Warning, row.Line,
                        ReaderMessages.HeaderCell.Format(row.Text(i)));
                }

                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                var j = row.NextNonEmpty(i);
                if (j >= 0 && !IsLabelCell(row, j))
                {
                    value = row.Text(j);
                    i = j;
                }
            }

            valueColumns.Add((key, i));
            keyed = true;
            if (key is HeaderKey.ProjectTotal or HeaderKey.AnnualTotal)
            {
                AmountKey(key, labelKey, value, row.Line);
                continue;
            }

            Assign(key, value, row.Line, append: false);
        }
    }

    /// <summary>True when the cell is a label (a known key, <c>key：value</c>, or a colon label) rather than a value.</summary>
    private bool IsLabelCell(Row row, int index) =>
        Lexicon.KeyOf(Norm(row, index)) != HeaderKey.None || HasColonKeyAt(row, index) || Lexicon.ColonLabel(Norm(row, index)) is not null;

    private void AddExtra(string label, string value)
    {
        var extra = Form.Details.Extra;
        extra[label] = extra.TryGetValue(label, out var before) ? TextCleaner.Join(before, value) : value;
    }

    private bool HasColonKeyAt(Row row, int index)
    {
        var cell = row[index];
        var colon = cell.IndexOfAny(':', '：');
        return colon > 0 && Lexicon.KeyOf(Hanzi.Simplified(TextKey.Of(cell[..colon]))) != HeaderKey.None;
    }

    private void Assign(HeaderKey key, string? value, int line, bool append)
    {
        lastKey = key;
        lastKeyLine = line;
        if (string.IsNullOrEmpty(value))
        {
            // The fields every form has are expected; the others are often left blank.
            var severity = key is HeaderKey.ProjectName or HeaderKey.Department or HeaderKey.ImplementingUnit ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;
            Diagnose(severity, line, ReaderMessages.ValueMissing.Format(KeyName(key)));
            if (key == HeaderKey.ProjectName)
            {
                HasProjectNameRow = true;
            }

            return;
        }

        switch (key)
        {
            case HeaderKey.ProjectName:
                HasProjectNameRow = true;
                Form.ProjectName = Put(Form.ProjectName, value, append);
                break;
            case HeaderKey.Department:
                Form.Department = Put(Form.Department, value, append);
                break;
            case HeaderKey.ImplementingUnit:
                Form.ImplementingUnit = Put(Form.ImplementingUnit, value, append);
                break;
            case HeaderKey.Category:
                Evidence(FormKind.TargetDeclaration);
                Form.Category = Put(Form.Category, value, append);
                break;
            case HeaderKey.PlannedStart:
            case HeaderKey.PlannedEnd:
                Evidence(FormKind.TargetDeclaration);
                var date = DateText.Parse(value, endOfPeriod: key == HeaderKey.PlannedEnd);
                if (date is null)
                {
                    Diagnose(DiagnosticSeverity.Warning, line, ReaderMessages.DateExpected.Format(KeyName(key), value));
                }
                else if (key == HeaderKey.PlannedStart)
                {
                    Form.PlannedStart = date;
                }
                else
                {
                    Form.PlannedEnd = date;
                }

                break;
            case HeaderKey.ProjectCode:
                Form.Details.ProjectCode = append ? Form.Details.ProjectCode + value : value;
                if (!append && LooksLikeLostDigits(value))
                {
                    Diagnose(DiagnosticSeverity.Warning, line,
                        ReaderMessages.CodeInScientific.Format(value));
                }

                break;
            case HeaderKey.ProjectType:
                Form.Details.ProjectType = Put(Form.Details.ProjectType, value, append);
                break;
            case HeaderKey.ImplementationPeriod:
                Form.Details.ImplementationPeriod = Put(Form.Details.ImplementationPeriod, value, append);
                break;
            case HeaderKey.AllocationMethod:
                Form.Details.AllocationMethod = Put(Form.Details.AllocationMethod, value, append);
                break;
            case HeaderKey.NewProject:
                Form.Details.NewProject = TextKey.Of(value) switch
                {
                    "是" or "新增" or "是(新增)" => true,
                    "否" or "延续" or "否(延续)" => false,
                    _ => null,
                };
                if (Form.Details.NewProject is null)
                {
                    AddExtra("是否新增项目", value);
                    Diagnose(DiagnosticSeverity.Info, line, ReaderMessages.NewProjectValue.Format(value));
                }

                break;
            case HeaderKey.PolicyBasis:
                Form.Details.PolicyBasis = Put(Form.Details.PolicyBasis, value, append);
                break;
            case HeaderKey.CalculationBasis:
                Form.Details.CalculationBasis = Put(Form.Details.CalculationBasis, value, append);
                break;
            case HeaderKey.AnnualGoal:
                if (Form.Kind == FormKind.TargetDeclaration)
                {
                    Form.Goals.Annual = Put(Form.Goals.Annual, value, append);
                }
                else
                {
                    Form.Goals.Expected = Put(Form.Goals.Expected, value, append);
                }

                break;
            case HeaderKey.LongTermGoal:
                Form.Goals.LongTerm = Put(Form.Goals.LongTerm, value, append);
                break;
            case HeaderKey.ConclusionSummary:
                Form.Details.ConclusionSummary = Put(Form.Details.ConclusionSummary, value, append);
                break;
            case HeaderKey.ConclusionProblems:
                Form.Details.ConclusionProblems = Put(Form.Details.ConclusionProblems, value, append);
                break;
            case HeaderKey.ConclusionMeasures:
                Form.Details.ConclusionMeasures = Put(Form.Details.ConclusionMeasures, value, append);
                break;
            default:
                break;
        }
    }

    /// <summary>The value of a key: <paramref name="value"/>, or joined to what the key had when it continues it.</summary>
    private static string Put(string? before, string value, bool append) => append ? TextCleaner.Join(before, value) : value;

    /// <summary>A code printed as <c>4.403062313915E+20</c>: a number that lost its last digits.</summary>
    private static bool LooksLikeLostDigits(string value) =>
        value.Contains('E', StringComparison.OrdinalIgnoreCase)
        && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// 项目总金额 / 本年度项目金额 as labelled values (a declaration without a fund table): the unit is the one in
    /// the label (（万元）), else the form's.
    /// </summary>
    private void AmountKey(HeaderKey key, string label, string? value, int line)
    {
        var name = key == HeaderKey.ProjectTotal ? "项目总金额" : "本年度项目金额";
        if (string.IsNullOrEmpty(value))
        {
            Diagnose(DiagnosticSeverity.Warning, line, ReaderMessages.AmountMissing.Format(name));
            return;
        }

        if (label.Contains("万元", StringComparison.Ordinal))
        {
            SetUnit(MoneyUnit.TenThousandYuan);
        }
        else if (label.Contains("(元)", StringComparison.Ordinal) || label.Contains(",元)", StringComparison.Ordinal))
        {
            SetUnit(MoneyUnit.Yuan);
        }

        if (!PrintedNumber.TryParse(value, out var amount, allowPercent: false)
            && !(LooksLikeLostDigits(value) && decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out amount)))
        {
            if (!PrintedNumber.IsPlaceholder(value))
            {
                Diagnose(DiagnosticSeverity.Warning, line, ReaderMessages.AmountExpected.Format(name, value));
            }

            return;
        }

        var funds = Form.DeclarationFunds ??= new DeclarationFunds();
        if (key == HeaderKey.ProjectTotal)
        {
            funds.ProjectTotal = Form.MoneyUnit.ToYuan(amount);
        }
        else
        {
            funds.AnnualTotal = Form.MoneyUnit.ToYuan(amount);
        }
    }

    private void HeaderContinuation(Row row)
    {
        // A value wrapped onto the next line: one text cell right under the row of its key.
        if (lastKey is HeaderKey.ProjectName or HeaderKey.Department or HeaderKey.ImplementingUnit
            && lastKeyLine == row.Line - 1 && row.NonEmptyCount == 1 && valueColumns.Count <= 1)
        {
            Assign(lastKey, row.Text(row.FirstNonEmpty), row.Line, append: true);
            return;
        }

        // The values of a row of two keys (主管部门 … 实施单位 …) wrapped onto the next line, each under its own value.
        if (valueColumnsLine == row.Line - 1 && valueColumns.Count >= 2 && row.NonEmptyCount <= valueColumns.Count + cutLabels.Count
            && valueColumns.All(v => v.Key is HeaderKey.ProjectName or HeaderKey.Department or HeaderKey.ImplementingUnit or HeaderKey.Category))
        {
            for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
            {
                // The tail of a cut key (位 under 实施单) is not a value.
                var tail = new string(Norm(row, i));
                if (cutLabels.Any(c => Math.Abs(c.Column - i) <= 1 && Lexicon.KeyOf(c.Label + tail) != HeaderKey.None))
                {
                    continue;
                }

                var nearest = valueColumns.MinBy(v => Math.Abs(v.Column - i));
                Assign(nearest.Key, row.Text(i), row.Line, append: true);
            }

            cutLabels.Clear();
            return;
        }

        Unplaced(row, ReaderMessages.InHeader, ReaderMessages.HeaderRowExpected);
    }

    private static string KeyName(HeaderKey key) => key switch
    {
        HeaderKey.ProjectName => "项目名称",
        HeaderKey.Department => "主管部门",
        HeaderKey.ImplementingUnit => "实施单位",
        HeaderKey.Category => "项目类别",
        HeaderKey.PlannedStart => "计划开始日期",
        HeaderKey.PlannedEnd => "计划完成日期",
        HeaderKey.ProjectCode => "项目编码",
        HeaderKey.ProjectType => "项目类型",
        HeaderKey.ImplementationPeriod => "实施期限",
        HeaderKey.NewProject => "是否新增项目",
        HeaderKey.AllocationMethod => "分配方式",
        HeaderKey.ProjectTotal => "项目总金额",
        HeaderKey.AnnualTotal => "本年度项目金额",
        HeaderKey.PolicyBasis => "政策依据",
        HeaderKey.CalculationBasis => "测算依据",
        HeaderKey.AnnualGoal => "年度目标",
        HeaderKey.LongTermGoal => "长期目标",
        HeaderKey.ConclusionSummary => "评价结论",
        HeaderKey.ConclusionProblems => "存在问题",
        HeaderKey.ConclusionMeasures => "改进措施",
        _ => key.ToString(),
    };

    // ---------------------------------------------------------------- fund table

    private void FundHeader(Row row)
    {
        Section = Section.Funds;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var n = Norm(row, i);
            if (n.IndexOf("万元") >= 0)
            {
                SetUnit(MoneyUnit.TenThousandYuan);
                break;
            }

            if (n.IndexOf("(元)") >= 0 || n.EndsWith("元)") || n.IndexOf("单位:元") >= 0 || n.SequenceEqual("元"))
            {
                SetUnit(MoneyUnit.Yuan);
                break;
            }
        }

        if (TryFundColumns(row))
        {
            return;
        }

        // A declaration puts its first pair into the header row: 项目资金 (万元)⇥项目资金总额⇥3391.32⇥⇥年度资金申请总额⇥3391.32
        for (var i = row.NextNonEmpty(row.FirstNonEmpty); i >= 0; i = row.NextNonEmpty(i))
        {
            if (Lexicon.FundFieldOf(Norm(row, i)) != FundField.None)
            {
                Evidence(FormKind.TargetDeclaration);
                DeclarationFundPairs(row, row.NextNonEmpty(row.FirstNonEmpty));
                return;
            }
        }
    }

    /// <summary>A unit printed outside the fund table (单位：万元 by the heading); the table's own header wins.</summary>
    public void SuggestUnit(MoneyUnit unit)
    {
        if (!unitSeen)
        {
            SetUnit(unit);
        }
    }

    private void SetUnit(MoneyUnit unit)
    {
        Form.MoneyUnit = unit;
        unitSeen = true;
    }

    /// <summary>Reads a row of fund column names (年初预算数 … 得分); false when the row has fewer than three.</summary>
    private bool TryFundColumns(Row row)
    {
        Span<int> found = [-1, -1, -1, -1, -1, -1];
        var count = 0;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var column = Lexicon.FundColumnOf(Norm(row, i));
            if (column is { } c && found[(int)c] < 0)
            {
                found[(int)c] = i;
                count++;
            }
        }

        if (count < 3)
        {
            return false;
        }

        Section = Section.Funds;
        Evidence(FormKind.SelfEvaluation);
        found.CopyTo(fundColumns);
        fundColumnsKnown = true;
        return true;
    }

    private void FundRow(Row row)
    {
        Section = Section.Funds;
        if (Form.Kind == FormKind.TargetDeclaration)
        {
            DeclarationFundPairs(row, row.FirstNonEmpty);
            return;
        }

        var labelIndex = row.FirstNonEmpty;
        var field = Lexicon.FundFieldOf(Norm(row, labelIndex));
        var label = row.Text(labelIndex);
        Form.SelfEvaluationFunds ??= new SelfEvaluationFunds();

        // Values start right after the row's own label; the header gives the order and spacing of the columns.
        Span<int> at = stackalloc int[6];
        var firstColumn = int.MaxValue;
        if (fundColumnsKnown)
        {
            foreach (var c in fundColumns)
            {
                if (c >= 0)
                {
                    firstColumn = Math.Min(firstColumn, c);
                }
            }
        }

        for (var k = 0; k < 6; k++)
        {
            at[k] = fundColumnsKnown
                ? (fundColumns[k] < 0 ? -1 : labelIndex + 1 + (fundColumns[k] - firstColumn))
                : labelIndex + 1 + k;
        }

        if (fundColumnsKnown && labelIndex < firstColumn && at.Length > 0)
        {
            // A label merged over several columns (a table of a workbook, document or web page): the cell right after it
            // is covered by the label and empty, and the values stand under their headers.
            Span<int> under = stackalloc int[6];
            fundColumns.CopyTo(under);
            var firstRelative = labelIndex + 1;
            if (firstRelative < row.Count && row.IsEmpty(firstRelative) && firstColumn < row.Count && !row.IsEmpty(firstColumn)
                && FundCellsReadable(row, under))
            {
                under.CopyTo(at);
            }
        }

        if (!FundCellsReadable(row, at))
        {
            // Fallback: the non-empty cells after the label, in column order.
            Span<int> packed = stackalloc int[6];
            var next = row.NextNonEmpty(labelIndex);
            for (var k = 0; k < 6; k++)
            {
                if (fundColumnsKnown && fundColumns[k] < 0)
                {
                    packed[k] = -1;
                    continue;
                }

                packed[k] = next;
                next = next < 0 ? -1 : row.NextNonEmpty(next);
            }

            if (FundCellsReadable(row, packed))
            {
                packed.CopyTo(at);
            }
        }

        var line = new FundLine { SourceLine = row.Line };
        var last = labelIndex;
        for (var k = 0; k < 6; k++)
        {
            var index = at[k];
            if (index < 0 || index >= row.Count)
            {
                continue;
            }

            last = Math.Max(last, index);
            var cell = row[index];
            if (PrintedNumber.IsPlaceholder(cell))
            {
                continue;
            }

            var column = (FundColumn)k;
            if (!PrintedNumber.TryParse(cell, out var value, allowPercent: column is FundColumn.ExecutionRate or FundColumn.Weight or FundColumn.Score))
            {
                Diagnose(DiagnosticSeverity.Warning, row.Line,
                    ReaderMessages.FundNumberExpected.Format(FundColumnName(column), label, cell.ToString()));
                continue;
            }

            switch (column)
            {
                case FundColumn.InitialBudget:
                    line.InitialBudget = Form.MoneyUnit.ToYuan(value);
                    break;
                case FundColumn.AnnualBudget:
                    line.AnnualBudget = Form.MoneyUnit.ToYuan(value);
                    break;
                case FundColumn.Executed:
                    line.Executed = Form.MoneyUnit.ToYuan(value);
                    break;
                case FundColumn.Weight:
                    line.Weight = value;
                    break;
                case FundColumn.ExecutionRate:
                    line.ExecutionRate = value;
                    break;
                default:
                    line.Score = value;
                    break;
            }
        }

        for (var i = row.NextNonEmpty(last); i >= 0; i = row.NextNonEmpty(i))
        {
            if (!PrintedNumber.IsPlaceholder(row[i]) && !PrintedNumber.TryParse(row[i], out _))
            {
                // A reason printed after the columns (原因 / 偏差原因): text the model has no field for.
                AddExtra(label + "·原因", row.Text(i));
            }
            else if (!PrintedNumber.IsPlaceholder(row[i]))
            {
                Diagnose(DiagnosticSeverity.Warning, row.Line,
                    ReaderMessages.FundCellBeyond.Format(row.Text(i), label));
            }
        }

        var funds = Form.SelfEvaluationFunds;
        switch (field)
        {
            case FundField.Total:
            case FundField.ProjectTotal:
            case FundField.AnnualTotal:
                Put(row, label, line, funds.Total, l => funds.Total = l);
                break;
            case FundField.Appropriation:
            case FundField.ProjectFiscal:
                Put(row, label, line, funds.Appropriation, l => funds.Appropriation = l);
                break;
            case FundField.Carryover:
                Put(row, label, line, funds.Carryover, l => funds.Carryover = l);
                break;
            case FundField.SpecialAccount:
            case FundField.UnitFunds:
                // 财政专户管理资金, 单位资金: no line of the model; kept as printed under extra.
                AddExtra(label, FundLineText(line));
                break;
            default:
                Put(row, label, line, funds.Other, l => funds.Other = l);
                break;
        }
    }

    /// <summary>A fund line as text in the printed unit: 年初预算数 10; 全年预算数 12; 全年执行数 11.5; 执行率 95.83.</summary>
    private string FundLineText(FundLine line)
    {
        var parts = new List<string>(6);
        void Add(string name, decimal? value, bool money)
        {
            if (value is { } v)
            {
                parts.Add($"{name} {Decimals.Shortest(money ? Form.MoneyUnit.FromYuan(v) : v).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        Add("年初预算数", line.InitialBudget, true);
        Add("全年预算数", line.AnnualBudget, true);
        Add("全年执行数", line.Executed, true);
        Add("执行率", line.ExecutionRate, false);
        Add("分值", line.Weight, false);
        Add("得分", line.Score, false);
        return parts.Count == 0 ? "—" : string.Join("; ", parts) + " (" + Form.MoneyUnit.Label() + ")";
    }

    private void Put(Row row, string label, FundLine line, FundLine? existing, Action<FundLine> set)
    {
        if (existing is not null)
        {
            Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.FundRowTwice.Format(label));
            return;
        }

        set(line);
    }

    private static bool FundCellsReadable(Row row, ReadOnlySpan<int> at)
    {
        var any = false;
        for (var k = 0; k < at.Length; k++)
        {
            var index = at[k];
            if (index < 0 || index >= row.Count)
            {
                continue;
            }

            var cell = row[index];
            if (PrintedNumber.IsPlaceholder(cell))
            {
                continue;
            }

            if (!PrintedNumber.TryParse(cell, out _))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static string FundColumnName(FundColumn column) => column switch
    {
        FundColumn.InitialBudget => "年初预算数",
        FundColumn.AnnualBudget => "全年预算数",
        FundColumn.Executed => "全年执行数",
        FundColumn.Weight => "分值",
        FundColumn.ExecutionRate => "执行率",
        _ => "得分",
    };

    /// <summary>Reads label/amount pairs of a declaration's two side-by-side fund tables.</summary>
    private void DeclarationFundPairs(Row row, int from)
    {
        var funds = Form.DeclarationFunds ??= new DeclarationFunds();
        for (var i = from; i >= 0; i = row.NextNonEmpty(i))
        {
            var field = Lexicon.FundFieldOf(Norm(row, i));
            if (field == FundField.None)
            {
                if (!PrintedNumber.IsPlaceholder(row[i]))
                {
                    Diagnose(DiagnosticSeverity.Warning, row.Line,
                        ReaderMessages.DeclarationFundCell.Format(row.Text(i)));
                }

                continue;
            }

            var labelIndex = i;
            if (field == FundField.AnnualTotal && declarationRightColumn < 0)
            {
                declarationRightColumn = i;
            }

            decimal? amount = null;
            var j = row.NextNonEmpty(i);
            if (j >= 0 && Lexicon.FundFieldOf(Norm(row, j)) == FundField.None)
            {
                if (PrintedNumber.TryParse(row[j], out var v, allowPercent: false))
                {
                    amount = Form.MoneyUnit.ToYuan(v);
                }
                else if (!PrintedNumber.IsPlaceholder(row[j]))
                {
                    Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.AmountExpected.Format(row.Text(i), row.Text(j)));
                }

                i = j;
            }

            switch (field)
            {
                case FundField.ProjectTotal:
                    funds.ProjectTotal = amount;
                    break;
                case FundField.ProjectFiscal:
                    funds.ProjectFiscal = amount;
                    break;
                case FundField.Total:
                case FundField.AnnualTotal:
                    funds.AnnualTotal = amount;
                    break;
                case FundField.Appropriation:
                    funds.AnnualAppropriation = amount;
                    break;
                case FundField.Carryover:
                    funds.AnnualCarryover = amount;
                    break;
                case FundField.SpecialAccount:
                case FundField.UnitFunds:
                    if (amount is { } a)
                    {
                        AddExtra(row.Text(labelIndex), Decimals.Shortest(Form.MoneyUnit.FromYuan(a)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Form.MoneyUnit.Label());
                    }

                    break;
                default:
                    // 其他资金 is printed on both sides: left of 年度资金申请总额 it belongs to the project total.
                    var left = declarationRightColumn >= 0 ? labelIndex < declarationRightColumn : !projectOtherSeen;
                    if (left)
                    {
                        projectOtherSeen = true;
                        funds.ProjectOther = amount;
                    }
                    else
                    {
                        funds.AnnualOther = amount;
                    }

                    break;
            }
        }
    }

    // ---------------------------------------------------------------- goals

    private bool TryGoalHeader(Row row)
    {
        int expected = -1, actual = -1, overall = -1, annual = -1;
        for (var i = row.FirstNonEmpty; i >= 0; i = row.NextNonEmpty(i))
        {
            var n = Norm(row, i);
            if (n.IsEmpty)
            {
                continue;
            }

            if (expected < 0 && Lexicon.IsGoalExpected(n))
            {
                expected = i;
            }
            else if (actual < 0 && Lexicon.IsGoalActual(n))
            {
                actual = i;
            }
            else if (overall < 0 && Lexicon.IsGoalOverall(n))
            {
                overall = i;
            }
            else if (annual < 0 && Lexicon.IsGoalAnnual(n))
            {
                annual = i;
            }
        }

        if (expected < 0 && actual < 0 && overall < 0 && annual < 0)
        {
            return false;
        }

        Section = Section.Goals;
        goalsAreDeclaration = overall >= 0 || annual >= 0;
        Evidence(goalsAreDeclaration ? FormKind.TargetDeclaration : FormKind.SelfEvaluation);
        goalColumnA = goalsAreDeclaration ? overall : expected;
        goalColumnB = goalsAreDeclaration ? annual : actual;
        var firstIndex = row.FirstNonEmpty;
        goalLabel = firstIndex != goalColumnA && firstIndex != goalColumnB ? TextKey.Of(row[firstIndex]) : "";
        return true;
    }

    private void GoalText(Row row)
    {
        Span<int> cells = stackalloc int[Math.Min(row.NonEmptyCount, 64)];
        var n = 0;
        for (var i = row.FirstNonEmpty; i >= 0 && n < cells.Length; i = row.NextNonEmpty(i))
        {
            cells[n++] = i;
        }

        var from = 0;
        if (n >= 2 && (goalColumnA < 0 || cells[0] < goalColumnA))
        {
            // The rest of a split label spilled into the text row (年度 / 总体目标).
            var label = Norm(row, cells[0]);
            if (label.Length <= 8 && (Lexicon.IsGoalLabel(label) || Lexicon.IsGoalLabel(string.Concat(goalLabel, label))))
            {
                from = 1;
            }
        }

        var count = n - from;
        if (count <= 0)
        {
            return;
        }

        if (count >= 3)
        {
            // Extraction printed the goal more than once (data-bureau-2024 l.45): the last two are the columns.
            AppendGoal(true, row.Text(cells[n - 2]));
            AppendGoal(false, row.Text(cells[n - 1]));
        }
        else if (count == 2)
        {
            AppendGoal(true, row.Text(cells[from]));
            AppendGoal(false, row.Text(cells[from + 1]));
        }
        else
        {
            var index = cells[from];
            var toA = goalColumnB < 0 || (goalColumnA >= 0 && Math.Abs(index - goalColumnA) <= Math.Abs(index - goalColumnB));
            AppendGoal(toA, row.Text(index));
        }
    }

    private void AppendGoal(bool first, string text)
    {
        var goals = Form.Goals;
        if (goalsAreDeclaration)
        {
            if (first)
            {
                goals.Overall = TextCleaner.Join(goals.Overall, text);
            }
            else
            {
                goals.Annual = TextCleaner.Join(goals.Annual, text);
            }
        }
        else if (first)
        {
            goals.Expected = TextCleaner.Join(goals.Expected, text);
        }
        else
        {
            goals.Actual = TextCleaner.Join(goals.Actual, text);
        }
    }

    // ---------------------------------------------------------------- totals and grade

    private void TotalRow(Row row)
    {
        EndIndicatorTable();
        Section = Section.AfterTotal;
        SawTotal = true;
        Evidence(FormKind.SelfEvaluation);

        // 评分等级：优 printed in a cell of the total row.
        for (var i = row.NextNonEmpty(row.FirstNonEmpty); i >= 0; i = row.NextNonEmpty(i))
        {
            var n = Norm(row, i);
            var colon = n.IndexOf(':');
            if (colon > 0 && Lexicon.IsGradeLabel(n[..colon]) && Lexicon.IsGrade(n[(colon + 1)..]))
            {
                Form.Grade = new string(n[(colon + 1)..]);
            }
        }

        int last = -1, previous = -1;
        for (var i = row.LastNonEmpty; i > row.FirstNonEmpty; i = row.PreviousNonEmpty(i))
        {
            if (TryScore(row[i], out _))
            {
                if (last < 0)
                {
                    last = i;
                }
                else
                {
                    previous = i;
                    break;
                }
            }
        }

        if (last < 0)
        {
            Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.TotalRow.Format(row.Preview()));
            return;
        }

        if (previous >= 0)
        {
            Form.TotalWeight = ScoreOrNull(row[previous]);
            Form.TotalScore = ScoreOrNull(row[last]);
            return;
        }

        // One number: the column it stands under decides.
        var value = ScoreOrNull(row[last]);
        var weightColumn = indicatorColumns[(int)IndicatorColumn.Weight];
        var scoreColumn = indicatorColumns[(int)IndicatorColumn.Score];
        if (weightColumn >= 0 && scoreColumn >= 0 && Math.Abs(last - weightColumn) < Math.Abs(last - scoreColumn))
        {
            Form.TotalWeight = value;
        }
        else
        {
            Form.TotalScore = value;
        }
    }

    private void GradeRow(Row row, ReadOnlySpan<char> first)
    {
        EndIndicatorTable();
        Section = Section.AfterTotal;
        var labelCell = row[row.FirstNonEmpty];
        var colon = labelCell.IndexOfAny(':', '：');
        if (colon >= 0 && colon < labelCell.Length - 1)
        {
            Form.Grade = TextCleaner.Clean(labelCell[(colon + 1)..]);
            return;
        }

        if (first.Length > 4 && first.StartsWith("评分等级"))
        {
            Form.Grade = TextKey.Of(labelCell)[4..];
            return;
        }

        var j = row.NextNonEmpty(row.FirstNonEmpty);
        if (j >= 0)
        {
            Form.Grade = row.Text(j);
            for (var k = row.NextNonEmpty(j); k >= 0; k = row.NextNonEmpty(k))
            {
                Diagnose(DiagnosticSeverity.Warning, row.Line, ReaderMessages.GradeExtra.Format(row.Text(k)));
            }
        }
        else
        {
            expectGradeNext = true;
        }
    }

    // ---------------------------------------------------------------- completion

    /// <summary>Ends the form: settles what was pending and checks that the main blocks were found.</summary>
    public PerformanceForm Complete()
    {
        if (pendingFund is { } held)
        {
            pendingFund = null;
            var row = new Row();
            row.Load(held.Cells, held.Line);
            Unplaced(row, ReaderMessages.InFundTable, ReaderMessages.FundRowExpected);
        }

        EndIndicatorTable();
        if (string.IsNullOrEmpty(Form.ProjectName) && Form.Kind == FormKind.DepartmentSelfEvaluation && !string.IsNullOrEmpty(Form.Department))
        {
            // A department's whole spending has no project: the department names the form.
            Form.ProjectName = Form.Department;
            Diagnose(DiagnosticSeverity.Info, FirstLine, ReaderMessages.DepartmentNamesForm.Format(Form.Department));
        }
        else if (string.IsNullOrEmpty(Form.ProjectName))
        {
            Diagnose(DiagnosticSeverity.Warning, FirstLine, ReaderMessages.NoProjectName.Format());
        }

        if (Form.Year is null)
        {
            Diagnose(DiagnosticSeverity.Warning, FirstLine, ReaderMessages.NoYear.Format());
        }

        var hasFunds = Form.Kind != FormKind.TargetDeclaration ? Form.SelfEvaluationFunds is not null : Form.DeclarationFunds is not null;
        if (!hasFunds)
        {
            Diagnose(DiagnosticSeverity.Warning, FirstLine,
                (Form.Kind != FormKind.TargetDeclaration ? ReaderMessages.NoFundTable : ReaderMessages.NoDeclarationFundTable).Format());
        }
        else if (!unitSeen)
        {
            Diagnose(DiagnosticSeverity.Warning, FirstLine, ReaderMessages.NoUnit.Format());
        }

        CheckUnitMagnitude();
        if (Form.Indicators.Count == 0)
        {
            Diagnose(DiagnosticSeverity.Warning, FirstLine, ReaderMessages.NoIndicators.Format());
        }

        if (Form.Kind != FormKind.TargetDeclaration && !SawTotal && !WithoutScores)
        {
            Diagnose(DiagnosticSeverity.Warning, LastLine, ReaderMessages.NoTotalRow.Format());
        }

        if (Form.Kind != FormKind.TargetDeclaration)
        {
            Form.DeclarationFunds = null;
        }
        else
        {
            Form.SelfEvaluationFunds = null;
        }

        if (suppressedDiagnostics > 0)
        {
            Form.Diagnostics.Add(new Diagnostic(file, LastLine, DiagnosticSeverity.Warning, ReaderMessages.MoreNotes.Format(suppressedDiagnostics)));
        }

        Form.Provenance = new Provenance(file, FirstLine, LastLine);
        return Form;
    }
}
