using Jixiao.Core.Scoring;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>QUAL-BAND: a qualitative score outside the band its actual names (达成 / 部分达成 / 未达成).</summary>
public sealed class QualitativeBandCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "QUAL-BAND", Severity.Error, CheckCategory.Consistency, FormKinds.SelfEvaluation, "indicators[i].score",
        "定性指标得分不在其完成档次的区间内（默认 达成 80%–100%、部分达成 60%–80%、未达成 0–60%，区间端点两侧均可）。",
        "A qualitative score lies outside the band its actual names (by default achieved 80–100%, partly achieved 60–80%, not achieved 0–60% of the weight; limits belong to both neighbouring bands).",
        "Bands 80/60 — rules-reference §1.4 (10号 [U], S9/S11 [C]); local 80/50 (S8). The corpus labels 80% 部分达成, so limits are inclusive.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var rules = context.Rules;
        foreach (var s in context.Score.Indicators)
        {
            if (s.Outcome != IndicatorOutcome.Qualitative || s.Basis != ScoreBasis.Band || s.Printed is not { } p || s.Weight is not { } w)
            {
                continue;
            }

            var slack = rules.Tolerances.BandSlack(w);
            if (p >= s.Min - slack && p <= s.Max + slack)
            {
                continue;
            }

            var ind = s.Indicator;
            var share = w > 0 ? Pct(p / w) : "—";
            context.ReportIndicator(Rule, s.Index, "score",
                $"指标{Fields.Name(ind)}完成情况为“{BandZh(s.Band)}”，得分应在 {F2(s.Min)}–{F2(s.Max)} 之间（分值 {N(w)}），表中为 {N(p)}（{share}）。",
                $"Indicator \"{ind.Name}\" is {BandEn(s.Band)}: its score should lie in {F2(s.Min)}–{F2(s.Max)} (weight {N(w)}); printed {N(p)} ({share}).");
        }
    }
}
