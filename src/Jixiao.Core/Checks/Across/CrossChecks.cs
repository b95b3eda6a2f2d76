namespace Jixiao.Core.Checks.Across;

/// <summary>
/// The checks that compare two forms (跨表核查): copies between projects, one project evaluated twice, a declaration
/// (绩效目标申报表) against its self-evaluation (绩效自评表). Their findings sit on one form and name the other
/// (<see cref="PairFinding"/>); the store keeps them right when either form is added or deleted. Codes are stable and
/// documented in docs/checks.md beside the checks of one form (<see cref="CheckCatalogue"/>).
/// </summary>
public static class CrossChecks
{
    /// <summary>FORM-COPIED: the indicator table of another project's form, row for row.</summary>
    public static CheckDefinition FormCopied { get; } = new(
        "FORM-COPIED", Severity.Warning, CheckCategory.Consistency, FormKinds.Both, "indicators",
        "绩效指标表与另一个项目的表单基本相同（三级指标、指标值和实际完成值至少八成相同），疑似照抄其他项目。",
        "The indicator table repeats another project's form (at least 80% of the rows — indicator, target and actual — are the same): likely copied from another project.",
        "Targets and results are set per project (10号 [U], rules-reference §1.1); identical tables across different projects measure nothing of either.");

    /// <summary>GOALS-REUSED: a goal text of another project's form, word for word.</summary>
    public static CheckDefinition GoalsReused { get; } = new(
        "GOALS-REUSED", Severity.Warning, CheckCategory.Consistency, FormKinds.Both, "goals",
        "绩效目标或实际完成情况的文字与另一个项目的表单逐字相同（NFKC 归一并去除空白后比较，30 字以上）。",
        "A goal or actual-results text is word for word the one of another project's form (compared after NFKC folding and white-space removal, 30 characters or more).",
        "Goals describe what this project is to achieve (10号 [U], rules-reference §1.1); a text shared by two projects describes neither.");

    /// <summary>PROJECT-TWICE: the same project evaluated twice.</summary>
    public static CheckDefinition ProjectTwice { get; } = new(
        "PROJECT-TWICE", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "projectName",
        "同一项目被重复自评：同一主管部门、同一实施单位同一年度有两份内容不同的自评表，或两份名称相近的自评表指标表基本相同（如两年结转资金分别自评），或不同年度的自评表填报了完全相同的预算数和执行数。",
        "The same project is evaluated twice: two different self-evaluations of one project and unit in one year, two similarly named self-evaluations with nearly the same indicator table (e.g. two years' carry-overs evaluated separately), or two years reporting exactly the same budget and execution.",
        "Each project is evaluated once per year over its whole funds (10号 [U], rules-reference §1.1); the same money or results counted twice inflate the portfolio.");

    /// <summary>FORM-DUPLICATE: the same form stored twice.</summary>
    public static CheckDefinition FormDuplicate { get; } = new(
        "FORM-DUPLICATE", Severity.Info, CheckCategory.Consistency, FormKinds.Both, "projectName",
        "同一张表单已从另一份文件导入（内容完全相同，例如同一批表的 PDF 和 Word 版本）。",
        "The same form was imported from another file as well (identical content, e.g. the PDF and the Word version of one publication).",
        "Counting a form twice doubles its money in the portfolio; equal content hashes (form-schema.md) show it.");

    /// <summary>DECL-BUDGET-JUMP: the self-evaluation's budget far from the declared one.</summary>
    public static CheckDefinition BudgetJump { get; } = new(
        "DECL-BUDGET-JUMP", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "funds.total.annualBudget",
        "自评表的全年预算数与该项目申报表的年度资金申请总额相差一倍以上（不足一半或超过两倍），需说明预算调整的依据。",
        "The self-evaluation's full-year budget is less than half or more than twice the annual amount the project's declaration asked for: the budget change needs a reason.",
        "Targets are declared with the budget and evaluated against it (10号 [U], rules-reference §1.1, §4); a budget that moves this far changes what the targets mean.");

    /// <summary>DECL-INDICATORS-CHANGED: declared indicators dropped or others added in the self-evaluation.</summary>
    public static CheckDefinition IndicatorsChanged { get; } = new(
        "DECL-INDICATORS-CHANGED", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators",
        "自评表的绩效指标与申报表不一致：申报的指标未在自评表中评价，或自评表新增了申报时没有的指标（合计两项以上）。",
        "The self-evaluation's indicators differ from the declaration's: declared indicators are not evaluated, or indicators were added that were not declared (two or more in all).",
        "A self-evaluation evaluates the declared targets (10号 [U], rules-reference §1.1); dropping the ones missed and adding easy ones hides the result.");

    /// <summary>DECL-TARGET-LOWERED: a declared target lowered or made unmeasurable in the self-evaluation.</summary>
    public static CheckDefinition TargetLowered { get; } = new(
        "DECL-TARGET-LOWERED", Severity.Warning, CheckCategory.TargetQuality, FormKinds.SelfEvaluation, "indicators[i].target",
        "自评表中该指标的年度指标值低于申报表（或由可衡量的数值改为文字），等于降低了目标。",
        "The indicator's target in the self-evaluation is below the declared one (or a measurable number became words): the target was lowered.",
        "The self-evaluation scores against the declared targets (10号 [U], rules-reference §1.1); lowering them afterwards inflates the score.");

    /// <summary>DECL-WEIGHT-MOVED: a declared weight changed.</summary>
    public static CheckDefinition WeightMoved { get; } = new(
        "DECL-WEIGHT-MOVED", Severity.Info, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].weight",
        "自评表中该指标的分值与申报表不同。",
        "The indicator's weight in the self-evaluation differs from the declared one.",
        "Weights are set with the targets (10号 [U], rules-reference §1.2); moving them after the year changes the score.");

    /// <summary>All cross-form check definitions, in report order.</summary>
    public static IReadOnlyList<CheckDefinition> Definitions { get; } =
        [FormCopied, GoalsReused, ProjectTwice, FormDuplicate, BudgetJump, IndicatorsChanged, TargetLowered, WeightMoved];

    /// <summary>The cross-form check with that code, or null.</summary>
    public static CheckDefinition? Find(string code)
    {
        foreach (var d in Definitions)
        {
            if (string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }

        return null;
    }
}

/// <summary>Which form of a compared pair a finding sits on.</summary>
public enum PairSide
{
    First,
    Second,
}

/// <summary>A finding of a cross-form check, on one form of a pair, naming the other.</summary>
/// <param name="On">The form it sits on.</param>
/// <param name="Rule">The check.</param>
/// <param name="Field">The interchange-format path on that form, e.g. <c>indicators[2].target</c>.</param>
/// <param name="MessageZh">What was found, naming the other form.</param>
/// <param name="MessageEn">The same in English.</param>
/// <param name="SourceLine">The line of that form the finding points at (0 when unknown).</param>
public sealed record PairFinding(PairSide On, CheckDefinition Rule, string Field, string MessageZh, string MessageEn, int SourceLine = 0);
