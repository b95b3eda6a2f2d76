using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks.Across;

/// <summary>
/// Compares two forms and says what a supervisor would flag about the pair (<see cref="CrossChecks"/>). Symmetric: the
/// same findings whichever form comes first (each on the form it concerns). Pure: the store decides which pairs to
/// compare (<see cref="FormSignatures"/>) and keeps the findings.
/// </summary>
public static class FormPairs
{
    /// <summary>Indicator tables at least this alike (Jaccard of their rows) are copies of each other.</summary>
    public const double CopiedTable = 0.8;

    /// <summary>Project names at least this alike (Dice of bigrams, without brackets and years) name one project.</summary>
    public const double SameName = 0.6;

    /// <summary>A budget below 1/x or above x times the declared one needs a reason.</summary>
    public const decimal BudgetFactor = 2m;

    public static IReadOnlyList<PairFinding> Compare(ComparedForm first, ComparedForm second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var found = new List<PairFinding>();
        if (first.ContentHash.Length > 0 && first.ContentHash == second.ContentHash)
        {
            Both(found, first, second, CrossChecks.FormDuplicate, "projectName",
                o => $"与{o.LabelZh}内容完全相同，同一张表单被导入了两次。",
                o => $"Identical to {o.LabelEn}: the same form was imported twice.");
            return found;
        }

        var sameProject = first.ProjectKey.Length > 0 && first.ProjectKey == second.ProjectKey && first.DepartmentKey == second.DepartmentKey;
        if (sameProject && first.IsDeclaration != second.IsDeclaration)
        {
            var (declaration, self, side) = first.IsDeclaration ? (first, second, PairSide.Second) : (second, first, PairSide.First);
            if (self.Form.Kind == FormKind.SelfEvaluation && self.Form.Year is { } sy && declaration.Form.Year is { } dy && sy - dy is 0 or 1)
            {
                CompareDeclaration(found, declaration, self, side);
            }

            return found;
        }

        if (first.Form.Kind != second.Form.Kind)
        {
            return found;
        }

        var tables = first.Rows.Count >= ComparedForm.MinRows && second.Rows.Count >= ComparedForm.MinRows
            ? Similarity.Jaccard(first.Rows, second.Rows)
            : 0;
        if (!first.IsDeclaration && Twice(first, second, sameProject, tables) is { } why)
        {
            Both(found, first, second, CrossChecks.ProjectTwice, "projectName", o => why.Zh(o), o => why.En(o));
            return found;
        }

        // the same project name elsewhere (another department's, or one of several units') follows a common template:
        // sharing its texts is not copying another project
        if (first.ProjectKey.Length > 0 && first.ProjectKey == second.ProjectKey)
        {
            return found;
        }

        if (tables >= CopiedTable)
        {
            Both(found, first, second, CrossChecks.FormCopied, Fields.Indicators,
                o => $"绩效指标表与{o.LabelZh}的 {Similarity.Common(first.Rows, second.Rows)} 行相同（相似度 {Percent(tables)}），两个不同项目的指标、指标值和完成值几乎一样。",
                o => $"The indicator table shares {Similarity.Common(first.Rows, second.Rows)} rows with {o.LabelEn} (similarity {Percent(tables)}): two different projects with nearly the same indicators, targets and actuals.");
            return found;
        }

        foreach (var (field, key) in first.GoalKeys)
        {
            foreach (var (otherField, otherKey) in second.GoalKeys)
            {
                if (key == otherKey)
                {
                    found.Add(new(PairSide.First, CrossChecks.GoalsReused, field,
                        $"{GoalName(field)}与{second.LabelZh}的{GoalName(otherField)}逐字相同（{Cut(key)}）。",
                        $"The {GoalNameEn(field)} is word for word the {GoalNameEn(otherField)} of {second.LabelEn} (\"{Cut(key)}\")."));
                    found.Add(new(PairSide.Second, CrossChecks.GoalsReused, otherField,
                        $"{GoalName(otherField)}与{first.LabelZh}的{GoalName(field)}逐字相同（{Cut(key)}）。",
                        $"The {GoalNameEn(otherField)} is word for word the {GoalNameEn(field)} of {first.LabelEn} (\"{Cut(key)}\")."));
                    return found;
                }
            }
        }

        return found;
    }

    private sealed record Reason(Func<ComparedForm, string> Zh, Func<ComparedForm, string> En);

    /// <summary>Why two self-evaluations are one project evaluated twice, or null.</summary>
    private static Reason? Twice(ComparedForm a, ComparedForm b, bool sameProject, double tables)
    {
        if (sameProject && a.UnitKey == b.UnitKey)
        {
            if (a.Form.Year == b.Form.Year)
            {
                return new(o => $"同一项目、同一实施单位同一年度另有一份内容不同的自评表：{o.LabelZh}。",
                    o => $"The same project and implementing unit have another, different self-evaluation for the same year: {o.LabelEn}.");
            }

            if (Total(a) is { AnnualBudget: > 0 and var budget, Executed: { } executed }
                && Total(b) is { AnnualBudget: { } otherBudget, Executed: { } otherExecuted }
                && budget == otherBudget && executed == otherExecuted)
            {
                var money = Fields.Money(budget, a.Form.MoneyUnit);
                var spent = Fields.Money(executed, a.Form.MoneyUnit);
                return new(o => $"与{o.LabelZh}填报了完全相同的全年预算数 {money} 和执行数 {spent}，同一笔资金疑似被重复自评。",
                    o => $"Reports exactly the same full-year budget {money} and execution {spent} as {o.LabelEn}: the same money looks evaluated twice.");
            }
        }

        if (sameProject)
        {
            return null; // one project's forms of several units, or of several years with different money
        }

        if (tables >= CopiedTable && a.DepartmentKey == b.DepartmentKey && a.Form.Year == b.Form.Year
            && Similarity.Dice(a.NameCore, b.NameCore) >= SameName)
        {
            return new(o => $"与同年度名称相近的{o.LabelZh}指标表基本相同（相似度 {Percent(tables)}），疑似同一项目分两份自评（如不同年度的结转资金分别自评）。",
                o => $"Nearly the same indicator table (similarity {Percent(tables)}) as the similarly named {o.LabelEn} of the same year: one project evaluated twice (e.g. two years' carry-overs evaluated separately).");
        }

        return null;
    }

    private static void CompareDeclaration(List<PairFinding> found, ComparedForm declaration, ComparedForm self, PairSide side)
    {
        var d = declaration.Form;
        var s = self.Form;
        var declared = d.DeclarationFunds?.AnnualTotal ?? d.DeclarationFunds?.ProjectTotal;
        var total = s.SelfEvaluationFunds?.Total;
        if (declared is > 0 && total?.AnnualBudget is > 0 and var budget
            && (budget >= declared.Value * BudgetFactor || budget * BudgetFactor <= declared.Value))
        {
            var ratio = (budget / declared.Value).ToString("0.##", CultureInfo.InvariantCulture);
            var b = Fields.Money(budget, s.MoneyUnit);
            var a = Fields.Money(declared.Value, s.MoneyUnit);
            found.Add(new(side, CrossChecks.BudgetJump, Fields.Fund("total", "annualBudget"),
                $"全年预算数 {b} 是{declaration.LabelZh}年度资金申请总额 {a} 的 {ratio} 倍。",
                $"The full-year budget {b} is {ratio} times the annual amount {a} of {declaration.LabelEn}.",
                total.SourceLine));
        }

        var declaredByName = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var ind in d.Indicators)
        {
            declaredByName.TryAdd(NameKey(ind.Name), ind);
        }

        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        for (var i = 0; i < s.Indicators.Count; i++)
        {
            var ind = s.Indicators[i];
            var key = NameKey(ind.Name);
            evaluated.Add(key);
            if (!declaredByName.TryGetValue(key, out var before))
            {
                added.Add(ind.Name);
                continue;
            }

            if (Lowered(before.Target, ind.Target))
            {
                found.Add(new(side, CrossChecks.TargetLowered, Fields.Indicator(i, "target"),
                    $"{Fields.Name(ind)}的年度指标值为「{ind.Target}」，{declaration.LabelZh}申报的是「{before.Target}」。",
                    $"{Fields.Name(ind)} has the target \"{ind.Target}\"; {declaration.LabelEn} declared \"{before.Target}\".",
                    ind.SourceLine));
            }

            if (before.Weight is { } w0 && ind.Weight is { } w1 && w0 != w1)
            {
                found.Add(new(side, CrossChecks.WeightMoved, Fields.Indicator(i, "weight"),
                    $"{Fields.Name(ind)}的分值为 {Num(w1)}，申报时为 {Num(w0)}。",
                    $"{Fields.Name(ind)} weighs {Num(w1)}; it was declared at {Num(w0)}.",
                    ind.SourceLine));
            }
        }

        var dropped = d.Indicators.Where(x => !evaluated.Contains(NameKey(x.Name))).Select(x => x.Name).Distinct(StringComparer.Ordinal).ToList();
        if (dropped.Count + added.Count >= 2)
        {
            found.Add(new(side, CrossChecks.IndicatorsChanged, Fields.Indicators,
                $"{declaration.LabelZh}申报的 {declaredByName.Count} 项指标中有 {dropped.Count} 项未在自评表中评价{List(dropped, "（", "）")}，自评表另新增 {added.Count} 项{List(added, "（", "）")}。",
                $"Of the {declaredByName.Count} indicators {declaration.LabelEn} declared, {dropped.Count} are not evaluated{List(dropped, " (", ")")}; the self-evaluation adds {added.Count}{List(added, " (", ")")}.",
                s.Indicators.Count > 0 ? s.Indicators[0].SourceLine : 0));
        }
    }

    /// <summary>
    /// True when <paramref name="after"/> asks less than <paramref name="before"/>: a lower bar under ≥, &gt;, = or
    /// no operator (either side), a higher ceiling under ≤ or &lt;, in compatible units; or a number that became words.
    /// </summary>
    public static bool Lowered(string? before, string? after)
    {
        var b = TargetParser.Parse(before);
        var a = TargetParser.Parse(after);
        if (b.Kind == TargetValueKind.Quantitative && b.Number is not null && a.Kind == TargetValueKind.Qualitative)
        {
            return true;
        }

        if (b.Kind != TargetValueKind.Quantitative || a.Kind != TargetValueKind.Quantitative || b.Number is not { } x || a.Number is not { } y
            || b.IsPercent != a.IsPercent || !TargetParser.AreUnitsCompatible(b, a))
        {
            return false;
        }

        var (floorBefore, floorAfter) = (IsFloor(b.Operator), IsFloor(a.Operator));
        if (floorBefore && floorAfter)
        {
            return y < x;
        }

        return b.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.Less
            && a.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.Less
            && y > x;
    }

    private static bool IsFloor(ComparisonOperator op) =>
        op is ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater or ComparisonOperator.Equal or ComparisonOperator.None;

    /// <summary>An indicator's name as matched between declaration and self-evaluation: its key without bracketed parts.</summary>
    public static string NameKey(string? name) => ComparedForm.CoreOf(name) is { Length: > 0 } core ? core : TextKey.Of(name);

    private static FundLine? Total(ComparedForm f) => f.Form.SelfEvaluationFunds?.Total;

    private static void Both(List<PairFinding> found, ComparedForm first, ComparedForm second, CheckDefinition rule, string field, Func<ComparedForm, string> zh, Func<ComparedForm, string> en)
    {
        found.Add(new(PairSide.First, rule, field, zh(second), en(second)));
        found.Add(new(PairSide.Second, rule, field, zh(first), en(first)));
    }

    private static string Percent(double x) => Math.Round(x * 100).ToString(CultureInfo.InvariantCulture) + "%";

    private static string Num(decimal x) => Decimals.Shortest(x).ToString(CultureInfo.InvariantCulture);

    private static string Cut(string key) => key.Length <= 24 ? key : key[..24] + "…";

    private static string List(List<string> names, string open, string close) =>
        names.Count == 0 ? "" : open + string.Join("、", names.Take(6)) + (names.Count > 6 ? "等" : "") + close;

    private static string GoalName(string field) => field switch
    {
        Fields.GoalsActual => "实际完成情况",
        "goals.overall" => "项目总目标",
        "goals.annual" => "年度总目标",
        _ => "年度总体目标",
    };

    private static string GoalNameEn(string field) => field switch
    {
        Fields.GoalsActual => "actual results",
        "goals.overall" => "overall goal",
        "goals.annual" => "annual goal",
        _ => "expected goal",
    };
}
