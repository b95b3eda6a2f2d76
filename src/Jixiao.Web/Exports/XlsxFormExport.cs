using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Web.Api;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Exports;

/// <summary>
/// One form as an xlsx workbook in the official table layout (财预〔2020〕10号 附件): the heading and the year
/// merged across the table, 项目名称 / 主管部门 / 实施单位 rows, the 项目资金 table in the unit the form printed
/// (万元 or 元), the goals, the indicator table with its 一级/二级 cells merged over the rows they span, and the 总分
/// row — fit to one A4 page wide. A second sheet, 检查结果, lists the recomputed values and every finding; its
/// headings and the words of its values (grades, severities, categories) are in the request's language, while the
/// official table stays as the form prints it.
/// </summary>
public static class XlsxFormExport
{
    /// <summary>The workbook of <paramref name="detail"/>.</summary>
    public static byte[] Write(FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        using var buffer = new MemoryStream();
        using (var document = Xlsx.Create(buffer))
        {
            var workbook = document.WorkbookPart!;
            var self = detail.Form.Kind != FormKind.TargetDeclaration;

            var table = new Grid();
            double[] widths;
            if (self)
            {
                SelfEvaluation(table, detail);
                widths = [10, 12, 16, 14, 14, 14, 8, 10, 30];
            }
            else
            {
                Declaration(table, detail);
                widths = [12, 16, 16, 26, 14, 14];
            }

            var tablePart = workbook.AddNewPart<WorksheetPart>();
            tablePart.Worksheet = table.Build(widths, fitToPage: true);

            var findings = new Grid();
            Findings(findings, detail);
            var findingsPart = workbook.AddNewPart<WorksheetPart>();
            findingsPart.Worksheet = findings.Build([8, 10, 24, 12, 28, 60, 60, 10], fitToPage: false);

            workbook.Workbook = new Workbook(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(tablePart), SheetId = 1, Name = self ? "绩效自评表" : "绩效目标申报表" },
                new Sheet { Id = workbook.GetIdOfPart(findingsPart), SheetId = 2, Name = Ui.T("检查结果", "Check results") }));
        }

        return buffer.ToArray();
    }

    private static void SelfEvaluation(Grid g, FormDetail d)
    {
        var f = d.Form;
        var unit = f.MoneyUnit;
        g.Text(1, 0, "财政项目支出绩效自评表", XlsxStyle.Title, colSpan: 9);
        g.Height(1, 28);
        g.Text(2, 0, $"（{Year(f.Year)}年度）", XlsxStyle.Subtitle, colSpan: 9);

        g.Text(3, 0, "项目名称", XlsxStyle.Label, colSpan: 2);
        g.Text(3, 2, f.ProjectName, XlsxStyle.Text, colSpan: 7);
        g.Text(4, 0, "主管部门", XlsxStyle.Label, colSpan: 2);
        g.Text(4, 2, f.Department, XlsxStyle.Text, colSpan: 3);
        g.Text(4, 5, "实施单位", XlsxStyle.Label);
        g.Text(4, 6, f.ImplementingUnit, XlsxStyle.Text, colSpan: 3);

        g.Text(5, 0, $"项目资金（{unit.Label()}）", XlsxStyle.Label, rowSpan: 5);
        g.Text(5, 1, "", XlsxStyle.Label, colSpan: 2);
        string[] heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"];
        for (var i = 0; i < heads.Length; i++)
        {
            g.Text(5, 3 + i, heads[i], XlsxStyle.Label);
        }

        (string Label, decimal? Initial, decimal? Annual, decimal? Executed, decimal? Weight, decimal? Rate, decimal? Score)[] lines =
        [
            ("年度资金总额", f.TotalInitialBudget, f.TotalAnnualBudget, f.TotalExecuted, f.TotalFundWeight, f.TotalExecutionRate, f.TotalFundScore),
            ("其中：当年财政拨款", f.AppropriationInitialBudget, f.AppropriationAnnualBudget, f.AppropriationExecuted, f.AppropriationFundWeight, f.AppropriationExecutionRate, f.AppropriationFundScore),
            ("上年结转资金", f.CarryoverInitialBudget, f.CarryoverAnnualBudget, f.CarryoverExecuted, f.CarryoverFundWeight, f.CarryoverExecutionRate, f.CarryoverFundScore),
            ("其他资金", f.OtherInitialBudget, f.OtherAnnualBudget, f.OtherExecuted, f.OtherFundWeight, f.OtherExecutionRate, f.OtherFundScore),
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            var (label, initial, annual, executed, weight, rate, score) = lines[i];
            var r = 6 + i;
            g.Text(r, 1, label, XlsxStyle.Text, colSpan: 2);
            g.Number(r, 3, Money(initial, unit), XlsxStyle.BoxedMoney);
            g.Number(r, 4, Money(annual, unit), XlsxStyle.BoxedMoney);
            g.Number(r, 5, Money(executed, unit), XlsxStyle.BoxedMoney);
            g.Number(r, 6, weight, XlsxStyle.Number);
            g.Number(r, 7, rate, XlsxStyle.BoxedPercent);
            g.Number(r, 8, score, XlsxStyle.BoxedPercent); // a score: 0.00 like every score
        }

        g.Text(10, 0, "年度总体目标", XlsxStyle.Label, rowSpan: 2);
        g.Text(10, 1, "预期目标", XlsxStyle.Label, colSpan: 4);
        g.Text(10, 5, "实际完成情况", XlsxStyle.Label, colSpan: 4);
        g.Text(11, 1, d.Goals?.Expected, XlsxStyle.Text, colSpan: 4);
        g.Text(11, 5, d.Goals?.Actual, XlsxStyle.Text, colSpan: 4);
        g.Fit(11, d.Goals?.Expected, 56);
        g.Fit(11, d.Goals?.Actual, 62);

        string[] indicatorHeads = ["一级指标", "二级指标", "三级指标", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
        g.Text(12, 0, indicatorHeads[0], XlsxStyle.Label);
        g.Text(12, 1, indicatorHeads[1], XlsxStyle.Label);
        g.Text(12, 2, indicatorHeads[2], XlsxStyle.Label, colSpan: 2);
        for (var c = 4; c < 9; c++)
        {
            g.Text(12, c, indicatorHeads[c], XlsxStyle.Label);
        }

        var first = 13;
        Levels(g, d.Indicators, first, 0, 1);
        for (var i = 0; i < d.Indicators.Count; i++)
        {
            var ind = d.Indicators[i];
            var r = first + i;
            g.Text(r, 2, ind.Name, XlsxStyle.Text, colSpan: 2);
            g.Text(r, 4, ind.Target, XlsxStyle.Center);
            g.Text(r, 5, ind.Actual, XlsxStyle.Center);
            g.Number(r, 6, ind.Weight, XlsxStyle.Number);
            g.Number(r, 7, ind.Score, XlsxStyle.BoxedPercent);
            g.Text(r, 8, ind.Deviation, XlsxStyle.Text);
            g.Fit(r, ind.Name, 30);
            g.Fit(r, ind.Target, 14);
            g.Fit(r, ind.Actual, 14);
            g.Fit(r, ind.Deviation, 30);
        }

        var total = first + d.Indicators.Count;
        g.Text(total, 0, "总分", XlsxStyle.Label, colSpan: 6);
        g.Number(total, 6, f.TotalWeight, XlsxStyle.Number);
        g.Number(total, 7, f.TotalScore, XlsxStyle.BoxedPercent);
        g.Text(total, 8, "评分等级：" + (f.GradePrinted ?? ""), XlsxStyle.Text);
    }

    private static void Declaration(Grid g, FormDetail d)
    {
        var f = d.Form;
        var unit = f.MoneyUnit;
        g.Text(1, 0, "财政项目支出绩效目标申报表", XlsxStyle.Title, colSpan: 6);
        g.Height(1, 28);
        g.Text(2, 0, $"（{Year(f.Year)}年度）", XlsxStyle.Subtitle, colSpan: 6);

        void Pair(int r, string leftLabel, string? left, string rightLabel, string? right)
        {
            g.Text(r, 0, leftLabel, XlsxStyle.Label);
            g.Text(r, 1, left, XlsxStyle.Text, colSpan: 2);
            g.Text(r, 3, rightLabel, XlsxStyle.Label);
            g.Text(r, 4, right, XlsxStyle.Text, colSpan: 2);
        }

        Pair(3, "项目名称", f.ProjectName, "项目类别", f.Category);
        Pair(4, "主管部门", f.Department, "实施单位", f.ImplementingUnit);
        Pair(5, "计划开始日期", Date(f.PlannedStart), "计划完成日期", Date(f.PlannedEnd));

        g.Text(6, 0, $"项目资金（{unit.Label()}）", XlsxStyle.Label, rowSpan: 4);
        (string? LeftLabel, decimal? Left, string RightLabel, decimal? Right)[] funds =
        [
            ("项目资金总额", f.ProjectTotal, "年度资金申请总额", f.AnnualTotal),
            ("其中：财政资金", f.ProjectFiscal, "其中：当年财政拨款", f.AnnualAppropriation),
            (null, null, "上年结转资金", f.AnnualCarryover),
            ("其他资金", f.ProjectOther, "其他资金", f.AnnualOther),
        ];
        for (var i = 0; i < funds.Length; i++)
        {
            var (leftLabel, left, rightLabel, right) = funds[i];
            var r = 6 + i;
            g.Text(r, 1, leftLabel, XlsxStyle.Text);
            g.Number(r, 2, Money(left, unit), XlsxStyle.BoxedMoney);
            g.Text(r, 3, rightLabel, XlsxStyle.Text);
            g.Number(r, 4, Money(right, unit), XlsxStyle.BoxedMoney, colSpan: 2);
        }

        g.Text(10, 0, "项目绩效目标", XlsxStyle.Label, rowSpan: 2);
        g.Text(10, 1, "项目总目标", XlsxStyle.Label, colSpan: 2);
        g.Text(10, 3, "年度总目标", XlsxStyle.Label, colSpan: 3);
        g.Text(11, 1, d.Goals?.Overall, XlsxStyle.Text, colSpan: 2);
        g.Text(11, 3, d.Goals?.Annual, XlsxStyle.Text, colSpan: 3);
        g.Fit(11, d.Goals?.Overall, 32);
        g.Fit(11, d.Goals?.Annual, 54);

        g.Text(12, 0, "绩效指标", XlsxStyle.Label, rowSpan: d.Indicators.Count + 1);
        g.Text(12, 1, "一级指标", XlsxStyle.Label);
        g.Text(12, 2, "二级指标", XlsxStyle.Label);
        g.Text(12, 3, "三级指标", XlsxStyle.Label);
        g.Text(12, 4, "年度指标值", XlsxStyle.Label, colSpan: 2);
        var first = 13;
        Levels(g, d.Indicators, first, 1, 2);
        for (var i = 0; i < d.Indicators.Count; i++)
        {
            var ind = d.Indicators[i];
            var r = first + i;
            g.Text(r, 3, ind.Name, XlsxStyle.Text);
            g.Text(r, 4, ind.Target, XlsxStyle.Center, colSpan: 2);
            g.Fit(r, ind.Name, 26);
            g.Fit(r, ind.Target, 28);
        }
    }

    /// <summary>The 一级 and 二级 cells, each merged over the rows it spans (二级 spans stay inside their 一级 span).</summary>
    private static void Levels(Grid g, IReadOnlyList<IndicatorRecord> indicators, int firstRow, int level1Column, int level2Column)
    {
        foreach (var (start, count, label) in Spans(indicators, 0, indicators.Count, i => i.Level1))
        {
            g.Text(firstRow + start, level1Column, label, XlsxStyle.Center, rowSpan: count);
            foreach (var (start2, count2, label2) in Spans(indicators, start, count, i => i.Level2))
            {
                g.Text(firstRow + start2, level2Column, label2, XlsxStyle.Center, rowSpan: count2);
            }
        }
    }

    private static List<(int Start, int Count, string? Label)> Spans(IReadOnlyList<IndicatorRecord> rows, int from, int count, Func<IndicatorRecord, string?> label)
    {
        var spans = new List<(int, int, string?)>();
        var i = from;
        var end = from + count;
        while (i < end)
        {
            var l = label(rows[i]);
            var j = i + 1;
            while (j < end && string.Equals(label(rows[j]), l, StringComparison.Ordinal))
            {
                j++;
            }

            spans.Add((i, j - i, l));
            i = j;
        }

        return spans;
    }

    private static void Findings(Grid g, FormDetail d)
    {
        var f = d.Form;
        g.Text(1, 0, Ui.T("复核结果（按财预〔2020〕10号规则重新计算）", "Recomputed under the rules of 财预〔2020〕10号"), XlsxStyle.LeftLabel, colSpan: 8);
        // scores and rates with two decimals (0.00), as on the pages; counts as they are
        (string Label, string? Text, decimal? Number, XlsxStyle Style)[] summary =
        [
            (Ui.T("项目名称", "Project name"), f.ProjectName, null, XlsxStyle.Number),
            (Ui.T("自评得分", "Printed total"), null, ApiJson.Shortest(f.TotalScore), XlsxStyle.BoxedPercent),
            (Ui.T("复核得分", "Recomputed total"), null, ApiJson.Shortest(f.RecomputedTotal), XlsxStyle.BoxedPercent),
            (Ui.T("复核区间", "Recomputed range"), f.RecomputedMin is { } min && f.RecomputedMax is { } max ? $"{Two(min)}–{Two(max)}" : null, null, XlsxStyle.Number),
            (Ui.T("自评等级", "Claimed grade"), f.Grade is null ? null : Ui.GradeText(f.Grade), null, XlsxStyle.Number),
            (Ui.T("复核等级", "Recomputed grade"), f.RecomputedGrade is null ? null : Ui.GradeText(f.RecomputedGrade), null, XlsxStyle.Number),
            (Ui.T("执行率（复核，%）", "Execution rate (recomputed, %)"), null, ApiJson.Shortest(f.ExecutionRateRecomputed), XlsxStyle.BoxedPercent),
            (Ui.T("预算执行得分（复核）", "Execution score (recomputed)"), null, ApiJson.Shortest(f.ExecutionScoreRecomputed), XlsxStyle.BoxedPercent),
            (Ui.T("无法评估项", "Not assessable"), null, f.Kind != FormKind.TargetDeclaration ? f.CannotAssessCount : null, XlsxStyle.Number),
            (Ui.T("问题（错误/警告/提示）", "Findings (errors / warnings / infos)"), $"{f.ErrorCount} / {f.WarningCount} / {f.InfoCount}", null, XlsxStyle.Number),
        ];
        var r = 2;
        foreach (var (label, text, number, style) in summary)
        {
            g.Text(r, 0, label, XlsxStyle.LeftLabel, colSpan: 2);
            if (text is not null || number is null)
            {
                g.Text(r, 2, text, XlsxStyle.Text, colSpan: 6);
            }
            else
            {
                g.Number(r, 2, number, style);
            }

            r++;
        }

        r++;
        string[] heads = [Ui.T("序号", "No."), Ui.T("严重程度", "Severity"), Ui.T("代码", "Code"), Ui.T("类别", "Category"), Ui.T("字段", "Field"), Ui.T("说明（中文）", "Message (Chinese)"), Ui.T("说明（英文）", "Message (English)"), Ui.T("源文件行", "Source line")];
        for (var c = 0; c < heads.Length; c++)
        {
            g.Text(r, c, heads[c], XlsxStyle.Label);
        }

        for (var i = 0; i < d.Findings.Count; i++)
        {
            var x = d.Findings[i];
            r++;
            g.Number(r, 0, i + 1, XlsxStyle.Number);
            g.Text(r, 1, Ui.SeverityText(x.Severity), XlsxStyle.Center);
            g.Text(r, 2, x.Code, XlsxStyle.Text);
            g.Text(r, 3, Ui.CategoryText(x.Category), XlsxStyle.Text);
            g.Text(r, 4, x.Field, XlsxStyle.Text);
            g.Text(r, 5, x.MessageZh, XlsxStyle.Text);
            g.Text(r, 6, x.MessageEn, XlsxStyle.Text);
            g.Number(r, 7, x.SourceLine > 0 ? x.SourceLine : null, XlsxStyle.Number);
            g.Fit(r, x.MessageZh, 58);
            g.Fit(r, x.MessageEn, 116);
        }
    }

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "    ";

    private static string? Date(DateOnly? date) => date?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>A score with two decimals, as the pages show it.</summary>
    private static string Two(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Yuan in the unit the form printed.</summary>
    private static decimal? Money(decimal? yuan, MoneyUnit unit) => yuan is { } y ? ApiJson.Shortest(unit.FromYuan(y)) : null;

    /// <summary>A sheet being laid out: cells by row and column, merged ranges, row heights.</summary>
    private sealed class Grid
    {
        private readonly SortedDictionary<int, SortedDictionary<int, Cell>> rows = [];
        private readonly List<string> merges = [];
        private readonly Dictionary<int, double> heights = [];

        public void Text(int row, int column, string? text, XlsxStyle style, int colSpan = 1, int rowSpan = 1) =>
            Put(Xlsx.TextCell(row, column, text, style), row, column, style, colSpan, rowSpan);

        public void Number(int row, int column, decimal? value, XlsxStyle style, int colSpan = 1, int rowSpan = 1) =>
            Put(Xlsx.NumberCell(row, column, value, style), row, column, style, colSpan, rowSpan);

        public void Height(int row, double points) => heights[row] = Math.Max(heights.GetValueOrDefault(row), points);

        /// <summary>Makes <paramref name="row"/> tall enough for <paramref name="text"/> wrapped in a cell <paramref name="width"/> characters wide.</summary>
        public void Fit(int row, string? text, double width)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            double units = 0;
            var lines = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                    units = 0;
                    continue;
                }

                units += c < 0x2E80 ? 1.1 : 2.1; // CJK characters are about two Latin ones wide
                if (units > width)
                {
                    lines++;
                    units = c < 0x2E80 ? 1.1 : 2.1;
                }
            }

            Height(row, Math.Min(409, 15 * lines + 3));
        }

        public Worksheet Build(double[] widths, bool fitToPage)
        {
            var worksheet = new Worksheet();
            if (fitToPage)
            {
                worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            }

            var columns = new Columns();
            for (var i = 0; i < widths.Length; i++)
            {
                columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
            }

            worksheet.Append(columns);
            var data = new SheetData();
            foreach (var (index, cells) in rows)
            {
                var row = new Row { RowIndex = (uint)index };
                if (heights.TryGetValue(index, out var h))
                {
                    row.Height = h;
                    row.CustomHeight = true;
                }

                foreach (var cell in cells.Values)
                {
                    row.Append(cell);
                }

                data.Append(row);
            }

            worksheet.Append(data);
            if (merges.Count > 0)
            {
                var mergeCells = new MergeCells { Count = (uint)merges.Count };
                foreach (var m in merges)
                {
                    mergeCells.Append(new MergeCell { Reference = m });
                }

                worksheet.Append(mergeCells);
            }

            worksheet.Append(new PrintOptions { HorizontalCentered = true });
            worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
            return worksheet;
        }

        private void Put(Cell cell, int row, int column, XlsxStyle style, int colSpan, int rowSpan)
        {
            colSpan = Math.Max(1, colSpan);
            rowSpan = Math.Max(1, rowSpan);
            for (var r = row; r < row + rowSpan; r++)
            {
                if (!rows.TryGetValue(r, out var cells))
                {
                    rows[r] = cells = [];
                }

                for (var c = column; c < column + colSpan; c++)
                {
                    // the covered cells of a merged range carry its style, so its borders are drawn all round
                    cells[c] = r == row && c == column ? cell : Xlsx.TextCell(r, c, null, style);
                }
            }

            if (colSpan > 1 || rowSpan > 1)
            {
                merges.Add($"{Xlsx.Reference(row, column)}:{Xlsx.Reference(row + rowSpan - 1, column + colSpan - 1)}");
            }
        }
    }
}
