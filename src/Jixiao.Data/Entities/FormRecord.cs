using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Data.Entities;

/// <summary>
/// One stored performance form (绩效自评表 or 绩效目标申报表), flattened into queryable columns: what the form prints
/// beside what the system recomputed, the counts of findings by severity, and where it came from. Money in yuan.
/// Goals live in <see cref="FormGoalsRecord"/>, the search text in <see cref="FormSearchRecord"/> (table <c>forms</c>
/// stays narrow for the list and the overview).
/// </summary>
public sealed class FormRecord
{
    public long Id { get; set; }

    /// <summary>The import batch (导入批次) the form came in with.</summary>
    public long ImportBatchId { get; set; }

    public FormKind Kind { get; set; }

    /// <summary>年度.</summary>
    public int? Year { get; set; }

    /// <summary>项目名称, as printed.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>The normalised project name that follows one project across years (<see cref="Search.NameKeys.Lineage"/>).</summary>
    public string LineageKey { get; set; } = "";

    /// <summary>主管部门, as printed.</summary>
    public string? Department { get; set; }

    /// <summary>实施单位, as printed.</summary>
    public string? ImplementingUnit { get; set; }

    /// <summary>The department organisation (<see cref="Organisation"/>), matched by normalised name.</summary>
    public long? DepartmentId { get; set; }

    /// <summary>The implementing unit organisation.</summary>
    public long? UnitId { get; set; }

    /// <summary>项目类别 (declarations).</summary>
    public string? Category { get; set; }

    /// <summary>计划开始日期 (declarations).</summary>
    public DateOnly? PlannedStart { get; set; }

    /// <summary>计划完成日期 (declarations).</summary>
    public DateOnly? PlannedEnd { get; set; }

    /// <summary>The unit the source printed money in (万元 or 元).</summary>
    public MoneyUnit MoneyUnit { get; set; }

    /// <summary>The year's budget in yuan: 全年预算数 of 年度资金总额 (self-evaluation) or 年度资金申请总额 (declaration).</summary>
    public decimal? Budget { get; set; }

    /// <summary>全年执行数 of 年度资金总额, yuan (self-evaluations).</summary>
    public decimal? Executed { get; set; }

    // 自评表 项目资金: 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金 × 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
    public decimal? TotalInitialBudget { get; set; }

    public decimal? TotalAnnualBudget { get; set; }

    public decimal? TotalExecuted { get; set; }

    public decimal? TotalFundWeight { get; set; }

    public decimal? TotalExecutionRate { get; set; }

    public decimal? TotalFundScore { get; set; }

    public decimal? AppropriationInitialBudget { get; set; }

    public decimal? AppropriationAnnualBudget { get; set; }

    public decimal? AppropriationExecuted { get; set; }

    public decimal? AppropriationFundWeight { get; set; }

    public decimal? AppropriationExecutionRate { get; set; }

    public decimal? AppropriationFundScore { get; set; }

    public decimal? CarryoverInitialBudget { get; set; }

    public decimal? CarryoverAnnualBudget { get; set; }

    public decimal? CarryoverExecuted { get; set; }

    public decimal? CarryoverFundWeight { get; set; }

    public decimal? CarryoverExecutionRate { get; set; }

    public decimal? CarryoverFundScore { get; set; }

    public decimal? OtherInitialBudget { get; set; }

    public decimal? OtherAnnualBudget { get; set; }

    public decimal? OtherExecuted { get; set; }

    public decimal? OtherFundWeight { get; set; }

    public decimal? OtherExecutionRate { get; set; }

    public decimal? OtherFundScore { get; set; }

    /// <summary>绩效目标申报表 项目资金 (yuan): 项目资金总额, 其中财政资金, 其他资金, 年度资金申请总额, 当年财政拨款, 上年结转, 其他资金.</summary>
    public decimal? ProjectTotal { get; set; }

    public decimal? ProjectFiscal { get; set; }

    public decimal? ProjectOther { get; set; }

    public decimal? AnnualTotal { get; set; }

    public decimal? AnnualAppropriation { get; set; }

    public decimal? AnnualCarryover { get; set; }

    public decimal? AnnualOther { get; set; }

    /// <summary>执行率 of 年度资金总额 as printed, percent.</summary>
    public decimal? ExecutionRatePrinted { get; set; }

    /// <summary>全年执行数 / 全年预算数 × 100, recomputed from the printed amounts.</summary>
    public decimal? ExecutionRateRecomputed { get; set; }

    /// <summary>The rate filters, sorting and statistics use: the recomputed rate, else the printed one.</summary>
    public decimal? ExecutionRate { get; set; }

    /// <summary>The execution score (预算执行率得分) the rules give.</summary>
    public decimal? ExecutionScoreRecomputed { get; set; }

    /// <summary>总分 分值 as printed.</summary>
    public decimal? TotalWeight { get; set; }

    /// <summary>总分 得分 as printed.</summary>
    public decimal? TotalScore { get; set; }

    /// <summary>评分等级 as printed (优 / 良 / 中 / 差 or whatever the form says).</summary>
    public string? GradePrinted { get; set; }

    /// <summary>
    /// The grade the form claims: the printed 评分等级 when it reads as one, else the grade its printed total earns.
    /// Null on declarations and forms with neither.
    /// </summary>
    public Grade? Grade { get; set; }

    /// <summary>The recomputed total (<see cref="FormScore.Recomputed"/>), self-evaluations only.</summary>
    public decimal? RecomputedTotal { get; set; }

    /// <summary>Lowest and highest total the rules allow (cannot-assess parts counted from 0 / to their weight).</summary>
    public decimal? RecomputedMin { get; set; }

    public decimal? RecomputedMax { get; set; }

    /// <summary>The grade of the recomputed total.</summary>
    public Grade? RecomputedGrade { get; set; }

    /// <summary>Parts that cannot be assessed ("cannot assess" is never "poor").</summary>
    public int CannotAssessCount { get; set; }

    public int IndicatorCount { get; set; }

    /// <summary>Findings by severity.</summary>
    public int ErrorCount { get; set; }

    public int WarningCount { get; set; }

    public int InfoCount { get; set; }

    /// <summary>Reader diagnostics (what the reader repaired or could not place) inside this form.</summary>
    public int DiagnosticCount { get; set; }

    /// <summary>SHA-256 (hex) of the form's interchange JSON without provenance: equal forms from different files share it.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>
    /// The name of the rule set (评分规则) that scored and checked the form, e.g. <c>national-2020</c>
    /// (<see cref="Core.Scoring.RuleSet.Name"/>); forms stored before it was recorded were all scored by <c>national-2020</c>.
    /// </summary>
    public string RuleSet { get; set; } = "";

    /// <summary>
    /// The precision each number of the form was printed with (its decimal scale: <c>10.00</c> → 2, <c>4.9</c> → 1),
    /// one digit per number in a fixed order (<see cref="Forms.PrintedScales"/>), which the numeric columns do not keep
    /// (SQLite stores REAL, PostgreSQL numeric(12,4)). The checks read a printed number's precision to tell a rounding
    /// from a mistake, so a form re-checked from its stored values needs it. Null on forms stored before it was
    /// recorded: their numbers are read at their shortest precision.
    /// </summary>
    public string? PrintedScales { get; set; }

    /// <summary>
    /// The 1-based source lines of the four fund rows of a self-evaluation (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金),
    /// comma-separated, 0 when unknown (<c>32,33,34,35</c>): findings about a fund row point at its line, so a form
    /// re-checked from its stored values needs them. Null when no row has a line (declarations, JSON, forms stored
    /// before it was recorded).
    /// </summary>
    public string? FundSourceLines { get; set; }

    /// <summary>Provenance: the file and the 1-based first and last line.</summary>
    public string? SourceFile { get; set; }

    public int? SourceFirstLine { get; set; }

    public int? SourceLastLine { get; set; }

    /// <summary>When the form was stored (UTC).</summary>
    public DateTime ImportedAt { get; set; }

    public List<IndicatorRecord> Indicators { get; set; } = [];

    public List<FindingRecord> Findings { get; set; } = [];

    public FormGoalsRecord? Goals { get; set; }
}
