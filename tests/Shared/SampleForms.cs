using Jixiao.Core.Forms;

namespace Jixiao.Tests.Shared;

/// <summary>Small forms made in code, for tests whose subject is not the reader.</summary>
public static class SampleForms
{
    /// <summary>
    /// A self-evaluation of <paramref name="department"/> in <paramref name="year"/> with one output indicator (产出指标 only),
    /// its funds 90 % executed, totals as printed: 99 points, 优.
    /// </summary>
    public static PerformanceForm SelfEvaluation(string department, int year, string? project = null) => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = year,
        ProjectName = project ?? department + "项目",
        Department = department,
        ImplementingUnit = department,
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { InitialBudget = 100, AnnualBudget = 100, Executed = 90, Weight = 10, ExecutionRate = 90, Score = 9 } },
        Indicators = [new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "完成数量", Target = "=10(个)", Actual = "10(个)", Weight = 90, Score = 90 }],
        TotalWeight = 100,
        TotalScore = 99,
        Grade = "优",
    };
}
