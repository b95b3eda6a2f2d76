using Jixiao.Core.Forms;

namespace Jixiao.Core.Tests.Scoring;

/// <summary>
/// Small hand-made forms for the scoring and check tests (never corpus text). <see cref="Valid"/> is a
/// self-evaluation every check passes; a test changes the one value it is about.
/// </summary>
public static class TestForms
{
    /// <summary>One indicator row.</summary>
    public static Indicator Row(string level1, string level2, string name, string? target, string? actual,
        decimal? weight, decimal? score, string? deviation = null) => new()
        {
            Level1 = level1,
            Level2 = level2,
            Name = name,
            Target = target,
            Actual = actual,
            Weight = weight,
            Score = score,
            Deviation = deviation,
        };

    /// <summary>A quantitative output row (产出/数量) with the given values.</summary>
    public static Indicator Output(string name, string target, string actual, decimal weight, decimal score, string? deviation = null) =>
        Row("产出指标", "数量指标", name, target, actual, weight, score, deviation);

    /// <summary>
    /// A consistent self-evaluation in 万元: budget 100, executed 100 (rate 100.00, 10/10); indicators 产出 50 /
    /// 效益 30 / 满意度 10, every target quantitative and met; total 100.00, grade 优.
    /// </summary>
    public static PerformanceForm Valid() => SelfEvaluation(
        Row("产出指标", "质量指标", "设备维护完成率", "=100.00(%)", "100.00(%)", 20m, 20m),
        Row("产出指标", "质量指标", "维护质量合格率", "≥95.00(%)", "98.00(%)", 15m, 15m),
        Row("产出指标", "时效指标", "故障响应时间", "≤2.00(小时)", "1.50(小时)", 15m, 15m),
        Row("效益指标", "社会效益指标", "设备完好率", "≥90.00(%)", "96.00(%)", 15m, 15m),
        Row("效益指标", "可持续影响指标", "有责投诉事件数", "=0.00(起)", "0.00(起)", 15m, 15m),
        Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90.00(%)", "93.00(%)", 10m, 10m));

    /// <summary>
    /// A self-evaluation with these indicators, budget and execution as given (万元), the printed rate, execution
    /// score and totals computed consistently (rounded half up), and the grade of that total.
    /// </summary>
    public static PerformanceForm SelfEvaluation(params Indicator[] indicators) => SelfEvaluation(100m, 100m, indicators);

    public static PerformanceForm SelfEvaluation(decimal budgetWan, decimal executedWan, params Indicator[] indicators)
    {
        var rate = (budgetWan == 0 ? 0m : Math.Round(executedWan / budgetWan * 100m, 2, MidpointRounding.AwayFromZero)) + 0.00m;
        var execScore = Math.Round(Math.Min(rate, 100m) * 10m / 100m, 2, MidpointRounding.AwayFromZero) + 0.00m;
        var form = new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = 2024,
            ProjectName = "测试项目：设备运行维护",
            Department = "测试主管部门",
            ImplementingUnit = "测试实施单位",
            MoneyUnit = MoneyUnit.TenThousandYuan,
            SelfEvaluationFunds = new SelfEvaluationFunds
            {
                Total = Line(budgetWan, executedWan, 10.00m, rate, execScore),
                Appropriation = Line(budgetWan, executedWan, null, rate, null),
                Carryover = Line(0m, 0m, null, 0.00m, null),
                Other = Line(0m, 0m, null, 0.00m, null),
            },
            Goals = new Goals
            {
                Expected = "保障设备全年正常运行，及时处置故障。",
                Actual = "全年完成设备维护 120 次，故障均在 2 小时内处置。",
            },
            Indicators = [.. indicators],
            TotalWeight = 100.00m,
        };
        var total = execScore;
        foreach (var i in indicators)
        {
            total += i.Score ?? 0m;
        }

        form.TotalScore = total;
        form.Grade = total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";
        return form;
    }

    /// <summary>A fund line from amounts printed in 万元 (stored in yuan).</summary>
    public static FundLine Line(decimal budgetWan, decimal executedWan, decimal? weight, decimal? rate, decimal? score) => new()
    {
        InitialBudget = budgetWan * 10_000m,
        AnnualBudget = budgetWan * 10_000m,
        Executed = executedWan * 10_000m,
        Weight = weight,
        ExecutionRate = rate,
        Score = score,
    };

    /// <summary>Recomputes <see cref="PerformanceForm.TotalScore"/> and the grade after a test changed scores.</summary>
    public static PerformanceForm Retotal(this PerformanceForm form)
    {
        var total = form.SelfEvaluationFunds?.Total?.Score ?? 0m;
        foreach (var i in form.Indicators)
        {
            total += i.Score ?? 0m;
        }

        form.TotalScore = total;
        form.Grade = total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";
        return form;
    }

    /// <summary>A consistent target declaration: quantitative targets in all three categories, funds adding up.</summary>
    public static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2023,
        ProjectName = "测试项目：辅助人员经费",
        Department = "测试主管部门",
        ImplementingUnit = "测试实施单位",
        Category = "经常性项目",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds
        {
            ProjectTotal = 500m * 10_000m,
            ProjectFiscal = 500m * 10_000m,
            AnnualTotal = 500m * 10_000m,
            AnnualAppropriation = 450m * 10_000m,
            AnnualCarryover = 50m * 10_000m,
        },
        Goals = new Goals { Overall = "保障辅助人员队伍稳定。", Annual = "全年足额发放 120 人薪酬。" },
        Indicators =
        [
            Row("产出指标", "数量指标", "人员配备数", "≥120 人", null, null, null),
            Row("产出指标", "时效指标", "薪酬按月发放率", "=100%", null, null, null),
            Row("效益指标", "社会效益指标", "人员留任率", "≥95%", null, null, null),
            Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", null, null, null),
        ],
    };
}
