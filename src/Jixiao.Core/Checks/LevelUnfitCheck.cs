using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>
/// IND-LEVEL-UNFIT: an indicator whose name says it measures what another level is for — satisfaction (满意度) outside
/// 满意度指标, timeliness (及时, 时效) under 质量指标 — or one under 满意度指标 that names no satisfaction, or one under
/// 经济成本指标 that names no cost and sets no amount.
/// </summary>
public sealed class LevelUnfitCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-LEVEL-UNFIT", Severity.Info, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].level2",
        "指标所在层级与其内容不符：名称讲满意度却不在满意度指标下，讲及时/时效却在质量指标下；满意度指标下的指标未涉及满意度；经济成本指标下的指标既不讲成本也无金额。",
        "The indicator sits under a level that does not fit what it measures: satisfaction outside 满意度指标, timeliness under 质量指标; an indicator under 满意度指标 that names no satisfaction; one under 经济成本指标 that names no cost and sets no amount.",
        "The levels: 产出 (数量/质量/时效), 效益, 满意度, 成本 (经济/社会/生态环境) — 101号 [U], 88号 [U], rules-reference §2.1, §2.3; the level names are those of IndicatorVocabulary.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            var ind = s.Indicator;
            var name = ind.Name;
            if (s.Category is IndicatorCategory.Output or IndicatorCategory.Benefit or IndicatorCategory.Cost && IndicatorKinds.SpeaksOfSatisfaction(name))
            {
                Report(context, s, IndicatorVocabulary.NameOf(s.Category)!, IndicatorVocabulary.Satisfaction, "满意度", "satisfaction");
                continue;
            }

            if (s.Category == IndicatorCategory.Satisfaction && !IndicatorKinds.SpeaksOfSatisfactionOrProxy(name)
                && !IndicatorKinds.SpeaksOfSatisfactionOrProxy(s.Target.Raw) && !s.Target.IsPercent && !IndicatorKinds.IsPlaceholder(s))
            {
                context.ReportIndicator(Rule, s.Index, "level2",
                    $"指标{Fields.Name(ind)}（指标值 {s.Target.Raw}）位于满意度指标下，但名称和指标值都未涉及满意度。",
                    $"Indicator \"{name}\" (target {s.Target.Raw}) sits under 满意度指标 (satisfaction), but neither its name nor its target speaks of satisfaction.");
                continue;
            }

            var level2 = IndicatorKinds.Level2(ind);
            if (level2 == IndicatorKinds.Quality && IndicatorKinds.SpeaksOfTimeliness(name))
            {
                Report(context, s, IndicatorKinds.Quality, "时效指标", "时效", "timeliness");
            }
            else if (level2 == IndicatorKinds.EconomicCost && !NamesCost(name) && !IsAmountOrRate(s.Target) && !IndicatorKinds.IsPlaceholder(s))
            {
                context.ReportIndicator(Rule, s.Index, "level2",
                    $"指标{Fields.Name(ind)}（指标值 {s.Target.Raw}）位于经济成本指标下，但既未涉及成本、费用或资金，也未给出金额。",
                    $"Indicator \"{name}\" (target {s.Target.Raw}) sits under 经济成本指标 (economic cost), but names no cost, fee or fund and sets no amount.");
            }
        }
    }

    private static void Report(CheckContext context, IndicatorScore s, string level, string fitting, string wordZh, string wordEn)
    {
        var ind = s.Indicator;
        var at = ind.Level2 is { Length: > 0 } l2 ? l2 : level;
        context.ReportIndicator(Rule, s.Index, "level2",
            $"指标{Fields.Name(ind)}讲的是{wordZh}，却位于{at}下，应归入{fitting}。",
            $"Indicator \"{ind.Name}\" measures {wordEn} but sits under {at}; it belongs under {fitting}.");
    }

    /// <summary>The name speaks of cost, fees, funds, prices or the budget (成本, 费, 资金, 预算, 支出, 投入, 节约, 价格, 单价).</summary>
    private static bool NamesCost(string name) =>
        name.Contains("成本", StringComparison.Ordinal) || name.Contains('费') || name.Contains("资金", StringComparison.Ordinal)
        || name.Contains("预算", StringComparison.Ordinal) || name.Contains("支出", StringComparison.Ordinal)
        || name.Contains("投入", StringComparison.Ordinal) || name.Contains("节约", StringComparison.Ordinal)
        || name.Contains("价格", StringComparison.Ordinal) || name.Contains("单价", StringComparison.Ordinal);

    /// <summary>A number: an amount, a rate or a change (a cost target states one).</summary>
    private static bool IsAmountOrRate(TargetValue t) => t.Kind is TargetValueKind.Quantitative or TargetValueKind.Growth;
}
