using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Checks;

/// <summary>A form's score and findings.</summary>
public sealed record CheckResult(FormScore Score, IReadOnlyList<Finding> Findings)
{
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
/// Scores a form once and runs every check of the catalogue that applies to its kind. Thread-safe: one instance can
/// check forms on many threads.
/// </summary>
public sealed class FormChecker
{
    private readonly ICheck[] selfEvaluationChecks;
    private readonly ICheck[] declarationChecks;

    /// <param name="rules">The rule set; <see cref="RuleSets.National2020"/> when null.</param>
    /// <param name="checks">The checks to run; <see cref="CheckCatalogue.All"/> when null.</param>
    public FormChecker(RuleSet? rules = null, IEnumerable<ICheck>? checks = null)
    {
        Scorer = new Scorer(rules);
        var all = checks?.ToArray() ?? [.. CheckCatalogue.All];
        selfEvaluationChecks = Array.FindAll(all, c => (c.Definition.AppliesTo & FormKinds.SelfEvaluation) != 0);
        declarationChecks = Array.FindAll(all, c => (c.Definition.AppliesTo & FormKinds.TargetDeclaration) != 0);
    }

    public Scorer Scorer { get; }

    public RuleSet Rules => Scorer.Rules;

    /// <summary>Scores <paramref name="form"/> and returns what the checks find.</summary>
    public IReadOnlyList<Finding> Check(PerformanceForm form) => Run(form, Scorer.Score(form));

    /// <summary>Scores <paramref name="form"/> and checks it; returns both.</summary>
    public CheckResult CheckAndScore(PerformanceForm form)
    {
        var score = Scorer.Score(form);
        return new CheckResult(score, Run(form, score));
    }

    /// <summary>Runs the checks on a form already scored (by a scorer with the same rule set).</summary>
    public IReadOnlyList<Finding> Check(FormScore score) => Run(score.Form, score);

    private IReadOnlyList<Finding> Run(PerformanceForm form, FormScore score)
    {
        var context = new CheckContext(form, score);
        var checks = form.Kind == FormKind.SelfEvaluation ? selfEvaluationChecks : declarationChecks;
        foreach (var check in checks)
        {
            check.Run(context);
        }

        return context.TakeFindings();
    }
}
