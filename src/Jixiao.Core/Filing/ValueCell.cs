using Jixiao.Core.Checks;
using Jixiao.Core.Targets;

namespace Jixiao.Core.Filing;

/// <summary>The column of an indicator's value cell.</summary>
public enum ValueColumn
{
    /// <summary>年度指标值: operator, number and unit (or words).</summary>
    Target,

    /// <summary>实际完成值: a measured number (or words) of a self-evaluation.</summary>
    Actual,
}

/// <summary>What is wrong with a value cell as typed; several may hold at once.</summary>
[Flags]
public enum ValueProblem
{
    None = 0,

    /// <summary>Something is typed but holds no number and no word (<c>≥</c>, <c>%</c>): not readable.</summary>
    NoNumber = 1,

    /// <summary>Digits the grammar cannot read as one value: a range (<c>90-95%</c>) or a malformed number (<c>1.2.3</c>): not readable.</summary>
    NotOneValue = 2,

    /// <summary>Numbers inside words (<c>覆盖率95%、完好率98%</c>): read as text, so the numbers count for nothing.</summary>
    NumbersInWords = 4,

    /// <summary>A target number without a unit (<c>≥50</c>): nothing says what is counted.</summary>
    NoUnit = 8,

    /// <summary>A target number without an operator (<c>103台</c>): read as = (rules.md Q3), which a larger actual also meets.</summary>
    NoOperator = 16,
}

/// <summary>
/// One value cell of an indicator as typed (年度指标值 or 实际完成值), read by the target grammar
/// (<see cref="TargetParser"/>): what was read (operator, number, unit — or words) and, when something is wrong, a
/// message in Chinese and English naming it. The cell's findings from the checks are in
/// <see cref="LiveEvaluation.FindingsAt(string)"/> under <see cref="Field"/>.
/// </summary>
/// <param name="Field">The cell's field path, e.g. <c>indicators[3].target</c> (<see cref="Fields"/>).</param>
/// <param name="Column">Target or actual.</param>
/// <param name="Value">What the grammar read (the same instance the scorer scored).</param>
/// <param name="Problems">What is wrong; <see cref="ValueProblem.None"/> for an empty or well-formed cell.</param>
/// <param name="MessageZh">The problems in Chinese, or null.</param>
/// <param name="MessageEn">The problems in English, or null.</param>
public sealed record ValueCell(string Field, ValueColumn Column, TargetValue Value, ValueProblem Problems, string? MessageZh, string? MessageEn)
{
    /// <summary>Nothing typed yet (or only a placeholder such as <c>—</c>).</summary>
    public bool IsEmpty => Value.Kind == TargetValueKind.Empty;

    /// <summary>
    /// True when the grammar read the cell: a number (<see cref="TargetValueKind.Quantitative"/>), a change
    /// (<see cref="TargetValueKind.Growth"/>) or words (<see cref="TargetValueKind.Qualitative"/>). False when empty or
    /// unreadable.
    /// </summary>
    public bool IsRead => Value.Kind is TargetValueKind.Quantitative or TargetValueKind.Growth or TargetValueKind.Qualitative;

    /// <summary>True when the cell was read as a number with an operator and a unit, i.e. quantitative or a change.</summary>
    public bool IsNumeric => Value.IsNumeric;

    /// <summary>The comparison read (None when not printed or not numeric).</summary>
    public ComparisonOperator Operator => Value.Operator;

    /// <summary>The number read, or null.</summary>
    public decimal? Number => Value.Number;

    /// <summary>The unit read, normalised (<c>%</c> for percentages), or null.</summary>
    public string? Unit => Value.IsPercent ? "%" : Value.Unit;

    /// <summary>True when nothing is wrong.</summary>
    public bool IsOk => Problems == ValueProblem.None;

    /// <summary>Reads one cell typed into <paramref name="column"/> at <paramref name="field"/> (for a single keystroke, without the rest of the form).</summary>
    public static ValueCell Read(string? text, ValueColumn column, string field) => Of(TargetParser.Parse(text), column, field);

    /// <summary>The cell of a value the scorer has already read.</summary>
    public static ValueCell Of(TargetValue value, ValueColumn column, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problems = ProblemsOf(value, column);
        if (problems == ValueProblem.None)
        {
            return new ValueCell(field, column, value, problems, null, null);
        }

        var (zh, en) = Messages(problems, column);
        return new ValueCell(field, column, value, problems, zh, en);
    }

    private static ValueProblem ProblemsOf(TargetValue value, ValueColumn column)
    {
        switch (value.Kind)
        {
            case TargetValueKind.Unreadable:
                return HasDigit(value.Raw) ? ValueProblem.NotOneValue : ValueProblem.NoNumber;
            case TargetValueKind.Qualitative:
                return value.Style == QualitativeStyle.TextWithNumbers ? ValueProblem.NumbersInWords : ValueProblem.None;
            case TargetValueKind.Quantitative or TargetValueKind.Growth when column == ValueColumn.Target:
                var problems = ValueProblem.None;
                if (!value.IsPercent && string.IsNullOrEmpty(value.Unit))
                {
                    problems |= ValueProblem.NoUnit;
                }

                if (value.Kind == TargetValueKind.Quantitative && value.Operator == ComparisonOperator.None)
                {
                    problems |= ValueProblem.NoOperator;
                }

                return problems;
            default:
                // an actual takes the target's unit when it prints none (rules.md Q10); a comparison in an actual is ACT-UNMEASURED's
                return ValueProblem.None;
        }
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Zh, string En) Messages(ValueProblem problems, ValueColumn column)
    {
        var example = column == ValueColumn.Target ? "“≥95%”“=12个”" : "“96%”“12个”";
        var exampleEn = column == ValueColumn.Target ? "≥95% or =12个" : "96% or 12个";
        var zh = new List<string>(2);
        var en = new List<string>(2);
        if ((problems & ValueProblem.NoNumber) != 0)
        {
            zh.Add(column == ValueColumn.Target
                ? $"未写数值：请写出比较符号、数值和计量单位，如{example}"
                : $"未写数值：请写出实际完成的数值和计量单位，如{example}");
            en.Add(column == ValueColumn.Target
                ? $"No number: write an operator, a number and a unit, e.g. {exampleEn}"
                : $"No number: write the value achieved with its unit, e.g. {exampleEn}");
        }

        if ((problems & ValueProblem.NotOneValue) != 0)
        {
            zh.Add($"无法读成一个数值（区间或数字格式有误）：请只写一个数值，如{example}");
            en.Add($"Cannot be read as one value (a range or a malformed number): write a single value, e.g. {exampleEn}");
        }

        if ((problems & ValueProblem.NumbersInWords) != 0)
        {
            zh.Add($"数字夹在文字中，按文字处理，数值不参与计分：请单独写出一个数值，如{example}");
            en.Add($"The numbers are inside words, so the cell is read as text and its numbers count for nothing: write the value alone, e.g. {exampleEn}");
        }

        if ((problems & ValueProblem.NoUnit) != 0)
        {
            zh.Add("缺少计量单位（如 %、个、次、万元）");
            en.Add("No unit (such as %, 个, 次, 万元)");
        }

        if ((problems & ValueProblem.NoOperator) != 0)
        {
            zh.Add("未写比较符号（≥、≤、=），按“=”理解，超过也算达到");
            en.Add("No operator (≥, ≤, =): read as =, which a larger value also meets");
        }

        return (string.Join("；", zh) + "。", string.Join("; ", en) + ".");
    }
}
