using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Tests.Scoring;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>Mid-year monitoring (双监控): execution against the time line and each indicator's risk, computed by hand.</summary>
public sealed class MonitoringTests
{
    private static readonly MonitoringEvaluator Evaluator = new();
    private static readonly DateOnly June30 = new(2024, 6, 30);
    private static readonly DateOnly August31 = new(2024, 8, 31);

    /// <summary>An approved 2024 declaration: 240 万元 for the year, five indicators.</summary>
    private static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2024,
        ProjectName = "测试项目：社区安防运维",
        Department = "测试主管部门",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds { AnnualTotal = 240m * 10_000m, AnnualAppropriation = 240m * 10_000m },
        Indicators =
        [
            TestForms.Row("产出指标", "数量指标", "巡查次数", "≥120次", null, 20m, null),
            TestForms.Row("产出指标", "质量指标", "设备完好率", "≥95%", null, 15m, null),
            TestForms.Row("产出指标", "时效指标", "故障响应时间", "≤2小时", null, 15m, null),
            TestForms.Row("效益指标", "社会效益指标", "社区治安改善", "有效", null, 30m, null),
            TestForms.Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", null, 10m, null),
        ],
    };

    private static MonitoringReport At(DateOnly date, decimal? executedWan, params IndicatorProgress[] rows) =>
        Evaluator.Evaluate(Declaration(), new MonitoringCheckpoint(date, executedWan * 10_000m, rows));

    private static List<MonitoringWarning> Warnings(MonitoringReport report, string code) => [.. report.Warnings.Where(w => w.Code == code)];

    [Fact]
    public void Months_elapsed_count_whole_months_and_the_days_of_the_current_one()
    {
        Assert.Equal(6m, MonitoringEvaluator.ElapsedMonths(June30, 2024));
        Assert.Equal(8m, MonitoringEvaluator.ElapsedMonths(August31, 2024));
        Assert.Equal(6m + (15m / 31m), MonitoringEvaluator.ElapsedMonths(new DateOnly(2024, 7, 15), 2024));
        Assert.Equal(12m, MonitoringEvaluator.ElapsedMonths(new DateOnly(2024, 12, 31), 2024));
        Assert.Null(MonitoringEvaluator.ElapsedMonths(new DateOnly(2023, 6, 30), 2024));
    }

    [Fact]
    public void Execution_exactly_on_the_green_line_is_green()
    {
        // 96 / 240 = 40%; 30 June: 6 / 12 = 50% of the year; 40 / 0.5 = 80 → green (80 and above)
        var e = At(June30, 96m).Execution;

        Assert.Equal(40m, e.Rate);
        Assert.Equal(50m, e.TimeShare);
        Assert.Equal(80m, e.Progress);
        Assert.Equal(MonitoringLight.Green, e.Light);
    }

    [Fact]
    public void Execution_lagging_on_31_august_is_yellow_with_the_figures_in_the_message()
    {
        // 120 / 240 = 50%; 8 / 12 = 66.67%; 50 / (8/12) = 75 → yellow (60–80)
        var report = At(August31, 120m);

        Assert.Equal(75m, report.Execution.Progress);
        Assert.Equal(MonitoringLight.Yellow, report.Execution.Light);
        var w = Assert.Single(Warnings(report, "MON-EXEC-YELLOW"));
        Assert.Equal(Severity.Warning, w.Severity);
        Assert.Equal("executed", w.Field);
        Assert.Contains("执行进度 75.00%", w.MessageZh, StringComparison.Ordinal);
        Assert.Contains("66.67%", w.MessageEn, StringComparison.Ordinal);
        Assert.Contains("2024年8月31日", w.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Execution_far_behind_is_red()
    {
        // 60 / 240 = 25%; 25 / 0.5 = 50 → red (below 60)
        var report = At(June30, 60m);

        Assert.Equal(50m, report.Execution.Progress);
        Assert.Equal(MonitoringLight.Red, report.Execution.Light);
        Assert.Equal(Severity.Error, Assert.Single(Warnings(report, "MON-EXEC-RED")).Severity);
        Assert.Equal(MonitoringLight.Red, report.Light);
    }

    [Fact]
    public void Thresholds_are_configuration()
    {
        var lenient = new MonitoringEvaluator(thresholds: MonitoringThresholds.Default with { ExecutionRedBelow = 50m, ExecutionGreenFrom = 70m });

        // progress 50 is no longer below the red line: yellow
        var report = lenient.Evaluate(Declaration(), new MonitoringCheckpoint(June30, 60m * 10_000m, []));

        Assert.Equal(MonitoringLight.Yellow, report.Execution.Light);
        Assert.Throws<ArgumentException>(() => new MonitoringEvaluator(thresholds: MonitoringThresholds.Default with { IndicatorRedBelow = 90m }));
    }

    [Fact]
    public void An_adjusted_budget_replaces_the_declared_one_and_overspending_is_red()
    {
        var adjusted = Evaluator.Evaluate(Declaration(), new MonitoringCheckpoint(June30, 96m * 10_000m, []) { Budget = 160m * 10_000m });
        Assert.Equal(60m, adjusted.Execution.Rate);           // 96 / 160
        Assert.Equal(120m, adjusted.Execution.Progress);      // 60 / 0.5

        var over = At(June30, 250m);
        var w = Assert.Single(Warnings(over, "MON-OVERSPEND"));
        Assert.Contains("250.00 万元", w.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_executed_amount_execution_is_not_assessed()
    {
        var report = At(June30, null);

        Assert.Equal(MonitoringLight.Unknown, report.Execution.Light);
        Assert.Equal(Severity.Info, Assert.Single(Warnings(report, "MON-EXEC-UNASSESSED")).Severity);
    }

    [Fact]
    public void A_checkpoint_outside_the_budget_year_has_no_time_line()
    {
        var report = At(new DateOnly(2025, 6, 30), 96m);

        Assert.Single(Warnings(report, "MON-DATE"));
        Assert.Equal(40m, report.Execution.Rate);
        Assert.Null(report.Execution.Progress);
        Assert.Equal(MonitoringLight.Unknown, report.Execution.Light);
    }

    [Theory]
    [InlineData("48次", 80, MonitoringLight.Green)]    // 48 / 120 = 40% of the target in 50% of the year: 80
    [InlineData("42次", 70, MonitoringLight.Yellow)]   // 35% / 50% = 70
    [InlineData("30次", 50, MonitoringLight.Red)]      // 25% / 50% = 50
    public void A_cumulative_indicator_is_paced_against_the_time_line(string toDate, int pace, MonitoringLight light)
    {
        var risk = At(June30, 96m, new IndicatorProgress(0, ToDate: toDate, Cause: DeviationCause.Staffing)).Indicators[0];

        Assert.Equal(ProgressKind.Cumulative, risk.Kind);
        Assert.Equal((decimal)pace, risk.Pace);
        Assert.Equal(light, risk.Light);
    }

    [Fact]
    public void A_red_pace_is_reported_on_the_value_to_date_and_asks_for_a_cause()
    {
        var report = At(June30, 96m, new IndicatorProgress(0, ToDate: "30次"));

        var red = Assert.Single(Warnings(report, "MON-IND-RED"));
        Assert.Equal("indicators[0].toDate", red.Field);
        Assert.Contains("完成进度 50.00%", red.MessageZh, StringComparison.Ordinal);
        Assert.Contains("pace 50.00%", red.MessageEn, StringComparison.Ordinal);
        Assert.Equal("indicators[0].cause", Assert.Single(Warnings(report, "MON-CAUSE-MISSING")).Field);
    }

    [Fact]
    public void A_target_already_reached_is_green_whatever_the_date()
    {
        var risk = At(June30, 96m, new IndicatorProgress(0, ToDate: "125次")).Indicators[0];

        Assert.Equal(MonitoringLight.Green, risk.Light);
        Assert.Null(risk.Pace);
    }

    [Fact]
    public void A_full_year_estimate_below_a_level_target_is_yellow_by_its_completion()
    {
        // 93% against ≥95%: 100 × 93 / 95 = 97.89 by the rules — missed, but not far: yellow
        var report = At(June30, 96m, new IndicatorProgress(1, ToDate: "96%", ExpectedFullYear: "93%", Cause: DeviationCause.Facilities));
        var risk = report.Indicators[1];

        Assert.Equal(ProgressKind.Level, risk.Kind);
        Assert.Equal(MonitoringLight.Green, risk.ToDateLight);
        Assert.Equal(MonitoringLight.Yellow, risk.EstimateLight);
        Assert.Equal(97.89m, risk.Estimate!.Min);
        var w = Assert.Single(Warnings(report, "MON-IND-YELLOW"));
        Assert.Equal("indicators[1].expected", w.Field);
        Assert.Contains("97.89%", w.MessageZh, StringComparison.Ordinal);
        Assert.Empty(Warnings(report, "MON-CAUSE-MISSING"));
    }

    [Theory]
    [InlineData("2.5小时", MonitoringLight.Yellow)]   // reverse, variant A: 100 × 2 / 2.5 = 80
    [InlineData("4小时", MonitoringLight.Red)]        // 100 × 2 / 4 = 50
    [InlineData("1.5小时", MonitoringLight.Green)]    // within the limit
    public void An_upper_limit_is_judged_by_the_rule_sets_reverse_formula(string toDate, MonitoringLight light)
    {
        var risk = At(June30, 96m, new IndicatorProgress(2, ToDate: toDate)).Indicators[2];

        Assert.Equal(ProgressKind.Level, risk.Kind);
        Assert.Equal(light, risk.Light);
    }

    [Fact]
    public void A_qualitative_indicator_is_judged_by_its_band_the_estimate_before_the_value_to_date()
    {
        var both = At(June30, 96m, new IndicatorProgress(3, ToDate: "未达成指标", ExpectedFullYear: "部分达成指标并具有一定效果")).Indicators[3];
        Assert.Equal(ProgressKind.Qualitative, both.Kind);
        Assert.Equal(MonitoringLight.Yellow, both.Light);          // the estimate's band; 未达成 to date is not counted
        Assert.Equal(MonitoringLight.Unknown, both.ToDateLight);

        var toDateOnly = At(June30, 96m, new IndicatorProgress(3, ToDate: "未达成指标")).Indicators[3];
        Assert.Equal(MonitoringLight.Red, toDateOnly.Light);

        var achieved = At(June30, 96m, new IndicatorProgress(3, ExpectedFullYear: "达成指标")).Indicators[3];
        Assert.Equal(MonitoringLight.Green, achieved.Light);
    }

    [Fact]
    public void Impossible_is_red_even_when_the_estimate_meets_the_target()
    {
        var report = At(June30, 96m, new IndicatorProgress(4, ExpectedFullYear: "92%", Likelihood: Likelihood.Impossible, Cause: DeviationCause.Funding));
        var risk = report.Indicators[4];

        Assert.Equal(MonitoringLight.Green, risk.EstimateLight);
        Assert.Equal(MonitoringLight.Red, risk.Light);
        var w = Assert.Single(Warnings(report, "MON-IND-RED"));
        Assert.Equal("indicators[4].likelihood", w.Field);
        Assert.Contains("完全不可能", w.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Possible_is_yellow_unless_configured_otherwise()
    {
        var entry = new IndicatorProgress(4, Likelihood: Likelihood.Possible, Cause: DeviationCause.Other);
        Assert.Equal(MonitoringLight.Yellow, At(June30, 96m, entry).Indicators[4].Light);

        var relaxed = new MonitoringEvaluator(thresholds: MonitoringThresholds.Default with { PossibleIsYellow = false });
        var report = relaxed.Evaluate(Declaration(), new MonitoringCheckpoint(June30, 96m * 10_000m, [entry]));
        Assert.Equal(MonitoringLight.Green, report.Indicators[4].Light);
    }

    [Fact]
    public void Values_in_another_unit_cannot_be_compared_and_say_why()
    {
        var report = At(June30, 96m, new IndicatorProgress(1, ExpectedFullYear: "96天"));

        Assert.Equal(MonitoringLight.Unknown, report.Indicators[1].Light);
        var w = Warnings(report, "MON-IND-UNASSESSED").Single(x => x.Field == "indicators[1].toDate");
        Assert.Contains("计量单位不一致", w.MessageZh, StringComparison.Ordinal);
        Assert.Contains("different units", w.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_without_an_entry_are_not_assessed_and_the_project_light_is_the_worst()
    {
        var report = At(June30, 96m, new IndicatorProgress(0, ToDate: "42次", Cause: DeviationCause.Staffing));

        Assert.Equal(4, Warnings(report, "MON-IND-UNASSESSED").Count);   // rows 1–4
        Assert.Equal(MonitoringLight.Green, report.Execution.Light);
        Assert.Equal(MonitoringLight.Yellow, report.Light);              // row 0 at pace 70
    }

    [Fact]
    public void Entries_must_name_rows_of_the_declaration_once()
    {
        Assert.Throws<ArgumentException>(() => At(June30, 96m, new IndicatorProgress(5, ToDate: "1次")));
        Assert.Throws<ArgumentException>(() => At(June30, 96m, new IndicatorProgress(0), new IndicatorProgress(0)));
    }

    [Fact]
    public void Every_warning_code_is_defined_once()
    {
        var codes = MonitoringWarnings.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.StartsWith("MON-", c, StringComparison.Ordinal));
        Assert.All(codes, c => Assert.Null(CheckCatalogue.Definition(c)));
    }

    [Fact]
    public void The_form_choices_read_their_chinese_labels()
    {
        Assert.Equal(Likelihood.Impossible, MonitoringTerms.ParseLikelihood("完全 不可能"));
        Assert.Equal(DeviationCause.Facilities, MonitoringTerms.ParseCause("硬件条件保障"));
        Assert.Null(MonitoringTerms.ParseCause("天气"));
        Assert.Equal("有可能", Likelihood.Possible.ToChinese());
        Assert.Equal("人员保障", DeviationCause.Staffing.ToChinese());
    }
}
