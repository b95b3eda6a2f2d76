using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>CAT-UNKNOWN: an indicator whose first-level category cannot be told from its level labels.</summary>
public sealed class CategoryUnknownCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "CAT-UNKNOWN", Severity.Info, CheckCategory.Completeness, FormKinds.Both, "indicators[i].level1",
        "无法从一级、二级指标名称判断该指标所属类别。",
        "The indicator's first-level category cannot be told from its level labels.",
        "Every indicator sits under 产出/效益/满意度 (or 成本); unknown labels usually mean a damaged source row. Weight-split checks skip such forms.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        if (context.Score.Categories.CountOf(IndicatorCategory.Unknown) == 0)
        {
            return;
        }

        foreach (var s in context.Score.Indicators)
        {
            if (s.Category != IndicatorCategory.Unknown)
            {
                continue;
            }

            var ind = s.Indicator;
            context.ReportIndicator(Rule, s.Index, "level1",
                $"指标{Fields.Name(ind)}的类别无法判断（一级“{ind.Level1}”，二级“{ind.Level2}”）。",
                $"The category of indicator \"{ind.Name}\" cannot be told (level 1 \"{ind.Level1}\", level 2 \"{ind.Level2}\").");
        }
    }
}
