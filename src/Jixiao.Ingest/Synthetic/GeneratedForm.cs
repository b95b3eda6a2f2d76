using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Synthetic;

/// <summary>Which form kinds the generator makes.</summary>
public enum GeneratedKinds
{
    /// <summary>About 90% self-evaluations (自评表), 10% target declarations (目标申报表).</summary>
    Mixed,

    /// <summary>Only 财政项目支出绩效自评表.</summary>
    SelfEvaluation,

    /// <summary>Only 财政项目支出绩效目标申报表.</summary>
    TargetDeclaration,
}

/// <summary>Settings of a <see cref="FormGenerator"/>. The same seed and options give the same output.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Probability that a form carries one deliberate mistake (<see cref="MistakeKind"/>). Default 0.1.</summary>
    public double ErrorRate { get; init; } = 0.1;

    /// <summary>Probability that a form carries layout damage (<see cref="LayoutDamage"/>). Default 0.15.</summary>
    public double DamageRate { get; init; } = 0.15;

    /// <summary>Share of target declarations when <see cref="Kinds"/> is <see cref="GeneratedKinds.Mixed"/>. Default 0.1.</summary>
    public double DeclarationShare { get; init; } = 0.1;

    public GeneratedKinds Kinds { get; init; } = GeneratedKinds.Mixed;

    /// <summary>The file name written into each form's <see cref="Provenance"/>.</summary>
    public string FileName { get; init; } = "generated.txt";
}

/// <summary>
/// The deliberate mistakes the generator can put into a form, each a defect a reviewer or the checker should find.
/// A form gets at most one; everything else in it stays consistent.
/// </summary>
public enum MistakeKind
{
    /// <summary>总分 得分 is not the sum of the indicator scores and the execution score.</summary>
    TotalScoreMismatch,

    /// <summary>An indicator's 得分 is above its 分值.</summary>
    ScoreAboveWeight,

    /// <summary>An indicator lost points but 偏差原因分析及改进措施 is empty.</summary>
    DeductionWithoutReason,

    /// <summary>评分等级 does not match the total score (90/80/60 bands).</summary>
    GradeMismatch,

    /// <summary>执行率 of 年度资金总额 does not follow from 全年执行数 / 全年预算数.</summary>
    ExecutionRateMismatch,

    /// <summary>得分 of 年度资金总额 is not 执行率 × 分值.</summary>
    ExecutionScoreMismatch,

    /// <summary>A target met by definition: ≥0 or &gt;0.</summary>
    VacuousTarget,

    /// <summary>The indicator weights and the execution weight do not add up to 100.</summary>
    WeightsDoNotAddUp,

    /// <summary>年度资金总额 is not the sum of its sub-rows (当年财政拨款 + 上年结转 + 其他).</summary>
    FundLinesDoNotAdd,

    /// <summary>A qualitative indicator rated 部分达成 scores outside the 60–80% band.</summary>
    QualitativeScoreOutOfBand,

    /// <summary>The actual value is printed in another unit than the target (=365(天) vs 100(%)).</summary>
    UnitMismatch,

    /// <summary>Declaration: 年度资金申请总额 is not the sum of 当年财政拨款, 上年结转资金 and 其他资金.</summary>
    DeclarationFundsDoNotAdd,

    /// <summary>Declaration: 计划完成日期 before 计划开始日期.</summary>
    PlannedEndBeforeStart,

    /// <summary>Declaration: an indicator without 年度指标值.</summary>
    MissingTarget,
}

/// <summary>One injected mistake: its kind, the interchange-format path of the wrong value, and what was done.</summary>
public sealed record InjectedMistake(MistakeKind Kind, string Field, string Description);

/// <summary>Layout damage of PDF extraction that the generator imitates (see corpus/LAYOUTS.md).</summary>
public enum LayoutDamage
{
    /// <summary>Level labels and headings split by spaces: <c>数量 指标</c>, <c>可持 续影 响指 标</c>.</summary>
    SplitLabels,

    /// <summary>Amounts with thousands separators: <c>2,072.25</c>.</summary>
    ThousandsSeparators,

    /// <summary>Full-width brackets: <c>项目资金 （万元）</c>, <c>（2024年度）</c>.</summary>
    FullWidthBrackets,

    /// <summary>A blank line (page break) between two indicator rows.</summary>
    PageBreak,

    /// <summary>A 二级 label split over a page break: the tail on a fragment row after the blank line.</summary>
    SplitLevelLabel,

    /// <summary>An indicator name wrapped onto a continuation row after a page break.</summary>
    WrappedName,

    /// <summary>Numbers broken by spaces after <c>,</c> and <c>.</c>: <c>14, 194. 52</c>.</summary>
    SpacedNumbers,

    /// <summary>Heading and year merged into one cell: <c>财政项目支出绩效自评表 (2024年度)</c>.</summary>
    HeadingWithYear,
}

/// <summary>
/// One synthetic form: the values a perfect reader would extract (<see cref="Form"/>), the mistakes injected,
/// the layout damage applied, and the form's text in the corpus layout.
/// </summary>
public sealed class GeneratedForm
{
    /// <summary>1-based position in the generated sequence.</summary>
    public required long Ordinal { get; init; }

    /// <summary>What is printed, as the model: amounts in yuan, labels canonical, provenance set.</summary>
    public required PerformanceForm Form { get; init; }

    public required IReadOnlyList<InjectedMistake> Mistakes { get; init; }

    public required IReadOnlyList<LayoutDamage> Damage { get; init; }

    /// <summary>The form in the corpus text layout: TAB-separated cells, LF line ends, ending with a newline.</summary>
    public required string Text { get; init; }

    /// <summary>Number of lines in <see cref="Text"/>.</summary>
    public required int LineCount { get; init; }
}

/// <summary>What <see cref="FormGenerator.WriteText(TextWriter, long, long, Action{GeneratedForm}?)"/> wrote.</summary>
public sealed record GenerationSummary(long Forms, long SelfEvaluations, long Declarations, long FormsWithMistakes, long Bytes, long Lines);
