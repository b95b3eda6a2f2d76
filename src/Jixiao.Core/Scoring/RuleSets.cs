using Jixiao.Core.Forms;

namespace Jixiao.Core.Scoring;

/// <summary>
/// The rule sets Jixiao knows. Each is data with its source (ids of rules-reference.md §0); a jurisdiction that
/// scores differently is one more <c>National2020 with { … }</c>.
/// </summary>
public static class RuleSets
{
    /// <summary>
    /// 财政部《项目支出绩效评价管理办法》财预〔2020〕10号, as applied to unit self-evaluation: execution 10 points;
    /// 产出 50 / 效益 30 / 满意度 10 (S5), or 成本 10 / 产出 40 / 效益 30 / 满意度 10 where a first-level 成本指标 is
    /// used; proportional scores for missed quantitative targets capped at the weight (S7, S8, S9); qualitative bands
    /// 80% / 60% (S9, S11); grades 90 / 80 / 60 (S6); two decimals, rounded half up (S9).
    /// </summary>
    public static RuleSet National2020 { get; } = new()
    {
        Name = "national-2020",
        Source = "财预〔2020〕10号 (S1–S5); bands S9/S11; grades S6; ratio formulas S7–S9",
        Jurisdiction = "全国",
        FromYear = 2020,
    };

    /// <summary>
    /// A 2020 local self-evaluation form (S8): qualitative bands 100–80 / 80–50 / 50–0, reverse indicators scored
    /// target / actual; otherwise national.
    /// </summary>
    public static RuleSet LocalForm2020 { get; } = National2020 with
    {
        Name = "local-form-2020",
        Source = "Local 2020 self-evaluation form with scoring notes (S8)",
        Jurisdiction = "地方 (S8)",
        QualitativeBands = QualitativeBands.Local80To50,
        ReverseFormula = ReverseFormula.TargetOverActual,
    };

    /// <summary>
    /// A vendor performance platform's configuration (S9–S11): reverse indicators by the linear penalty of
    /// <c>selfreverseindex</c>, 自评结论 graded 80 / 70 / 60 (S10).
    /// </summary>
    public static RuleSet Platform { get; } = National2020 with
    {
        Name = "platform-s9-s10",
        Source = "Vendor platform configuration: scoring S9, grades S10, bands S11",
        Jurisdiction = "地方 (S10)",
        ReverseFormula = ReverseFormula.LinearPenalty,
        GradeBands = GradeBands.Local80To60,
    };

    /// <summary>
    /// Shanghai 市级 projects from 2025 (S13): 成本指标 is a required first-level indicator; otherwise national. Its
    /// jurisdiction is <c>上海市</c>, the municipal level: a district's or town's form (<c>上海市宝山区…</c>, <c>…镇</c>)
    /// is not 市级 and keeps the national rules.
    /// </summary>
    public static RuleSet ShanghaiMunicipal2025 { get; } = National2020 with
    {
        Name = "shanghai-municipal-2025",
        Source = "《上海市市级部门项目支出核心绩效目标和指标设置及取值指引(试行)》 (S13), on 财预〔2020〕10号",
        Jurisdiction = "上海市",
        FromYear = 2025,
        RequiredCategories = [IndicatorCategory.Cost, IndicatorCategory.Output, IndicatorCategory.Benefit, IndicatorCategory.Satisfaction],
    };

    /// <summary>All known rule sets, national first.</summary>
    public static IReadOnlyList<RuleSet> All { get; } = [National2020, LocalForm2020, Platform, ShanghaiMunicipal2025];

    /// <summary>
    /// The rule set that scores a form of <paramref name="jurisdiction"/> (辖区, see <see cref="Jurisdiction"/>) and
    /// budget <paramref name="year"/>: among <see cref="All"/>, the one whose <see cref="RuleSet.Jurisdiction"/> is that
    /// jurisdiction (compared as <see cref="TextKey"/>s) and which <see cref="RuleSet.Covers(int?)">covers</see> the
    /// year — the one starting latest when several do; otherwise <see cref="National2020"/> (财预〔2020〕10号), the
    /// default, also for years before 2020 since Jixiao knows no older rules. A rule set limited to some years is
    /// chosen only for a known year: a form without a year may come from before them.
    /// </summary>
    public static RuleSet For(string? jurisdiction, int? year) => For(All, jurisdiction, year);

    /// <summary>
    /// <see cref="For(string?, int?)"/> among <paramref name="candidates"/> instead of <see cref="All"/> (a deployment's
    /// own rule sets); <see cref="National2020"/> when none fits.
    /// </summary>
    public static RuleSet For(IEnumerable<RuleSet> candidates, string? jurisdiction, int? year)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var key = TextKey.Of(jurisdiction);
        if (key.Length == 0)
        {
            return National2020;
        }

        RuleSet? chosen = null;
        foreach (var r in candidates)
        {
            var limited = r.FromYear is not null || r.ToYear is not null;
            if (!r.Covers(year) || (year is null && limited) || !string.Equals(TextKey.Of(r.Jurisdiction), key, StringComparison.Ordinal))
            {
                continue;
            }

            if (chosen is null || (r.FromYear ?? int.MinValue) > (chosen.FromYear ?? int.MinValue))
            {
                chosen = r;
            }
        }

        return chosen ?? National2020;
    }

    /// <summary>The rule set for a form: <see cref="For(string?, int?)"/> of its <see cref="Jurisdiction.Of(PerformanceForm)">jurisdiction</see> and year.</summary>
    public static RuleSet For(PerformanceForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return For(Jurisdiction.Of(form), form.Year);
    }

    /// <summary>The rule set of that name (case-insensitive), or null.</summary>
    public static RuleSet? Find(string? name)
    {
        foreach (var r in All)
        {
            if (string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return r;
            }
        }

        return null;
    }
}
