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
