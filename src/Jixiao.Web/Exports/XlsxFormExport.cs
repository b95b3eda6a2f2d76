using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Web.Api;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Exports;

/// <summary>
/// One form as an xlsx workbook in the official table layout (财预〔2020〕10号 附件), written by
/// <see cref="OfficialWorkbook"/> (the same workbook a unit fills offline and uploads back), followed by a sheet,
/// 检查结果, that lists the recomputed values and every finding; its headings and the words of its values (grades,
/// severities, categories) are in the request's language, while the official table stays as the form prints it.
/// </summary>
public static class XlsxFormExport
{
    /// <summary>The workbook of <paramref name="detail"/>.</summary>
    public static byte[] Write(FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var findings = new SheetGrid();
        Findings(findings, detail);
        return OfficialWorkbook.Write(detail.ToPerformanceForm(),
            new WorkbookSheet(Ui.T("检查结果", "Check results"), findings, [8, 10, 24, 12, 28, 60, 60, 10]));
    }

    private static void Findings(SheetGrid g, FormDetail d)
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

    /// <summary>A score with two decimals, as the pages show it.</summary>
    private static string Two(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
