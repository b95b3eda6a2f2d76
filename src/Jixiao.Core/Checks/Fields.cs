using System.Globalization;
using Jixiao.Core.Forms;

namespace Jixiao.Core.Checks;

/// <summary>Field paths into the interchange format (<c>jixiao.form/1</c>) and message formatting.</summary>
public static class Fields
{
    public const string TotalScore = "totalScore";
    public const string TotalWeight = "totalWeight";
    public const string Grade = "grade";
    public const string GoalsActual = "goals.actual";
    public const string GoalsExpected = "goals.expected";
    public const string Indicators = "indicators";
    public const string PlannedStart = "plannedStart";
    public const string PlannedEnd = "plannedEnd";

    private static readonly string[] CachedIndices = ["[0]", "[1]", "[2]", "[3]", "[4]", "[5]", "[6]", "[7]", "[8]", "[9]", "[10]", "[11]", "[12]", "[13]", "[14]", "[15]"];

    /// <summary><c>indicators[3].score</c> (0-based).</summary>
    public static string Indicator(int index, string member) =>
        "indicators" + (index < CachedIndices.Length ? CachedIndices[index] : "[" + index.ToString(CultureInfo.InvariantCulture) + "]") + "." + member;

    /// <summary><c>funds.total.executionRate</c>.</summary>
    public static string Fund(string line, string member) => "funds." + line + "." + member;

    /// <summary>An amount converted from yuan into the printed unit, with the unit: <c>180.00 万元</c>.</summary>
    public static string Money(decimal yuan, MoneyUnit unit) =>
        unit.FromYuan(yuan).ToString("0.00##", CultureInfo.InvariantCulture) + " " + unit.Label();

    /// <summary>The indicator's name in Chinese quotes, for messages.</summary>
    public static string Name(Indicator indicator) => "「" + indicator.Name + "」";
}
