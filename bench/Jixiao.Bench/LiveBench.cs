using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Jixiao.Core.Filing;
using Jixiao.Core.Forms;

namespace Jixiao.Bench;

/// <summary>
/// Live evaluation of one 40-indicator form being filled (issue 11, speed): the rows are real corpus rows (targets and
/// actuals as printed), each weighing 2.25 (40 × 2.25 + 10 = 100). Per form: cells read, weights summed, scores
/// suggested, the form as filed built and checked.
/// </summary>
[MemoryDiagnoser]
public class LiveEvaluationBenchmarks
{
    private const int Rows = 40;
    private readonly LiveEvaluator _evaluator = new();
    private PerformanceForm _draft = new();
    private PerformanceForm _scored = new();
    private PerformanceForm _declaration = new();

    /// <summary>The self-evaluation being filled, no score typed (after <see cref="Setup"/>).</summary>
    public PerformanceForm DraftForm => _draft;

    /// <summary>The declaration (after <see cref="Setup"/>).</summary>
    public PerformanceForm DeclarationForm => _declaration;

    [GlobalSetup]
    public void Setup()
    {
        var rows = BenchData.Read(BenchData.CorpusRepeated(1))
            .Where(f => f.Kind == FormKind.SelfEvaluation)
            .SelectMany(f => f.Indicators)
            .Take(Rows)
            .ToList();
        _draft = Form(FormKind.SelfEvaluation, rows, actuals: true);
        _declaration = Form(FormKind.TargetDeclaration, rows, actuals: false);

        // the same draft with every score typed: the suggestions, the top of each band where the rules give a range
        var live = _evaluator.Evaluate(_draft);
        _scored = Form(FormKind.SelfEvaluation, rows, actuals: true);
        for (var i = 0; i < Rows; i++)
        {
            var s = live.Scores!.Indicators[i];
            _scored.Indicators[i].Score = s.Point ?? s.Max;
        }
    }

    [Benchmark(Description = "live: 40-indicator self-evaluation, no score typed")]
    public decimal Draft() => _evaluator.Evaluate(_draft).Scores!.Total;

    [Benchmark(Description = "live: 40-indicator self-evaluation, every score typed")]
    public decimal Scored() => _evaluator.Evaluate(_scored).Scores!.Total;

    [Benchmark(Description = "live: 40-indicator declaration")]
    public int Declaration() => _evaluator.Evaluate(_declaration).Findings.Count;

    private static PerformanceForm Form(FormKind kind, List<Indicator> rows, bool actuals) => new()
    {
        Kind = kind,
        Year = 2024,
        ProjectName = "bench: 40 indicators",
        Department = "上海市宝山区数据局",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = kind == FormKind.SelfEvaluation
            ? new SelfEvaluationFunds
            {
                Total = new FundLine { InitialBudget = 2_000_000m, AnnualBudget = 2_000_000m, Executed = 1_850_000m },
                Appropriation = new FundLine { InitialBudget = 2_000_000m, AnnualBudget = 2_000_000m, Executed = 1_850_000m },
                Carryover = new FundLine { InitialBudget = 0m, AnnualBudget = 0m, Executed = 0m },
                Other = new FundLine { InitialBudget = 0m, AnnualBudget = 0m, Executed = 0m },
            }
            : null,
        DeclarationFunds = kind == FormKind.TargetDeclaration ? new DeclarationFunds { AnnualTotal = 2_000_000m, AnnualAppropriation = 2_000_000m } : null,
        Indicators = [.. rows.Select(r => new Indicator
        {
            Level1 = r.Level1, Level2 = r.Level2, Name = r.Name, Target = r.Target,
            Actual = actuals ? r.Actual : null, Weight = 2.25m, Deviation = r.Deviation,
        })],
    };
}

/// <summary>
/// <c>live [rounds]</c>: a stopwatch pass over the same three forms as <see cref="LiveEvaluationBenchmarks"/>, the best
/// of many rounds of 200 evaluations each — a figure that holds on a machine shared with other work, where the mean of
/// a short BenchmarkDotNet job measures the contention as much as the code.
/// </summary>
public static class LiveQuick
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var bench = new LiveEvaluationBenchmarks();
        bench.Setup();
        Console.WriteLine($"live evaluation, 40 indicators, best of {rounds} rounds × 200, one thread");
        Measure("self-evaluation, no score typed", rounds, () => bench.Draft());
        Measure("self-evaluation, every score typed", rounds, () => bench.Scored());
        Measure("declaration", rounds, () => bench.Declaration());
        return 0;
    }

    /// <summary>
    /// <c>live-body [declaration|self]</c>: prints the body of <c>POST /api/v1/filings/live</c> for the 40-indicator
    /// form of these benchmarks, so that scripts/bench-web.sh can measure the endpoint with the same form.
    /// </summary>
    public static int Body(string[] args)
    {
        var bench = new LiveEvaluationBenchmarks();
        bench.Setup();
        var form = args.FirstOrDefault() == "declaration" ? bench.DeclarationForm : bench.DraftForm;
        Console.Out.Write("{\"content\":" + Jixiao.Ingest.Json.FormJsonWriter.ToJson(form) + "}");
        return 0;
    }

    private static void Measure(string name, int rounds, Action evaluate)
    {
        const int Batch = 200;
        var best = double.MaxValue;
        var all = new List<double>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < Batch; i++)
            {
                evaluate();
            }

            var us = sw.Elapsed.TotalMicroseconds / Batch;
            all.Add(us);
            best = Math.Min(best, us);
        }

        all.Sort();
        Console.WriteLine($"  {name,-40} best {best,8:0.0} µs   median {all[all.Count / 2],8:0.0} µs per form");
    }
}
