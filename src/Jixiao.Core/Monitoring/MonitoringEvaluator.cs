using System.Globalization;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Monitoring;

/// <summary>
/// Mid-year monitoring (绩效运行监控, 双监控, rules-reference §4) of an approved target declaration at a checkpoint:
/// budget execution against the time-proportional line, and each indicator's risk from the value to date, the
/// full-year estimate and the likelihood the unit gives. Values are compared with the declared targets by the
/// <see cref="Scorer"/> — the target grammar, units, reverse and strict operators of the rule set — never by rules of
/// its own. No I/O; thread-safe.
/// </summary>
public sealed class MonitoringEvaluator
{
    /// <summary>Targets and values are compared as a score out of this, so that a score reads as a percentage.</summary>
    private const decimal Hundred = 100m;

    private readonly Scorer scorer;

    /// <param name="rules">The rule set comparing values with targets; <see cref="RuleSets.National2020"/> when null.</param>
    /// <param name="thresholds">The lights' thresholds; <see cref="MonitoringThresholds.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A red threshold lies above its green one.</exception>
    public MonitoringEvaluator(RuleSet? rules = null, MonitoringThresholds? thresholds = null)
    {
        scorer = new Scorer(rules);
        Thresholds = thresholds ?? MonitoringThresholds.Default;
        Thresholds.Validate();
    }

    /// <summary>The rule set.</summary>
    public RuleSet Rules => scorer.Rules;

    /// <summary>The thresholds.</summary>
    public MonitoringThresholds Thresholds { get; }

    /// <summary>
    /// Months of <paramref name="year"/> elapsed at <paramref name="date"/>: whole months before it plus the share of its
    /// own month (30 June = 6, 31 August = 8, 15 July = 6 + 15/31); null when the date lies in another year.
    /// </summary>
    public static decimal? ElapsedMonths(DateOnly date, int? year)
    {
        if (year is { } y && date.Year != y)
        {
            return null;
        }

        return date.Month - 1 + ((decimal)date.Day / DateTime.DaysInMonth(date.Year, date.Month));
    }

    /// <summary>Monitors <paramref name="declaration"/> at <paramref name="checkpoint"/>.</summary>
    /// <exception cref="ArgumentException">An entry names a row the declaration does not have, or two entries name the same row.</exception>
    public MonitoringReport Evaluate(PerformanceForm declaration, MonitoringCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var entries = Entries(declaration, checkpoint);
        var warnings = new List<MonitoringWarning>();
        var months = ElapsedMonths(checkpoint.Date, declaration.Year);
        var date = Dates(checkpoint.Date);
        if (months is null)
        {
            Warn(warnings, MonitoringWarnings.DateOutsideYear, MonitoringLight.Unknown, MonitoringWarnings.DateField,
                $"监控时点 {date.Zh} 不在预算年度 {declaration.Year} 年内。",
                $"The checkpoint {date.En} is outside the budget year {declaration.Year}.");
        }

        var execution = Execution(declaration, checkpoint, months, date, warnings);
        var risks = new IndicatorRisk[declaration.Indicators.Count];
        for (var i = 0; i < risks.Length; i++)
        {
            risks[i] = Risk(declaration.Indicators[i], i, entries[i] ?? new IndicatorProgress(i), months, date, warnings);
        }

        return new MonitoringReport
        {
            Checkpoint = checkpoint, Rules = Rules, Thresholds = Thresholds, Execution = execution, Indicators = risks, Warnings = warnings,
        };
    }

    private static IndicatorProgress?[] Entries(PerformanceForm declaration, MonitoringCheckpoint checkpoint)
    {
        var entries = new IndicatorProgress?[declaration.Indicators.Count];
        foreach (var p in checkpoint.Indicators)
        {
            if (p.Index < 0 || p.Index >= entries.Length)
            {
                throw new ArgumentException($"Monitoring entry for indicator row {p.Index}: the declaration has {entries.Length} indicators.", nameof(checkpoint));
            }

            if (entries[p.Index] is not null)
            {
                throw new ArgumentException($"Two monitoring entries for indicator row {p.Index}.", nameof(checkpoint));
            }

            entries[p.Index] = p;
        }

        return entries;
    }

    private ExecutionProgress Execution(PerformanceForm declaration, MonitoringCheckpoint checkpoint, decimal? months, (string Zh, string En) date,
        List<MonitoringWarning> warnings)
    {
        var budget = checkpoint.Budget ?? declaration.DeclarationFunds?.AnnualTotal;
        var executed = checkpoint.Executed;
        var unit = declaration.MoneyUnit;
        if (budget is not { } b || b <= 0 || executed is not { } e || e < 0)
        {
            Warn(warnings, MonitoringWarnings.ExecutionUnassessed, MonitoringLight.Unknown, MonitoringWarnings.ExecutedField,
                $"截至 {date.Zh} 的执行数（{Money(executed, unit)}）或全年预算数（{Money(budget, unit)}）缺失或为0，无法计算执行进度。",
                $"The amount executed by {date.En} ({Money(executed, unit)}) or the full-year budget ({Money(budget, unit)}) is missing or 0: execution progress cannot be computed.");
            return new ExecutionProgress(budget, executed, months, null, null, MonitoringLight.Unknown);
        }

        var rate = e / b * 100m;
        if (e > b + FundRates.HalfUnit(Rules, unit))
        {
            Warn(warnings, MonitoringWarnings.Overspent, MonitoringLight.Red, MonitoringWarnings.ExecutedField,
                $"截至 {date.Zh} 执行数 {Money(e, unit)} 已超过全年预算数 {Money(b, unit)}。",
                $"By {date.En} {Money(e, unit)} is executed, more than the full-year budget of {Money(b, unit)}.");
        }

        if (months is not { } m)
        {
            return new ExecutionProgress(b, e, null, rate, null, MonitoringLight.Unknown);
        }

        var time = m * 100m / 12m;
        var progress = rate * 12m / m; // rate ÷ (m / 12), exact for whole months
        var light = Thresholds.ExecutionLight(progress);
        if (light >= MonitoringLight.Yellow)
        {
            var (definition, line) = light == MonitoringLight.Red
                ? (MonitoringWarnings.ExecutionRed, Thresholds.ExecutionRedBelow)
                : (MonitoringWarnings.ExecutionYellow, Thresholds.ExecutionGreenFrom);
            Warn(warnings, definition, light, MonitoringWarnings.ExecutedField,
                $"截至 {date.Zh} 执行率 {F2(rate)}%（{Money(e, unit)} / {Money(b, unit)}），时间进度 {F2(time)}%，执行进度 {F2(progress)}%，低于 {N(line)}%。",
                $"By {date.En} the execution rate is {F2(rate)}% ({Money(e, unit)} / {Money(b, unit)}) against {F2(time)}% of the year elapsed: progress {F2(progress)}%, below {N(line)}%.");
        }

        return new ExecutionProgress(b, e, m, rate, progress, light);
    }

    private IndicatorRisk Risk(Indicator declared, int index, IndicatorProgress entry, decimal? months, (string Zh, string En) date, List<MonitoringWarning> warnings)
    {
        var toDate = string.IsNullOrWhiteSpace(entry.ToDate) ? null : Compare(declared, entry.ToDate, index);
        var estimate = string.IsNullOrWhiteSpace(entry.ExpectedFullYear) ? null : Compare(declared, entry.ExpectedFullYear, index);
        var target = (estimate ?? toDate)?.Target ?? TargetParser.Parse(declared.Target);
        var kind = KindOf(target);

        var likelihoodLight = entry.Likelihood switch
        {
            Likelihood.Impossible => MonitoringLight.Red,
            Likelihood.Possible => Thresholds.PossibleIsYellow ? MonitoringLight.Yellow : MonitoringLight.Green,
            Likelihood.Certain => MonitoringLight.Green,
            _ => MonitoringLight.Unknown,
        };
        var estimateLight = estimate is null ? MonitoringLight.Unknown : LightOf(estimate);
        decimal? pace = null;
        var toDateLight = MonitoringLight.Unknown;
        if (toDate is not null && !(kind == ProgressKind.Qualitative && estimate is not null))
        {
            // a qualitative row's band to date (部分达成 at mid-year) says little once a full-year estimate is given
            if (kind == ProgressKind.Cumulative && toDate.Outcome == IndicatorOutcome.NotMet && toDate.Completion is { } c)
            {
                if (months is { } m)
                {
                    pace = c * 1200m / m; // completion ÷ (m / 12) × 100
                    toDateLight = Thresholds.PaceLight(pace.Value);
                }
            }
            else
            {
                toDateLight = LightOf(toDate);
            }
        }

        var light = Max(Max(likelihoodLight, estimateLight), toDateLight);
        var risk = new IndicatorRisk(index, declared, kind, light, entry, toDate, estimate, pace, toDateLight, estimateLight, likelihoodLight);
        Report(risk, months, date, warnings);
        return risk;
    }

    /// <summary>The value compared with the declared target by the scorer, as an indicator of weight 100.</summary>
    private IndicatorScore Compare(Indicator declared, string value, int index) => scorer.ScoreIndicator(new Indicator
    {
        Level1 = declared.Level1,
        Level2 = declared.Level2,
        Name = declared.Name,
        Target = declared.Target,
        Actual = value,
        Weight = Hundred,
    }, index);

    private static ProgressKind KindOf(TargetValue target) => target.Kind switch
    {
        TargetValueKind.Qualitative => ProgressKind.Qualitative,
        TargetValueKind.Quantitative when !target.IsPercent && target.Unit != "百分点" && target.Number > 0
            && target.Operator is ComparisonOperator.None or ComparisonOperator.Equal or ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater
            => ProgressKind.Cumulative,
        TargetValueKind.Quantitative or TargetValueKind.Growth => ProgressKind.Level,
        _ => ProgressKind.NoTarget,
    };

    /// <summary>Met is green; a missed target yellow or red by its completion; a band by its name; else not judged.</summary>
    private MonitoringLight LightOf(IndicatorScore s) => s.Outcome switch
    {
        IndicatorOutcome.Met => MonitoringLight.Green,
        IndicatorOutcome.NotMet => Thresholds.MissedLight(s.Min),
        IndicatorOutcome.Qualitative => s.Band switch
        {
            QualitativeBand.Achieved => MonitoringLight.Green,
            QualitativeBand.PartiallyAchieved => MonitoringLight.Yellow,
            QualitativeBand.NotAchieved => MonitoringLight.Red,
            _ => MonitoringLight.Unknown,
        },
        _ => MonitoringLight.Unknown,
    };

    private void Report(IndicatorRisk r, decimal? months, (string Zh, string En) date, List<MonitoringWarning> warnings)
    {
        var name = Fields.Name(r.Indicator);
        if (r.Light == MonitoringLight.Unknown)
        {
            var (whyZh, whyEn) = Unassessed(r);
            Warn(warnings, MonitoringWarnings.IndicatorUnassessed, MonitoringLight.Unknown, Fields.Indicator(r.Index, "toDate"),
                $"指标{name}无法判断进度：{whyZh}。", $"The progress of indicator \"{r.Indicator.Name}\" cannot be judged: {whyEn}.");
            return;
        }

        if (!r.AtRisk)
        {
            return;
        }

        var zh = new List<string>(3);
        var en = new List<string>(3);
        string? field = null;
        if (r.LikelihoodLight == r.Light)
        {
            field ??= Fields.Indicator(r.Index, "likelihood");
            zh.Add($"完成目标可能性为“{r.Progress.Likelihood!.Value.ToChinese()}”");
            en.Add(r.Progress.Likelihood == Likelihood.Impossible ? "the unit says the target cannot be met (完全不可能)" : "meeting the target is only possible (有可能)");
        }

        if (r.EstimateLight == r.Light)
        {
            field ??= Fields.Indicator(r.Index, "expected");
            var (z, e) = Shortfall(r.Estimate!, "全年预计完成值", "the full-year estimate");
            zh.Add(z);
            en.Add(e);
        }

        if (r.ToDateLight == r.Light)
        {
            field ??= Fields.Indicator(r.Index, "toDate");
            if (r.Pace is { } pace)
            {
                var s = r.ToDate!;
                var time = months!.Value * 100m / 12m;
                zh.Add($"截至 {date.Zh} 完成 {s.Actual.Raw}，为年度指标值 {s.Target.Raw} 的 {Pct(s.Completion!.Value)}，时间进度 {F2(time)}%，完成进度 {F2(pace)}%");
                en.Add($"by {date.En} {s.Actual.Raw} is done, {Pct(s.Completion.Value)} of the target {s.Target.Raw} with {F2(time)}% of the year elapsed: pace {F2(pace)}%");
            }
            else
            {
                var (z, e) = Shortfall(r.ToDate!, $"截至 {date.Zh} 的完成值", $"the value by {date.En}");
                zh.Add(z);
                en.Add(e);
            }
        }

        var red = r.Light == MonitoringLight.Red;
        Warn(warnings, red ? MonitoringWarnings.IndicatorRed : MonitoringWarnings.IndicatorYellow, r.Light, field!,
            $"指标{name}{(red ? "红色预警" : "黄色预警")}：{string.Join("；", zh)}。",
            $"Indicator \"{r.Indicator.Name}\" is {(red ? "red" : "yellow")}: {string.Join("; ", en)}.");

        if (r.Progress.Cause is null)
        {
            Warn(warnings, MonitoringWarnings.CauseMissing, r.Light, Fields.Indicator(r.Index, "cause"),
                $"指标{name}有预警，但未选择偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）。",
                $"Indicator \"{r.Indicator.Name}\" has a warning but no deviation cause (funding, rules, staffing, facilities, other).");
        }
    }

    /// <summary>How a compared value falls short: a missed target with its completion, or the band it names.</summary>
    private static (string Zh, string En) Shortfall(IndicatorScore s, string whatZh, string whatEn) => s.Outcome == IndicatorOutcome.Qualitative
        ? ($"{whatZh}为“{BandZh(s.Band)}”", $"{whatEn} is {BandEn(s.Band)}")
        : ($"{whatZh} {s.Actual.Raw} 未达到年度指标值 {s.Target.Raw}（按规则完成 {F2(s.Min)}%）",
            $"{whatEn} {s.Actual.Raw} misses the target {s.Target.Raw} ({F2(s.Min)}% by the rules)");

    private static (string Zh, string En) Unassessed(IndicatorRisk r)
    {
        var p = r.Progress;
        if (string.IsNullOrWhiteSpace(p.ToDate) && string.IsNullOrWhiteSpace(p.ExpectedFullYear) && p.Likelihood is null)
        {
            return ("未填写完成值、全年预计完成值或完成目标可能性", "no value to date, full-year estimate or likelihood is recorded");
        }

        if (r.Kind == ProgressKind.Cumulative && r.ToDate?.Outcome == IndicatorOutcome.NotMet)
        {
            return ("监控时点不在预算年度内，无法计算完成进度", "the checkpoint is outside the budget year, so the pace cannot be computed");
        }

        var s = r.Estimate ?? r.ToDate;
        if (s?.Outcome == IndicatorOutcome.CannotAssess)
        {
            return (IssueZh(s.Issue), IssueEn(s.Issue));
        }

        return ("所填内容未说明完成档次", "what is recorded names no level of achievement");
    }

    private static MonitoringLight Max(MonitoringLight a, MonitoringLight b) => a >= b ? a : b;

    private static void Warn(List<MonitoringWarning> warnings, MonitoringWarningDefinition d, MonitoringLight light, string field, string zh, string en) =>
        warnings.Add(new MonitoringWarning(d.Code, d.Severity, light, field, zh, en));

    private static string Money(decimal? yuan, MoneyUnit unit) => yuan is { } y ? Fields.Money(y, unit) : "—";

    private static (string Zh, string En) Dates(DateOnly date) =>
        ($"{date.Year}年{date.Month}月{date.Day}日", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
