using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>FUND-RATE-LOW: budget execution below the rule set's threshold (90%).</summary>
public sealed class FundRateLowCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "FUND-RATE-LOW", Severity.Info, CheckCategory.Completeness, FormKinds.SelfEvaluation, "funds.total.executionRate",
        "预算执行率低于阈值（默认90%），部分地区要求在表中说明原因。",
        "Budget execution is below the threshold (90% by default); some jurisdictions require an explanation in the form.",
        "Sichuan: a rate below 90% must be explained (S24 [C]); 朔州: below 50% may bring budget cuts (S23). Rules-reference §1.5, §4.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        if (context.Rules.LowExecutionRate is not { } threshold)
        {
            return;
        }

        var execution = context.Score.Execution;
        var rate = execution.Rate ?? execution.PrintedRate;
        if (rate is not { } r || r >= threshold)
        {
            return;
        }

        context.ReportFund(Rule, context.Form.SelfEvaluationFunds?.Total, "total", "executionRate",
            $"预算执行率 {X(r)}% 低于 {N(threshold)}%。",
            $"Budget execution {X(r)}% is below {N(threshold)}%.");
    }
}
