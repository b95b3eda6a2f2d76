using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>How a cell reads against the vocabulary of level labels.</summary>
internal enum LabelKind
{
    /// <summary>Not a level label or a piece of one.</summary>
    None,

    /// <summary>A first-level label (一级指标): 产出指标, 效益指标, 满意度指标, 成本指标.</summary>
    Level1,

    /// <summary>A second-level label (二级指标): 数量指标 … 服务对象满意度指标.</summary>
    Level2,

    /// <summary>The outer label of the whole table, 绩效指标, which some layouts repeat in data rows.</summary>
    Outer,

    /// <summary>The beginning of a label split over two cells or rows (<c>生态</c>, <c>社会 效益</c>).</summary>
    Head,

    /// <summary>The end of a label split over two rows (<c>指标</c>).</summary>
    Tail,
}

/// <summary>The fields a header cell (项目名称 …) names.</summary>
internal enum HeaderKey
{
    None,
    ProjectName,
    Department,
    ImplementingUnit,
    Category,
    PlannedStart,
    PlannedEnd,

    /// <summary>项目编码 / 项目代码 / 项目编号.</summary>
    ProjectCode,

    /// <summary>项目类型 / 项目属性 (other layouts; Shanghai's 项目类别 is <see cref="Category"/>).</summary>
    ProjectType,

    /// <summary>实施期限 / 实施周期.</summary>
    ImplementationPeriod,

    /// <summary>是否新增项目.</summary>
    NewProject,

    /// <summary>分配方式.</summary>
    AllocationMethod,

    /// <summary>项目总金额 (a declaration's funds as a labelled value, the unit in the label).</summary>
    ProjectTotal,

    /// <summary>本年度项目金额 / 年度资金总额 as a labelled value.</summary>
    AnnualTotal,

    /// <summary>政策依据 / 立项依据.</summary>
    PolicyBasis,

    /// <summary>测算依据.</summary>
    CalculationBasis,

    /// <summary>年度目标 as a labelled value.</summary>
    AnnualGoal,

    /// <summary>长期目标 / 中期目标 / 总体目标 as a labelled value.</summary>
    LongTermGoal,

    /// <summary>评价结论 / 自评结论 / 总体评价.</summary>
    ConclusionSummary,

    /// <summary>存在问题 / 存在的问题.</summary>
    ConclusionProblems,

    /// <summary>改进措施 / 整改措施 / 改进意见.</summary>
    ConclusionMeasures,
}

/// <summary>The rows of a fund table (项目资金).</summary>
internal enum FundField
{
    None,

    /// <summary>年度资金总额 (self-evaluation; on a declaration the annual request).</summary>
    Total,

    /// <summary>其中：当年财政拨款.</summary>
    Appropriation,

    /// <summary>上年结转资金.</summary>
    Carryover,

    /// <summary>其他资金.</summary>
    Other,

    /// <summary>财政专户管理资金 (Sichuan), 基本支出 / 项目支出 (department forms): kept under extra, the model has no line for them.</summary>
    SpecialAccount,

    /// <summary>单位资金 (Sichuan): kept under extra.</summary>
    UnitFunds,

    /// <summary>项目资金总额 (declaration).</summary>
    ProjectTotal,

    /// <summary>其中：财政资金 (declaration).</summary>
    ProjectFiscal,

    /// <summary>年度资金申请总额 (declaration).</summary>
    AnnualTotal,
}

/// <summary>The columns of the self-evaluation fund table.</summary>
internal enum FundColumn
{
    InitialBudget,
    AnnualBudget,
    Executed,
    Weight,
    ExecutionRate,
    Score,
}

/// <summary>The columns of the indicator table.</summary>
internal enum IndicatorColumn
{
    None,
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Score,
    Deviation,

    /// <summary>指标解释 / 指标说明 / 备注.</summary>
    Explanation,

    /// <summary>指标性质 / 计算符号: the operator in a column of its own.</summary>
    Operator,

    /// <summary>度量单位 / 计量单位: the unit in a column of its own.</summary>
    Unit,
}

/// <summary>
/// The words the reader recognises, compared as <see cref="TextKey"/>s ("normalised" below): NFKC-folded and
/// without white space (<c>（万元）</c> → <c>(万元)</c>, <c>：</c> → <c>:</c>), so <c>一级 指标</c> is 一级指标.
/// All lookups work on spans and allocate nothing; <see cref="TextKey.Write"/> keys a cell into a buffer of
/// <see cref="MaxKeyLength"/>.
/// </summary>
internal static class Lexicon
{
    /// <summary>Longest normalised cell compared with keywords; longer cells are text.</summary>
    public const int MaxKeyLength = 96;

    public const string OuterLabel = "绩效指标";

    private static readonly Dictionary<string, (LabelKind Kind, string Canonical)> Labels = BuildLabels();
    private static readonly Dictionary<string, (LabelKind Kind, string Canonical)>.AlternateLookup<ReadOnlySpan<char>> LabelLookup =
        Labels.GetAlternateLookup<ReadOnlySpan<char>>();

    // 二级 → 一级, computed once: IndicatorVocabulary keys its argument (TextKey) on every call.
    private static readonly Dictionary<string, string> Level1ByLevel2 = IndicatorVocabulary.Level2Labels
        .Where(l => IndicatorVocabulary.Level1For(l) is not null)
        .ToDictionary(l => l, l => IndicatorVocabulary.Level1For(l)!, StringComparer.Ordinal);

    private static readonly HashSet<string> Level2Set = new(IndicatorVocabulary.Level2Labels, StringComparer.Ordinal);

    /// <summary>The 一级 label of a normalised 二级 label (数量指标 → 产出指标), or null.</summary>
    public static string? Level1For(string? level2) =>
        level2 is not null && Level1ByLevel2.TryGetValue(level2, out var level1) ? level1 : null;

    /// <summary>True for a normalised 二级 label of the vocabulary.</summary>
    public static bool IsLevel2(string label) => Level2Set.Contains(label);

    private static readonly string[] FullLabels =
        [.. IndicatorVocabulary.Level1Labels, .. IndicatorVocabulary.Level2Labels, OuterLabel];

    /// <summary>Classifies a normalised cell against the level vocabulary.</summary>
    public static LabelKind ClassifyLabel(ReadOnlySpan<char> normalized, out string canonical)
    {
        if (!normalized.IsEmpty && normalized.Length <= 16 && LabelLookup.TryGetValue(normalized, out var entry))
        {
            canonical = entry.Canonical;
            return entry.Kind;
        }

        canonical = "";
        return LabelKind.None;
    }

    /// <summary>True when <paramref name="text"/> is a known label or a proper beginning of one.</summary>
    public static bool IsLabelOrHead(string text) =>
        Labels.TryGetValue(text, out var e) && e.Kind is LabelKind.Level1 or LabelKind.Level2 or LabelKind.Outer or LabelKind.Head;

    /// <summary>
    /// Completes an unfinished label (<c>生态</c>) from the vocabulary: the only label that begins with it, or the
    /// only one of those in the category of <paramref name="level1"/>. Null when that is not unique.
    /// </summary>
    public static string? CompleteHead(string head, string? level1)
    {
        string? only = null;
        var count = 0;
        string? inCategory = null;
        var countInCategory = 0;
        foreach (var label in FullLabels)
        {
            if (label.Length <= head.Length || !label.StartsWith(head, StringComparison.Ordinal) || label == OuterLabel)
            {
                continue;
            }

            only = label;
            count++;
            if (level1 is not null && (Level1For(label) == level1 || label == level1))
            {
                inCategory = label;
                countInCategory++;
            }
        }

        return count == 1 ? only : countInCategory == 1 ? inCategory : null;
    }

    public static HeaderKey KeyOf(ReadOnlySpan<char> normalized)
    {
        normalized = normalized.TrimEnd(':');
        return normalized switch
        {
            "项目名称" => HeaderKey.ProjectName,
            "主管部门" or "主管部门(单位)" or "主管单位" or "一级预算单位" or "预算部门" or "主管部门名称" or "部门名称" or "主管部门及代码" or "部门(单位)名称" or "单位名称" => HeaderKey.Department,
            "实施单位" or "项目实施单位" or "申请单位" or "项目单位" or "预算单位" => HeaderKey.ImplementingUnit,
            "项目类别" => HeaderKey.Category,
            "项目类型" or "项目属性" => HeaderKey.ProjectType,
            "计划开始日期" or "开始日期" or "计划开始时间" => HeaderKey.PlannedStart,
            "计划完成日期" or "完成日期" or "计划结束日期" or "计划完成时间" => HeaderKey.PlannedEnd,
            "项目编码" or "项目代码" or "项目编号" => HeaderKey.ProjectCode,
            "实施期限" or "实施周期" or "项目期限" or "项目期" => HeaderKey.ImplementationPeriod,
            "是否新增项目" or "是否新增" => HeaderKey.NewProject,
            "分配方式" or "资金分配方式" => HeaderKey.AllocationMethod,
            "政策依据" or "立项依据" => HeaderKey.PolicyBasis,
            "测算依据" => HeaderKey.CalculationBasis,
            "年度目标" or "年度绩效目标" => HeaderKey.AnnualGoal,
            "评价结论" or "自评结论" or "绩效自评结论" or "绩效评价结论" or "总体评价" or "自评结果" => HeaderKey.ConclusionSummary,
            "存在问题" or "存在的问题" or "主要问题" or "存在问题及原因" => HeaderKey.ConclusionProblems,
            "改进措施" or "整改措施" or "改进意见" or "下一步改进措施" or "改进措施及结果应用" or "问题及改进措施" or "存在的问题和改进措施" => HeaderKey.ConclusionMeasures,
            _ when normalized.StartsWith("项目总金额") => HeaderKey.ProjectTotal,
            _ when normalized.StartsWith("本年度项目金额") || normalized.StartsWith("本年度资金") => HeaderKey.AnnualTotal,
            _ when normalized.StartsWith("长期目标") || normalized.StartsWith("中期目标") => HeaderKey.LongTermGoal,
            _ => HeaderKey.None,
        };
    }

    /// <summary>
    /// The header key a cut label begins (实施单 → 实施单位, when a page break cut the cell): the one key of the form's
    /// header block that <paramref name="normalized"/> is a proper beginning of; <see cref="HeaderKey.None"/> otherwise.
    /// </summary>
    public static HeaderKey KeyBeginning(ReadOnlySpan<char> normalized)
    {
        if (normalized.Length < 2)
        {
            return HeaderKey.None;
        }

        var found = HeaderKey.None;
        foreach (var (label, key) in CuttableKeys)
        {
            if (label.Length > normalized.Length && label.AsSpan().StartsWith(normalized))
            {
                if (found != HeaderKey.None && found != key)
                {
                    return HeaderKey.None;
                }

                found = key;
            }
        }

        return found;
    }

    private static readonly (string Label, HeaderKey Key)[] CuttableKeys =
    [
        ("项目名称", HeaderKey.ProjectName), ("主管部门", HeaderKey.Department), ("实施单位", HeaderKey.ImplementingUnit),
        ("项目类别", HeaderKey.Category), ("计划开始日期", HeaderKey.PlannedStart), ("计划完成日期", HeaderKey.PlannedEnd),
    ];

    /// <summary>
    /// A cell that is a label of a labelled value (标签): short text ending with a colon (<c>项目负责人：</c>), the colon
    /// removed; null for anything else. Used for labels the model has no field for, kept in <c>extra</c>.
    /// </summary>
    public static string? ColonLabel(ReadOnlySpan<char> normalized)
    {
        if (normalized.Length is < 3 or > 24 || normalized[^1] != ':')
        {
            return null;
        }

        var label = normalized[..^1];
        return label.IndexOf(':') >= 0 || Jixiao.Core.Forms.PrintedNumber.TryParse(label, out _) ? null : new string(label);
    }

    public static FundField FundFieldOf(ReadOnlySpan<char> normalized)
    {
        if (normalized.Length > 24)
        {
            return FundField.None;
        }

        Span<char> buffer = stackalloc char[24];
        var n = 0;
        foreach (var c in normalized)
        {
            if (c != ':')
            {
                buffer[n++] = c;
            }
        }

        ReadOnlySpan<char> s = buffer[..n];
        if (s.StartsWith("其中"))
        {
            s = s[2..];
        }

        return s switch
        {
            "年度资金总额" or "资金总额" or "总额" or "合计" => FundField.Total,
            "财政专户管理资金" or "财政专户资金" or "基本支出" or "项目支出" => FundField.SpecialAccount,
            "单位资金" or "单位自有资金" => FundField.UnitFunds,
            "当年财政拨款" or "财政拨款" or "本年财政拨款" => FundField.Appropriation,
            "上年结转资金" or "上年结转" or "结转资金" => FundField.Carryover,
            "其他资金" or "其它资金" => FundField.Other,
            "项目资金总额" or "中期资金总额" => FundField.ProjectTotal,
            "财政资金" => FundField.ProjectFiscal,
            "年度资金申请总额" or "年度申请资金总额" or "年度资金申请" => FundField.AnnualTotal,
            _ => FundField.None,
        };
    }

    /// <summary>True when <paramref name="normalized"/> is the beginning, not the whole, of a fund row's label (上年结转资, 其中:当年财政拨).</summary>
    public static bool BeginsFundLabel(ReadOnlySpan<char> normalized)
    {
        var s = normalized.StartsWith("其中:") ? normalized[3..] : normalized.StartsWith("其中") ? normalized[2..] : normalized;
        if (s.Length < 1)
        {
            return false;
        }

        foreach (var label in FundLabels)
        {
            if (label.Length > s.Length && label.AsSpan().StartsWith(s))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] FundLabels = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金", "财政拨款", "本年财政拨款", "项目资金总额", "年度资金申请总额", "财政专户管理资金", "单位资金"];

    public static FundColumn? FundColumnOf(ReadOnlySpan<char> normalized)
    {
        if (normalized.StartsWith("年初"))
        {
            return FundColumn.InitialBudget;
        }

        if (normalized.StartsWith("全年预算") || normalized.StartsWith("调整后预算") || normalized.StartsWith("年度预算"))
        {
            return FundColumn.AnnualBudget;
        }

        if (normalized.StartsWith("全年执行") || normalized.SequenceEqual("执行数") || normalized.StartsWith("实际执行") || normalized.StartsWith("预算执行数"))
        {
            return FundColumn.Executed;
        }

        if (normalized.StartsWith("执行率") || normalized.StartsWith("预算执行率"))
        {
            return FundColumn.ExecutionRate;
        }

        return normalized switch
        {
            "分值" or "分数" or "权重" => FundColumn.Weight,
            "得分" => FundColumn.Score,
            _ => null,
        };
    }

    public static IndicatorColumn IndicatorColumnOf(ReadOnlySpan<char> normalized)
    {
        if (normalized.StartsWith("偏差") || normalized.StartsWith("未完成原因") || normalized is "原因分析" or "原因")
        {
            return IndicatorColumn.Deviation;
        }

        return normalized switch
        {
            "一级指标" => IndicatorColumn.Level1,
            "二级指标" => IndicatorColumn.Level2,
            "三级指标" or "指标名称" => IndicatorColumn.Name,
            "年度指标值" or "指标值" or "目标值" or "年度目标值" => IndicatorColumn.Target,
            "实际完成值" or "实际值" or "完成值" => IndicatorColumn.Actual,
            "分值" or "分数" or "权重" => IndicatorColumn.Weight,
            "得分" => IndicatorColumn.Score,
            "指标解释" or "指标说明" or "指标值说明" or "备注" => IndicatorColumn.Explanation,
            "指标性质" or "计算符号" or "指标方向" => IndicatorColumn.Operator,
            "度量单位" or "计量单位" or "单位" => IndicatorColumn.Unit,
            _ => IndicatorColumn.None,
        };
    }

    /// <summary>A unit line such as <c>单位：万元</c> or <c>金额单位：元</c>; null for anything else.</summary>
    public static Jixiao.Core.Forms.MoneyUnit? UnitOf(ReadOnlySpan<char> normalized)
    {
        var s = normalized.Trim('(').Trim(')');
        var colon = s.IndexOf(':');
        if (colon < 0 || !s[..colon].EndsWith("单位") || colon > 6)
        {
            return null;
        }

        return s[(colon + 1)..] switch
        {
            "万元" => Jixiao.Core.Forms.MoneyUnit.TenThousandYuan,
            "元" => Jixiao.Core.Forms.MoneyUnit.Yuan,
            _ => null,
        };
    }

    /// <summary>Rows around a form that the model has no place for: 填表人, 联系电话, 填报日期, 备注 ….</summary>
    public static bool IsFooter(ReadOnlySpan<char> normalized) =>
        !normalized.IsEmpty && normalized[0] is '填' or '联' or '审' or '单' or '财' or '项' or '备' or '注' or '说' && (normalized.StartsWith("填表人") || normalized.StartsWith("填报人") || normalized.StartsWith("联系电话") || normalized.StartsWith("联系人")
        || normalized.StartsWith("填报日期") || normalized.StartsWith("填表日期") || normalized.StartsWith("审核人")
        || normalized.StartsWith("单位负责人") || normalized.StartsWith("财务负责人") || normalized.StartsWith("项目负责人")
        || normalized.StartsWith("备注") || normalized.StartsWith("注:") || normalized.StartsWith("说明:"));

    public static bool IsTotalLabel(ReadOnlySpan<char> normalized) =>
        normalized is "总分" or "合计" or "总计" or "总分值" or "得分合计";

    public static bool IsGradeLabel(ReadOnlySpan<char> normalized)
    {
        var s = normalized.TrimEnd(':');
        return s is "评分等级" or "自评等级" or "绩效等级" or "评价等级" or "等级";
    }

    /// <summary>A grade as printed: 优, 良, 中, 差 (also 优秀, 良好, 合格, 不合格 …).</summary>
    public static bool IsGrade(ReadOnlySpan<char> normalized) =>
        normalized is "优" or "良" or "中" or "差" or "优秀" or "良好" or "合格" or "一般" or "不合格" or "较差";

    public static bool IsGoalExpected(ReadOnlySpan<char> n) => n is "预期目标" or "年度预期目标" or "项目年度目标" or "年度绩效目标(预期)";

    public static bool IsGoalActual(ReadOnlySpan<char> n) => n is "实际完成" || (n.Length <= 10 && (n.EndsWith("实际完成情况") || n.EndsWith("目标完成情况")));

    public static bool IsGoalOverall(ReadOnlySpan<char> n) => n.StartsWith("项目总目标") || n.StartsWith("总目标(") || n.StartsWith("中长期目标");

    public static bool IsGoalAnnual(ReadOnlySpan<char> n) => n.StartsWith("年度总目标") || n.StartsWith("年度目标") || n.StartsWith("年度绩效目标");

    /// <summary>The label of a goal block, or a piece of it spilled into the text row (songnan l.13 <c>总体目标</c>).</summary>
    public static bool IsGoalLabel(ReadOnlySpan<char> n) =>
        n is "年度总体目标" or "总体目标" or "年度" or "目标" or "体目标" or "年度目标" or "项目绩效目标" or "绩效目标" or "项目绩效" or "年度总体";

    /// <summary>
    /// The heading of a form, normalised (财政项目支出绩效自评表, 项目支出绩效目标申报表 (2023年度) …); the kind it
    /// names or null. Only a bracketed part such as the year may follow the name of the form, so that an indicator
    /// named 绩效自评表提交及时性 is not a heading.
    /// </summary>
    public static Jixiao.Core.Forms.FormKind? HeadingKind(ReadOnlySpan<char> normalized)
    {
        if (normalized.Length > 60 || normalized.IndexOf("绩效") < 0)
        {
            return null;
        }

        if (EndsHeading(normalized, "自评表"))
        {
            // 部门整体支出绩效自评表: a department's whole spending, not one project.
            return normalized.IndexOf("整体") >= 0 ? Jixiao.Core.Forms.FormKind.DepartmentSelfEvaluation : Jixiao.Core.Forms.FormKind.SelfEvaluation;
        }

        if (EndsHeading(normalized, "申报表") || EndsHeading(normalized, "目标表"))
        {
            return Jixiao.Core.Forms.FormKind.TargetDeclaration;
        }

        return null;
    }

    private static bool EndsHeading(ReadOnlySpan<char> normalized, ReadOnlySpan<char> word)
    {
        var at = normalized.IndexOf(word);
        if (at < 0)
        {
            return false;
        }

        var rest = normalized[(at + word.Length)..];
        return rest.IsEmpty || rest[0] is '(' or '[' or '【' or '〔' || YearIn(rest) is not null;
    }

    /// <summary>Finds <c>2024年度</c> in a normalised cell.</summary>
    public static int? YearIn(ReadOnlySpan<char> normalized)
    {
        var at = normalized.IndexOf("年度");
        while (at >= 0)
        {
            if (at >= 4 && IsDigits(normalized.Slice(at - 4, 4)) && (at == 4 || !char.IsAsciiDigit(normalized[at - 5])))
            {
                var y = ParseInt(normalized.Slice(at - 4, 4));
                if (y is >= 1990 and <= 2100)
                {
                    return y;
                }
            }

            var next = normalized[(at + 2)..].IndexOf("年度");
            at = next < 0 ? -1 : at + 2 + next;
        }

        return null;
    }

    /// <summary>A line that is only the year: <c>(2024年度)</c>, <c>（2023 年度）</c>, <c>2024年度</c>.</summary>
    public static int? YearLine(ReadOnlySpan<char> normalized)
    {
        var s = normalized;
        if (s.Length > 0 && s[0] is '(' or '[' or '【')
        {
            s = s[1..];
        }

        if (s.Length > 0 && s[^1] is ')' or ']' or '】')
        {
            s = s[..^1];
        }

        if (s.Length == 6 && s.EndsWith("年度") && IsDigits(s[..4]))
        {
            var y = ParseInt(s[..4]);
            return y is >= 1990 and <= 2100 ? y : null;
        }

        return null;
    }

    /// <summary>Page numbers and footers left by extraction: <c>3</c>, <c>- 3 -</c>, <c>第3页</c>, <c>第3页共9页</c>, <c>3/9</c>.</summary>
    public static bool IsPageNumber(ReadOnlySpan<char> normalized)
    {
        var s = normalized.Trim('-').Trim('—');
        if (s.IsEmpty || s.Length > 12)
        {
            return false;
        }

        if (IsDigits(s) && s.Length <= 4)
        {
            return true;
        }

        var slash = s.IndexOf('/');
        if (slash > 0 && IsDigits(s[..slash]) && IsDigits(s[(slash + 1)..]) && slash < s.Length - 1)
        {
            return true;
        }

        if (s.StartsWith("第") && s.EndsWith("页"))
        {
            foreach (var c in s)
            {
                if (!(char.IsAsciiDigit(c) || c is '第' or '页' or '共'))
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int ParseInt(ReadOnlySpan<char> digits)
    {
        var v = 0;
        foreach (var c in digits)
        {
            v = (v * 10) + (c - '0');
            if (v > 100_000_000)
            {
                return v;
            }
        }

        return v;
    }

    private static Dictionary<string, (LabelKind, string)> BuildLabels()
    {
        var d = new Dictionary<string, (LabelKind, string)>(StringComparer.Ordinal);
        var all = IndicatorVocabulary.Level1Labels.Concat(IndicatorVocabulary.Level2Labels).Append(OuterLabel).ToArray();

        // Pieces first, so that full labels overwrite a piece with the same spelling (效益指标 ends 社会效益指标).
        foreach (var label in all)
        {
            for (var len = 1; len < label.Length; len++)
            {
                var head = label[..len];
                d[head] = (LabelKind.Head, head);
            }
        }

        foreach (var label in all)
        {
            for (var len = 1; len < label.Length; len++)
            {
                var tail = label[^len..];
                if (!d.ContainsKey(tail))
                {
                    d[tail] = (LabelKind.Tail, tail);
                }
            }
        }

        foreach (var label in IndicatorVocabulary.Level2Labels)
        {
            d[label] = (LabelKind.Level2, label);
        }

        // 满意度指标 is both: read it as the first level, as the forms print it there.
        foreach (var label in IndicatorVocabulary.Level1Labels)
        {
            d[label] = (LabelKind.Level1, label);
        }

        d[OuterLabel] = (LabelKind.Outer, OuterLabel);
        return d;
    }
}
