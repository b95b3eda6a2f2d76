namespace Jixiao.Core.Forms;

/// <summary>Decimal helpers shared by every place that stores or writes a form's numbers.</summary>
public static class Decimals
{
    /// <summary>
    /// The same value at its smallest scale (<c>17.50</c> → <c>17.5</c>), so that stored and written numbers carry no
    /// noise from the printed precision or from a unit conversion.
    /// </summary>
    public static decimal Shortest(decimal value)
    {
        if (value.Scale == 0)
        {
            return value;
        }

        // Dividing by 1 with 28 trailing zeros gives the value at its smallest scale.
        return value / 1.0000000000000000000000000000m;
    }
}
