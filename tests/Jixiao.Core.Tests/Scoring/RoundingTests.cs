using Jixiao.Core.Scoring;

namespace Jixiao.Core.Tests.Scoring;

public class RoundingTests
{
    [Theory]
    [InlineData(99.4475, RoundingMode.HalfUp, 99.45)]
    [InlineData(99.4475, RoundingMode.Truncate, 99.44)]
    [InlineData(9.775, RoundingMode.HalfUp, 9.78)]
    [InlineData(2.5866, RoundingMode.Truncate, 2.58)]
    public void Rounds_half_up_or_truncates(double value, RoundingMode mode, double expected) =>
        Assert.Equal((decimal)expected, Rounding.Apply((decimal)value, 2, mode));

    [Fact]
    public void Printed_number_matching_the_rule_sets_rounding_is_exact() =>
        Assert.Equal(PrintedMatch.Exact, Rounding.Compare(99.45m, 99.4475m, RoundingMode.HalfUp, 0m));

    [Fact]
    public void Printed_number_matching_only_the_other_convention_is_a_rounding_difference() =>
        Assert.Equal(PrintedMatch.RoundingOnly, Rounding.Compare(99.44m, 99.4475m, RoundingMode.HalfUp, 0m));

    [Fact]
    public void Printed_precision_decides_the_rounding_place()
    {
        Assert.Equal(PrintedMatch.Exact, Rounding.Compare(10m, 9.987m, RoundingMode.HalfUp, 0m));
        Assert.Equal(PrintedMatch.RoundingOnly, Rounding.Compare(4.9m, 4.995m, RoundingMode.HalfUp, 0m));
    }

    [Fact]
    public void Difference_beyond_rounding_is_a_mismatch() =>
        Assert.Equal(PrintedMatch.Mismatch, Rounding.Compare(8.00m, 8.55m, RoundingMode.HalfUp, 0.01m));

    [Fact]
    public void Interval_of_rounded_inputs_explains_a_printed_number_inside_it() =>
        Assert.Equal(PrintedMatch.RoundingOnly, Rounding.Compare(97.80m, 97.7778m, 97.67m, 97.89m, RoundingMode.HalfUp, 0m));
}
