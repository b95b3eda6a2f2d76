using Jixiao.Core.Forms;

namespace Jixiao.Core.Targets;

/// <summary>
/// When two printed targets (年度指标值) mean the same: the project view marks a target as changed from one year to
/// the next only when it is not equivalent to the previous one. <c>100%</c> and <c>=100.00(%)</c> agree.
/// </summary>
public static class TargetEquivalence
{
    /// <summary>
    /// True when two printed targets mean the same: the same text (<see cref="TextKey.Same"/>), or the same number,
    /// unit and comparison, where no operator reads as = (<c>100%</c> and <c>=100.00(%)</c>, <c>≥5个</c> and
    /// <c>≥ 5.00(个)</c>), and for a growth target the same direction (<c>同比增长5%</c> is not <c>同比减少5%</c>).
    /// Two targets without a number agree only by their text; nothing agrees with nothing.
    /// </summary>
    public static bool Same(string? a, string? b) =>
        TextKey.Same(a, b) || SameNumber(TargetParser.Parse(a), TargetParser.Parse(b));

    /// <summary>True when two parsed targets have the same text or the same number, unit and comparison (see <see cref="Same(string?, string?)"/>).</summary>
    public static bool Same(TargetValue a, TargetValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return TextKey.Same(a.Raw, b.Raw) || SameNumber(a, b);
    }

    private static bool SameNumber(TargetValue x, TargetValue y)
    {
        if (x.Number is null || y.Number is null || x.Kind != y.Kind)
        {
            return false;
        }

        static ComparisonOperator Op(ComparisonOperator o) => o == ComparisonOperator.None ? ComparisonOperator.Equal : o;
        return x.Number == y.Number && Op(x.Operator) == Op(y.Operator) && x.IsPercent == y.IsPercent && x.Growth == y.Growth
            && string.Equals(TargetParser.NormalizeUnit(x.Unit), TargetParser.NormalizeUnit(y.Unit), StringComparison.Ordinal);
    }
}
