using Jixiao.Core.Targets;

namespace Jixiao.Core.Checks;

/// <summary>IND-QTY-RATE: a quantity indicator (数量指标) whose target is a percentage, not a quantity (a change in percent, 同比增长5%, is left alone).</summary>
public sealed class QuantityRateCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "IND-QTY-RATE", Severity.Info, CheckCategory.TargetQuality, FormKinds.Both, "indicators[i].target",
        "数量指标以百分比计（如“完成率 =100%”），反映的是完成比例，看不出提供了多少产品或服务（台、个、次、人）。",
        "A quantity indicator (数量指标) is measured as a percentage (e.g. a completion rate of 100%): it gives a share, not how many goods or services (units, items, times, people) were delivered.",
        "数量指标 reflect the quantity of public goods or services to be provided; rates belong to quality or timeliness (101号 [U], rules-reference §2.1).");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var indicators = context.Score.Indicators;
        for (var row = 0; row < indicators.Count; row++) // an index, not foreach: the list's enumerator would be allocated
        {
            var s = indicators[row];
            if (!s.Target.IsPercent || s.Target.Kind != TargetValueKind.Quantitative || IndicatorKinds.Level2(s.Indicator) != IndicatorKinds.Quantity)
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "target",
                $"数量指标{Fields.Name(ind)}的指标值为百分比 {s.Target.Raw}，没有给出数量。",
                $"The quantity indicator \"{ind.Name}\" has the percentage target {s.Target.Raw}, not a quantity.");
        }
    }
}
