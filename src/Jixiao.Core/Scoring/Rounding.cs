namespace Jixiao.Core.Scoring;

/// <summary>How a printed number relates to the value it should show.</summary>
public enum PrintedMatch
{
    /// <summary>The printed number is the value rounded (by the rule set's mode) to the printed precision.</summary>
    Exact,

    /// <summary>Only another rounding convention, or the rounding of the printed inputs, explains the printed number.</summary>
    RoundingOnly,

    /// <summary>No rounding explains the difference.</summary>
    Mismatch,
}

/// <summary>Rounding and the comparison of printed numbers with recomputed ones.</summary>
public static class Rounding
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="decimals"/> places.</summary>
    public static decimal Apply(decimal value, int decimals, RoundingMode mode) =>
        Math.Round(value, Math.Clamp(decimals, 0, 28),
            mode == RoundingMode.Truncate ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero);

    /// <summary>The other convention.</summary>
    public static RoundingMode Other(this RoundingMode mode) =>
        mode == RoundingMode.HalfUp ? RoundingMode.Truncate : RoundingMode.HalfUp;

    /// <summary>
    /// Compares a printed number with the exact value it should show. The printed number's own precision (its scale:
    /// <c>10</c>, <c>4.9</c>, <c>9.78</c>) decides the rounding, so forms printing integers are not held to two places.
    /// </summary>
    /// <param name="printed">As printed.</param>
    /// <param name="exact">The unrounded recomputed value.</param>
    /// <param name="mode">The rule set's rounding mode: a match under it is <see cref="PrintedMatch.Exact"/>.</param>
    /// <param name="tolerance">A difference up to this is <see cref="PrintedMatch.RoundingOnly"/> at worst.</param>
    public static PrintedMatch Compare(decimal printed, decimal exact, RoundingMode mode, decimal tolerance)
    {
        if (printed == exact)
        {
            return PrintedMatch.Exact;
        }

        var scale = printed.Scale;
        if (printed == Apply(exact, scale, mode))
        {
            return PrintedMatch.Exact;
        }

        if (printed == Apply(exact, scale, mode.Other()) || Math.Abs(printed - exact) <= tolerance)
        {
            return PrintedMatch.RoundingOnly;
        }

        return PrintedMatch.Mismatch;
    }

    /// <summary>
    /// Like <see cref="Compare(decimal, decimal, RoundingMode, decimal)"/>, where the exact value is only known to lie in
    /// [<paramref name="low"/>, <paramref name="high"/>] because it is computed from rounded inputs.
    /// </summary>
    public static PrintedMatch Compare(decimal printed, decimal exact, decimal low, decimal high, RoundingMode mode, decimal tolerance)
    {
        var m = Compare(printed, exact, mode, tolerance);
        if (m != PrintedMatch.Mismatch)
        {
            return m;
        }

        // half a unit of the printed precision on either side
        var half = 0.5m * Unit(printed.Scale);
        return printed >= low - half - tolerance && printed <= high + half + tolerance ? PrintedMatch.RoundingOnly : PrintedMatch.Mismatch;
    }

    /// <summary>One unit of the last place: 0.01 for scale 2.</summary>
    public static decimal Unit(int scale) => scale switch
    {
        0 => 1m,
        1 => 0.1m,
        2 => 0.01m,
        3 => 0.001m,
        4 => 0.0001m,
        _ => 1m / Pow10(scale),
    };

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n && i < 28; i++)
        {
            r *= 10m;
        }

        return r;
    }
}
