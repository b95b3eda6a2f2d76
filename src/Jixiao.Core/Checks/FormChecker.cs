using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Checks;

/// <summary>A form's score and findings.</summary>
public sealed record CheckResult(FormScore Score, IReadOnlyList<Finding> Findings)
{
    /// <summary>The rule set that scored and checked the form (its <see cref="RuleSet.Name"/> is what a store records).</summary>
    public RuleSet Rules => Score.Rules;

    /// <summary>True when some finding is an error (the form cannot be published).</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var f in Findings)
            {
                if (f.Severity == Severity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// Scores a form once and runs every check of the catalogue that applies to its kind. The rule set is either the
/// one given to the constructor, for every form, or — from <see cref="ByJurisdiction"/> — chosen for each form by its
/// jurisdiction and year (<see cref="RuleSets.For(PerformanceForm)"/>); <see cref="CheckResult.Rules"/> says which
/// scored it. Thread-safe: one instance can check forms on many threads.
/// </summary>
public sealed class FormChecker
{
    private readonly ICheck[] selfEvaluationChecks;
    private readonly ICheck[] declarationChecks;

    /// <summary>One scorer per known rule set, in the order of <see cref="RuleSets.All"/>.</summary>
    private readonly Scorer[] knownScorers;

    /// <param name="rules">The rule set of every form; <see cref="RuleSets.National2020"/> when null.</param>
    /// <param name="checks">The checks to run; <see cref="CheckCatalogue.All"/> when null.</param>
    public FormChecker(RuleSet? rules = null, IEnumerable<ICheck>? checks = null)
        : this(rules ?? RuleSets.National2020, choose: false, checks)
    {
    }

    private FormChecker(RuleSet rules, bool choose, IEnumerable<ICheck>? checks)
    {
        Scorer = new Scorer(rules);
        ChoosesRules = choose;
        knownScorers = choose ? [.. RuleSets.All.Select(r => ReferenceEquals(r, rules) ? Scorer : new Scorer(r))] : [];
        var all = checks?.ToArray() ?? [.. CheckCatalogue.All];
        selfEvaluationChecks = Array.FindAll(all, c => (c.Definition.AppliesTo & FormKinds.SelfEvaluation) != 0);
        declarationChecks = Array.FindAll(all, c => (c.Definition.AppliesTo & FormKinds.TargetDeclaration) != 0);
    }

    /// <summary>
    /// A checker that scores each form by the rule set of its jurisdiction (辖区) and year,
    /// <see cref="RuleSets.For(PerformanceForm)"/>: <see cref="RuleSets.National2020"/> unless a rule set of the
    /// form's jurisdiction covers its year.
    /// </summary>
    /// <param name="checks">The checks to run; <see cref="CheckCatalogue.All"/> when null.</param>
    public static FormChecker ByJurisdiction(IEnumerable<ICheck>? checks = null) => new(RuleSets.National2020, choose: true, checks);

    /// <summary>The scorer of the constructor's rule set (for a checker <see cref="ByJurisdiction"/>: of the national default).</summary>
    public Scorer Scorer { get; }

    /// <summary>The constructor's rule set (for a checker <see cref="ByJurisdiction"/>: the national default).</summary>
    public RuleSet Rules => Scorer.Rules;

    /// <summary>True when the rule set is chosen for each form (<see cref="ByJurisdiction"/>).</summary>
    public bool ChoosesRules { get; }

    /// <summary>The rule set this checker scores <paramref name="form"/> by.</summary>
    public RuleSet RulesFor(PerformanceForm form) => ChoosesRules ? RuleSets.For(form) : Rules;

    /// <summary>Scores <paramref name="form"/> and returns what the checks find.</summary>
    public IReadOnlyList<Finding> Check(PerformanceForm form) => Run(form, ScorerFor(form).Score(form));

    /// <summary>Scores <paramref name="form"/> and checks it; returns both, and the rule set used (<see cref="CheckResult.Rules"/>).</summary>
    public CheckResult CheckAndScore(PerformanceForm form)
    {
        var score = ScorerFor(form).Score(form);
        return new CheckResult(score, Run(form, score));
    }

    /// <summary>Scores <paramref name="form"/> by <paramref name="rules"/> (whatever this checker would choose) and checks it.</summary>
    public CheckResult CheckAndScore(PerformanceForm form, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var score = ScorerOf(rules).Score(form);
        return new CheckResult(score, Run(form, score));
    }

    /// <summary>Runs the checks on a form already scored; they read the rule set of <paramref name="score"/>.</summary>
    public IReadOnlyList<Finding> Check(FormScore score) => Run(score.Form, score);

    private Scorer ScorerFor(PerformanceForm form) => ChoosesRules ? ScorerOf(RuleSets.For(form)) : Scorer;

    private Scorer ScorerOf(RuleSet rules)
    {
        if (ReferenceEquals(rules, Scorer.Rules))
        {
            return Scorer;
        }

        foreach (var s in knownScorers)
        {
            if (ReferenceEquals(s.Rules, rules))
            {
                return s;
            }
        }

        return new Scorer(rules);
    }

    private IReadOnlyList<Finding> Run(PerformanceForm form, FormScore score)
    {
        var context = new CheckContext(form, score);
        var checks = form.Kind != FormKind.TargetDeclaration ? selfEvaluationChecks : declarationChecks;
        foreach (var check in checks)
        {
            check.Run(context);
        }

        return context.TakeFindings();
    }
}
