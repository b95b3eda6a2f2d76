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

/// <summary>
/// What the shared official table (Shared/_OfficialTable.cshtml) renders: the sheet, and whether each cell carries its
/// finding markers and recomputed values (the signed-in form page and its print view) or only what the form says (the
/// public page).
/// </summary>
public sealed record OfficialTable(FormSheet Sheet, bool Annotated);

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
    private readonly HashSet<int> anchored = [];

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

    /// <summary>
    /// The anchor of a finding in the list below the table, by its stored position (1-based: <c>finding-3</c> is
    /// position 2), so that a link from elsewhere stays right when an earlier finding was removed (a check across
    /// forms whose other form was deleted).
    /// </summary>
    public static string Anchor(int number) => "finding-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The anchor of a finding's marker on its cell of the table (the first cell that shows it), by position as <see cref="Anchor"/>.</summary>
    public static string CellAnchor(int number) => "cell-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Where a list links a finding on its form's page: the marker on its cell when the table shows the finding's field
    /// (<see cref="HasCell"/>), else the finding in the list below the table.
    /// </summary>
    public static string FindingLink(long formId, FormKind kind, string field, int number) =>
        "/forms/" + formId.ToString(CultureInfo.InvariantCulture) + "#" + (HasCell(kind, field) ? CellAnchor(number) : Anchor(number));

    /// <summary>The line of the form's source file on its page (shown when the file was lines of text).</summary>
    public static string SourceLink(long formId, int line) =>
        "/forms/" + formId.ToString(CultureInfo.InvariantCulture) + "#L" + line.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the page's table of a form of <paramref name="kind"/> has a cell for <paramref name="field"/> (the
    /// cells of Detail.cshtml: a self-evaluation's fund lines, goals, indicator columns and totals; a declaration's
    /// dates, fund amounts, goals and indicator targets). A test renders forms of both kinds and holds this to the page.
    /// </summary>
    public static bool HasCell(FormKind kind, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var declaration = kind == FormKind.TargetDeclaration;
        if (FormMapper.IndicatorIndexOf(field) is not null)
        {
            var member = field[(field.IndexOf("].", StringComparison.Ordinal) + 2)..];
            return declaration
                ? member is "level1" or "level2" or "name" or "target"
                : member is "level1" or "level2" or "name" or "target" or "actual" or "weight" or "score" or "deviation";
        }

        if (field is "projectName" or "department" or "implementingUnit" or "indicators")
        {
            return true;
        }

        if (declaration)
        {
            return field is "category" or "plannedStart" or "plannedEnd" or "goals.overall" or "goals.annual"
                or "funds.projectTotal" or "funds.projectFiscal" or "funds.projectOther"
                or "funds.annualTotal" or "funds.annualAppropriation" or "funds.annualCarryover" or "funds.annualOther";
        }

        if (field is "goals.expected" or "goals.actual" or "totalWeight" or "totalScore" or "grade")
        {
            return true;
        }

        var parts = field.Split('.');
        return parts is ["funds", "total" or "appropriation" or "carryover" or "other", ..]
            && (parts.Length == 2 || (parts.Length == 3 && parts[2] is "initialBudget" or "annualBudget" or "executed" or "weight" or "executionRate" or "score"));
    }

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
            var id = anchored.Add(finding.Position) ? " id=\"" + CellAnchor(finding.Position + 1) + "\"" : "";
            html.AppendHtml("<a data-annotation" + id + " class=\"flag " + Ui.SeverityCss(finding.Severity) + "\" href=\"#" + Anchor(finding.Position + 1) + "\" data-code=\""
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
    public static decimal? Rate(decimal? executed, decimal? budget) => FindingValues.Rate(executed, budget);

    /// <summary>
    /// True when a recomputed value differs from the printed one by at least 0.005. A value the form does not print
    /// (“—”) is no mismatch: the recomputed value stands beside it unmarked, and the checks report the missing value.
    /// </summary>
    public static bool Differs(decimal? printed, decimal? recomputed) => FindingValues.DiffersFrom(printed, recomputed);

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
