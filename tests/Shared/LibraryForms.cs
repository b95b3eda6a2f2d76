using Jixiao.Core.Forms;

namespace Jixiao.Tests.Shared;

/// <summary>
/// Five small forms of two departments whose indicator library is counted by hand in the tests (指标库):
/// <list type="table">
/// <item><term>1</term><description>police, 2023 self-evaluation 治安视频监控运维 (视频监控): 监控点位数 ≥500(个) reached 520 (met);
/// 设备完好率 ≥95% reached 97% (met); 群众满意度 ≥90% reached 88% (not met).</description></item>
/// <item><term>2</term><description>police, 2024 self-evaluation 视频监控系统升级 (视频监控): 监控 点位数 (a spelling of 监控点位数)
/// ≥ 500 个 reached 480 (not met); 设备完好率 ≥95.00(%) reached 99% (met).</description></item>
/// <item><term>3</term><description>police, 2024 declaration 视频监控补点建设 (视频监控): 监控点位数 ≥600(个); 治安案件发案率 下降.</description></item>
/// <item><term>4</term><description>education, 2024 self-evaluation 校园安全技防设施运维 (视频监控, by 技防): 设备完好率 ≥95%
/// reached 96% (met); 校园安全 有效保障 reached 达成指标 (met); 监控点位数量 (a synonym of 监控点位数, to merge) ≥120(个)
/// reached 120 (met).</description></item>
/// <item><term>5</term><description>education, 2024 self-evaluation 中小学教师专业培训 (教育): 参训教师人次 ≥1200(人次) reached 1300 (met);
/// 培训考核合格率 ≥95% reached 90% (not met).</description></item>
/// </list>
/// </summary>
public static class LibraryForms
{
    public const string Police = "江海市临江区公安局";
    public const string Education = "江海市临江区教育局";

    public static IReadOnlyList<PerformanceForm> All() =>
    [
        Self(Police, 2023, "治安视频监控运维",
            Row("产出指标", "数量指标", "监控点位数", "≥500(个)", "520(个)", 30, 30),
            Row("产出指标", "质量指标", "设备完好率", "≥95%", "97%", 30, 30),
            Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", 30, 29.33m, "个别点位报修响应慢")),
        Self(Police, 2024, "视频监控系统升级",
            Row("产出指标", "数量指标", "监控 点位数", "≥ 500 个", "480(个)", 45, 43.2m, "部分点位施工条件受限"),
            Row("产出指标", "质量指标", "设备完好率", "≥95.00(%)", "99%", 45, 45)),
        Declaration(Police, 2024, "视频监控补点建设",
            Row("产出指标", "数量指标", "监控点位数", "≥600(个)"),
            Row("效益指标", "社会效益指标", "治安案件发案率", "下降")),
        Self(Education, 2024, "校园安全技防设施运维",
            Row("产出指标", "质量指标", "设备完好率", "≥95%", "96%", 30, 30),
            Row("效益指标", "社会效益指标", "校园安全", "有效保障", "达成指标", 30, 30),
            Row("产出指标", "数量指标", "监控点位数量", "≥120(个)", "120(个)", 30, 30)),
        Self(Education, 2024, "中小学教师专业培训",
            Row("产出指标", "数量指标", "参训教师人次", "≥1200(人次)", "1300(人次)", 45, 45),
            Row("产出指标", "质量指标", "培训考核合格率", "≥95%", "90%", 45, 42.63m, "部分教师未参加补考")),
    ];

    private static Indicator Row(string level1, string level2, string name, string target, string? actual = null, decimal? weight = null, decimal? score = null, string? deviation = null) =>
        new() { Level1 = level1, Level2 = level2, Name = name, Target = target, Actual = actual, Weight = weight, Score = score, Deviation = deviation };

    private static PerformanceForm Self(string department, int year, string project, params Indicator[] indicators) => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = year,
        ProjectName = project,
        Department = department,
        ImplementingUnit = department,
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds { Total = new FundLine { InitialBudget = 100, AnnualBudget = 100, Executed = 100, Weight = 10, ExecutionRate = 100, Score = 10 } },
        Indicators = [.. indicators],
        TotalWeight = 10 + indicators.Sum(i => i.Weight ?? 0),
        TotalScore = 10 + indicators.Sum(i => i.Score ?? 0),
    };

    private static PerformanceForm Declaration(string department, int year, string project, params Indicator[] indicators) => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = year,
        ProjectName = project,
        Department = department,
        ImplementingUnit = department,
        Category = "一次性项目",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds { ProjectTotal = 200, ProjectFiscal = 200, AnnualTotal = 200, AnnualAppropriation = 200 },
        Indicators = [.. indicators],
    };
}
