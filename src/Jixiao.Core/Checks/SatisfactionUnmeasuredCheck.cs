using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;
using static Jixiao.Core.Scoring.ScoreText;

namespace Jixiao.Core.Checks;

/// <summary>SAT-UNMEASURED: a satisfaction indicator answered with words (达成指标, 满意, 较高) instead of a surveyed rate.</summary>
public sealed class SatisfactionUnmeasuredCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "SAT-UNMEASURED", Severity.Warning, CheckCategory.Completeness, FormKinds.SelfEvaluation, "indicators[i].actual",
        "满意度指标的实际完成值是文字（如“达成指标”“满意”“较高”），而不是调查得出的满意度（如 92.5%），看不出做过满意度调查。",
        "A satisfaction indicator is answered with words (e.g. 达成指标, 满意, 较高) instead of a surveyed rate (e.g. 92.5%): nothing shows that satisfaction was measured.",
        "Satisfaction (服务对象满意度) is the share of those served who are satisfied, measured by a survey; 101号 [U] asks for measurable values (rules-reference §2.1). A numeric target answered with words that name no band is ACT-UNMEASURED.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            var actual = s.Actual;
            if (actual.Kind != TargetValueKind.Qualitative || actual.Style == QualitativeStyle.TextWithNumbers || !IndicatorKinds.IsSatisfaction(s))
            {
                continue;
            }

            if (s.Target.IsNumeric && s.Issue is AssessmentIssue.ActualNotNumeric or AssessmentIssue.ActualNotMeasured)
            {
                continue; // ACT-UNMEASURED reports the row
            }

            if (TargetUnmeasurableCheck.IsNotApplicable(actual.Raw) || TargetUnmeasurableCheck.IsNotApplicable(s.Target.Raw))
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "actual",
                $"满意度指标{Fields.Name(ind)}的实际完成值为“{actual.Raw}”（指标值 {s.Target.Raw}），不是调查得出的满意度；表中得分 {N(s.Printed)}/{N(s.Weight)}。",
                $"The satisfaction indicator \"{ind.Name}\" is answered \"{actual.Raw}\" (target {s.Target.Raw}), not a surveyed rate; printed {N(s.Printed)}/{N(s.Weight)}.");
        }
    }
}
