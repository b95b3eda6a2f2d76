using Jixiao.Core.Forms;

namespace Jixiao.Core.Scoring;

/// <summary>How a recomputed score or rate is cut to <see cref="RuleSet.Decimals"/> places.</summary>
public enum RoundingMode
{
    /// <summary>四舍五入: round half away from zero (9.7777 → 9.78). What the platform configuration S9 does.</summary>
    HalfUp,

    /// <summary>截尾: drop the extra digits (99.4475 → 99.44). What many printed execution rates show.</summary>
    Truncate,
}

/// <summary>The score of a missed reverse (反向, ≤ / &lt;) indicator. 财预〔2020〕10号 does not define it.</summary>
public enum ReverseFormula
{
    /// <summary>Variant A (S7, S8): weight × target / actual.</summary>
    TargetOverActual,

    /// <summary>Variant B (S9 <c>selfreverseindex</c>): weight × (1 − (actual − target) / target), 0 once actual ≥ 2 × target.</summary>
    LinearPenalty,
}

/// <summary>
/// How a strict operator (&gt; / &lt;) is read when the actual value sits exactly on the target
/// (<c>&gt;365.00(天)</c>, actual 365). No source defines &gt; and &lt;; the corpus shows units reading them loosely.
/// </summary>
public enum StrictBoundary
{
    /// <summary>Both readings are possible: the score is the range between the strict and the inclusive reading.</summary>
    Either,

    /// <summary>&gt; is read as ≥ and &lt; as ≤: the target is met.</summary>
    Inclusive,

    /// <summary>&gt; and &lt; are strict: the target is missed and scored by the ratio formula.</summary>
    Strict,
}

/// <summary>
/// Default first-level weights (一级指标权重), in points out of the total. <see cref="Cost"/> is 0 in the
/// scheme without a first-level 成本指标.
/// </summary>
public sealed record LevelWeights(decimal Output, decimal Benefit, decimal Satisfaction, decimal Cost = 0m)
{
    /// <summary>The weight of one category (0 for <see cref="IndicatorCategory.Unknown"/>).</summary>
    public decimal Of(IndicatorCategory category) => category switch
    {
        IndicatorCategory.Output => Output,
        IndicatorCategory.Benefit => Benefit,
        IndicatorCategory.Satisfaction => Satisfaction,
        IndicatorCategory.Cost => Cost,
        _ => 0m,
    };

    public decimal Sum => Output + Benefit + Satisfaction + Cost;

    public override string ToString() => Cost > 0
        ? $"成本 {Cost:0.##} / 产出 {Output:0.##} / 效益 {Benefit:0.##} / 满意度 {Satisfaction:0.##}"
        : $"产出 {Output:0.##} / 效益 {Benefit:0.##} / 满意度 {Satisfaction:0.##}";
}

/// <summary>
/// One first-level indicator (一级指标) of a rule set's standard scheme with its standard second-level indicators
/// (二级指标), in the order forms print them: the names an editor offers when an indicator is added.
/// </summary>
/// <param name="Category">The category the first level stands for.</param>
/// <param name="Name">The first-level name, e.g. 产出指标.</param>
/// <param name="Level2">The second-level names under it, e.g. 数量指标, 质量指标, 时效指标.</param>
public sealed record IndicatorLevel(IndicatorCategory Category, string Name, IReadOnlyList<string> Level2)
{
    /// <summary>
    /// The standard scheme of 财预〔2021〕101号 [U] as the corpus prints it (rules-reference §2.1): 成本指标 (经济 / 社会 /
    /// 生态环境成本), 产出指标 (数量 / 质量 / 时效), 效益指标 (经济 / 社会 / 生态效益, 可持续影响), 满意度指标 (服务对象满意度).
    /// Whether 成本指标 is required is <see cref="RuleSet.RequiredCategories"/>.
    /// </summary>
    public static IReadOnlyList<IndicatorLevel> Standard { get; } =
    [
        new(IndicatorCategory.Cost, IndicatorVocabulary.Cost, ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
        new(IndicatorCategory.Output, IndicatorVocabulary.Output, ["数量指标", "质量指标", "时效指标"]),
        new(IndicatorCategory.Benefit, IndicatorVocabulary.Benefit, ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
        new(IndicatorCategory.Satisfaction, IndicatorVocabulary.Satisfaction, ["服务对象满意度指标"]),
    ];
}

/// <summary>
/// The qualitative achievement bands (定性指标三档), as lower limits in fractions of the indicator's weight:
/// 达成 [<see cref="AchievedFrom"/>, 1], 部分达成 [<see cref="PartialFrom"/>, <see cref="AchievedFrom"/>],
/// 未达成 [0, <see cref="PartialFrom"/>]. The intervals are treated as closed at both ends: a score exactly on a
/// limit fits either neighbouring band (the corpus labels rows at exactly 80% 部分达成).
/// </summary>
public sealed record QualitativeBands(decimal AchievedFrom, decimal PartialFrom)
{
    /// <summary>Central wording and the S9/S11 platform: 80% / 60%.</summary>
    public static QualitativeBands Central { get; } = new(0.80m, 0.60m);

    /// <summary>The 2020 local form S8: 80% / 50%.</summary>
    public static QualitativeBands Local80To50 { get; } = new(0.80m, 0.50m);

    /// <summary>The score range of a band, in points, for an indicator of weight <paramref name="weight"/>.</summary>
    public (decimal Min, decimal Max) RangeOf(Targets.QualitativeBand band, decimal weight) => band switch
    {
        Targets.QualitativeBand.Achieved => (weight * AchievedFrom, weight),
        Targets.QualitativeBand.PartiallyAchieved => (weight * PartialFrom, weight * AchievedFrom),
        Targets.QualitativeBand.NotAchieved => (0m, weight * PartialFrom),
        _ => (0m, weight),
    };
}

/// <summary>The grade bands (评分等级): 优 ≥ <see cref="Excellent"/>, 良 ≥ <see cref="Good"/>, 中 ≥ <see cref="Fair"/>, else 差.</summary>
public sealed record GradeBands(decimal Excellent, decimal Good, decimal Fair)
{
    /// <summary>MOF 预算司 bands for central evaluations (S6): 90 / 80 / 60.</summary>
    public static GradeBands Central { get; } = new(90m, 80m, 60m);

    /// <summary>The S10 platform configuration: 80 / 70 / 60.</summary>
    public static GradeBands Local80To60 { get; } = new(80m, 70m, 60m);

    /// <summary>The grade of a total score.</summary>
    public Grade GradeOf(decimal total) =>
        total >= Excellent ? Grade.Excellent : total >= Good ? Grade.Good : total >= Fair ? Grade.Fair : Grade.Poor;
}

/// <summary>
/// How far two numbers may differ before a check reports them. Scores and rates are compared at the precision the
/// form prints them (see <see cref="Rounding.Compare(decimal, decimal, RoundingMode, decimal)"/>); these tolerances come on top.
/// </summary>
/// <param name="Score">Points (±0.01, rules-reference §7).</param>
/// <param name="Rate">Percentage points of an execution rate.</param>
/// <param name="MoneyHalfUnit">Half the last printed digit of an amount, in the form's money unit (0.005 万元 = 50 元):
/// the rounding every printed amount may carry.</param>
/// <param name="BandEdge">Fraction of the weight a qualitative score may sit outside its band's limits.</param>
public sealed record Tolerances(decimal Score, decimal Rate, decimal MoneyHalfUnit, decimal BandEdge)
{
    public static Tolerances Default { get; } = new(0.01m, 0.01m, 0.005m, 0.005m);

    /// <summary>
    /// How far, in points, a qualitative score of an indicator of weight <paramref name="weight"/> may lie outside its
    /// band's limits: <see cref="Score"/> + <see cref="BandEdge"/> × weight (rules.md B4).
    /// </summary>
    public decimal BandSlack(decimal weight) => Score + (BandEdge * weight);
}

/// <summary>
/// A scoring rule set: everything a jurisdiction may set differently, as data. The national default is
/// <see cref="RuleSets.National2020"/> (财预〔2020〕10号); a jurisdiction overrides with a <c>with</c> expression.
/// </summary>
public sealed record RuleSet
{
    /// <summary>Short stable name, e.g. <c>national-2020</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The document(s) the rules come from, with the source ids of rules-reference.md.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Where the rules apply (辖区): 全国 for national rules, else a jurisdiction as <see cref="Forms.Jurisdiction"/>
    /// names it — <c>上海市</c> is the Shanghai municipal level (市级), not its districts. Rules of a form or platform
    /// whose place is not known say so in words (<c>地方 (S8)</c>): no form's jurisdiction matches them, so they are
    /// chosen by name only. See <see cref="RuleSets.For(string?, int?)"/>.
    /// </summary>
    public string Jurisdiction { get; init; } = "全国";

    /// <summary>First budget year the rules apply to (null: open).</summary>
    public int? FromYear { get; init; }

    /// <summary>Last budget year the rules apply to (null: open).</summary>
    public int? ToYear { get; init; }

    /// <summary>总分: the weights add up to this.</summary>
    public decimal TotalWeight { get; init; } = 100m;

    /// <summary>预算执行率 weight, used when the form prints none.</summary>
    public decimal ExecutionWeight { get; init; } = 10m;

    /// <summary>Default first-level weights without a 成本指标 (50/30/10, S5).</summary>
    public LevelWeights DefaultWeights { get; init; } = new(50m, 30m, 10m);

    /// <summary>Default first-level weights with a first-level 成本指标 (10/40/30/10, the 2024 Shanghai forms).</summary>
    public LevelWeights DefaultWeightsWithCost { get; init; } = new(40m, 30m, 10m, 10m);

    /// <summary>The first-level categories every form must have (CAT-MISSING).</summary>
    public IReadOnlyList<IndicatorCategory> RequiredCategories { get; init; } =
        [IndicatorCategory.Output, IndicatorCategory.Benefit, IndicatorCategory.Satisfaction];

    /// <summary>
    /// The standard first- and second-level indicator names (一级 / 二级指标) an editor offers, in printed order
    /// (<see cref="IndicatorLevel.Standard"/> unless a jurisdiction names its own).
    /// </summary>
    public IReadOnlyList<IndicatorLevel> Levels { get; init; } = IndicatorLevel.Standard;

    /// <summary>
    /// True when a first-level 成本指标 is required (<see cref="RequiredCategories"/>): a new form then starts from
    /// <see cref="DefaultWeightsWithCost"/>.
    /// </summary>
    public bool RequiresCost => RequiredCategories.Contains(IndicatorCategory.Cost);

    /// <summary>The default first-level weights of a form with (<paramref name="withCost"/>) or without a first-level 成本指标 (T4).</summary>
    public LevelWeights DefaultWeightsFor(bool withCost) => withCost ? DefaultWeightsWithCost : DefaultWeights;

    public QualitativeBands QualitativeBands { get; init; } = QualitativeBands.Central;

    public GradeBands GradeBands { get; init; } = GradeBands.Central;

    public ReverseFormula ReverseFormula { get; init; } = ReverseFormula.TargetOverActual;

    public StrictBoundary StrictBoundary { get; init; } = StrictBoundary.Either;

    public RoundingMode Rounding { get; init; } = RoundingMode.HalfUp;

    /// <summary>Decimal places of recomputed scores and rates.</summary>
    public int Decimals { get; init; } = 2;

    public Tolerances Tolerances { get; init; } = Tolerances.Default;

    /// <summary>
    /// A qualitative actual that repeats the target word (及时 → 及时, 健全 → 健全) is read as 达成.
    /// A Jixiao convention, not from a source.
    /// </summary>
    public bool RepeatedTargetWordMeansAchieved { get; init; } = true;

    /// <summary>
    /// An execution rate below this (percent) needs an explanation (Sichuan S24: 90). Null switches FUND-RATE-LOW off.
    /// </summary>
    public decimal? LowExecutionRate { get; init; } = 90m;

    /// <summary>
    /// A met ≥ target exceeded by this factor or more suggests a target set too low (10号 第十八条 [U]: cut points
    /// for such targets). Deductions on such rows are not reported as IND-MET-DEDUCTED.
    /// </summary>
    public decimal OverachievementFactor { get; init; } = 2m;

    /// <summary>One indicator carrying more than this share of all indicator weights is reported (S25).</summary>
    public decimal ConcentratedWeightShare { get; init; } = 0.5m;

    /// <summary>True when the rule set covers <paramref name="year"/> (an unknown year is covered).</summary>
    public bool Covers(int? year) =>
        year is null || ((FromYear is null || year >= FromYear) && (ToYear is null || year <= ToYear));

    public override string ToString() => $"{Name} ({Jurisdiction}; {Source})";
}
