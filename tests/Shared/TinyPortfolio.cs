using Jixiao.Core.Forms;

namespace Jixiao.Tests.Shared;

/// <summary>
/// A portfolio small enough to add up by hand, for the budget and execution-rate rule: in 2024 示例区财政局 declared
/// 项目甲 (100 万元) and evaluated it (全年预算数 120 万元, 全年执行数 115 万元); its self-evaluation of 项目乙 states a
/// budget (50 万元) but no executed amount; its department self-evaluation (部门整体) states 30 万元 and 29.9 万元.
/// </summary>
public static class TinyPortfolio
{
    public const string Department = "示例区财政局";
    public const int Year = 2024;

    /// <summary>项目甲 1,200,000 + 部门整体 300,000: the self-evaluations that state both amounts.</summary>
    public const decimal Budget = 1_500_000m;

    /// <summary>项目甲 1,150,000 + 部门整体 299,000.</summary>
    public const decimal Executed = 1_449_000m;

    /// <summary>1,449,000 ÷ 1,500,000 × 100.</summary>
    public const decimal ExecutionRate = 96.6m;

    /// <summary>The declaration of 项目甲, apart.</summary>
    public const decimal DeclaredBudget = 1_000_000m;

    /// <summary>The rate the overview showed before: every budget, declarations too, 1,449,000 ÷ 3,000,000 × 100.</summary>
    public const decimal RateCountingEveryBudget = 48.3m;

    /// <summary>(95.5 + 80 + 90) ÷ 3: the three self-evaluations print a total, the declaration none.</summary>
    public const decimal MeanPrintedTotal = 88.5m;

    public static IReadOnlyList<PerformanceForm> Forms() =>
    [
        new()
        {
            Kind = FormKind.TargetDeclaration,
            Year = Year,
            ProjectName = "项目甲",
            Department = Department,
            ImplementingUnit = "示例区财政局信息中心",
            MoneyUnit = MoneyUnit.TenThousandYuan,
            DeclarationFunds = new DeclarationFunds { ProjectTotal = 1_000_000m, ProjectFiscal = 1_000_000m, AnnualTotal = 1_000_000m, AnnualAppropriation = 1_000_000m },
            Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "系统上线数", Target = "=2(个)" }],
        },
        SelfEvaluation(FormKind.SelfEvaluation, "项目甲", 1_200_000m, 1_150_000m, 95.5m),
        SelfEvaluation(FormKind.SelfEvaluation, "项目乙", 500_000m, null, 80m),
        SelfEvaluation(FormKind.DepartmentSelfEvaluation, "示例区财政局部门整体支出", 300_000m, 299_000m, 90m),
    ];

    private static PerformanceForm SelfEvaluation(FormKind kind, string project, decimal budget, decimal? executed, decimal total) => new()
    {
        Kind = kind,
        Year = Year,
        ProjectName = project,
        Department = Department,
        ImplementingUnit = "示例区财政局信息中心",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds
        {
            Total = new FundLine
            {
                InitialBudget = budget,
                AnnualBudget = budget,
                Executed = executed,
                Weight = 10,
                ExecutionRate = executed is { } e ? Math.Round(e / budget * 100m, 2) : null,
                Score = executed is null ? null : 9.5m,
            },
        },
        Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "系统上线数", Target = "=2(个)", Actual = "2(个)", Weight = 90, Score = total - 9.5m }],
        TotalWeight = 100,
        TotalScore = total,
    };
}
