using System.Globalization;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Excel;

/// <summary>What a cell of the official layout holds, and so how it is written and read back.</summary>
internal enum OfficialValue
{
    /// <summary>Text as typed (names, targets, goals).</summary>
    Text,

    /// <summary>An amount in the unit the fund table's label names (万元 or 元); yuan in the model.</summary>
    Money,

    /// <summary>分值: a plain number.</summary>
    Weight,

    /// <summary>执行率(%): a number in percent; a cell formatted as a percentage (95%) means 95.</summary>
    Rate,

    /// <summary>得分: a plain number.</summary>
    Score,

    /// <summary>A date, written <c>2024年1月1日</c>.</summary>
    Date,
}

/// <summary>A printed label of the layout (表头): checked on reading, never read as a value.</summary>
internal sealed record OfficialLabel(int Row, int Column, string Text, XlsxStyle Style = XlsxStyle.Label, int ColSpan = 1, int RowSpan = 1);

/// <summary>A value of the form at a fixed place of the layout, with how it is got from and put into a form.</summary>
internal sealed record OfficialField(
    int Row, int Column, int ColSpan, OfficialValue Value, LocalText Name, XlsxStyle Style, double FitWidth,
    Func<PerformanceForm, object?> Get, Action<PerformanceForm, object?> Set);

/// <summary>A column of the indicator table (三级指标 and the values beside it), with how it is got from and put into an indicator.</summary>
internal sealed record IndicatorColumn(
    int Column, int ColSpan, string Header, OfficialValue Value, LocalText Name, XlsxStyle Style, double FitWidth,
    Func<Indicator, object?> Get, Action<Indicator, object?> Set);

/// <summary>
/// The official table layout of 财预〔2020〕10号 附件 as Jixiao writes it (官方表样): where every label and value of
/// a 绩效自评表 or a 绩效目标申报表 sits, one description used by the writer (<see cref="OfficialWorkbook"/>) and the
/// reader (<see cref="OfficialWorkbookReader"/>) alike, so that the two cannot drift apart. Rows are 1-based, columns
/// 0-based (A = 0). Rows 1–12 are fixed; the indicator rows begin at <see cref="FirstIndicatorRow"/> and are as many
/// as the form has (a self-evaluation closes them with its 总分 row).
/// </summary>
internal sealed class OfficialLayout
{
    /// <summary>The row of the heading (标题).</summary>
    public const int TitleRow = 1;

    /// <summary>The row of the year (（2024年度）).</summary>
    public const int YearRow = 2;

    /// <summary>The row of the indicator table's header (一级指标 …).</summary>
    public const int HeaderRow = 12;

    /// <summary>The first indicator row.</summary>
    public const int FirstIndicatorRow = 13;

    /// <summary>The label of the total row (self-evaluations).</summary>
    public const string TotalLabel = "总分";

    /// <summary>What the grade cell of the total row begins with.</summary>
    public const string GradePrefix = "评分等级：";

    /// <summary>The label merged down column A beside a declaration's indicator table.</summary>
    public const string IndicatorsLabel = "绩效指标";

    private static readonly Lazy<OfficialLayout> SelfLayout = new(BuildSelfEvaluation);
    private static readonly Lazy<OfficialLayout> DeclarationLayout = new(BuildDeclaration);

    private OfficialLayout()
    {
    }

    /// <summary>True for the declaration layout (6 columns), false for the self-evaluation one (9 columns).</summary>
    public bool Declaration { get; private init; }

    /// <summary>How many columns the table spans.</summary>
    public int Columns => Widths.Length;

    /// <summary>The column widths, in characters.</summary>
    public double[] Widths { get; private init; } = [];

    /// <summary>The labels of rows 3–12 (the heading, year, money unit and 绩效指标 aside).</summary>
    public IReadOnlyList<OfficialLabel> Labels { get; private init; } = [];

    /// <summary>The values at fixed places (rows 3–11).</summary>
    public IReadOnlyList<OfficialField> Fields { get; private init; } = [];

    /// <summary>The first row of the money unit's label (项目资金（万元）), merged down <see cref="UnitRowSpan"/> rows of column A.</summary>
    public int UnitRow { get; private init; }

    /// <summary>How many rows the money unit's label spans.</summary>
    public int UnitRowSpan { get; private init; }

    /// <summary>The column of 一级指标.</summary>
    public int Level1Column { get; private init; }

    /// <summary>The column of 二级指标.</summary>
    public int Level2Column { get; private init; }

    /// <summary>The columns of an indicator row after the two levels, left to right.</summary>
    public IReadOnlyList<IndicatorColumn> IndicatorColumns { get; private init; } = [];

    /// <summary>The total row's label span (总分 over columns A–F), its weight, score and grade columns; null for declarations.</summary>
    public (int LabelSpan, int WeightColumn, int ScoreColumn, int GradeColumn)? Total { get; private init; }

    /// <summary>The layout of a form kind (a department self-evaluation is laid out as a self-evaluation).</summary>
    public static OfficialLayout For(FormKind kind) => kind == FormKind.TargetDeclaration ? DeclarationLayout.Value : SelfLayout.Value;

    /// <summary>The heading printed above the table.</summary>
    public static string Title(FormKind kind) => kind switch
    {
        FormKind.TargetDeclaration => "财政项目支出绩效目标申报表",
        FormKind.DepartmentSelfEvaluation => "部门整体支出绩效自评表",
        _ => "财政项目支出绩效自评表",
    };

    /// <summary>The worksheet's name.</summary>
    public static string SheetName(FormKind kind) => kind switch
    {
        FormKind.TargetDeclaration => "绩效目标申报表",
        FormKind.DepartmentSelfEvaluation => "部门整体绩效自评表",
        _ => "绩效自评表",
    };

    /// <summary>The kind whose heading <paramref name="title"/> is (compared as a <see cref="TextKey"/>), or null.</summary>
    public static FormKind? KindOfTitle(string? title)
    {
        var key = TextKey.Of(title);
        foreach (var kind in (FormKind[])[FormKind.TargetDeclaration, FormKind.DepartmentSelfEvaluation, FormKind.SelfEvaluation])
        {
            if (key == TextKey.Of(Title(kind)))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The year line: <c>（2024年度）</c>, or <c>（    年度）</c> without a year.</summary>
    public static string YearText(int? year) => $"（{year?.ToString(CultureInfo.InvariantCulture) ?? "    "}年度）";

    /// <summary>The money unit's label: <c>项目资金（万元）</c>.</summary>
    public static string UnitText(MoneyUnit unit) => $"项目资金（{unit.Label()}）";

    /// <summary>A date as the layout prints it: <c>2024年1月1日</c>.</summary>
    public static string DateText(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static LocalText Name(string zh, string en) => new("PHRASE-OWB-FIELD", zh, en);

    /// <summary>The goals' rows: <paramref name="label"/> down A10:A11, each goal's header in row 10 and its text in row 11.</summary>
    private static void Goals(List<OfficialLabel> labels, List<OfficialField> fields, string label, params GoalColumn[] goals)
    {
        labels.Add(new OfficialLabel(10, 0, label, RowSpan: 2));
        foreach (var g in goals)
        {
            labels.Add(new OfficialLabel(10, g.Column, g.Head, ColSpan: g.Span));
            fields.Add(new OfficialField(11, g.Column, g.Span, OfficialValue.Text, Name(g.Head, g.En), XlsxStyle.Text, g.Fit, g.Get, (f, v) => g.Set(f, (string?)v)));
        }
    }

    private static IndicatorColumn NameColumn(int column, int span, double fit) =>
        new(column, span, "三级指标", OfficialValue.Text, Name("三级指标", "the indicator"), XlsxStyle.Text, fit, i => i.Name, (i, v) => i.Name = (string?)v ?? "");

    private static IndicatorColumn TargetColumn(int column, int span, double fit) =>
        new(column, span, "年度指标值", OfficialValue.Text, Name("年度指标值", "the target"), XlsxStyle.Center, fit, i => i.Target, (i, v) => i.Target = (string?)v);

    /// <summary>The indicator table's header: 一级指标 and 二级指标 from <paramref name="level1Column"/>, then each column's.</summary>
    private static void IndicatorHeader(List<OfficialLabel> labels, int level1Column, IndicatorColumn[] columns)
    {
        labels.Add(new OfficialLabel(HeaderRow, level1Column, "一级指标"));
        labels.Add(new OfficialLabel(HeaderRow, level1Column + 1, "二级指标"));
        labels.AddRange(columns.Select(c => new OfficialLabel(HeaderRow, c.Column, c.Header, ColSpan: c.ColSpan)));
    }

    private sealed record GoalColumn(int Column, int Span, string Head, string En, double Fit, Func<PerformanceForm, object?> Get, Action<PerformanceForm, string?> Set);

    private static OfficialLayout BuildSelfEvaluation()
    {
        var labels = new List<OfficialLabel>
        {
            new(3, 0, "项目名称", ColSpan: 2),
            new(4, 0, "主管部门", ColSpan: 2),
            new(4, 5, "实施单位"),
            new(5, 1, "", ColSpan: 2),
        };
        var fields = new List<OfficialField>
        {
            new(3, 2, 7, OfficialValue.Text, Name("项目名称", "the project name"), XlsxStyle.Text, 0, f => f.ProjectName, (f, v) => f.ProjectName = (string?)v ?? ""),
            new(4, 2, 3, OfficialValue.Text, Name("主管部门", "the department"), XlsxStyle.Text, 0, f => f.Department, (f, v) => f.Department = (string?)v),
            new(4, 6, 3, OfficialValue.Text, Name("实施单位", "the implementing unit"), XlsxStyle.Text, 0, f => f.ImplementingUnit, (f, v) => f.ImplementingUnit = (string?)v),
        };

        (string Head, string En, OfficialValue Value, XlsxStyle Style, Func<FundLine, decimal?> Get, Action<FundLine, decimal?> Set)[] columns =
        [
            ("年初预算数", "the initial budget", OfficialValue.Money, XlsxStyle.BoxedMoney, l => l.InitialBudget, (l, v) => l.InitialBudget = v),
            ("全年预算数", "the full-year budget", OfficialValue.Money, XlsxStyle.BoxedMoney, l => l.AnnualBudget, (l, v) => l.AnnualBudget = v),
            ("全年执行数", "the amount executed", OfficialValue.Money, XlsxStyle.BoxedMoney, l => l.Executed, (l, v) => l.Executed = v),
            ("分值", "the weight", OfficialValue.Weight, XlsxStyle.Number, l => l.Weight, (l, v) => l.Weight = v),
            ("执行率(%)", "the execution rate", OfficialValue.Rate, XlsxStyle.BoxedPercent, l => l.ExecutionRate, (l, v) => l.ExecutionRate = v),
            ("得分", "the score", OfficialValue.Score, XlsxStyle.BoxedPercent, l => l.Score, (l, v) => l.Score = v),
        ];
        (string Label, Func<SelfEvaluationFunds, FundLine?> Get, Action<SelfEvaluationFunds, FundLine> Set)[] lines =
        [
            ("年度资金总额", s => s.Total, (s, l) => s.Total = l),
            ("其中：当年财政拨款", s => s.Appropriation, (s, l) => s.Appropriation = l),
            ("上年结转资金", s => s.Carryover, (s, l) => s.Carryover = l),
            ("其他资金", s => s.Other, (s, l) => s.Other = l),
        ];
        for (var c = 0; c < columns.Length; c++)
        {
            labels.Add(new OfficialLabel(5, 3 + c, columns[c].Head));
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            labels.Add(new OfficialLabel(6 + i, 1, line.Label, XlsxStyle.Text, ColSpan: 2));
            foreach (var column in columns)
            {
                var (get, set) = (column.Get, column.Set);
                fields.Add(new OfficialField(6 + i, 3 + Array.IndexOf(columns, column), 1, column.Value,
                    Name($"{line.Label}的{column.Head}", $"{column.En} of {line.Label}"), column.Style, 0,
                    f => f.SelfEvaluationFunds is { } s && line.Get(s) is { } l ? get(l) : null,
                    (f, v) =>
                    {
                        var funds = f.SelfEvaluationFunds ??= new SelfEvaluationFunds();
                        var l = line.Get(funds);
                        if (l is null)
                        {
                            l = new FundLine();
                            line.Set(funds, l);
                        }

                        set(l, (decimal?)v);
                    }));
            }
        }

        Goals(labels, fields, "年度总体目标",
            new GoalColumn(1, 4, "预期目标", "the expected goal", 56, f => f.Goals?.Expected, (f, v) => f.Goals.Expected = v),
            new GoalColumn(5, 4, "实际完成情况", "what was achieved", 62, f => f.Goals?.Actual, (f, v) => f.Goals.Actual = v));

        IndicatorColumn[] indicators =
        [
            NameColumn(2, 2, 30),
            TargetColumn(4, 1, 14),
            new(5, 1, "实际完成值", OfficialValue.Text, Name("实际完成值", "the actual value"), XlsxStyle.Center, 14, i => i.Actual, (i, v) => i.Actual = (string?)v),
            new(6, 1, "分值", OfficialValue.Weight, Name("分值", "the weight"), XlsxStyle.Number, 0, i => i.Weight, (i, v) => i.Weight = (decimal?)v),
            new(7, 1, "得分", OfficialValue.Score, Name("得分", "the score"), XlsxStyle.BoxedPercent, 0, i => i.Score, (i, v) => i.Score = (decimal?)v),
            new(8, 1, "偏差原因分析及改进措施", OfficialValue.Text, Name("偏差原因分析及改进措施", "the deviation explanation"), XlsxStyle.Text, 30, i => i.Deviation, (i, v) => i.Deviation = (string?)v),
        ];
        IndicatorHeader(labels, 0, indicators);

        return new OfficialLayout
        {
            Declaration = false,
            Widths = [10, 12, 16, 14, 14, 14, 8, 10, 30],
            Labels = labels,
            Fields = fields,
            UnitRow = 5,
            UnitRowSpan = 5,
            Level1Column = 0,
            Level2Column = 1,
            IndicatorColumns = indicators,
            Total = (6, 6, 7, 8),
        };
    }

    private static OfficialLayout BuildDeclaration()
    {
        var labels = new List<OfficialLabel>();
        var fields = new List<OfficialField>();

        void Pair(int row, string left, OfficialValue leftValue, string leftEn, Func<PerformanceForm, object?> getLeft, Action<PerformanceForm, object?> setLeft,
            string right, OfficialValue rightValue, string rightEn, Func<PerformanceForm, object?> getRight, Action<PerformanceForm, object?> setRight)
        {
            labels.Add(new OfficialLabel(row, 0, left));
            fields.Add(new OfficialField(row, 1, 2, leftValue, Name(left, leftEn), XlsxStyle.Text, 0, getLeft, setLeft));
            labels.Add(new OfficialLabel(row, 3, right));
            fields.Add(new OfficialField(row, 4, 2, rightValue, Name(right, rightEn), XlsxStyle.Text, 0, getRight, setRight));
        }

        Pair(3, "项目名称", OfficialValue.Text, "the project name", f => f.ProjectName, (f, v) => f.ProjectName = (string?)v ?? "",
            "项目类别", OfficialValue.Text, "the project category", f => f.Category, (f, v) => f.Category = (string?)v);
        Pair(4, "主管部门", OfficialValue.Text, "the department", f => f.Department, (f, v) => f.Department = (string?)v,
            "实施单位", OfficialValue.Text, "the implementing unit", f => f.ImplementingUnit, (f, v) => f.ImplementingUnit = (string?)v);
        Pair(5, "计划开始日期", OfficialValue.Date, "the planned start", f => f.PlannedStart, (f, v) => f.PlannedStart = (DateOnly?)v,
            "计划完成日期", OfficialValue.Date, "the planned end", f => f.PlannedEnd, (f, v) => f.PlannedEnd = (DateOnly?)v);

        (string? Left, string LeftEn, Func<DeclarationFunds, decimal?>? GetLeft, Action<DeclarationFunds, decimal?>? SetLeft,
            string Right, string RightEn, Func<DeclarationFunds, decimal?> GetRight, Action<DeclarationFunds, decimal?> SetRight)[] funds =
        [
            ("项目资金总额", "the project total", d => d.ProjectTotal, (d, v) => d.ProjectTotal = v,
                "年度资金申请总额", "the annual request", d => d.AnnualTotal, (d, v) => d.AnnualTotal = v),
            ("其中：财政资金", "the fiscal funds of the project", d => d.ProjectFiscal, (d, v) => d.ProjectFiscal = v,
                "其中：当年财政拨款", "the appropriation of the year", d => d.AnnualAppropriation, (d, v) => d.AnnualAppropriation = v),
            (null, "", null, null,
                "上年结转资金", "the carry-over", d => d.AnnualCarryover, (d, v) => d.AnnualCarryover = v),
            ("其他资金", "the other funds of the project", d => d.ProjectOther, (d, v) => d.ProjectOther = v,
                "其他资金", "the other funds of the year", d => d.AnnualOther, (d, v) => d.AnnualOther = v),
        ];
        for (var i = 0; i < funds.Length; i++)
        {
            var line = funds[i];
            var row = 6 + i;
            labels.Add(new OfficialLabel(row, 1, line.Left ?? "", XlsxStyle.Text));
            if (line is { Left: { } left, GetLeft: { } getLeft, SetLeft: { } setLeft })
            {
                fields.Add(new OfficialField(row, 2, 1, OfficialValue.Money, Name(left, line.LeftEn), XlsxStyle.BoxedMoney, 0,
                    f => f.DeclarationFunds is { } d ? getLeft(d) : null, (f, v) => setLeft(f.DeclarationFunds ??= new DeclarationFunds(), (decimal?)v)));
            }
            else
            {
                labels.Add(new OfficialLabel(row, 2, "", XlsxStyle.BoxedMoney));
            }

            labels.Add(new OfficialLabel(row, 3, line.Right, XlsxStyle.Text));
            fields.Add(new OfficialField(row, 4, 2, OfficialValue.Money, Name(line.Right, line.RightEn), XlsxStyle.BoxedMoney, 0,
                f => f.DeclarationFunds is { } d ? line.GetRight(d) : null, (f, v) => line.SetRight(f.DeclarationFunds ??= new DeclarationFunds(), (decimal?)v)));
        }

        Goals(labels, fields, "项目绩效目标",
            new GoalColumn(1, 2, "项目总目标", "the overall goal", 32, f => f.Goals?.Overall, (f, v) => f.Goals.Overall = v),
            new GoalColumn(3, 3, "年度总目标", "the annual goal", 54, f => f.Goals?.Annual, (f, v) => f.Goals.Annual = v));

        IndicatorColumn[] indicators =
        [
            NameColumn(3, 1, 26),
            TargetColumn(4, 2, 28),
        ];
        IndicatorHeader(labels, 1, indicators);

        return new OfficialLayout
        {
            Declaration = true,
            Widths = [12, 16, 16, 26, 14, 14],
            Labels = labels,
            Fields = fields,
            UnitRow = 6,
            UnitRowSpan = 4,
            Level1Column = 1,
            Level2Column = 2,
            IndicatorColumns = indicators,
            Total = null,
        };
    }
}
