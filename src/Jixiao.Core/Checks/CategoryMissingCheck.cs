using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>CAT-MISSING: a required first-level category (产出 / 效益 / 满意度, plus 成本 where required) has no indicator.</summary>
public sealed class CategoryMissingCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "CAT-MISSING", Severity.Warning, CheckCategory.Completeness, FormKinds.Both, "indicators",
        "缺少必设的一级指标类别（产出、效益、满意度；规则集要求时还有成本）。",
        "A required first-level indicator category has no indicator (output, benefit, satisfaction; cost where the rule set requires it).",
        "Indicators are grouped 产出/效益/满意度 (88号 [U], S29 [C]); 成本 required for Shanghai 市级 from 2025 (S13). Rules-reference §2.1, §2.2.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var categories = context.Score.Categories;
        foreach (var required in context.Rules.RequiredCategories)
        {
            if (categories.CountOf(required) > 0)
            {
                continue;
            }

            var zh = IndicatorVocabulary.NameOf(required);
            context.Report(Rule, Fields.Indicators,
                $"缺少{zh}（共 {context.Form.Indicators.Count} 个指标）。",
                $"No {required.ToString().ToLowerInvariant()} indicator ({zh}) among the {context.Form.Indicators.Count} indicators.");
        }
    }
}
