using System.Text.RegularExpressions;

namespace Jixiao.Core.Workflow;

/// <summary>
/// The cells of a form a comment may name (单元格): the paths of the interchange format <c>jixiao.form/1</c>, as the
/// checks name them in their findings (<see cref="Checks.Fields"/>): <c>projectName</c>, <c>goals.annual</c>,
/// <c>funds.total.executed</c>, <c>funds.annualTotal</c>, <c>indicators</c>, <c>indicators[3]</c>,
/// <c>indicators[3].target</c> (0-based).
/// </summary>
public static partial class FieldPaths
{
    /// <summary>The longest path stored.</summary>
    public const int MaxLength = 200;

    /// <summary>True when <paramref name="path"/> names a cell of a form (or a part of it) in the interchange format.</summary>
    public static bool IsValid(string? path) => path is { Length: > 0 and <= MaxLength } && Path().IsMatch(path);

    [GeneratedRegex(
        @"^(?:year|projectName|department|implementingUnit|category|plannedStart|plannedEnd|moneyUnit|totalWeight|totalScore|grade"
        + @"|goals(?:\.(?:expected|actual|overall|annual|longTerm))?"
        + @"|funds(?:\.(?:(?:total|appropriation|carryover|other)(?:\.(?:initialBudget|annualBudget|executed|weight|executionRate|score))?"
        + @"|projectTotal|projectFiscal|projectOther|annualTotal|annualAppropriation|annualCarryover|annualOther))?"
        + @"|indicators(?:\[(?:0|[1-9][0-9]{0,3})\](?:\.(?:level1|level2|name|target|actual|weight|score|deviation))?)?)$",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex Path();
}
