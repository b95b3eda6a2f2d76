using System.Globalization;
using System.Text.Json;
using Jixiao.App.Portfolio;
using Jixiao.Data.Forms;
using Jixiao.Web.Accounts;
using Jixiao.Web.Forms;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Overview;

/// <summary>
/// One department's totals over the selected years: the self-evaluations' money and its execution rate
/// (<see cref="ExecutionRates"/>), and the money its declarations ask for, apart.
/// </summary>
public sealed record DepartmentRow(string? Department, int Forms, int SelfEvaluations, decimal Budget, decimal Executed, decimal DeclaredBudget, int Excellent, int RecomputedExcellent, int FormsWithErrors)
{
    public decimal? Rate => ExecutionRates.Pooled(Executed, Budget);
}

/// <summary>One year's totals: forms, the self-evaluations' money and rate, the declared money, forms with errors.</summary>
public sealed record YearRow(int? Year, int Forms, decimal Budget, decimal Executed, decimal DeclaredBudget, int WithErrors)
{
    public decimal? Rate => ExecutionRates.Pooled(Executed, Budget);
}

/// <summary>
/// The portfolio at a glance, per year and department: forms, money, execution rate, score distribution, grades
/// and findings by check, as tables and (when ECharts is there) charts whose bars open the forms behind them.
/// </summary>
public sealed class IndexModel(PortfolioView portfolio) : PageModel
{
    public FormFilter Filter { get; private set; } = FormFilter.Parse(new QueryCollection());

    public PortfolioStatistics Statistics { get; private set; } = new([], []);

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<OrganisationItem> Departments { get; private set; } = [];

    public IReadOnlyList<DepartmentRow> ByDepartment { get; private set; } = [];

    public IReadOnlyList<YearRow> ByYear { get; private set; } = [];

    public int[] ScoreBuckets { get; private set; } = new int[7];

    public GradeCounts Grades { get; private set; } = new(0, 0, 0, 0, 0);

    public GradeCounts RecomputedGrades { get; private set; } = new(0, 0, 0, 0, 0);

    public int SelfEvaluations { get; private set; }

    public int FormsWithErrors { get; private set; }

    public int Findings => Statistics.FindingsByCheck.Sum(c => c.Findings);

    /// <summary>The chart data for wwwroot/js/overview.js (a JSON data block, not a script).</summary>
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FormFilter.Parse(Request.Query);
        var caller = User.Caller();
        var query = new FormQuery { Year = Filter.Year, Department = Filter.Department };
        Statistics = await portfolio.StatisticsAsync(caller, query, cancellationToken);
        Years = await portfolio.YearsAsync(cancellationToken);
        Departments = await portfolio.DepartmentsAsync(caller, cancellationToken);

        var rows = Statistics.Rows;
        ByYear = [.. rows.GroupBy(r => r.Year).OrderBy(g => g.Key)
            .Select(g => new YearRow(g.Key, g.Sum(r => r.Forms), g.Sum(r => r.Budget), g.Sum(r => r.Executed), g.Sum(r => r.DeclaredBudget), g.Sum(r => r.FormsWithErrors)))];
        ByDepartment = [.. rows.GroupBy(r => r.Department)
            .Select(g => new DepartmentRow(g.Key, g.Sum(r => r.Forms), g.Sum(r => r.SelfEvaluations), g.Sum(r => r.Budget), g.Sum(r => r.Executed), g.Sum(r => r.DeclaredBudget),
                g.Sum(r => r.Grades.Excellent), g.Sum(r => r.RecomputedGrades.Excellent), g.Sum(r => r.FormsWithErrors)))
            .OrderByDescending(d => d.Forms).ThenBy(d => d.Department, StringComparer.Ordinal)];
        for (var i = 0; i < ScoreBuckets.Length; i++)
        {
            ScoreBuckets[i] = rows.Sum(r => i < r.ScoreBuckets.Count ? r.ScoreBuckets[i] : 0);
        }

        Grades = Sum(rows.Select(r => r.Grades));
        RecomputedGrades = Sum(rows.Select(r => r.RecomputedGrades));
        SelfEvaluations = rows.Sum(r => r.SelfEvaluations);
        FormsWithErrors = rows.Sum(r => r.FormsWithErrors);
        ChartJson = BuildChartJson();
    }

    /// <summary>The form list for a drill-down, keeping the overview's year and department.</summary>
    public string FormsLink(params (string Key, string? Value)[] more)
    {
        var pairs = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["year"] = Filter["year"], ["dept"] = Filter["dept"] };
        foreach (var (key, value) in more)
        {
            pairs[key] = value;
        }

        var q = string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
        return q.Length == 0 ? "/forms" : "/forms?" + q;
    }

    private static GradeCounts Sum(IEnumerable<GradeCounts> counts)
    {
        var list = counts.ToList();
        return new GradeCounts(list.Sum(c => c.Excellent), list.Sum(c => c.Good), list.Sum(c => c.Fair), list.Sum(c => c.Poor), list.Sum(c => c.None));
    }

    private string BuildChartJson()
    {
        var bounds = PortfolioStatistics.ScoreBucketBounds;
        string Label(int i) => i == bounds.Count - 1
            ? "100"
            : bounds[i].ToString(CultureInfo.InvariantCulture) + "–" + (i + 1 < bounds.Count ? bounds[i + 1].ToString(CultureInfo.InvariantCulture) : "");
        // the checks with most findings, most first; a log scale when the largest would flatten the smallest
        var topChecks = Statistics.FindingsByCheck.OrderByDescending(c => c.Findings).ThenBy(c => c.Code, StringComparer.Ordinal).Take(15).ToList();
        var checkScale = topChecks.Count > 1 && topChecks[0].Findings >= 20L * Math.Max(1, topChecks[^1].Findings) ? "log" : "linear";
        var data = new
        {
            labels = new
            {
                forms = Ui.T("表单数", "Forms"),
                budget = Ui.T("自评预算（万元）", "Self-evaluated budget (10k yuan)"),
                declared = Ui.T("申报预算（万元）", "Declared budget (10k yuan)"),
                money = Ui.T("万元", "10k yuan"),
                rate = Ui.T("执行率 %", "Execution rate %"),
                printed = Ui.T("自评", "Claimed"),
                recomputed = Ui.T("复核", "Recomputed"),
                findings = Ui.T("问题数", "Findings"),
            },
            years = new
            {
                categories = ByYear.Select(y => y.Year?.ToString(CultureInfo.InvariantCulture) ?? "—"),
                forms = ByYear.Select(y => y.Forms),
                budget = ByYear.Select(y => Math.Round(y.Budget / 10_000m, 2)),
                declared = ByYear.Select(y => Math.Round(y.DeclaredBudget / 10_000m, 2)),
                rate = ByYear.Select(y => y.Rate),
                links = ByYear.Select(y => FormsLink(("year", y.Year?.ToString(CultureInfo.InvariantCulture)))),
            },
            scores = new
            {
                categories = Enumerable.Range(0, ScoreBuckets.Length).Select(Label),
                counts = ScoreBuckets,
                links = Enumerable.Range(0, ScoreBuckets.Length).Select(i => FormsLink(
                    ("kind", "self"),
                    ("smin", bounds[i].ToString(CultureInfo.InvariantCulture)),
                    ("smax", i + 1 < bounds.Count ? (bounds[i + 1] - 0.0001m).ToString("0.####", CultureInfo.InvariantCulture) : null))),
            },
            grades = new
            {
                categories = new[] { Ui.GradeText(Core.Scoring.Grade.Excellent), Ui.GradeText(Core.Scoring.Grade.Good), Ui.GradeText(Core.Scoring.Grade.Fair), Ui.GradeText(Core.Scoring.Grade.Poor) },
                printed = new[] { Grades.Excellent, Grades.Good, Grades.Fair, Grades.Poor },
                recomputed = new[] { RecomputedGrades.Excellent, RecomputedGrades.Good, RecomputedGrades.Fair, RecomputedGrades.Poor },
                printedLinks = new[] { "excellent", "good", "fair", "poor" }.Select(g => FormsLink(("grade", g))),
                recomputedLinks = new[] { "excellent", "good", "fair", "poor" }.Select(g => FormsLink(("rgrade", g))),
            },
            checks = new
            {
                categories = topChecks.Select(c => c.Code),
                labels = topChecks.Select(c => CheckLabels.Of(c.Code)),
                scale = checkScale,
                counts = topChecks.Select(c => c.Findings),
                severities = topChecks.Select(c => c.Severity.ToString().ToLowerInvariant()),
                meanings = topChecks.Select(c => Ui.CheckMeaning(c.Code)),
                links = topChecks.Select(c => FormsLink(("check", c.Code))),
            },
        };
        return JsonSerializer.Serialize(data);
    }
}
