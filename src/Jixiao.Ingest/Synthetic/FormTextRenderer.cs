using System.Globalization;
using System.Text;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Synthetic;

/// <summary>
/// Writes one drafted form in the corpus text layout (one PDF table row per line, cells separated by TAB), in the
/// house style of its department, with the layout damage chosen for it. Sets each indicator's source line.
/// </summary>
internal sealed class FormTextRenderer(StringBuilder sb, Random rng, Draft draft, int firstLine)
{
    private readonly PerformanceForm _form = draft.Form;
    private int _lines;

    private bool Has(LayoutDamage damage) => draft.Damage.Contains(damage);

    /// <summary>Renders the form; returns the number of lines written.</summary>
    public int Render()
    {
        if (_form.Kind == FormKind.TargetDeclaration)
        {
            RenderDeclaration();
        }
        else
        {
            RenderSelfEvaluation();
        }

        return _lines;
    }

    // ----------------------------------------------------------------- primitives

    private void Line(string text)
    {
        sb.Append(text).Append('\n');
        _lines++;
    }

    private void Row(params ReadOnlySpan<string> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('\t');
            }

            sb.Append(cells[i]);
        }

        sb.Append('\n');
        _lines++;
    }

    private void Row(List<string> cells) => Row(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cells));

    /// <summary>The 1-based line number the next line will have.</summary>
    private int NextLine => firstLine + _lines;

    private string YearText(bool spaced)
    {
        var full = Has(LayoutDamage.FullWidthBrackets);
        var inner = spaced ? $"{_form.Year} 年度" : $"{_form.Year}年度";
        return full ? $"（{inner}）" : $"({inner})";
    }

    private string MoneyHeader() =>
        Has(LayoutDamage.FullWidthBrackets) ? $"项目资金 （{_form.MoneyUnit.Label()}）" : $"项目资金 ({_form.MoneyUnit.Label()})";

    /// <summary>A label as printed: split by spaces when the form has that damage.</summary>
    private string Label(string label)
    {
        if (!Has(LayoutDamage.SplitLabels) || label.Length < 4)
        {
            return label;
        }

        switch (rng.Next(3))
        {
            case 0 when label.EndsWith("指标", StringComparison.Ordinal):
                return label[..^2] + " 指标";
            case 1:
                var sbl = new StringBuilder(label.Length * 2);
                for (var i = 0; i < label.Length; i += 2)
                {
                    if (i > 0)
                    {
                        sbl.Append(' ');
                    }

                    sbl.Append(label, i, Math.Min(2, label.Length - i));
                }

                return sbl.ToString();
            default:
                return string.Join(' ', label.ToCharArray());
        }
    }

    private string GoalLabel() => Has(LayoutDamage.SplitLabels) ? Label("年度总体目标") : "年度 总体 目标";

    private static string F2(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Short(decimal? value) => value is { } v ? FormGenerator.Num(v) : "";

    /// <summary>An amount in the printed unit, with the form's number damage.</summary>
    private string Money(decimal? yuan, bool separators = false)
    {
        if (yuan is null)
        {
            return "";
        }

        var printed = _form.MoneyUnit.FromYuan(yuan.Value);
        var useSeparators = separators || (Has(LayoutDamage.ThousandsSeparators) && printed >= 1000 && rng.Next(5) > 0);
        var text = useSeparators
            ? printed.ToString("#,##0.00", CultureInfo.InvariantCulture)
            : printed.ToString("0.00", CultureInfo.InvariantCulture);
        return text;
    }

    private static string Spaced(string number) => number.Replace(",", ", ", StringComparison.Ordinal).Replace(".", ". ", StringComparison.Ordinal);

    // ----------------------------------------------------------------- self-evaluation

    private void RenderSelfEvaluation()
    {
        switch (draft.Style)
        {
            case HouseStyle.Bureau9:
                RenderBureau9();
                break;
            case HouseStyle.Bureau:
                RenderBureau();
                break;
            default:
                RenderTabular(draft.Style == HouseStyle.Town);
                break;
        }
    }

    /// <summary>万元, 9 cells, spacer after 三级指标, two-decimal numbers, — in sub-rows.</summary>
    private void RenderBureau9()
    {
        const int Cells = 9;
        if (Has(LayoutDamage.HeadingWithYear))
        {
            Row(Pad(Cells, "财政项目支出绩效自评表 " + YearText(false)));
        }
        else
        {
            Line("财政项目支出绩效自评表");
            Line(" " + YearText(false));
            Line("");
        }

        Row("项目名称", "", _form.ProjectName, "", "", "", "", "", "");
        Row("主管部门", "", _form.Department ?? "", "", "", "实施单位", _form.ImplementingUnit ?? "", "", "");
        Row(MoneyHeader(), "", "", "年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分");
        var funds = _form.SelfEvaluationFunds!;
        var spaced = Has(LayoutDamage.SpacedNumbers);
        FundRow(["", ""], "年度资金总额", funds.Total, "—", spaced, twoDecimals: true);
        FundRow(["", ""], "其中：当年财政拨款", funds.Appropriation, "—", spaced, twoDecimals: true);
        FundRow(["", ""], "上年结转资金", funds.Carryover, "—", false, twoDecimals: true);
        FundRow(["", ""], "其他资金", funds.Other, "—", false, twoDecimals: true);
        Row(GoalLabel(), "预期目标", "", "", "", "实际完成情况", "", "", "");
        Row("", _form.Goals.Expected ?? "", "", "", "", _form.Goals.Actual ?? "", "", "", "");
        Row(Label("一级指标"), Label("二级指标"), "三级指标", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施");
        IndicatorRows(leading: 0, spacerAfterName: true, twoDecimals: true, Cells);
        Row("总分", "", "", "", "", "", F2(_form.TotalWeight), F2(_form.TotalScore), "");
        if (_form.Grade is not null)
        {
            Row("评分等级", _form.Grade, "", "", "", "", "", "", "");
        }
    }

    /// <summary>万元, 8 cells, 年度资金总额:, - in sub-rows, 评分等级 row.</summary>
    private void RenderBureau()
    {
        const int Cells = 8;
        Line("财政项目支出绩效自评表");
        Line("");
        Line(YearText(rng.Next(4) == 0));
        Line("");
        Row("项目名称", "", _form.ProjectName, "", "", "", "", "");
        Row("主管部门", "", _form.Department ?? "", "", "实施单位", "", _form.ImplementingUnit ?? "", "");
        Row(MoneyHeader(), "", "年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分");
        var funds = _form.SelfEvaluationFunds!;
        var colonSpace = rng.Next(3) == 0;
        FundRow([""], "年度资金总额:", funds.Total, "-", false, twoDecimals: true);
        FundRow([""], colonSpace ? "其中: 当年财政拨款" : "其中:当年财政拨款", funds.Appropriation, "-", false, twoDecimals: true);
        FundRow([""], "上年结转资金", funds.Carryover, "-", false, twoDecimals: true);
        FundRow([""], "其他资金", funds.Other, "-", false, twoDecimals: true);
        Row(Label("年度总体目标"), "预期目标", "", "", "实际完成情况", "", "", "");
        Row("", _form.Goals.Expected ?? "", "", "", _form.Goals.Actual ?? "", "", "", "");
        Row(Label("一级指标"), Label("二级指标"), "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施");
        IndicatorRows(leading: 0, spacerAfterName: false, twoDecimals: true, Cells);
        Row("总分", "", "", "", "", F2(_form.TotalWeight), F2(_form.TotalScore), "");
        if (_form.Grade is not null)
        {
            Row("评分等级", _form.Grade, "", "", "", "", "", "");
        }
    }

    /// <summary>Heading and year as table rows; an outer 绩效指标 column. Town: 元, 分值, 执行率 100.00%.</summary>
    private void RenderTabular(bool town)
    {
        const int Cells = 9;
        Row(Pad(Cells, "财政项目支出绩效自评表"));
        Row(Pad(Cells, YearText(town || rng.Next(2) == 0)));
        Row(Pad(Cells, "项目名称", _form.ProjectName));
        Row("主管部门", _form.Department ?? "", "", "", "实施单位", _form.ImplementingUnit ?? "", "", "", "");
        Row(MoneyHeader(), "", "年初预算数", "全年预算数", "全年执行数", "分值", town ? "执行率" : "执行率(%)", "得分", "");
        var funds = _form.SelfEvaluationFunds!;
        if (town)
        {
            TownFundRow("年度资金总额", funds.Total, total: true);
            TownFundRow("其中：当年财政拨款", funds.Appropriation, total: false);
            TownFundRow("上年结转资金", funds.Carryover, total: false);
            TownFundRow("其他资金", funds.Other, total: false);
        }
        else
        {
            FundRow([""], "年度资金总额", funds.Total, "—", false, twoDecimals: false, trailing: true);
            FundRow([""], "其中：当年财政拨款", funds.Appropriation, "—", false, twoDecimals: false, trailing: true);
            FundRow([""], "上年结转资金", funds.Carryover, "—", false, twoDecimals: false, trailing: true);
            FundRow([""], "其他资金", funds.Other, "—", false, twoDecimals: false, trailing: true);
        }

        Row(GoalLabel(), "预期目标", "", "", "实际完成情况", "", "", "", "");
        Row("", _form.Goals.Expected ?? "", "", "", _form.Goals.Actual ?? "", "", "", "", "");
        Row("绩效 指标", Label("一级指标"), Label("二级指标"), "三级指标", "年度 指标值", "实际 完成值", "分值", "得分", "偏差原因分析及 改进措施");
        IndicatorRows(leading: 1, spacerAfterName: false, twoDecimals: false, Cells);
        Row("总分", "", "", "", "", "", Short(_form.TotalWeight), Short(_form.TotalScore), "");
        if (_form.Grade is not null)
        {
            Row(Pad(Cells, "评分等级", _form.Grade));
        }
    }

    private static List<string> Pad(int cells, params ReadOnlySpan<string> values)
    {
        var list = new List<string>(cells);
        list.AddRange(values);
        while (list.Count < cells)
        {
            list.Add("");
        }

        return list;
    }

    private void FundRow(string[] lead, string label, FundLine? line, string placeholder, bool spaced, bool twoDecimals, bool trailing = false)
    {
        line?.SourceLine = NextLine;
        var cells = new List<string>(10);
        cells.AddRange(lead);
        cells.Add(label);
        if (line is null)
        {
            cells.AddRange(["", "", "", "", "", ""]);
        }
        else
        {
            var isTotal = line.Weight is not null;
            string M(decimal? v) => spaced ? Spaced(Money(v, separators: true)) : Money(v);
            string N(decimal? v) => spaced ? Spaced(F2(v)) : twoDecimals ? F2(v) : Short(v);
            cells.Add(M(line.InitialBudget));
            cells.Add(M(line.AnnualBudget));
            cells.Add(M(line.Executed));
            cells.Add(isTotal ? N(line.Weight) : placeholder);
            cells.Add(spaced ? Spaced(F2(line.ExecutionRate)) : F2(line.ExecutionRate));
            cells.Add(isTotal ? N(line.Score) : placeholder);
        }

        if (trailing)
        {
            cells.Add("");
        }

        Row(cells);
    }

    /// <summary>元 rows: the total with thousands separators and a percent rate, sub-rows plain with blanks.</summary>
    private void TownFundRow(string label, FundLine? line, bool total)
    {
        line?.SourceLine = NextLine;
        if (line is null)
        {
            Row("", label, "", "", "", "—", "", "", "");
            return;
        }

        string Plain(decimal? v) => v is null ? "" : FormGenerator.Num(v.Value);
        if (total)
        {
            Row("", label, Money(line.InitialBudget, true), Money(line.AnnualBudget, true), Money(line.Executed, true),
                Short(line.Weight), line.ExecutionRate is { } r ? F2(r) + "%" : "", Short(line.Score), "");
        }
        else
        {
            Row("", label, Plain(line.InitialBudget), Plain(line.AnnualBudget), Plain(line.Executed), "—", "", "", "");
        }
    }

    /// <summary>
    /// The indicator rows: level labels only on the first row of their span; <paramref name="leading"/> empty cells
    /// for an outer 绩效指标 column. Page-break damage is placed here.
    /// </summary>
    private void IndicatorRows(int leading, bool spacerAfterName, bool twoDecimals, int cells)
    {
        var items = draft.Indicators;
        var breakAt = -1;
        var breakKind = draft.Damage.FirstOrDefault(d => d is LayoutDamage.PageBreak or LayoutDamage.SplitLevelLabel or LayoutDamage.WrappedName);
        var hasBreak = draft.Damage.Any(d => d is LayoutDamage.PageBreak or LayoutDamage.SplitLevelLabel or LayoutDamage.WrappedName);
        if (hasBreak && items.Count > 2)
        {
            var candidates = new List<int>();
            for (var i = 1; i < items.Count - 1; i++)
            {
                var starts2 = items[i].Indicator.Level2 != items[i - 1].Indicator.Level2;
                var ok = breakKind switch
                {
                    LayoutDamage.SplitLevelLabel => starts2 && items[i].Indicator.Level2!.Length >= 5,
                    LayoutDamage.WrappedName => items[i].Indicator.Name.Length >= 6,
                    _ => true,
                };
                if (ok)
                {
                    candidates.Add(i);
                }
            }

            if (candidates.Count > 0)
            {
                breakAt = candidates[rng.Next(candidates.Count)];
            }
        }

        string? previous1 = null;
        string? previous2 = null;
        var row = new List<string>(cells);
        for (var i = 0; i < items.Count; i++)
        {
            var indicator = items[i].Indicator;
            var l1 = indicator.Level1 != previous1 ? Label(indicator.Level1 ?? "") : "";
            var l2 = indicator.Level2 != previous2 || indicator.Level1 != previous1 ? Label(indicator.Level2 ?? "") : "";
            previous1 = indicator.Level1;
            previous2 = indicator.Level2;
            var name = indicator.Name;
            string? fragment2 = null;
            string? fragmentName = null;

            if (i == breakAt)
            {
                switch (breakKind)
                {
                    case LayoutDamage.PageBreak:
                        Line("");
                        break;
                    case LayoutDamage.SplitLevelLabel:
                        var full = TextKey.Of(indicator.Level2);
                        l2 = full[..2];
                        fragment2 = full[2..];
                        break;
                    case LayoutDamage.WrappedName:
                        var cut = Math.Max(3, name.Length - 2 - rng.Next(Math.Max(1, (name.Length / 2) - 2)));
                        if (!LooksLikeLabel(name[cut..]))
                        {
                            fragmentName = name[cut..];
                            name = name[..cut];
                        }

                        break;
                }
            }

            indicator.SourceLine = NextLine;
            row.Clear();
            for (var k = 0; k < leading; k++)
            {
                row.Add("");
            }

            row.Add(l1);
            row.Add(l2);
            row.Add(name);
            if (spacerAfterName)
            {
                row.Add("");
            }

            row.Add(indicator.Target ?? "");
            if (_form.Kind != FormKind.TargetDeclaration)
            {
                row.Add(indicator.Actual ?? "");
                row.Add(twoDecimals ? F2(indicator.Weight) : Short(indicator.Weight));
                row.Add(twoDecimals ? F2(indicator.Score) : Short(indicator.Score));
                row.Add(indicator.Deviation ?? "");
            }

            Row(row);

            if (fragment2 is not null || fragmentName is not null)
            {
                // the PDF wrapped the tail of a cell onto the next page
                Line("");
                row.Clear();
                for (var k = 0; k < leading; k++)
                {
                    row.Add("");
                }

                row.Add("");
                row.Add(fragment2 ?? "");
                row.Add(fragmentName ?? "");
                while (row.Count < cells)
                {
                    row.Add("");
                }

                Row(row);
            }
        }
    }

    private static readonly string[] LabelWords =
    [
        "数量", "质量", "时效", "成本", "产出", "效益", "经济", "社会", "生态", "环境", "可持续", "影响", "满意", "服务", "指标", "绩效",
    ];

    /// <summary>
    /// True when a wrapped tail would read as a piece of a level label (质量 …): real PDFs wrap anywhere, but such a
    /// tail is ambiguous even to a person, so the generator does not make it.
    /// </summary>
    private static bool LooksLikeLabel(string tail)
    {
        foreach (var word in LabelWords)
        {
            if (tail.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(tail, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // ----------------------------------------------------------------- target declaration

    private void RenderDeclaration()
    {
        var spacer = draft.Spacer;
        Line("财政项目支出绩效目标申报表");
        Line("");
        Line(YearText(spaced: true));
        Line("");
        Pair("项目名称", _form.ProjectName, "项目类别", _form.Category ?? "");
        Pair("主管部门", _form.Department ?? "", "实施单位", _form.ImplementingUnit ?? "");
        Pair("计划开始日期", Date(_form.PlannedStart), "计划完成日期", Date(_form.PlannedEnd));
        var funds = _form.DeclarationFunds!;
        Money6(MoneyHeader(), "项目资金总额", Money(funds.ProjectTotal), "年度资金申请总额", Money(funds.AnnualTotal));
        Money6("", "其中：财政资金", Money(funds.ProjectFiscal), "其中：当年财政拨款", Money(funds.AnnualAppropriation));
        Money6("", "", "", "上年结转资金", Money(funds.AnnualCarryover));
        Money6("", "其他资金", Money(funds.ProjectOther), "其他资金", Money(funds.AnnualOther));
        var startYear = _form.PlannedStart?.Year ?? _form.Year;
        var endYear = _form.PlannedEnd?.Year ?? _form.Year;
        GoalRow("项目 绩效 目标", $"项目总目标 ({startYear} 年-{endYear} 年)", "年度总目标");
        GoalRow("", _form.Goals.Overall ?? "", _form.Goals.Annual ?? "");
        if (spacer)
        {
            Row("绩效 指标", Label("一级指标"), Label("二级指标"), "三级指标", "", "年度指标值");
        }
        else
        {
            Row("绩效 指标", Label("一级指标"), Label("二级指标"), "三级指标", "年度指标值");
        }

        IndicatorRows(leading: 1, spacerAfterName: spacer, twoDecimals: true, cells: spacer ? 6 : 5);
    }

    private static string Date(DateOnly? date) => date is { } d ? $"{d.Year} 年 {d.Month} 月 {d.Day} 日" : "";

    /// <summary><c>label⇥value⇥[spacer]⇥label⇥value⇥</c>.</summary>
    private void Pair(string label1, string value1, string label2, string value2)
    {
        var cells = new List<string>(6) { label1, value1 };
        if (draft.Spacer)
        {
            cells.Add("");
        }

        cells.Add(label2);
        cells.Add(value2);
        cells.Add("");
        Row(cells);
    }

    /// <summary>Goal rows carry one more empty cell than the key/value rows: <c>a⇥b⇥⇥[spacer]⇥c⇥</c>.</summary>
    private void GoalRow(string a, string b, string c)
    {
        var cells = new List<string>(6) { a, b, "" };
        if (draft.Spacer)
        {
            cells.Add("");
        }

        cells.Add(c);
        cells.Add("");
        Row(cells);
    }

    /// <summary><c>header⇥label⇥amount⇥[spacer]⇥label⇥amount</c>.</summary>
    private void Money6(string header, string label1, string amount1, string label2, string amount2)
    {
        var cells = new List<string>(7) { header, label1, amount1 };
        if (draft.Spacer)
        {
            cells.Add("");
        }

        cells.Add(label2);
        cells.Add(amount2);
        Row(cells);
    }
}
