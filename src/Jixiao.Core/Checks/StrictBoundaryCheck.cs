using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>IND-STRICT-BOUNDARY: the actual sits exactly on a strict (&gt; / &lt;) target and the score follows neither reading.</summary>
public sealed class StrictBoundaryCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-STRICT-BOUNDARY", Severity.Warning, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].score",
        "实际完成值恰等于“>”或“<”指标值：按“≥/≤”理解为完成（满分），按严格理解为未完成（按比例计分）；表中得分与两种理解都不符。",
        "The actual sits exactly on a strict (> / <) target: met if read as ≥ / ≤ (full marks), missed if strict (proportional score); the printed score follows neither reading.",
        "No source defines > and <; the corpus reads them loosely (rules-reference §1.3, data-bureau l.198, l.585; police l.486).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var rules = context.Rules;
        foreach (var s in context.Score.Indicators)
        {
            if (!s.AtStrictBoundary || s.Printed is not { } p)
            {
                continue;
            }

            var tol = rules.Tolerances.Score;
            if (Rounding.Compare(p, s.Max, rules.Rounding, tol) != PrintedMatch.Mismatch
                || Rounding.Compare(p, s.Min, rules.Rounding, tol) != PrintedMatch.Mismatch)
            {
                continue;
            }

            var ind = s.Indicator;
            if (s.Min == s.Max)
            {
                context.ReportIndicator(Rule, s.Index, "score",
                    $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 恰等于指标值 {s.Target.Raw}：按“≥/≤”为完成，按严格理解完成比例为100%，两种理解均应得 {F2(s.Max)}，表中为 {N(p)}。",
                    $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} equals the strict target {s.Target.Raw}: met if read as ≥/≤, 100% completion if strict; either way {F2(s.Max)}, printed {N(p)}.");
            }
            else
            {
                context.ReportIndicator(Rule, s.Index, "score",
                    $"指标{Fields.Name(ind)}实际完成值 {s.Actual.Raw} 恰等于指标值 {s.Target.Raw}：按“≥/≤”应得 {F2(s.Max)}，按严格理解应得 {F2(s.Min)}，表中为 {N(p)}。",
                    $"Indicator \"{ind.Name}\": the actual {s.Actual.Raw} equals the strict target {s.Target.Raw}: {F2(s.Max)} if read as ≥/≤, {F2(s.Min)} if strict; printed {N(p)}.");
            }
        }
    }
}
