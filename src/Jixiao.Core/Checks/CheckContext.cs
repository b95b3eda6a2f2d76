using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;

namespace Jixiao.Core.Checks;

/// <summary>
/// What every check of one form shares: the form, the rule set and the <see cref="FormScore"/> computed once.
/// Findings are collected here; the list is allocated on the first finding.
/// </summary>
public sealed class CheckContext
{
    private static readonly Finding[] None = [];
    private List<Finding>? findings;
    private FundRate[]? fundRates;

    public CheckContext(PerformanceForm form, FormScore score)
    {
        Form = form;
        Score = score;
    }

    public PerformanceForm Form { get; }

    public FormScore Score { get; }

    public RuleSet Rules => Score.Rules;

    /// <summary>True for a self-evaluation (绩效自评表).</summary>
    public bool IsSelfEvaluation => Form.Kind != FormKind.TargetDeclaration;

    /// <summary>What the checks found so far.</summary>
    public IReadOnlyList<Finding> Findings => findings is null ? None : findings;

    /// <summary>Reports a finding of <paramref name="definition"/>'s code, severity and category.</summary>
    public void Report(CheckDefinition definition, string field, string messageZh, string messageEn, int sourceLine = 0)
    {
        findings ??= new List<Finding>(4);
        findings.Add(new Finding(definition.Code, definition.Severity, definition.Category, field, messageZh, messageEn)
        {
            SourceLine = sourceLine != 0 ? sourceLine : Form.Provenance?.FirstLine ?? 0,
        });
    }

    /// <summary>Reports a finding about indicator <paramref name="index"/>'s <paramref name="member"/> (score, target …).</summary>
    public void ReportIndicator(CheckDefinition definition, int index, string member, string messageZh, string messageEn) =>
        Report(definition, Fields.Indicator(index, member), messageZh, messageEn, Form.Indicators[index].SourceLine);

    /// <summary>Reports a finding about <paramref name="member"/> of fund row <paramref name="lineName"/> (total, appropriation …), at the row's source line.</summary>
    public void ReportFund(CheckDefinition definition, FundLine? line, string lineName, string member, string messageZh, string messageEn) =>
        Report(definition, Fields.Fund(lineName, member), messageZh, messageEn, line?.SourceLine ?? 0);

    /// <summary>The rate of fund row <paramref name="index"/> (see <see cref="FundRates"/>), computed once per form.</summary>
    public FundRate FundRate(int index)
    {
        if (fundRates is null)
        {
            fundRates = new FundRate[FundRates.LineCount];
            var funds = Form.SelfEvaluationFunds;
            for (var i = 0; i < fundRates.Length; i++)
            {
                fundRates[i] = FundRates.Compute(FundRates.LineAt(funds, i), Rules, Form.MoneyUnit);
            }
        }

        return fundRates[index];
    }

    /// <summary>Half the last printed digit of an amount, in yuan.</summary>
    public decimal HalfUnit => FundRates.HalfUnit(Rules, Form.MoneyUnit);

    /// <summary>An amount in the form's printed unit: <c>180.00 万元</c>.</summary>
    public string Money(decimal yuan) => Fields.Money(yuan, Form.MoneyUnit);

    /// <summary>Hands the findings over and forgets them.</summary>
    internal IReadOnlyList<Finding> TakeFindings()
    {
        var result = Findings;
        findings = null;
        return result;
    }
}
