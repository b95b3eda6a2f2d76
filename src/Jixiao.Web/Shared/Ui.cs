using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Entities;

namespace Jixiao.Web.Shared;

/// <summary>
/// The UI's words and number formats. Every visible text is written as a pair, Chinese first:
/// <c>@T("表单", "Forms")</c>; the request culture (zh-CN by default, en when chosen) picks one. Keeping both
/// languages beside each other at the place of use makes a missing translation impossible.
/// </summary>
public static class Ui
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>True when the request's UI culture is English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current language.</summary>
    public static string T(string zh, string en) => IsEnglish ? en : zh;

    /// <summary>The current language tag for <c>&lt;html lang&gt;</c>.</summary>
    public static string LanguageTag => IsEnglish ? "en" : "zh-CN";

    /// <summary>A number as the forms print it: up to <paramref name="decimals"/> places, invariant, or an em dash.</summary>
    public static string Num(decimal? value, int decimals = 2)
    {
        if (value is not { } v)
        {
            return "—";
        }

        var format = decimals <= 0 ? "#,0" : "#,0." + new string('#', decimals);
        return v.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A number with exactly <paramref name="decimals"/> places.</summary>
    public static string Fixed(decimal? value, int decimals = 2) =>
        value is { } v ? v.ToString("#,0." + new string('0', Math.Max(1, decimals)), CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A score (得分, 总分, 复核得分) everywhere it is shown — list, form page, exports: always two decimals
    /// (<c>96.80</c>, <c>90.00</c>), so that printed and recomputed scores line up; an em dash when missing.
    /// </summary>
    public static string Score(decimal? value) => Fixed(value);

    /// <summary>A rate in percent (执行率) everywhere it is shown: always two decimals and the sign (<c>94.30%</c>, <c>88.33%</c>).</summary>
    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A share 0–1 as a percentage with one decimal.</summary>
    public static string Share(double value) => double.IsNaN(value) ? "—" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Yuan shown in the printed unit: <c>322.13</c> (万元).</summary>
    public static string Money(decimal? yuan, MoneyUnit unit) => yuan is { } y ? unit.FromYuan(y).ToString("#,0.00##", CultureInfo.InvariantCulture) : "—";

    /// <summary>Yuan in 万元 with two decimals, for lists and totals.</summary>
    public static string Wan(decimal? yuan) => yuan is { } y ? (y / 10_000m).ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    public static string UnitLabel(MoneyUnit unit) => unit == MoneyUnit.TenThousandYuan ? T("万元", "10k yuan") : T("元", "yuan");

    public static string KindText(FormKind kind) => kind switch
    {
        FormKind.TargetDeclaration => T("绩效目标申报表", "Target declaration"),
        FormKind.DepartmentSelfEvaluation => T("部门整体支出绩效自评表", "Department self-evaluation"),
        _ => T("绩效自评表", "Self-evaluation"),
    };

    public static string KindShort(FormKind kind) => kind switch
    {
        FormKind.TargetDeclaration => T("申报", "Decl."),
        FormKind.DepartmentSelfEvaluation => T("部门自评", "Dept self-eval."),
        _ => T("自评", "Self-eval."),
    };

    public static string GradeText(Grade? grade) => grade switch
    {
        Grade.Excellent => T("优", "Excellent"),
        Grade.Good => T("良", "Good"),
        Grade.Fair => T("中", "Fair"),
        Grade.Poor => T("差", "Poor"),
        _ => "—",
    };

    /// <summary>
    /// True when the claimed grade was not printed on the form (评分等级 blank) but derived from its printed total: such
    /// a grade is shown apart (<see cref="GradeCss(Grade?, string?)"/>) so that it does not look printed.
    /// </summary>
    public static bool IsDerivedGrade(Grade? grade, string? printed) => grade is not null && string.IsNullOrWhiteSpace(printed);

    /// <summary>The note beside a derived grade.</summary>
    public static string DerivedGradeNote => T("原表未印评分等级，按自评总分推得", "Not printed on the form: derived from its printed total");

    /// <summary>The classes of a claimed grade, with <c>derived</c> when it was not printed (<see cref="IsDerivedGrade"/>).</summary>
    public static string GradeCss(Grade? grade, string? printed) => GradeCss(grade) + (IsDerivedGrade(grade, printed) ? " derived" : "");

    public static string GradeCss(Grade? grade) => grade switch
    {
        Grade.Excellent => "grade grade-a",
        Grade.Good => "grade grade-b",
        Grade.Fair => "grade grade-c",
        Grade.Poor => "grade grade-d",
        _ => "grade",
    };

    public static string SeverityText(Severity severity) => severity switch
    {
        Severity.Error => T("错误", "Error"),
        Severity.Warning => T("警告", "Warning"),
        _ => T("提示", "Info"),
    };

    public static string SeverityCss(Severity severity) => severity switch
    {
        Severity.Error => "sev-error",
        Severity.Warning => "sev-warning",
        _ => "sev-info",
    };

    public static string CategoryText(CheckCategory category) => category switch
    {
        CheckCategory.Arithmetic => T("计算", "Arithmetic"),
        CheckCategory.Consistency => T("一致性", "Consistency"),
        CheckCategory.Completeness => T("完整性", "Completeness"),
        _ => T("目标质量", "Target quality"),
    };

    public static string OutcomeText(IndicatorOutcome? outcome) => outcome switch
    {
        IndicatorOutcome.Met => T("达成", "Met"),
        IndicatorOutcome.NotMet => T("未达成", "Not met"),
        IndicatorOutcome.Qualitative => T("定性", "Qualitative"),
        IndicatorOutcome.CannotAssess => T("无法评估", "Cannot assess"),
        _ => "",
    };

    public static string RoleText(UserRole role) => role switch
    {
        UserRole.Administrator => T("管理员", "Administrator"),
        UserRole.FinanceReviewer => T("财政评审", "Finance reviewer"),
        UserRole.DepartmentUser => T("部门用户", "Department user"),
        UserRole.DepartmentReviewer => T("部门审核", "Department reviewer"),
        _ => T("监督", "Supervisor"),
    };

    /// <summary>
    /// What a role may do, made from the access policy (<see cref="App.Access.AccessPolicy.Allows"/>) so the words
    /// never drift from what the pages and the API allow: 财政评审 imports but does not delete batches.
    /// </summary>
    public static string RoleAbilities(UserRole role)
    {
        var caller = new App.Access.Caller("role", role, role.HasDepartment() ? "部门" : null);
        var parts = new List<string> { role.HasDepartment() ? T("只能查看本部门", "read own department only") : T("查看全部", "read all") };
        foreach (var (permission, label) in new[]
        {
            (App.Access.Permission.Import, T("导入", "import")),
            (App.Access.Permission.DeleteBatch, T("删除批次", "delete batches")),
            (App.Access.Permission.ReviewFindings, T("复核问题", "review findings")),
            (App.Access.Permission.DemandRectification, T("要求整改", "demand rectification")),
            (App.Access.Permission.AnswerRectification, T("答复整改", "answer rectification")),
            (App.Access.Permission.FillForms, T("填报", "fill forms")),
            (App.Access.Permission.ReviewFilings, T("审核填报", "review filings")),
            (App.Access.Permission.PublishFilings, T("公开", "publish")),
            (App.Access.Permission.ManageAccounts, T("管理账户和审计日志", "accounts and the audit log")),
        })
        {
            if (App.Access.AccessPolicy.Allows(caller, permission))
            {
                parts.Add(label);
            }
        }

        return string.Join(T("、", ", "), parts);
    }

    public static string StatusText(ImportStatus status) => status switch
    {
        ImportStatus.Queued => T("排队中", "Queued"),
        ImportStatus.Running => T("处理中", "Running"),
        ImportStatus.Succeeded => T("成功", "Succeeded"),
        ImportStatus.Failed => T("失败", "Failed"),
        _ => T("重复，未添加", "Duplicate, nothing added"),
    };

    public static string StatusCss(ImportStatus status) => status switch
    {
        ImportStatus.Succeeded => "badge badge-ok",
        ImportStatus.Failed => "badge badge-error",
        ImportStatus.Duplicate => "badge badge-muted",
        _ => "badge badge-busy",
    };

    /// <summary>
    /// A kept message — an import batch's reason, a line of a form's reader notes (读取说明) — in the current language
    /// (<see cref="App.Imports.ImportMessages.Localize"/>): stored in English, or in both languages, and worded here.
    /// </summary>
    public static string Kept(string? text) => App.Imports.ImportMessages.Localize(text, IsEnglish);

    /// <summary>The lines of a form's reader notes, each in the current language.</summary>
    public static IReadOnlyList<string> KeptLines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Kept)];

    /// <summary>A check's meaning in the current language, or the code when unknown.</summary>
    public static string CheckMeaning(string code)
    {
        var check = CheckCatalogue.Definition(code);
        return check is null ? code : T(check.MeaningZh, check.MeaningEn);
    }

    /// <summary>A UTC time shown in China Standard Time (UTC+8), the forms' time zone.</summary>
    public static string Time(DateTime? utc) =>
        utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
