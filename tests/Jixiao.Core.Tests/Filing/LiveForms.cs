using Jixiao.Core.Forms;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Filing;

/// <summary>Small hand-made drafts (never corpus text): forms as a unit has typed them so far.</summary>
internal static class LiveForms
{
    /// <summary>
    /// A self-evaluation started from a declaration, actual values typed, no score typed. Budget 200 万元, executed 180.
    /// <list type="bullet">
    /// <item>0 设备巡检次数 ≥100次, actual 90次, weight 20: missed, 20 × 90 / 100 = 18.00</item>
    /// <item>1 故障响应时间 ≤2小时, actual 2.5小时, weight 15: missed reverse (variant A), 15 × 2 / 2.5 = 12.00</item>
    /// <item>2 设备完好率 ≥95%, actual 96%, weight 15: met, 15.00</item>
    /// <item>3 安全运行保障 有效, actual 部分达成…, weight 30: band 60–80%, [18.00, 24.00]</item>
    /// <item>4 使用人员满意度 ≥90%, actual 93%, weight 10: met, 10.00</item>
    /// <item>execution 180 / 200 = 90.00%, × 10 = 9.00</item>
    /// </list>
    /// </summary>
    public static PerformanceForm SelfEvaluationDraft()
    {
        var form = TestForms.SelfEvaluation(200m, 180m,
            TestForms.Row("产出指标", "数量指标", "设备巡检次数", "≥100次", "90次", 20m, null),
            TestForms.Row("产出指标", "时效指标", "故障响应时间", "≤2小时", "2.5小时", 15m, null),
            TestForms.Row("产出指标", "质量指标", "设备完好率", "≥95%", "96%", 15m, null),
            TestForms.Row("效益指标", "社会效益指标", "安全运行保障", "有效", "部分达成指标并具有一定效果", 30m, null),
            TestForms.Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", "93%", 10m, null));

        // nothing the rules compute is typed yet
        var total = form.SelfEvaluationFunds!.Total!;
        total.Weight = null;
        total.ExecutionRate = null;
        total.Score = null;
        form.TotalWeight = null;
        form.TotalScore = null;
        form.Grade = null;
        return form;
    }

    /// <summary>A declaration being built: <see cref="TestForms.Declaration"/> (funds adding up) with the given rows.</summary>
    public static PerformanceForm Declaration(params Indicator[] rows)
    {
        var form = TestForms.Declaration();
        form.Indicators = [.. rows];
        return form;
    }

    /// <summary>A declaration row with a weight.</summary>
    public static Indicator Row(string level1, string level2, string name, string? target, decimal? weight) =>
        TestForms.Row(level1, level2, name, target, null, weight, null);
}
