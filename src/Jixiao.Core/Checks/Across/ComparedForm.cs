using System.Globalization;
using System.Text;
using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks.Across;

/// <summary>
/// A form prepared for comparison with others (<see cref="FormPairs"/>): its project, department and unit keys, the
/// keys of its indicator rows and of its long texts, computed once however many forms it meets.
/// </summary>
public sealed class ComparedForm
{
    /// <summary>Texts shorter than this (after <see cref="TextKey"/>) are too generic to call a shared goal a copy.</summary>
    public const int MinGoalLength = 30;

    /// <summary>Forms with fewer indicator rows are not compared as tables (a few standard rows match by chance).</summary>
    public const int MinRows = 5;

    /// <param name="form">The form.</param>
    /// <param name="contentHash">Its content hash (equal forms share it); empty when unknown.</param>
    /// <param name="departmentKey">How the store identifies its 主管部门 (null: the <see cref="TextKey"/> of the printed name).</param>
    /// <param name="projectKey">How the store follows its project across years (null: <see cref="Forms.ProjectKey.Of"/>).</param>
    public ComparedForm(PerformanceForm form, string contentHash = "", string? departmentKey = null, string? projectKey = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        Form = form;
        ContentHash = contentHash ?? "";
        ProjectKey = projectKey ?? Forms.ProjectKey.Of(form.ProjectName);
        DepartmentKey = departmentKey ?? TextKey.Of(form.Department);
        UnitKey = TextKey.Of(form.ImplementingUnit);
        NameCore = CoreOf(form.ProjectName);

        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ind in form.Indicators)
        {
            rows.Add(TextKey.Of(ind.Name) + "|" + TextKey.Of(ind.Target) + "|" + TextKey.Of(ind.Actual));
        }

        Rows = rows;
        var goals = new List<(string, string)>(4);
        AddGoal(goals, Fields.GoalsExpected, form.Goals.Expected);
        AddGoal(goals, Fields.GoalsActual, form.Goals.Actual);
        AddGoal(goals, "goals.overall", form.Goals.Overall);
        AddGoal(goals, "goals.annual", form.Goals.Annual);
        GoalKeys = goals;
    }

    private ComparedForm(ComparedForm keys, PerformanceForm form)
    {
        Form = form;
        ContentHash = keys.ContentHash;
        ProjectKey = keys.ProjectKey;
        DepartmentKey = keys.DepartmentKey;
        UnitKey = keys.UnitKey;
        NameCore = keys.NameCore;
        Rows = keys.Rows;
        GoalKeys = keys.GoalKeys;
    }

    /// <summary>
    /// The same keys over a copy of the form holding only what the comparisons read (<see cref="FormPairs"/>: kind,
    /// year, names, money unit, the fund totals, each indicator's level, name, target, weight and source line): what
    /// an importer keeps of many forms until it compares them, at a fraction of the memory (no goal texts, actuals,
    /// deviations, scores, details or provenance).
    /// </summary>
    public ComparedForm Lean()
    {
        var f = Form;
        var lean = new PerformanceForm
        {
            Kind = f.Kind,
            Year = f.Year,
            ProjectName = f.ProjectName,
            Department = f.Department,
            ImplementingUnit = f.ImplementingUnit,
            MoneyUnit = f.MoneyUnit,
            SelfEvaluationFunds = f.SelfEvaluationFunds?.Total is { } total
                ? new SelfEvaluationFunds { Total = new FundLine { AnnualBudget = total.AnnualBudget, Executed = total.Executed, SourceLine = total.SourceLine } }
                : null,
            DeclarationFunds = f.DeclarationFunds is { } d
                ? new DeclarationFunds { AnnualTotal = d.AnnualTotal, ProjectTotal = d.ProjectTotal }
                : null,
            Indicators = new List<Indicator>(f.Indicators.Count),
        };
        foreach (var ind in f.Indicators)
        {
            lean.Indicators.Add(new Indicator { Level1 = ind.Level1, Level2 = ind.Level2, Name = ind.Name, Target = ind.Target, Weight = ind.Weight, SourceLine = ind.SourceLine });
        }

        return new ComparedForm(this, lean);
    }

    public PerformanceForm Form { get; }

    public string ContentHash { get; }

    public string ProjectKey { get; }

    public string DepartmentKey { get; }

    public string UnitKey { get; }

    /// <summary>The project name without brackets, a leading year and a trailing 项目: what two spellings of one project share.</summary>
    public string NameCore { get; }

    /// <summary>The indicator rows as <c>name|target|actual</c> keys.</summary>
    public IReadOnlySet<string> Rows { get; }

    /// <summary>The long texts (goals, actual results) by field, as keys; only those of <see cref="MinGoalLength"/> or more.</summary>
    public IReadOnlyList<(string Field, string Key)> GoalKeys { get; }

    public bool IsDeclaration => Form.Kind == FormKind.TargetDeclaration;

    /// <summary>How messages name the form: <c>2024年自评表「项目」</c>.</summary>
    public string LabelZh =>
        (Form.Year is { } y ? y.ToString(CultureInfo.InvariantCulture) + "年" : "") + (IsDeclaration ? "申报表" : "自评表") + "「" + Form.ProjectName + "」";

    public string LabelEn =>
        (IsDeclaration ? "declaration" : "self-evaluation") + (Form.Year is { } y ? " " + y.ToString(CultureInfo.InvariantCulture) : "") + " \"" + Form.ProjectName + "\"";

    private static void AddGoal(List<(string, string)> goals, string field, string? text)
    {
        var key = TextKey.Of(text);
        if (key.Length >= MinGoalLength)
        {
            goals.Add((field, key));
        }
    }

    /// <summary>The <see cref="NameCore"/> of a project name.</summary>
    public static string CoreOf(string? projectName)
    {
        var key = TextKey.Of(projectName);
        var sb = new StringBuilder(key.Length);
        var depth = 0;
        foreach (var c in key)
        {
            if (c is '(' or '[' or '【' or '〔' or '{' or '《')
            {
                depth++;
                continue;
            }

            if (c is ')' or ']' or '】' or '〕' or '}' or '》')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (depth == 0)
            {
                sb.Append(c);
            }
        }

        var s = sb.ToString();
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == 4)
        {
            s = s[4..].TrimStart('年', '度');
        }

        if (s.EndsWith("项目", StringComparison.Ordinal) && s.Length > 2)
        {
            s = s[..^2];
        }

        return s;
    }
}
