using System.Text;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Synthetic;

/// <summary>
/// Makes realistic synthetic performance forms — about 90% self-evaluations (财政项目支出绩效自评表), the rest target
/// declarations (绩效目标申报表) — and writes them in the corpus text layout (TAB-separated PDF-extracted text),
/// with some layout damage and, at a known rate, deliberate mistakes recorded in a manifest
/// (<see cref="GeneratedForm.Mistakes"/>). Deterministic for a seed and options; streams without memory growth.
/// </summary>
/// <remarks>
/// A clean form follows the national rules (财预〔2020〕10号): indicator weights 50/30/10 (or 成本 10 + 40/30/10) plus
/// 10 for budget execution, met targets score their weight, missed quantitative targets score weight × actual /
/// target, qualitative bands 80–100% / 60–80% / 0–60%, a deviation text wherever points are lost, execution score
/// = rate × weight, total = sum, grade by 90/80/60. An injected mistake breaks exactly one of these.
/// Not thread-safe: one generator per thread.
/// </remarks>
public sealed partial class FormGenerator
{
    private static readonly string[] Levels1 = [IndicatorVocabulary.Cost, IndicatorVocabulary.Output, IndicatorVocabulary.Benefit, IndicatorVocabulary.Satisfaction];

    private readonly Random _rng;
    private readonly GeneratorOptions _options;
    private readonly Department[] _departments;
    private readonly StringBuilder _text = new(8 * 1024);
    private long _ordinal;
    private int _nextLine = 3; // a file starts with two empty lines, like the corpus

    public FormGenerator(int seed, GeneratorOptions? options = null)
    {
        _rng = new Random(seed);
        _options = options ?? new GeneratorOptions();
        if (_options.ErrorRate is < 0 or > 1 || double.IsNaN(_options.ErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ErrorRate must be between 0 and 1.");
        }

        _departments = BuildDepartments();
    }

    public GeneratorOptions Options => _options;

    /// <summary>The next <paramref name="count"/> forms (endless when not given), in the order <see cref="WriteText(TextWriter, long, long, Action{GeneratedForm}?)"/> writes them.</summary>
    public IEnumerable<GeneratedForm> Generate(long count = long.MaxValue)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    /// <summary>
    /// Writes forms in the corpus text layout: two empty lines, then the forms separated by one blank line.
    /// Stops after <paramref name="count"/> forms or once <paramref name="maxBytes"/> UTF-8 bytes are written.
    /// Call once per output file: line numbers in the provenance count from the start of this output.
    /// </summary>
    public GenerationSummary WriteText(TextWriter writer, long count, long maxBytes = long.MaxValue, Action<GeneratedForm>? onForm = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long forms = 0, self = 0, declarations = 0, withMistakes = 0, bytes = 0, lines = 0;
        if (count > 0 && maxBytes > 0)
        {
            writer.Write("\n\n");
            bytes += 2;
            lines += 2;
        }

        while (forms < count && bytes < maxBytes)
        {
            var form = Next();
            if (forms > 0)
            {
                writer.Write('\n');
                bytes++;
                lines++;
            }

            writer.Write(form.Text);
            bytes += Encoding.UTF8.GetByteCount(form.Text);
            lines += form.LineCount;
            forms++;
            if (form.Form.Kind == FormKind.TargetDeclaration)
            {
                declarations++;
            }
            else
            {
                self++;
            }

            if (form.Mistakes.Count > 0)
            {
                withMistakes++;
            }

            onForm?.Invoke(form);
        }

        return new GenerationSummary(forms, self, declarations, withMistakes, bytes, lines);
    }

    /// <summary>Generates the whole text of <paramref name="count"/> forms as one string (small counts; tests).</summary>
    public string GenerateText(int count)
    {
        using var writer = new StringWriter();
        WriteText(writer, count);
        return writer.ToString();
    }

    /// <summary>Generates the next form.</summary>
    public GeneratedForm Next()
    {
        _ordinal++;
        var declaration = _options.Kinds switch
        {
            GeneratedKinds.TargetDeclaration => true,
            GeneratedKinds.SelfEvaluation => false,
            _ => _rng.NextDouble() < _options.DeclarationShare,
        };

        var draft = declaration ? DraftDeclaration() : DraftSelfEvaluation();
        if (_rng.NextDouble() < _options.ErrorRate)
        {
            InjectMistake(draft);
        }

        ApplyPrintedPrecision(draft);
        ChooseDamage(draft);
        var firstLine = _nextLine;
        _text.Clear();
        var lineCount = new FormTextRenderer(_text, _rng, draft, firstLine).Render();
        var lastLine = firstLine + lineCount - 1;
        draft.Form.Provenance = new Provenance(_options.FileName, firstLine, lastLine);
        _nextLine = lastLine + 2;

        return new GeneratedForm
        {
            Ordinal = _ordinal,
            Form = draft.Form,
            Mistakes = draft.Mistakes,
            Damage = draft.Damage,
            Text = _text.ToString(),
            LineCount = lineCount,
        };
    }

    // ----------------------------------------------------------------- departments

    private Department[] BuildDepartments()
    {
        var list = new List<Department>();
        foreach (var (district, abbr) in Vocabulary.Districts)
        {
            foreach (var domain in Vocabulary.Domains)
            {
                var name = Vocabulary.City + district + domain.Agency;
                var units = domain.Units.Select(u => Vocabulary.City + district + u).Prepend(name).ToArray();
                list.Add(new Department(name, units, domain, (HouseStyle)(list.Count % 3), abbr));
            }
        }

        for (var i = 0; i < Vocabulary.Towns.Length; i++)
        {
            var town = Vocabulary.Towns[i];
            var (district, abbr) = Vocabulary.Districts[i % Vocabulary.Districts.Length];
            var name = Vocabulary.City + district + town + (town.EndsWith('镇') ? "人民政府" : "办事处");
            var units = Vocabulary.Community.Units.Select(u => district + town + u).Prepend(name).ToArray();
            // Towns keep their accounts in 元, like many township forms.
            list.Add(new Department(name, units, Vocabulary.Community, HouseStyle.Town, abbr));
        }

        return [.. list];
    }

    private Department PickDepartment() => _departments[_rng.Next(_departments.Length)];

    private string Pick(string[] items) => items[_rng.Next(items.Length)];

    private decimal Uniform(double min, double max) => (decimal)(min + (_rng.NextDouble() * (max - min)));

    private bool Chance(double p) => _rng.NextDouble() < p;

    private static decimal R2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    // ----------------------------------------------------------------- self-evaluation

    private Draft DraftSelfEvaluation()
    {
        var dept = PickDepartment();
        var year = 2021 + _rng.Next(5);
        var style = dept.Style;
        var form = new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = year,
            Department = dept.Name,
            ImplementingUnit = Chance(0.25) ? dept.Name : dept.Units[1 + _rng.Next(dept.Units.Length - 1)],
            MoneyUnit = style == HouseStyle.Town ? MoneyUnit.Yuan : MoneyUnit.TenThousandYuan,
        };
        var topic = Pick(dept.Domain.Topics);
        form.ProjectName = ProjectName(topic, year, dept.Abbr);
        var draft = new Draft(form, style) { AsciiOperators = style == HouseStyle.Town && Chance(0.5) };

        MakeSelfEvaluationFunds(draft);
        form.Goals = new Goals
        {
            Expected = ExpectedGoal(dept.Domain, topic),
            Actual = ActualGoal(dept.Domain, topic, year),
        };

        MakeIndicators(draft, dept.Domain, year);
        draft.PrintGrade = style == HouseStyle.Bureau || Chance(0.15);
        Recompute(draft);
        return draft;
    }

    private string ProjectName(string topic, int year, string abbr)
    {
        var roll = _rng.NextDouble();
        if (roll < 0.35)
        {
            return $"{year}年{topic}";
        }

        if (roll < 0.55)
        {
            return topic + "经费";
        }

        if (roll < 0.7)
        {
            return topic + "项目";
        }

        var number = 1 + _rng.Next(320);
        var issued = year - _rng.Next(2);
        var suffix = _rng.Next(4) switch
        {
            0 => $"（{abbr}财预〔{issued}〕{number}号）",
            1 => $"({abbr}财行[{issued}]{number}号)",
            2 => $"（{abbr}发改【{issued}】{number:000}号）",
            _ => $"（{year - 1}年结转）",
        };
        return topic + suffix;
    }

    private string ExpectedGoal(Domain domain, string topic)
    {
        var a = Pick(domain.Purposes);
        var b = Pick(Vocabulary.GenericPurposes);
        return _rng.Next(3) switch
        {
            0 => $"通过实施{topic}，{a}，{b}。",
            1 => $"按照年度工作计划，做好{topic}相关工作，{a}，{b}，确保资金安全高效使用。",
            _ => $"以{a}为目标，统筹推进{topic}，{b}。",
        };
    }

    private string ActualGoal(Domain domain, string topic, int year)
    {
        var a = Pick(domain.Outcomes);
        var b = Pick(domain.Outcomes);
        if (a == b)
        {
            b = Pick(Vocabulary.GenericPurposes);
        }

        return _rng.Next(3) switch
        {
            0 => $"{year}年度{topic}按计划实施，{a}，{b}。",
            1 => $"项目全年有序推进，{a}；{b}，年度目标基本实现。",
            _ => $"已完成{topic}各项任务，{a}。",
        };
    }

    private void MakeSelfEvaluationFunds(Draft draft)
    {
        var yuan = draft.Form.MoneyUnit == MoneyUnit.Yuan;
        // printed units: 万元 with two decimals, or 元 (often whole)
        decimal annual = yuan
            ? Math.Round((decimal)Math.Exp((double)Uniform(Math.Log(30_000), Math.Log(30_000_000))), Chance(0.5) ? 0 : 2)
            : R2((decimal)Math.Exp((double)Uniform(Math.Log(3), Math.Log(25_000))));
        annual = Math.Max(annual, 1m);

        var initial = _rng.NextDouble() switch
        {
            < 0.6 => annual,
            < 0.85 => 0m,
            _ => R2(annual * Uniform(0.7, 1.3)),
        };
        var executed = Chance(0.5) ? annual : R2(annual * Uniform(0.86, 0.999));

        decimal carryShare = Chance(0.12) ? Uniform(0.05, 0.4) : 0m;
        decimal otherShare = Chance(0.08) ? Uniform(0.05, 0.3) : 0m;
        var carryAnnual = R2(annual * carryShare);
        var otherAnnual = R2(annual * otherShare);
        var otherInitial = R2(initial * otherShare);
        var carryExecuted = R2(executed * carryShare);
        var otherExecuted = R2(executed * otherShare);

        var unit = draft.Form.MoneyUnit;
        var totalLine = Line(initial, annual, executed);
        totalLine.Weight = 10;
        var appropriation = Line(initial - otherInitial, annual - carryAnnual - otherAnnual, executed - carryExecuted - otherExecuted);
        var carryover = Line(0, carryAnnual, carryExecuted);
        var other = Line(otherInitial, otherAnnual, otherExecuted);
        var funds = new SelfEvaluationFunds { Total = totalLine, Appropriation = appropriation, Carryover = carryover, Other = other };
        if (draft.Style == HouseStyle.Town)
        {
            // township forms print no 执行率 on sub-rows and leave 全年执行数 of empty sub-rows blank
            foreach (var sub in new[] { appropriation, carryover, other })
            {
                sub.ExecutionRate = null;
                if (sub.AnnualBudget == 0 && sub.Executed == 0)
                {
                    sub.Executed = null;
                }
            }
        }

        draft.Form.SelfEvaluationFunds = funds;
        return;

        FundLine Line(decimal i, decimal a, decimal e)
        {
            return new FundLine
            {
                InitialBudget = unit.ToYuan(i),
                AnnualBudget = unit.ToYuan(a),
                Executed = unit.ToYuan(e),
                ExecutionRate = Rate(e, a),
            };
        }
    }

    private static decimal Rate(decimal executed, decimal annual) => annual > 0 ? R2(executed / annual * 100) : 0m;

    /// <summary>Score of budget execution: rate × weight, capped at the weight.</summary>
    private static decimal ExecutionScore(decimal rate, decimal weight) => R2(Math.Min(rate, 100m) / 100m * weight);

    // ----------------------------------------------------------------- indicators

    private void MakeIndicators(Draft draft, Domain domain, int year)
    {
        var withCost = year >= 2024 ? Chance(0.6) : Chance(0.12);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level1 in Levels1)
        {
            if (level1 == IndicatorVocabulary.Cost && !withCost)
            {
                continue;
            }

            var weight = level1 switch
            {
                IndicatorVocabulary.Cost => 10,
                IndicatorVocabulary.Output => withCost ? 40 : 50,
                IndicatorVocabulary.Benefit => 30,
                _ => 10,
            };

            var templates = new List<IndicatorTemplate>();
            foreach (var (level2, min, max, probability) in Plan(level1))
            {
                if (!Chance(probability))
                {
                    continue;
                }

                var n = min + _rng.Next(max - min + 1);
                for (var k = 0; k < n; k++)
                {
                    var t = PickTemplate(domain, level2, used);
                    if (t is not null)
                    {
                        templates.Add(t);
                    }
                }
            }

            if (templates.Count == 0)
            {
                var fallbackLevel2 = level1 switch
                {
                    IndicatorVocabulary.Cost => "经济成本指标",
                    IndicatorVocabulary.Output => "时效指标",
                    IndicatorVocabulary.Benefit => "可持续影响指标",
                    _ => "服务对象满意度指标",
                };
                templates.Add(PickTemplate(domain, fallbackLevel2, used) ?? IndicatorTemplate.W(fallbackLevel2, "工作任务完成情况", "完成"));
            }

            var weights = SplitWeight(weight, templates.Count);
            for (var i = 0; i < templates.Count; i++)
            {
                draft.Add(MakeIndicator(draft, level1, templates[i], weights[i]));
            }
        }
    }

    private static (string Level2, int Min, int Max, double Probability)[] Plan(string level1) => level1 switch
    {
        IndicatorVocabulary.Cost => [("经济成本指标", 1, 1, 1.0), ("社会成本指标", 1, 1, 0.5), ("生态环境成本指标", 1, 1, 0.4)],
        IndicatorVocabulary.Output => [("数量指标", 1, 3, 1.0), ("质量指标", 1, 2, 1.0), ("时效指标", 1, 1, 0.9)],
        IndicatorVocabulary.Benefit => [("经济效益指标", 1, 1, 0.2), ("社会效益指标", 1, 2, 1.0), ("生态效益指标", 1, 1, 0.25), ("可持续影响指标", 1, 2, 0.6)],
        _ => [("服务对象满意度指标", 1, 2, 1.0)],
    };

    private IndicatorTemplate? PickTemplate(Domain domain, string level2, HashSet<string> used)
    {
        // domain-specific first (70%), the generic catalogue otherwise
        var preferDomain = Chance(0.7);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var source = (attempt == 0) == preferDomain ? domain.Indicators : Vocabulary.Generic;
            var candidates = source.Where(t => t.Level2 == level2 && !used.Contains(t.Name)).ToArray();
            if (candidates.Length > 0)
            {
                var t = candidates[_rng.Next(candidates.Length)];
                used.Add(t.Name);
                return t;
            }
        }

        return null;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="n"/> whole weights of at least 2 that add up exactly.</summary>
    private int[] SplitWeight(int total, int n)
    {
        var weights = new int[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = (total / n) + (i < total % n ? 1 : 0);
        }

        for (var k = 0; k < n; k++)
        {
            var from = _rng.Next(n);
            var to = _rng.Next(n);
            var d = 1 + _rng.Next(2);
            if (from != to && weights[from] - d >= 2)
            {
                weights[from] -= d;
                weights[to] += d;
            }
        }

        return weights;
    }

    private IndicatorDraft MakeIndicator(Draft draft, string level1, IndicatorTemplate t, int weight)
    {
        var declaration = draft.Form.Kind == FormKind.TargetDeclaration;
        var indicator = new Indicator { Level1 = level1, Level2 = t.Level2, Name = t.Name };
        var d = new IndicatorDraft(indicator, t) { Op = t.Op, Unit = t.Unit };
        if (!declaration)
        {
            indicator.Weight = weight;
        }

        switch (t.Shape)
        {
            case TargetShape.Word:
                d.Quantitative = false;
                indicator.Target = t.Word;
                if (!declaration)
                {
                    var roll = _rng.NextDouble();
                    d.Band = roll < 0.85 ? Band.Achieved : roll < 0.97 ? Band.Partial : Band.NotAchieved;
                    var ratio = d.Band switch
                    {
                        Band.Achieved => 1m,
                        Band.Partial => 0.6m + (0.05m * _rng.Next(4)),
                        _ => 0.3m + (0.1m * _rng.Next(3)),
                    };
                    indicator.Score = R2(weight * ratio);
                    indicator.Actual = QualitativeActual(draft, t.Word, d.Band);
                    if (d.Band != Band.Achieved)
                    {
                        indicator.Deviation = DeviationText(t.Name);
                    }
                }

                break;

            case TargetShape.Zero:
                d.Quantitative = true;
                d.TargetNumber = 0;
                indicator.Target = FormatTarget(draft, "=", 0, t.Unit);
                if (!declaration)
                {
                    d.ActualNumber = 0;
                    indicator.Actual = FormatActual(draft, 0, t.Unit);
                    indicator.Score = weight;
                }

                break;

            default:
                d.Quantitative = true;
                var target = t.Shape == TargetShape.Percent ? t.Min : NiceNumber(t.Min, t.Max);
                d.TargetNumber = target;
                indicator.Target = FormatTarget(draft, t.Op, target, t.Unit);
                if (!declaration)
                {
                    var met = t.Op == "≤" || !Chance(t.Shape == TargetShape.Percent ? 0.1 : 0.15);
                    decimal actual;
                    if (t.Op == "≤")
                    {
                        actual = t.Shape == TargetShape.Percent
                            ? RoundActual(draft, target * Uniform(0.1, 1.0))
                            : Math.Floor(target * Uniform(0.6, 1.0));
                        if (BudgetRate(draft, t, target) is { } rate)
                        {
                            actual = RoundActual(draft, rate); // a cost kept within the budget is measured by the fund table (COST-FUNDS)
                        }
                    }
                    else if (met)
                    {
                        actual = t.Op == "=" ? target
                            : t.Shape == TargetShape.Percent ? RoundActual(draft, target + ((100 - target) * Uniform(0, 1)))
                            : Math.Round(target * Uniform(1.0, 1.08), 0);
                    }
                    else
                    {
                        actual = t.Shape == TargetShape.Percent
                            ? RoundActual(draft, target * Uniform(0.85, 0.99))
                            : Math.Round(target * Uniform(0.75, 0.97), 0);
                        if (actual >= target)
                        {
                            actual = target - 1;
                        }
                    }

                    d.ActualNumber = actual;
                    indicator.Actual = FormatActual(draft, actual, t.Unit);
                    if (t.Op != "≤" && actual < target)
                    {
                        indicator.Score = R2(weight * actual / target);
                        indicator.Deviation = DeviationText(t.Name);
                    }
                    else
                    {
                        indicator.Score = weight;
                    }
                }

                break;
        }

        return d;
    }

    /// <summary>For a cost indicator capped at ≤ 100% of the budget: the form's execution rate, which is what it measures.</summary>
    private static decimal? BudgetRate(Draft draft, IndicatorTemplate t, decimal target)
    {
        var total = draft.Form.SelfEvaluationFunds?.Total;
        return t.Shape == TargetShape.Percent && target == 100m && t.Level2.EndsWith("成本指标", StringComparison.Ordinal)
            && total?.AnnualBudget is > 0m and var budget && total.Executed is { } executed
            ? executed / budget * 100m
            : null;
    }

    private decimal NiceNumber(decimal min, decimal max)
    {
        var value = Math.Round(min + ((max - min) * (decimal)_rng.NextDouble()), 0);
        var step = value >= 10_000 ? 1000 : value >= 1000 ? 100 : value >= 200 ? 10 : 1;
        return Math.Max(min, Math.Round(value / step, 0) * step);
    }

    private decimal RoundActual(Draft draft, decimal value) =>
        Math.Round(value, draft.Style == HouseStyle.Town ? 1 : 2, MidpointRounding.AwayFromZero);

    private string QualitativeActual(Draft draft, string word, Band band)
    {
        if (draft.Style == HouseStyle.Town)
        {
            return band switch
            {
                Band.Achieved => word,
                Band.Partial => "基本" + word,
                _ => "未达到" + word,
            };
        }

        return band switch
        {
            Band.Achieved => "达成指标",
            Band.Partial => "部分达成指标并具有一定效果",
            _ => "未达成指标且效果较差",
        };
    }

    private string DeviationText(string name)
    {
        var cause = Pick(Vocabulary.DeviationCauses);
        var fix = Pick(Vocabulary.DeviationFixes);
        return _rng.Next(2) == 0
            ? $"受{cause}影响，{name}未完全达到预期，下一步将{fix}。"
            : $"因{cause}，部分工作未按计划完成，今后{fix}。";
    }

    /// <summary>Recomputes the execution score, the total and the grade from the printed parts.</summary>
    private static void Recompute(Draft draft)
    {
        var form = draft.Form;
        var total = form.SelfEvaluationFunds!.Total!;
        if (!draft.ExecutionScoreFixed)
        {
            total.Score = ExecutionScore(total.ExecutionRate ?? 0, total.Weight ?? 0);
        }

        if (!draft.TotalFixed)
        {
            form.TotalScore = R2(form.Indicators.Sum(i => i.Score ?? 0) + (total.Score ?? 0));
        }

        form.TotalWeight = 100;
        if (!draft.GradeFixed)
        {
            form.Grade = draft.PrintGrade ? GradeOf(form.TotalScore ?? 0) : null;
        }
    }

    /// <summary>
    /// Gives the numbers the precision the house style prints them with (<c>17.00</c> or <c>17</c>): readers keep
    /// the printed scale and the checks read it as the printed precision.
    /// </summary>
    private static void ApplyPrintedPrecision(Draft draft)
    {
        var form = draft.Form;
        if (form.Kind == FormKind.TargetDeclaration)
        {
            return;
        }

        var twoDecimals = draft.Style is HouseStyle.Bureau9 or HouseStyle.Bureau;
        decimal? P(decimal? v) => v is not { } x ? null : twoDecimals ? Math.Round(x, 2) + 0.00m : Json.FormJsonWriter.Shortest(x);
        static decimal? Rate2(decimal? v) => v is { } x ? Math.Round(x, 2) + 0.00m : null;
        foreach (var i in form.Indicators)
        {
            i.Weight = P(i.Weight);
            i.Score = P(i.Score);
        }

        var funds = form.SelfEvaluationFunds!;
        foreach (var line in new[] { funds.Total, funds.Appropriation, funds.Carryover, funds.Other })
        {
            if (line is null)
            {
                continue;
            }

            line.Weight = P(line.Weight);
            line.Score = P(line.Score);
            line.ExecutionRate = Rate2(line.ExecutionRate);
        }

        form.TotalWeight = P(form.TotalWeight);
        form.TotalScore = P(form.TotalScore);
    }

    /// <summary>评分等级 by the national bands: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.</summary>
    public static string GradeOf(decimal total) => total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";

    // ----------------------------------------------------------------- target declaration

    private Draft DraftDeclaration()
    {
        var dept = PickDepartment();
        var year = 2021 + _rng.Next(5);
        var form = new PerformanceForm
        {
            Kind = FormKind.TargetDeclaration,
            Year = year,
            Department = dept.Name,
            ImplementingUnit = Chance(0.4) ? dept.Name : dept.Units[1 + _rng.Next(dept.Units.Length - 1)],
            MoneyUnit = MoneyUnit.TenThousandYuan,
            Category = Pick(Vocabulary.ProjectCategories),
        };
        var topic = Pick(dept.Domain.Topics);
        form.ProjectName = ProjectName(topic, year, dept.Abbr);
        var draft = new Draft(form, HouseStyle.Declaration) { Spacer = Chance(0.7) };

        var start = Chance(0.8) ? new DateOnly(year, 1, 1) : new DateOnly(year, 2 + _rng.Next(5), 1);
        var end = Chance(0.85) ? new DateOnly(year, 12, 31) : new DateOnly(year + 1 + _rng.Next(2), 12, 31);
        form.PlannedStart = start;
        form.PlannedEnd = end;

        var annual = R2((decimal)Math.Exp((double)Uniform(Math.Log(5), Math.Log(20_000))));
        var project = end.Year > year ? R2(annual * Uniform(1.5, 3.0)) : annual;
        var projectOther = Chance(0.1) ? R2(project * Uniform(0.05, 0.3)) : 0m;
        var carry = Chance(0.1) ? R2(annual * Uniform(0.05, 0.3)) : 0m;
        var annualOther = projectOther > 0 ? R2(annual * projectOther / project) : 0m;
        var unit = form.MoneyUnit;
        form.DeclarationFunds = new DeclarationFunds
        {
            ProjectTotal = unit.ToYuan(project),
            ProjectFiscal = unit.ToYuan(project - projectOther),
            ProjectOther = projectOther > 0 ? unit.ToYuan(projectOther) : null,
            AnnualTotal = unit.ToYuan(annual),
            AnnualAppropriation = unit.ToYuan(annual - carry - annualOther),
            AnnualCarryover = carry > 0 ? unit.ToYuan(carry) : null,
            AnnualOther = annualOther > 0 ? unit.ToYuan(annualOther) : null,
        };

        form.Goals = new Goals
        {
            Overall = ExpectedGoal(dept.Domain, topic),
            Annual = $"{year}年度" + ExpectedGoal(dept.Domain, topic),
        };
        MakeIndicators(draft, dept.Domain, year);
        return draft;
    }

    // ----------------------------------------------------------------- value formatting

    internal string FormatTarget(Draft draft, string op, decimal value, string unit)
    {
        switch (draft.Style)
        {
            case HouseStyle.Declaration:
                if (unit == "%")
                {
                    return op switch
                    {
                        "=" => $"{Num(value)}%",
                        "≤" => $"≤{Num(value)}%",
                        _ => $"{op}{Num(value)}%",
                    };
                }

                return op == "=" ? $"{Num(value)} {unit}" : $"{op}{Num(value)}{unit}";

            case HouseStyle.Town:
                var townOp = draft.AsciiOperators ? op switch { "≥" => ">=", "≤" => "<=", _ => op } : op;
                return $"{townOp}{Num(value)}{unit}";

            default:
                return $"{op}{value:0.00}({unit})";
        }
    }

    internal static string FormatActual(Draft draft, decimal value, string unit) =>
        draft.Style == HouseStyle.Town ? $"{Num(value)}{unit}" : $"{value:0.00}({unit})";

    /// <summary>Shortest invariant text of a number: 3, 99.5, 12690000.</summary>
    internal static string Num(decimal value) => Json.FormJsonWriter.Shortest(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How a department lays out its forms, after the publishers in the corpus.</summary>
internal enum HouseStyle
{
    /// <summary>万元, 9 cells, spacer after 三级指标, 2-decimal weights, — in sub-rows, no grade row.</summary>
    Bureau9,

    /// <summary>万元, 8 cells, 年度资金总额:, - in sub-rows, 评分等级 row on every form.</summary>
    Bureau,

    /// <summary>万元 like <see cref="Bureau9"/>; a second bureau family with the heading and year as table rows.</summary>
    Agency,

    /// <summary>元, heading and year as table rows, 分值/执行率 without (%), integer weights, 100.00% rates.</summary>
    Town,

    /// <summary>The target declaration layout.</summary>
    Declaration,
}

internal enum Band
{
    Achieved,
    Partial,
    NotAchieved,
}

internal sealed record Department(string Name, string[] Units, Domain Domain, HouseStyle Style, string Abbr);

/// <summary>An indicator with what the generator knows about it beyond the printed text.</summary>
internal sealed class IndicatorDraft(Indicator indicator, IndicatorTemplate template)
{
    public Indicator Indicator { get; } = indicator;

    public IndicatorTemplate Template { get; } = template;

    public bool Quantitative { get; set; }

    public string Op { get; set; } = "";

    public string Unit { get; set; } = "";

    public decimal? TargetNumber { get; set; }

    public decimal? ActualNumber { get; set; }

    public Band Band { get; set; }
}

/// <summary>A form being made: the model plus generation state.</summary>
internal sealed class Draft(PerformanceForm form, HouseStyle style)
{
    public PerformanceForm Form { get; } = form;

    public HouseStyle Style { get; } = style;

    public List<IndicatorDraft> Indicators { get; } = [];

    public List<InjectedMistake> Mistakes { get; } = [];

    public List<LayoutDamage> Damage { get; } = [];

    public bool PrintGrade { get; set; }

    public bool AsciiOperators { get; set; }

    /// <summary>Declarations: a spacer cell between the two key/value pairs of a row.</summary>
    public bool Spacer { get; set; }

    public bool ExecutionScoreFixed { get; set; }

    public bool TotalFixed { get; set; }

    public bool GradeFixed { get; set; }

    public void Add(IndicatorDraft indicator)
    {
        Indicators.Add(indicator);
        Form.Indicators.Add(indicator.Indicator);
    }
}
