using System.Globalization;
using System.Text.Encodings.Web;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Html;

namespace Jixiao.Web.Forms;

/// <summary>What one cell of the official table carries: its field path, CSS classes and the finding markers.</summary>
public sealed record CellMark(string Field, string Css, IHtmlContent Markers);

/// <summary>A span of indicator rows sharing one 一级 or 二级 label (printed as one cell across the rows).</summary>
public sealed record LevelSpan(int First, int Count, string? Label);

/// <summary>
/// The form detail page's view of one stored form: findings placed on the cells their field paths name
/// (<c>indicators[3].score</c>, <c>funds.total.executionRate</c>, <c>totalScore</c>, <c>grade</c> …), each numbered as
/// in the list below the table, and the spans of the 一级/二级 cells.
/// </summary>
public sealed class FormSheet
{
    private readonly Dictionary<string, List<(int Number, FindingRecord Finding)>> byField = new(StringComparer.Ordinal);
    private readonly HashSet<string> placed = new(StringComparer.Ordinal);

    public FormSheet(FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        Detail = detail;
        for (var i = 0; i < detail.Findings.Count; i++)
        {
            var f = detail.Findings[i];
            if (!byField.TryGetValue(f.Field, out var list))
            {
                byField[f.Field] = list = [];
            }

            list.Add((i + 1, f));
        }

        Level1Spans = Spans(detail.Indicators, 0, detail.Indicators.Count, i => i.Level1);
        Level2Spans = [.. Level1Spans.SelectMany(s => Spans(detail.Indicators, s.First, s.Count, i => i.Level2))];
    }

    public FormDetail Detail { get; }

    /// <summary>What the form prints beside the common fields (项目编码, 政策依据, 评价结论, extra …): empty for the Shanghai layout.</summary>
    public FormDetails Details => details ??= FormDetailsJson.Read(Detail.Goals?.Details);

    private FormDetails? details;

    /// <summary>The printed fields of <see cref="Details"/> and 长期目标 as label/value rows, in the order of the schema.</summary>
    public IReadOnlyList<(string Label, string Value)> OtherFields()
    {
        var d = Details;
        var rows = new List<(string, string)>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                rows.Add((label, value));
            }
        }

        Add("项目编码", d.ProjectCode);
        Add("项目类型", d.ProjectType);
        Add("实施期限", d.ImplementationPeriod);
        Add("是否新增项目", d.NewProject switch { true => "是", false => "否", null => null });
        Add("分配方式", d.AllocationMethod);
        Add("地区", d.Region);
        Add("政策依据", d.PolicyBasis);
        Add("测算依据", d.CalculationBasis);
        Add("长期目标", Detail.Goals?.LongTerm);
        Add("评价结论", d.ConclusionSummary);
        Add("存在问题", d.ConclusionProblems);
        Add("改进措施", d.ConclusionMeasures);
        foreach (var (label, value) in d.Extra)
        {
            Add(label, value);
        }

        return rows;
    }

    public FormRecord Form => Detail.Form;

    public IReadOnlyList<LevelSpan> Level1Spans { get; }

    public IReadOnlyList<LevelSpan> Level2Spans { get; }

    /// <summary>The number of a finding in the list (1-based), for its anchor.</summary>
    public static string Anchor(int number) => "finding-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when a finding's field was shown on a cell (call after the table is rendered).</summary>
    public bool IsPlaced(string field) => placed.Contains(field);

    /// <summary>The marks of the cell showing <paramref name="fields"/> (the first is the cell's own path).</summary>
    public CellMark Cell(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var found = new List<(int Number, FindingRecord Finding)>();
        foreach (var field in fields)
        {
            if (byField.TryGetValue(field, out var list))
            {
                found.AddRange(list);
                placed.Add(field);
            }
        }

        if (found.Count == 0)
        {
            return new CellMark(fields[0], "", HtmlString.Empty);
        }

        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        var worst = found.Max(x => x.Finding.Severity);
        var html = new HtmlContentBuilder();
        foreach (var (number, finding) in found)
        {
            html.AppendHtml("<a data-annotation class=\"flag " + Ui.SeverityCss(finding.Severity) + "\" href=\"#" + Anchor(number) + "\" data-code=\""
                + HtmlEncoder.Default.Encode(finding.Code) + "\" aria-label=\"" + HtmlEncoder.Default.Encode(Ui.T("问题 ", "Finding ") + number + " " + finding.Code)
                + "\">" + number.ToString(CultureInfo.InvariantCulture) + "</a>");
        }

        html.AppendHtml("<span class=\"popover\" role=\"tooltip\" data-annotation>");
        foreach (var (number, finding) in found)
        {
            html.AppendHtml("<p><strong>" + number.ToString(CultureInfo.InvariantCulture) + ". " + HtmlEncoder.Default.Encode(Ui.SeverityText(finding.Severity))
                + " <code>" + HtmlEncoder.Default.Encode(finding.Code) + "</code></strong><br>"
                + HtmlEncoder.Default.Encode(Ui.T(finding.MessageZh, finding.MessageEn)) + "</p>");
        }

        html.AppendHtml("</span>");
        return new CellMark(fields[0], "flagged " + Ui.SeverityCss(worst), html);
    }

    /// <summary>The mark of the cell of member <paramref name="member"/> of indicator <paramref name="index"/>.</summary>
    public CellMark Indicator(int index, string member) => Cell(Fields.Indicator(index, member));

    /// <summary>The 一级/二级 cell spanning rows: findings on that member of any of its rows.</summary>
    public CellMark Level(LevelSpan span, string member)
    {
        ArgumentNullException.ThrowIfNull(span);
        return Cell([.. Enumerable.Range(span.First, span.Count).Select(i => Fields.Indicator(i, member))]);
    }

    /// <summary>Execution rate in percent recomputed from two amounts, or null.</summary>
    public static decimal? Rate(decimal? executed, decimal? budget) =>
        executed is { } e && budget is { } b && b != 0 ? Math.Round(e / b * 100m, 2) : null;

    /// <summary>
    /// True when a recomputed value differs from the printed one by at least 0.005. A value the form does not print
    /// (“—”) is no mismatch: the recomputed value stands beside it unmarked, and the checks report the missing value.
    /// </summary>
    public static bool Differs(decimal? printed, decimal? recomputed) =>
        recomputed is { } r && printed is { } p && Math.Abs(p - r) >= 0.005m;

    private static List<LevelSpan> Spans(IReadOnlyList<IndicatorRecord> rows, int from, int count, Func<IndicatorRecord, string?> label)
    {
        var spans = new List<LevelSpan>();
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

            spans.Add(new LevelSpan(i, j - i, l));
            i = j;
        }

        return spans;
    }
}
